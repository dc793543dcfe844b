/**
 * The shape of a condition profile: everything a seeded patient generator needs to make a
 * clinically consistent patient (who gets the disease, what they say, what the exam, vitals, labs
 * and imaging show) and everything a grader needs to judge an answer (names and synonyms, ICD-10,
 * key findings, differential, first-line management, what must not be given).
 *
 * The YAML files under data/clinical/conditions/ hold one specialty each; the specialty is written
 * once at the top of the file and copied into every profile by the loader.
 */
import { z } from "zod";

export const MEDGYM_DOMAINS = [
  "clinical_diagnosis",
  "drug_interaction",
  "ehr_management",
  "medical_qa",
  "triage_emergency",
  "psychiatry",
  "obstetrics",
  "radiology_report",
  "visual_diagnosis",
  "cross_domain",
] as const;
export type MedGymDomain = (typeof MEDGYM_DOMAINS)[number];

export const SPECIALTIES = [
  "cardiology",
  "pulmonology",
  "gastroenterology",
  "nephrology_urology",
  "endocrinology",
  "infectious_disease",
  "neurology",
  "hematology_oncology",
  "rheumatology",
  "dermatology",
  "psychiatry",
  "obstetrics_gynecology",
  "emergency_medicine",
  "pediatrics",
] as const;
export type Specialty = (typeof SPECIALTIES)[number];

/** The multi-phase patient pathways of the cross_domain environment. */
export const PATHWAYS = [
  "acute_chest_pain",
  "dka",
  "stroke_code",
  "sepsis_bundle",
  "postop_pe",
  "pediatric_kawasaki",
] as const;
export type Pathway = (typeof PATHWAYS)[number];

/**
 * Analyte keys and units of the shared lab catalogue (data/clinical/labs.yaml). Profiles must use
 * these units so a generated value can be compared with the catalogue's reference range as is.
 */
export const ANALYTE_UNITS = {
  wbc: "10^9/L",
  hemoglobin: "g/dL",
  platelets: "10^9/L",
  sodium: "mmol/L",
  potassium: "mmol/L",
  chloride: "mmol/L",
  bicarbonate: "mmol/L",
  bun: "mg/dL",
  creatinine: "mg/dL",
  glucose: "mg/dL",
  calcium: "mg/dL",
  albumin: "g/dL",
  total_bilirubin: "mg/dL",
  ast: "U/L",
  alt: "U/L",
  alk_phos: "U/L",
  lipase: "U/L",
  troponin_i: "ng/mL",
  bnp: "pg/mL",
  lactate: "mmol/L",
  crp: "mg/L",
  procalcitonin: "ng/mL",
  d_dimer: "µg/mL FEU",
  inr: "ratio",
  ptt: "s",
  tsh: "mIU/L",
  free_t4: "ng/dL",
  hba1c: "%",
  ph: "arterial pH",
  pco2: "mmHg",
  po2: "mmHg",
  ketones_beta_hydroxybutyrate: "mmol/L",
  ammonia: "µmol/L",
  ck: "U/L",
  esr: "mm/h",
  ferritin: "ng/mL",
  urine_hcg: "qualitative (0/1)",
  serum_hcg: "mIU/mL",
  magnesium: "mg/dL",
  phosphate: "mg/dL",
  uric_acid: "mg/dL",
  ldh: "U/L",
  fibrinogen: "mg/dL",
  urinalysis_leukocyte_esterase: "qualitative (0/1)",
  urinalysis_nitrite: "qualitative (0/1)",
  csf_wbc: "cells/µL",
} as const;
export type AnalyteKey = keyof typeof ANALYTE_UNITS;
export const ANALYTE_KEYS = Object.keys(ANALYTE_UNITS) as [AnalyteKey, ...AnalyteKey[]];

/**
 * Qualitative analytes: `mean` is the probability that the test is positive and `sd` is 0, so a
 * generator should draw them as Bernoulli(mean), not from a normal distribution.
 */
