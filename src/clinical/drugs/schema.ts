/**
 * The shape of a drug monograph and of a pairwise interaction, as authored in
 * data/clinical/drugs/*.yaml. Monographs are deliberately compact: enough for the drug_interaction
 * tools (dosing, renal/hepatic adjustment, pregnancy, CYP450, TDM, food) and for the class-level
 * interaction rules, which read only the structured flags (QT, serotonergic, CYP, bleeding, ...).
 */
import { z } from "zod";

/** lower-case generic name in snake_case: "piperacillin_tazobactam". */
export const DRUG_ID = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

export const CYP_ENZYMES = ["1A2", "2B6", "2C8", "2C9", "2C19", "2D6", "2E1", "3A4"] as const;
export type CypEnzyme = (typeof CYP_ENZYMES)[number];

export const STRENGTHS = ["strong", "moderate", "weak"] as const;
export type Strength = (typeof STRENGTHS)[number];

export const SEVERITIES = ["contraindicated", "major", "moderate", "minor"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const BLEEDING_RISKS = ["none", "low", "moderate", "high"] as const;
export type BleedingRisk = (typeof BLEEDING_RISKS)[number];

/** Legacy FDA letters; N = no letter assigned (e.g. labels written under the 2015 PLLR). */
export const PREGNANCY_CATEGORIES = ["A", "B", "C", "D", "X", "N"] as const;
export type PregnancyCategory = (typeof PREGNANCY_CATEGORIES)[number];

export const LACTATION_SAFETY = ["compatible", "caution", "avoid"] as const;

export const ROUTES = ["PO", "IV", "IM", "SC", "SL", "INH", "PR", "PV", "IN", "TOP", "TD", "IO", "ET", "buccal"] as const;

/**
 * Allergy families used by the allergy check. Cross-reactivity between families is declared per
 * drug in `crossReactsWith`, because it is asymmetric in practice (a penicillin label matters for a
 * cephalosporin order mostly through shared side chains).
 */
export const ALLERGY_CLASSES = [
  "penicillin",
  "cephalosporin",
  "carbapenem",
  "monobactam",
  "sulfonamide",
  "sulfonamide_nonantibiotic",
  "fluoroquinolone",
  "macrolide",
  "tetracycline",
  "aminoglycoside",
  "glycopeptide",
  "nsaid",
  "opioid",
  "aromatic_anticonvulsant",
  "amide_local_anesthetic",
  "phenothiazine",
] as const;
export type AllergyClass = (typeof ALLERGY_CLASSES)[number];

const text = z.string().trim().min(1);
const pct = z.number().min(0).max(100);

export const DoseSchema = z.strictObject({
  /** Full adult dosing in words: ranges, loading doses, indication-specific regimens. */
  text: z.string().trim().min(10),
  /** The usual single dose, in `unit`. */
  amount: z.number().positive(),
  unit: text,
  route: z.enum(ROUTES),
  frequency: text,
  /** Largest total per 24 h; the unit may differ from `unit` (e.g. mg/kg doses capped in mg). */
  maxDaily: z.strictObject({ amount: z.number().positive(), unit: text }).optional(),
});
export type Dose = z.infer<typeof DoseSchema>;

export const RenalRuleSchema = z.strictObject({
  /** Applies when creatinine clearance (mL/min) is below this value. */
  crclBelow: z.number().positive().max(150),
  adjustment: text,
  /** Multiplier on the usual daily dose, when the adjustment is a simple fraction. */
  factor: z.number().positive().max(1).optional(),
  avoid: z.boolean().optional(),
});
export type RenalRule = z.infer<typeof RenalRuleSchema>;

export const HepaticSchema = z.strictObject({
  childPughB: text.optional(),
  childPughC: text.optional(),
  avoid: z.boolean().optional(),
});
export type Hepatic = z.infer<typeof HepaticSchema>;

export const PregnancySchema = z.strictObject({ category: z.enum(PREGNANCY_CATEGORIES), note: text });
export const LactationSchema = z.strictObject({ safety: z.enum(LACTATION_SAFETY), note: text });

export const CypSchema = z.strictObject({
  substrateOf: z.array(
    z.strictObject({
      enzyme: z.enum(CYP_ENZYMES),
      /** FDA "sensitive substrate" (or a narrow-margin drug handled as one): exposure rises >= 5-fold with a strong inhibitor. */
      sensitive: z.boolean().optional(),
      /** The drug is a prodrug activated by this enzyme, so inhibition lowers efficacy instead of raising exposure. */
      prodrug: z.boolean().optional(),
    }),
  ),
  inhibits: z.array(z.strictObject({ enzyme: z.enum(CYP_ENZYMES), strength: z.enum(STRENGTHS) })),
  induces: z.array(z.strictObject({ enzyme: z.enum(CYP_ENZYMES), strength: z.enum(STRENGTHS) })),
});
export type Cyp = z.infer<typeof CypSchema>;

export const MonitoringSchema = z.strictObject({
  parameter: text,
  /** Therapeutic drug monitoring or treatment target, numeric so a tool can compare a level. */
  range: z
    .strictObject({ low: z.number().nonnegative(), high: z.number().positive(), unit: z.string() })
    .refine((r) => r.low < r.high, { message: "range.low must be below range.high" })
    .optional(),
  timing: text.optional(),
  note: text.optional(),
});
export type Monitoring = z.infer<typeof MonitoringSchema>;

export const PharmacokineticsSchema = z.strictObject({
  /**
   * Typical adult elimination half-life in hours (normal organ function); null where a half-life
   * has no clinical meaning (electrolytes, dextrose, non-absorbed or saturable-kinetics agents).
   */
  halfLifeH: z.number().positive().nullable(),
  /** Oral bioavailability, percent. */
  bioavailability: pct.optional(),
  /** Plasma protein binding, percent. */
  proteinBinding: pct.optional(),
  elimination: text,
});

export const DrugSchema = z.strictObject({
  id: z.string().regex(DRUG_ID, "lower-case generic name in snake_case"),
  name: text,
  /** Other names a user or a condition profile may use: abbreviations, salts, INN spellings. */
  aliases: z.array(text).optional(),
  brandExamples: z.array(text),
  class: text,
  indications: z.array(text).min(1),
  adultDose: DoseSchema,
  renal: z.array(RenalRuleSchema),
  hepatic: HepaticSchema,
  pregnancy: PregnancySchema,
  lactation: LactationSchema,
  cyp450: CypSchema,
  qtProlonging: z.boolean(),
  serotonergic: z.boolean(),
  /** Irreversible or reversible MAO inhibition (MAOIs, linezolid, methylene blue): turns serotonergic pairs into contraindications. */
  maoInhibitor: z.boolean().optional(),
  /** Sedation / respiratory depression that adds up with other CNS depressants. */
  cnsDepressant: z.boolean().optional(),
  /** Raises serum potassium (RAAS blockade, K-sparing diuretics, potassium salts, trimethoprim, ...). */
  raisesPotassium: z.boolean().optional(),
  nephrotoxic: z.boolean(),
  bleedingRisk: z.enum(BLEEDING_RISKS),
  contraindications: z.array(text).min(1),
  allergyClass: z.enum(ALLERGY_CLASSES).optional(),
  crossReactsWith: z.array(z.enum(ALLERGY_CLASSES)).optional(),
  monitoring: z.array(MonitoringSchema).min(1),
  pharmacokinetics: PharmacokineticsSchema,
  foodInteractions: z.array(text),
});
export type Drug = z.infer<typeof DrugSchema>;

export const DrugFileSchema = z.strictObject({
  /** Human label of the file's group ("Cardiovascular"). */
  group: text,
  drugs: z.array(z.unknown()).min(1),
});

export const INTERACTION_KINDS = ["pharmacokinetic", "pharmacodynamic", "mixed"] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

export const InteractionSchema = z
  .strictObject({
    a: z.string().regex(DRUG_ID),
    b: z.string().regex(DRUG_ID),
    severity: z.enum(SEVERITIES),
    kind: z.enum(INTERACTION_KINDS),
    mechanism: text,
    effect: text,
    management: text,
  })
  .refine((i) => i.a !== i.b, { message: "an interaction needs two different drugs" });
export type Interaction = z.infer<typeof InteractionSchema>;

export const InteractionFileSchema = z.strictObject({ interactions: z.array(z.unknown()).min(1) });