export const BINARY_ANALYTES: ReadonlySet<AnalyteKey> = new Set<AnalyteKey>([
  "urine_hcg",
  "urinalysis_leukocyte_esterase",
  "urinalysis_nitrite",
]);

export const IMAGING_MODALITIES = [
  "xray",
  "ct",
  "cta",
  "mri",
  "ultrasound",
  "ecg",
  "echo",
  "angiography",
  "nuclear",
  "endoscopy",
  "eeg",
  "fluoroscopy",
  "clinical_photo",
  "dermoscopy",
  "fundoscopy",
  "ctg",
] as const;
export type ImagingModality = (typeof IMAGING_MODALITIES)[number];

export const DISPOSITIONS = [
  "discharge",
  "outpatient_followup",
  "observation",
  "ward",
  "telemetry",
  "step_down",
  "icu",
  "or",
  "cath_lab",
  "labor_and_delivery",
  "psychiatric_unit",
  "detox_unit",
] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

const SNAKE_ID = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
/** Dotted ICD-10-CM: a category (A00) optionally followed by a dot and 1-4 characters. */
const ICD10_DOTTED = /^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/;
/** Lower-case generic drug names, so they join with the drug catalogue by name ("piperacillin-tazobactam", "rho(d) immune globulin"). */
const DRUG_NAME = /^[a-z0-9][a-z0-9 \-/()]*[a-z0-9)]$/;

const text = z.string().trim().min(1);
const probability = z.number().min(0).max(1);

export const WeightedItemSchema = z.strictObject({ name: text, p: probability });
export type WeightedItem = z.infer<typeof WeightedItemSchema>;

export const MeanSdSchema = z
  .strictObject({ mean: z.number().finite(), sd: z.number().finite().nonnegative() })
  .describe("normal approximation; generators clamp to physiological bounds");
export type MeanSd = z.infer<typeof MeanSdSchema>;

const positiveSd = MeanSdSchema.refine((v) => v.sd > 0, { message: "sd must be > 0", path: ["sd"] });

export const VitalsSchema = z.strictObject({
  hr: positiveSd,
  sbp: positiveSd,
  dbp: positiveSd,
  rr: positiveSd,
  tempC: positiveSd,
  spo2: positiveSd,
});
export type Vitals = z.infer<typeof VitalsSchema>;

export const LabsSchema = z
  .partialRecord(z.enum(ANALYTE_KEYS), MeanSdSchema)
  .superRefine((labs, ctx) => {
    for (const [key, v] of Object.entries(labs) as [AnalyteKey, MeanSd | undefined][]) {
      if (!v) continue;
      if (BINARY_ANALYTES.has(key)) {
        if (v.mean < 0 || v.mean > 1) ctx.addIssue({ code: "custom", path: [key, "mean"], message: "qualitative analyte: mean is a probability in [0,1]" });
        if (v.sd !== 0) ctx.addIssue({ code: "custom", path: [key, "sd"], message: "qualitative analyte: sd must be 0" });
      } else {
        if (v.sd <= 0) ctx.addIssue({ code: "custom", path: [key, "sd"], message: "sd must be > 0" });
        if (v.mean < 0) ctx.addIssue({ code: "custom", path: [key, "mean"], message: "mean must be >= 0" });
      }
    }
  });
export type Labs = z.infer<typeof LabsSchema>;

export const ImagingFindingSchema = z.strictObject({
  modality: z.enum(IMAGING_MODALITIES),
  region: text,
  finding: text,
  p: probability,
});
export type ImagingFinding = z.infer<typeof ImagingFindingSchema>;

export const DemographicsSchema = z
  .strictObject({
    /** Years; fractions allowed for infants (0.1 = about five weeks). */
    ageRange: z.tuple([z.number().min(0).max(110), z.number().min(0).max(110)]),
    femaleFraction: probability,
    pregnancy: z.boolean().optional(),
    /** Gestational age in completed weeks at presentation, for antepartum conditions. */
    gestationalWeeks: z.tuple([z.number().min(3).max(43), z.number().min(3).max(43)]).optional(),
    postpartum: z.boolean().optional(),
  })
  .superRefine((d, ctx) => {
    if (d.ageRange[0] > d.ageRange[1]) ctx.addIssue({ code: "custom", path: ["ageRange"], message: "min age exceeds max age" });
    if ((d.pregnancy || d.postpartum || d.gestationalWeeks) && d.femaleFraction !== 1)
      ctx.addIssue({ code: "custom", path: ["femaleFraction"], message: "pregnancy-related profile must have femaleFraction 1" });
    if (d.gestationalWeeks && !d.pregnancy)
      ctx.addIssue({ code: "custom", path: ["gestationalWeeks"], message: "gestationalWeeks requires pregnancy: true" });
    if (d.gestationalWeeks && d.gestationalWeeks[0] > d.gestationalWeeks[1])
      ctx.addIssue({ code: "custom", path: ["gestationalWeeks"], message: "min exceeds max" });
  });
export type Demographics = z.infer<typeof DemographicsSchema>;

export const HistorySchema = z.strictObject({
  pmh: z.array(WeightedItemSchema),
  medications: z.array(WeightedItemSchema).optional(),
  social: z.array(WeightedItemSchema).optional(),
  family: z.array(WeightedItemSchema).optional(),
});
export type History = z.infer<typeof HistorySchema>;

export const ManagementSchema = z
  .strictObject({
    /** Drugs, lower-case generic names. */
    firstLine: z.array(z.string().regex(DRUG_NAME, "lower-case generic drug name")),
    /** Drugs that are wrong or harmful for this condition, lower-case generic names. */
    avoid: z.array(z.string().regex(DRUG_NAME, "lower-case generic drug name")),
    /** Non-drug first-line care: procedures, surgery, supportive measures. */
    interventions: z.array(text).optional(),
  })
  .refine((m) => m.firstLine.length > 0 || (m.interventions?.length ?? 0) > 0, {
    message: "management needs at least one first-line drug or intervention",
  });
export type Management = z.infer<typeof ManagementSchema>;

export const ContraindicationSchema = z.strictObject({
  drug: z.string().regex(DRUG_NAME, "lower-case generic drug name"),
  reason: text,
});
export type Contraindication = z.infer<typeof ContraindicationSchema>;

/** A profile as authored in YAML: the specialty comes from the file. */
export const AuthoredConditionSchema = z.strictObject({
  id: z.string().regex(SNAKE_ID, "snake_case id"),
  name: text,
  synonyms: z.array(text).min(1),
  icd10: z.string().regex(ICD10_DOTTED, "dotted ICD-10-CM code such as I21.4"),
  domains: z.array(z.enum(MEDGYM_DOMAINS)).min(1),
  /** cross_domain pathways this profile can drive. */
  pathways: z.array(z.enum(PATHWAYS)).optional(),
  /** Relative sampling weight inside a domain (roughly how often the condition presents; 1 = typical). */
  prevalenceWeight: z.number().positive().max(100),
  demographics: DemographicsSchema,
  chiefComplaints: z.array(text).min(1),
  symptoms: z.array(WeightedItemSchema).min(3),
  history: HistorySchema,
  exam: z.array(z.strictObject({ finding: text, p: probability })).min(2),
  vitals: VitalsSchema,
  labs: LabsSchema,
  imaging: z.array(ImagingFindingSchema),
  keyFindings: z.array(text).min(3).max(6),
  differential: z.array(z.string().regex(SNAKE_ID)).min(2),
  management: ManagementSchema,
  redFlags: z.array(text).min(1),
  disposition: z.enum(DISPOSITIONS),
  esiLevel: z.number().int().min(1).max(5),
  emergency: z.boolean(),
  contraindications: z.array(ContraindicationSchema),
});
export type AuthoredCondition = z.infer<typeof AuthoredConditionSchema>;

export const ConditionSchema = AuthoredConditionSchema.extend({ specialty: z.enum(SPECIALTIES) });
export type Condition = z.infer<typeof ConditionSchema>;

export const ConditionFileSchema = z.strictObject({
  specialty: z.enum(SPECIALTIES),
  conditions: z.array(z.unknown()).min(1),
});
