/**
 * Seeded radiology studies. Diagnostic studies come from the condition profiles' imaging findings
 * (what a disease shows on a modality, drawn with the profile's probabilities); classification
 * studies draw the features each system scores (nodule size and type, TI-RADS features, BI-RADS
 * descriptors, LI-RADS major features with a prior for threshold growth, Lung-RADS size and
 * change, calcified coronary lesions, CT dose series). Every ground truth is computed by the rule
 * functions of classification.ts from the values the tools will show (measurements are stored to
 * 0.1 mm, exactly as displayed), so the answer follows from the case.
 */
import type { Condition } from "../../src/clinical/conditions/index.js";
import { generatePatient } from "../../src/clinical/patients/index.js";
import { FEMALE_NAMES, MALE_NAMES, SURNAMES } from "../../src/clinical/patients/names.js";
import { createRng, type Rng } from "../../src/util/rng.js";
import {
  agatston,
  birads,
  cacCategory,
  effectiveDose,
  ellipsoidVolume,
  fleischner,
  lirads,
  lungrads,
  round1,
  tirads,
  tiradsPoints,
  volumeDoublingTime,
  type BiradsInput,
  type LiradsInput,
  type LungradsInput,
  type NoduleType,
  type TiradsInput,
} from "./classification.js";
import type { DoseSeries, Lesion, PriorStudy, RadModality, RadPatient, Study, StudyKind } from "./data-model.js";

export interface GeneratedStudy {
  study: Study;
  /** Ground truth: a label (diagnosis or category) or a number. */
  truth: { kind: "label"; value: string; accepted: string[] } | { kind: "number"; value: number; tolerance: number; unit: string };
  /** How the answer is graded: the report's impression, its category, or a numeric answer. */
  grade: "impression" | "category" | "number";
  critical: boolean;
  request: string;
  difficulty: "easy" | "medium" | "hard";
  meta: Record<string, unknown>;
}

const BASE_DATE = Date.UTC(2025, 0, 6);
const day = 86_400_000;
export const isoDate = (t: number) => new Date(t).toISOString().slice(0, 10);
export const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / day);

const PHYSICIANS = ["Dr. A. Moreau (emergency)", "Dr. K. Osei (internal medicine)", "Dr. L. Berg (surgery)", "Dr. S. Iyer (oncology)", "Dr. M. Novak (family medicine)", "Dr. R. Haddad (cardiology)"];

function studyDate(rng: Rng): string {
  return isoDate(BASE_DATE + rng.int(0, 300) * day);
}

function basicPatient(rng: Rng, id: string, ageRange: [number, number], sex?: "female" | "male"): RadPatient {
  const s = sex ?? (rng.chance(0.5) ? "female" : "male");
  return {
    id,
    name: `${rng.pick(s === "female" ? FEMALE_NAMES : MALE_NAMES)} ${rng.pick(SURNAMES)}`,
    age: rng.int(ageRange[0], ageRange[1]),
    sex: s,
    weightKg: Math.round(rng.normal(s === "female" ? 70 : 84, 12)),
    presentation: "",
    history: [],
    medications: [],
    allergies: rng.chance(0.1) ? ["iodinated contrast (hives)"] : [],
    riskFactors: [],
    creatinineMgDl: Math.round(Math.max(0.5, rng.normal(0.95, 0.25)) * 100) / 100,
  };
}

/** Three diameters (mm, 0.1 precision) around a mean axial diameter. */
function dimsAround(rng: Rng, mean: number): [number, number, number] {
  const spread = 0.05 + rng.next() * 0.15;
  let long = round1(mean * (1 + spread));
  let short = round1(mean * (1 - spread));
  // A mean of exactly x.5 would make "rounded to the nearest mm" depend on the rounding convention.
  if (Math.abs(((long + short) / 2) % 1) === 0.5 || Math.abs(((long + short) / 2) % 1 - 0.5) < 1e-9) long = round1(long + 0.1);
  if (short <= 0.5) short = 0.6;
  return [long, short, round1(mean * (0.9 + rng.next() * 0.2))];
}

const meanAxial = (d: readonly number[]) => (d[0]! + d[1]!) / 2;
const fmtDims = (d: readonly number[]) => `${d[0]!.toFixed(1)} x ${d[1]!.toFixed(1)} x ${d[2]!.toFixed(1)} mm`;

function ctDose(rng: Rng, doseRegion: string | undefined, series: string[]): DoseSeries[] {
  const [ctdi, length] =
    doseRegion === "head" ? [rng.int(45, 65), rng.int(14, 18)] : doseRegion === "neck" ? [rng.int(10, 18), rng.int(18, 24)] : doseRegion === "chest" ? [rng.int(6, 14), rng.int(30, 38)] : doseRegion === "abdomen_pelvis" ? [rng.int(9, 18), rng.int(40, 50)] : [rng.int(9, 16), rng.int(60, 72)];
  return series.map((name) => {
    const c = Math.round((ctdi * (0.85 + rng.next() * 0.3)) * 10) / 10;
    return { name, ctdiVolMGy: c, dlpMGyCm: Math.round(c * length * (0.95 + rng.next() * 0.1)) };
  });
}

export function doseRegionFor(region: string): string | undefined {
  if (/brain|head|skull|intracran/i.test(region)) return "head";
  if (/neck|thyroid/i.test(region)) return "neck";
  if (/chest|lung|heart|thora|coronar|aort|mediast|pulmonary|pleura/i.test(region)) return "chest";
  if (/abdom|pelvi|kidney|renal|liver|bowel|append|pancrea|gallbladder|adrenal|spleen|ureter|bladder/i.test(region)) return "abdomen_pelvis";
  return undefined;
}

function emptyStudy(kind: StudyKind, id: string, modality: RadModality, region: string, patient: RadPatient, rng: Rng): Study {
  return {
    id,
    kind,
    modality,
    region,
    protocol: "",
    contrast: "none",
    date: studyDate(rng),
    indication: "",
    orderingPhysician: rng.pick(PHYSICIANS),
    patient,
    findings: [],
    descriptors: {},
    lesions: [],
    priors: [],
    calcium: [],
    dose: [],
  };
}

// ------------------------------------------------------------------ diagnostic

const PROTOCOLS: Record<string, (region: string, rng: Rng) => { protocol: string; contrast: Study["contrast"] }> = {
  xray: (r) => ({ protocol: /chest/i.test(r) ? "PA and lateral radiographs" : `Radiographs of the ${r}, two views`, contrast: "none" }),
  ct: (r, rng) => (rng.chance(0.6) && !/head|brain/i.test(r) ? { protocol: `CT ${r} with IV contrast, portal venous phase`, contrast: "iodinated" } : { protocol: `CT ${r} without contrast`, contrast: "none" }),
  cta: (r) => ({ protocol: `CT angiography of the ${r}, arterial phase`, contrast: "iodinated" }),
  mri: (r, rng) => (rng.chance(0.5) ? { protocol: `MRI ${r} without and with gadolinium`, contrast: "gadolinium" } : { protocol: `MRI ${r} without contrast`, contrast: "none" }),
  ultrasound: (r) => ({ protocol: `Ultrasound of the ${r}, grayscale and Doppler`, contrast: "none" }),
  nuclear: (r) => ({ protocol: `Nuclear medicine study of the ${r}`, contrast: "none" }),
  fluoroscopy: (r) => ({ protocol: `Fluoroscopic study of the ${r}`, contrast: "none" }),
};

/**
 * A study of `modality` for condition `c`. `primary` is a finding that no other profile has, so
 * the diagnosis follows from the images; the profile's other findings for the modality appear with
 * their own probabilities.
 */
export function diagnosticStudy(c: Condition, modality: RadModality, primary: string, id: string, seed: number): GeneratedStudy {
  const rng = createRng(seed);
  const gp = generatePatient(c, rng.fork("patient"), { id: `MRN-${id.slice(4)}` });
  const items = c.imaging.filter((i) => i.modality === modality);
  const region = items.find((i) => i.finding === primary)!.region;
  const patient: RadPatient = {
    id: gp.id,
    name: gp.name,
    age: Math.round(gp.age),
    sex: gp.sex,
    weightKg: gp.weightKg,
    presentation: `${gp.chiefComplaint}; ${gp.symptoms.slice(0, 3).join(", ")}`,
    history: gp.history.pmh,
    medications: gp.history.medications,
    allergies: gp.allergies.map((a) => `${a.substance} (${a.reaction})`),
    riskFactors: [],
    creatinineMgDl: gp.labs.creatinine ?? Math.round(Math.max(0.5, rng.normal(0.95, 0.2)) * 100) / 100,
  };
  const s = emptyStudy("diagnostic", id, modality, region, patient, rng);
  const p = PROTOCOLS[modality]!(region, rng);
  s.protocol = p.protocol;
  s.contrast = p.contrast;
  s.indication = `${gp.chiefComplaint}; evaluate`;
  const others = items.filter((i) => i.finding !== primary && rng.chance(i.p)).map((i) => i.finding);
  s.findings = rng.shuffle([primary, ...others]);
  if (modality === "ct" || modality === "cta") {
    s.doseRegion = doseRegionFor(region);
    s.dose = ctDose(rng, s.doseRegion, s.contrast === "none" ? ["non-contrast"] : modality === "cta" ? ["arterial phase"] : ["portal venous phase"]);
  }
  return {
    study: s,
    truth: { kind: "label", value: c.name, accepted: c.synonyms },
    grade: "impression",
    critical: c.emergency,
    request: `Please report this ${p.protocol.split(",")[0]} and give the diagnosis in the impression.`,
    difficulty: others.length ? "medium" : "hard",
    meta: { condition: c.id, primaryFinding: primary },
  };
}

// ------------------------------------------------------------------ Fleischner

const HIGH_RISK_FACTORS = ["former smoker, 35 pack-years", "current smoker, 25 pack-years", "emphysema on prior imaging", "first-degree relative with lung cancer", "occupational asbestos exposure"];
const LOBES = ["right upper lobe", "right middle lobe", "right lower lobe", "left upper lobe", "lingula", "left lower lobe"];

export function fleischnerStudy(id: string, seed: number): GeneratedStudy {
  const rng = createRng(seed);
  const patient = basicPatient(rng, `MRN-${id.slice(4)}`, [38, 84]);
  const high = rng.chance(0.5);
  patient.riskFactors = high ? rng.shuffle(HIGH_RISK_FACTORS).slice(0, rng.int(1, 2)) : [];
  patient.history = high ? ["hypertension"] : ["never smoker", "hyperlipidemia"];
  const type: NoduleType = rng.weighted(["solid", "part_solid", "ground_glass"] as NoduleType[], [0.6, 0.2, 0.2]);
  const count = rng.chance(0.7) ? "single" : "multiple";
  const sizeBand = rng.pick([[3, 5.4], [6, 8.4], [8.6, 14]] as [number, number][]);
  const dims = dimsAround(rng, sizeBand[0] + rng.next() * (sizeBand[1] - sizeBand[0]));
  const solid = type === "part_solid" ? round1(Math.min(dims[1] - 0.5, 2 + rng.next() * 6)) : undefined;
  const abdomenCt = rng.chance(0.4);
  const s = emptyStudy("fleischner", id, "ct", abdomenCt ? "abdomen and pelvis" : "chest", patient, rng);
  s.protocol = abdomenCt ? "CT abdomen and pelvis with IV contrast (lung bases included)" : "CT chest with IV contrast";
  s.contrast = "iodinated";
  s.indication = abdomenCt ? "abdominal pain" : rng.pick(["persistent cough", "chest wall pain after a fall", "preoperative assessment"]);
  s.doseRegion = abdomenCt ? "abdomen_pelvis" : "chest";
  s.dose = ctDose(rng, s.doseRegion, ["portal venous phase"]);
  const lobe = rng.pick(LOBES);
  const word = type === "solid" ? "solid" : type === "part_solid" ? "part-solid" : "pure ground-glass";
  s.lesions = [{ id: "L1", location: lobe, dims, description: `${word} pulmonary nodule`, solidComponentMm: solid }];
  if (count === "multiple") {
    for (let k = 2; k <= rng.int(2, 3); k++) s.lesions.push({ id: `L${k}`, location: rng.pick(LOBES), dims: dimsAround(rng, 2.5 + rng.next() * 2), description: `${word} pulmonary nodule` });
  }
  s.findings = [
    `${count === "single" ? "Single" : "Multiple"} ${word} pulmonary nodule${count === "single" ? "" : "s"}; the largest (L1) in the ${lobe}${solid !== undefined ? ` with a ${solid.toFixed(1)} mm solid component` : ""}.`,
    "No lymphadenopathy. No pleural effusion.",
    abdomenCt ? "Abdominal organs unremarkable for the indication." : "Heart size normal.",
  ];
  s.descriptors = { nodule_type: type, count };
  const size = meanAxial(dims);
  const r = fleischner({ noduleType: type, count, sizeMm: size, risk: high ? "high" : "low", solidComponentMm: solid });
  return {
    study: s,
    truth: { kind: "label", value: r.category, accepted: [r.recommendation.split(" A solid")[0]!] },
    grade: "category",
    critical: false,
    request: "Incidental pulmonary nodule: report it with the Fleischner 2017 recommendation (give the Fleischner category code in the report).",
    difficulty: type === "solid" && count === "single" ? "easy" : "medium",
    meta: { system: "fleischner", risk: high ? "high" : "low", sizeMm: Math.round(size) },
  };
}

// ------------------------------------------------------------------ TI-RADS

export function tiradsStudy(id: string, seed: number): GeneratedStudy {
  const rng = createRng(seed);
  let f: TiradsInput;
  let pts: number;
  do {
    const composition = rng.weighted(["cystic", "spongiform", "mixed_cystic_solid", "solid"] as const, [0.08, 0.08, 0.3, 0.54]);
    const echogenicity = composition === "cystic" ? "anechoic" : rng.weighted(["hyperechoic", "isoechoic", "hypoechoic", "very_hypoechoic"] as const, [0.15, 0.3, 0.4, 0.15]);
    const foci = rng.weighted([[], ["comet_tail"], ["macrocalcifications"], ["peripheral_rim"], ["punctate"], ["macrocalcifications", "punctate"]] as TiradsInput["echogenicFoci"][], [0.45, 0.1, 0.15, 0.08, 0.17, 0.05]);
    f = {
      composition,
      echogenicity,
      shape: rng.chance(0.15) ? "taller_than_wide" : "wider_than_tall",
      margin: rng.weighted(["smooth", "ill_defined", "lobulated", "irregular", "extrathyroidal_extension"] as const, [0.45, 0.2, 0.15, 0.15, 0.05]),
      echogenicFoci: foci.length ? foci : ["none"],
      sizeCm: round1(0.4 + rng.next() * 3.4),
    };
    pts = tiradsPoints(f);
  } while (pts === 1);
  const patient = basicPatient(rng, `MRN-${id.slice(4)}`, [25, 80], rng.chance(0.75) ? "female" : "male");
  patient.history = rng.pick([["hypothyroidism"], ["palpable neck lump"], ["incidental thyroid nodule on CT"], []]);
  const s = emptyStudy("tirads", id, "ultrasound", "thyroid", patient, rng);
  s.protocol = "Ultrasound of the thyroid and neck";
  s.indication = rng.pick(["thyroid nodule found on CT", "palpable thyroid nodule", "goitre"]);
  const lobe = rng.pick(["right lobe", "left lobe", "isthmus"]);
  const mm = f.sizeCm * 10;
  const dims: [number, number, number] = [round1(mm), round1(mm * (0.6 + rng.next() * 0.3)), round1(mm * (0.5 + rng.next() * 0.3))];
  s.lesions = [{ id: "N1", location: `thyroid ${lobe}`, dims, description: "thyroid nodule" }];
  s.descriptors = { composition: f.composition, echogenicity: f.echogenicity, shape: f.shape, margin: f.margin, echogenic_foci: f.echogenicFoci.join(", ") };
  s.findings = [
    `Nodule N1 in the ${lobe}: composition ${f.composition.replace(/_/g, " ")}, ${f.echogenicity.replace(/_/g, " ")}, ${f.shape.replace(/_/g, "-")}, margin ${f.margin.replace(/_/g, " ")}, echogenic foci: ${f.echogenicFoci.map((x) => x.replace(/_/g, " ")).join(" and ")}.`,
    "Remaining thyroid parenchyma homogeneous. No suspicious cervical lymph nodes.",
  ];
  const r = tirads(f);
  return {
    study: s,
    truth: { kind: "label", value: r.category, accepted: [`ACR ${r.category}`, `TI-RADS ${r.category.slice(2)}`, `TI-RADS ${r.category}`] },
    grade: "category",
    critical: false,
    request: "Thyroid ultrasound: report the nodule with its ACR TI-RADS level (TR1-TR5) and the FNA/follow-up recommendation.",
    difficulty: "medium",
    meta: { system: "ti_rads", points: pts, recommendation: r.recommendation },
  };
}

// ------------------------------------------------------------------ BI-RADS

export function biradsStudy(id: string, seed: number): GeneratedStudy {
  const rng = createRng(seed);
  const finding = rng.weighted(["none", "benign", "mass", "calcifications", "asymmetry_incomplete", "known_cancer"] as BiradsInput["finding"][], [0.08, 0.14, 0.4, 0.26, 0.06, 0.06]);
  const input: BiradsInput = { finding };
  const patient = basicPatient(rng, `MRN-${id.slice(4)}`, [40, 79], "female");
  const side = rng.pick(["right", "left"]);
  const clock = `${rng.int(1, 12)} o'clock`;
  const s = emptyStudy("birads", id, "mammography", "breast", patient, rng);
  s.protocol = finding === "asymmetry_incomplete" || finding === "none" ? "Screening digital mammography, CC and MLO views" : "Diagnostic mammography with targeted ultrasound";
  s.indication = finding === "known_cancer" ? "extent of disease, biopsy-proven cancer" : finding === "none" || finding === "asymmetry_incomplete" ? "screening" : "palpable lump or screening recall";
  const composition = rng.pick(["almost entirely fatty", "scattered fibroglandular density", "heterogeneously dense", "extremely dense"]);
  s.findings = [`Breast composition: ${composition}.`];
  if (finding === "none") s.findings.push("No mass, suspicious calcification or architectural distortion in either breast.");
  if (finding === "benign") s.findings.push(rng.pick([`${side} breast ${clock}: simple cyst, anechoic with posterior enhancement and thin wall`, `${side} breast: intramammary lymph node with fatty hilum`, `${side} breast: coarse popcorn-like calcifications of an involuting fibroadenoma`]));
  if (finding === "mass") {
    input.massShape = rng.weighted(["oval", "round", "irregular"] as const, [0.4, 0.2, 0.4]);
    input.massMargin = rng.weighted(["circumscribed", "obscured", "microlobulated", "indistinct", "spiculated"] as const, [0.35, 0.1, 0.15, 0.2, 0.2]);
    const d = dimsAround(rng, 6 + rng.next() * 20);
    s.lesions = [{ id: "M1", location: `${side} breast ${clock}`, dims: d, description: "breast mass" }];
    s.findings.push(`${side} breast ${clock}: ${input.massShape} mass with ${input.massMargin} margin (M1).`);
  }
  if (finding === "calcifications") {
    input.calcMorphology = rng.weighted(["punctate", "amorphous", "coarse_heterogeneous", "fine_pleomorphic", "fine_linear_branching"] as const, [0.25, 0.2, 0.15, 0.25, 0.15]);
    s.findings.push(`${side} breast ${clock}: grouped ${input.calcMorphology.replace(/_/g, " ")} calcifications spanning ${rng.int(4, 18)} mm.`);
  }
  if (finding === "asymmetry_incomplete") s.findings.push(`${side} breast: focal asymmetry seen on the MLO view only; needs additional views.`);
  if (finding === "known_cancer") s.findings.push(`${side} breast ${clock}: irregular mass with biopsy clip, biopsy-proven invasive ductal carcinoma; no additional lesion.`);
  s.descriptors = Object.fromEntries(Object.entries({ finding, mass_shape: input.massShape, mass_margin: input.massMargin, calc_morphology: input.calcMorphology }).filter(([, v]) => v !== undefined)) as Record<string, string>;
  const r = birads(input);
  const n = r.category.replace("BI-RADS ", "");
  return {
    study: s,
    truth: { kind: "label", value: r.category, accepted: [`BI-RADS category ${n}`, `category ${n}`, `BIRADS ${n}`] },
    grade: "category",
    critical: false,
    request: "Breast imaging: report with the ACR BI-RADS assessment category and management.",
    difficulty: finding === "mass" || finding === "calcifications" ? "medium" : "easy",
    meta: { system: "bi_rads" },
  };
}

// ------------------------------------------------------------------ LI-RADS

export function liradsStudy(id: string, seed: number): GeneratedStudy {
  const rng = createRng(seed);
  const patient = basicPatient(rng, `MRN-${id.slice(4)}`, [40, 82]);
  patient.riskFactors = [rng.pick(["cirrhosis (alcohol-related)", "cirrhosis (hepatitis C)", "chronic hepatitis B", "cirrhosis (MASH)"])];
  patient.history = ["on HCC surveillance ultrasound every 6 months"];
  const mri = rng.chance(0.6);
  const s = emptyStudy("lirads", id, mri ? "mri" : "ct", "liver", patient, rng);
  s.protocol = mri ? "MRI liver, multiphase with extracellular gadolinium" : "Multiphase CT liver (arterial, portal venous, delayed)";
  s.contrast = mri ? "gadolinium" : "iodinated";
  s.indication = "observation on surveillance ultrasound";
  if (!mri) {
    s.doseRegion = "abdomen_pelvis";
    s.dose = ctDose(rng, "abdomen_pelvis", ["arterial phase", "portal venous phase", "delayed phase"]);
  }
  const input: LiradsInput = {
    sizeMm: 0,
    aphe: rng.weighted(["none", "nonrim", "rim"] as const, [0.3, 0.62, 0.08]),
    washout: rng.chance(0.45),
    capsule: rng.chance(0.35),
    thresholdGrowth: false,
    tumorInVein: rng.chance(0.05),
  };
  const dims = dimsAround(rng, 7 + rng.next() * 33);
  input.sizeMm = dims[0];
  const segment = `segment ${rng.pick(["II", "III", "IVa", "V", "VI", "VII", "VIII"])}`;
  s.lesions = [{ id: "O1", location: segment, dims, description: "hepatic observation" }];
  if (rng.chance(0.6)) {
    // Growth is kept clear of the 50% threshold and the interval clear of 6 months.
    const grew = rng.chance(0.5);
    const factor = grew ? 1.6 + rng.next() * 0.6 : 1 + rng.next() * 0.3;
    const interval = rng.chance(0.7) ? rng.int(80, 160) : rng.int(220, 330);
    const priorDims: [number, number, number] = [round1(dims[0] / factor), round1(dims[1] / factor), round1(dims[2] / factor)];
    const prior: PriorStudy = {
      id: `${id}-P1`,
      date: isoDate(Date.parse(s.date) - interval * day),
      modality: s.modality,
      region: "liver",
      report: `Observation in ${segment} measuring ${priorDims[0].toFixed(1)} mm (O1).`,
      lesions: [{ id: "O1", location: segment, dims: priorDims, description: "hepatic observation" }],
    };
    s.priors = [prior];
    const growth = (dims[0] - priorDims[0]) / priorDims[0];
    input.thresholdGrowth = growth >= 0.5 && interval <= 183;
  }
  s.descriptors = {
    arterial_phase: input.aphe === "none" ? "no arterial phase hyperenhancement" : input.aphe === "rim" ? "rim arterial phase hyperenhancement" : "nonrim arterial phase hyperenhancement",
    washout: input.washout ? "nonperipheral washout" : "no washout",
    capsule: input.capsule ? "enhancing capsule" : "no capsule",
    tumor_in_vein: input.tumorInVein ? "enhancing soft tissue in the portal vein" : "veins patent",
  };
  s.findings = [`Cirrhotic liver morphology.`, `Observation O1 in ${segment}: ${Object.values(s.descriptors).join("; ")}.`, "No ascites."];
  const r = lirads(input);
  return {
    study: s,
    truth: { kind: "label", value: r.category, accepted: [r.category.replace("-", " "), r.category.replace("LR-", "LI-RADS ")] },
    grade: "category",
    critical: false,
    request: "Liver observation in an at-risk patient: report with the LI-RADS v2018 category (compare with any prior for threshold growth).",
    difficulty: s.priors.length ? "hard" : "medium",
    meta: { system: "li_rads", thresholdGrowth: input.thresholdGrowth },
  };
}

// ------------------------------------------------------------------ Lung-RADS

export function lungradsStudy(id: string, seed: number): GeneratedStudy {
  const rng = createRng(seed);
  const patient = basicPatient(rng, `MRN-${id.slice(4)}`, [50, 80]);
  patient.riskFactors = [`${rng.pick(["current", "former"])} smoker, ${rng.int(20, 60)} pack-years`];
  const baseline = rng.chance(0.6);
  const type: NoduleType = baseline ? rng.weighted(["solid", "part_solid", "ground_glass"] as NoduleType[], [0.6, 0.2, 0.2]) : "solid";
  const s = emptyStudy("lungrads", id, "ct", "chest", patient, rng);
  s.protocol = "Low-dose CT chest for lung cancer screening";
  s.indication = baseline ? "lung cancer screening, baseline" : "lung cancer screening, annual";
  s.doseRegion = "chest";
  s.dose = ctDose(rng, "chest", ["low-dose"]).map((d) => ({ ...d, ctdiVolMGy: round1(d.ctdiVolMGy / 4), dlpMGyCm: Math.round(d.dlpMGyCm / 4) }));
  const mean = type === "ground_glass" ? 8 + rng.next() * 35 : 2.5 + rng.next() * 19;
  const dims = dimsAround(rng, mean);
  const size = round1(meanAxial(dims));
  const solid = type === "part_solid" ? round1(Math.min(size - 0.5, 1.5 + rng.next() * 10)) : undefined;
  const lobe = rng.pick(LOBES);
  const word = type === "solid" ? "solid" : type === "part_solid" ? "part-solid" : "ground-glass";
  s.lesions = [{ id: "L1", location: lobe, dims, description: `${word} nodule`, solidComponentMm: solid }];
  const input: LungradsInput = { exam: baseline ? "baseline" : "follow_up", noduleType: type, sizeMm: size, solidComponentMm: solid };
  if (!baseline) {
    const change = rng.chance(0.5) ? "new" : "growing";
    input.change = change;
    const prior: PriorStudy = { id: `${id}-P1`, date: isoDate(Date.parse(s.date) - rng.int(340, 390) * day), modality: "ct", region: "chest", report: "", lesions: [] };
    if (change === "new") prior.report = `No nodule in the ${lobe}. Lung-RADS 1.`;
    else {
      const pd: [number, number, number] = [round1(dims[0] - 2 - rng.next() * 3), round1(dims[1] - 2 - rng.next() * 3), round1(dims[2] - 2)];
      if (pd[1] < 1) pd[1] = 1;
      if (pd[0] < pd[1]) pd[0] = pd[1];
      prior.lesions = [{ id: "L1", location: lobe, dims: pd, description: "solid nodule" }];
      prior.report = `Solid nodule in the ${lobe} (L1), ${pd[0].toFixed(1)} x ${pd[1].toFixed(1)} mm.`;
    }
    s.priors = [prior];
  }
  s.findings = [`${word[0]!.toUpperCase()}${word.slice(1)} nodule L1 in the ${lobe}${solid !== undefined ? ` with a ${solid.toFixed(1)} mm solid component` : ""}.`, "Mild centrilobular emphysema. No lymphadenopathy."];
  s.descriptors = { nodule_type: type };
  const r = lungrads(input);
  const n = r.category.replace("Lung-RADS ", "");
  return {
    study: s,
    truth: { kind: "label", value: r.category, accepted: [`Lung-RADS category ${n}`, `LungRADS ${n}`, `category ${n}`] },
    grade: "category",
    critical: false,
    request: "Lung cancer screening CT: report with the Lung-RADS v2022 category and management.",
    difficulty: baseline ? "easy" : "medium",
    meta: { system: "lung_rads", sizeMm: size },
  };
}

// ------------------------------------------------------------------ coronary calcium

const ARTERIES = ["LM", "LAD", "LCx", "RCA"];

export function cacStudy(id: string, seed: number, numeric: boolean): GeneratedStudy {
  const rng = createRng(seed);
  const patient = basicPatient(rng, `MRN-${id.slice(4)}`, [40, 76]);
  patient.riskFactors = rng.shuffle(["hypertension", "hyperlipidemia", "family history of premature CAD", "former smoker"]).slice(0, rng.int(0, 3));
  const s = emptyStudy("cac", id, "ct", "coronary arteries", patient, rng);
  s.protocol = "Non-contrast ECG-gated CT for coronary calcium scoring";
  s.indication = "coronary risk assessment, intermediate 10-year risk";
  s.doseRegion = "chest";
  s.dose = [{ name: "calcium score", ctdiVolMGy: round1(2 + rng.next() * 3), dlpMGyCm: rng.int(30, 70) }];
  const burden = rng.weighted([0, 1, 2, 3, 4], [0.12, 0.18, 0.25, 0.25, 0.2]);
  const n = burden === 0 ? 0 : rng.int(burden, burden * 3);
  s.calcium = Array.from({ length: n }, () => ({
    artery: rng.weighted(ARTERIES, [0.1, 0.45, 0.2, 0.25]),
    areaMm2: rng.chance(0.08) ? round1(0.3 + rng.next() * 0.6) : round1(1 + rng.next() * (burden * 12)),
    peakHu: rng.chance(0.05) ? rng.int(100, 129) : rng.int(130, 130 + burden * 150),
  }));
  s.findings = [n === 0 ? "No coronary artery calcification." : `${n} calcified coronary focus/foci (see lesion table).`, "Visualized lungs clear. Heart size normal."];
  const a = agatston(s.calcium);
  const cat = cacCategory(a.total);
  if (numeric) {
    return {
      study: s,
      truth: { kind: "number", value: a.total, tolerance: Math.max(0.5, a.total * 0.005), unit: "Agatston units" },
      grade: "number",
      critical: false,
      request: "Calcium-scoring CT: what is the total Agatston score? Answer with the number (submit_answer).",
      difficulty: "medium",
      meta: { system: "cac", score: a.total },
    };
  }
  return {
    study: s,
    truth: { kind: "label", value: cat.category, accepted: [cat.category.replace(/ \(.*\)$/, "")] },
    grade: "category",
    critical: false,
    request: "Calcium-scoring CT: report with the Agatston score and its category.",
    difficulty: "medium",
    meta: { system: "cac", score: a.total },
  };
}

// ------------------------------------------------------------------ dose

const DOSE_EXAMS: { region: string; doseRegion: string; protocol: string; series: string[][] }[] = [
  { region: "head", doseRegion: "head", protocol: "CT head without contrast", series: [["non-contrast"]] },
  { region: "neck", doseRegion: "neck", protocol: "CT neck with contrast", series: [["portal venous phase"], ["non-contrast", "post-contrast"]] },
  { region: "chest", doseRegion: "chest", protocol: "CT chest with contrast", series: [["post-contrast"], ["non-contrast", "post-contrast"]] },
  { region: "abdomen and pelvis", doseRegion: "abdomen_pelvis", protocol: "CT abdomen and pelvis", series: [["portal venous phase"], ["non-contrast", "portal venous phase"], ["arterial phase", "portal venous phase", "delayed phase"]] },
  { region: "chest, abdomen and pelvis", doseRegion: "chest_abdomen_pelvis", protocol: "CT chest, abdomen and pelvis with contrast", series: [["portal venous phase"], ["arterial phase (chest)", "portal venous phase"]] },
];

export function doseStudy(id: string, seed: number): GeneratedStudy {
  const rng = createRng(seed);
  const exam = rng.pick(DOSE_EXAMS);
  const patient = basicPatient(rng, `MRN-${id.slice(4)}`, [20, 85]);
  const s = emptyStudy("dose", id, "ct", exam.region, patient, rng);
  s.protocol = exam.protocol;
  s.contrast = /contrast|phase/.test(exam.series.join(" ")) && exam.doseRegion !== "head" ? "iodinated" : "none";
  s.indication = "dose audit";
  s.doseRegion = exam.doseRegion;
  s.dose = ctDose(rng, exam.doseRegion, rng.pick(exam.series));
  s.findings = ["See clinical report; this request concerns the radiation dose only."];
  const total = s.dose.reduce((a, d) => a + d.dlpMGyCm, 0);
  const e = Math.round(effectiveDose(total, exam.doseRegion) * 100) / 100;
  return {
    study: s,
    truth: { kind: "number", value: e, tolerance: Math.max(0.05, e * 0.02), unit: "mSv" },
    grade: "number",
    critical: false,
    request: "Dose audit: estimate the effective dose of this CT examination in mSv (all series). Answer with the number (submit_answer).",
    difficulty: s.dose.length > 1 ? "medium" : "easy",
    meta: { system: "dose", totalDlp: total },
  };
}

// ------------------------------------------------------------------ nodule growth

export function growthStudy(id: string, seed: number): GeneratedStudy {
  const rng = createRng(seed);
  const patient = basicPatient(rng, `MRN-${id.slice(4)}`, [45, 85]);
  patient.riskFactors = rng.chance(0.6) ? ["former smoker, 30 pack-years"] : [];
  const s = emptyStudy("growth", id, "ct", "chest", patient, rng);
  s.protocol = "CT chest without contrast, nodule follow-up";
  s.indication = "follow-up of a solid pulmonary nodule";
  s.doseRegion = "chest";
  s.dose = ctDose(rng, "chest", ["non-contrast"]);
  const lobe = rng.pick(LOBES);
  const prior = dimsAround(rng, 6 + rng.next() * 10);
  const f = 1.05 + rng.next() * 0.45;
  const now: [number, number, number] = [round1(prior[0] * f), round1(prior[1] * f), round1(prior[2] * f)];
  const interval = rng.int(60, 420);
  s.lesions = [{ id: "L1", location: lobe, dims: now, description: "solid pulmonary nodule" }];
  s.priors = [
    {
      id: `${id}-P1`,
      date: isoDate(Date.parse(s.date) - interval * day),
      modality: "ct",
      region: "chest",
      report: `Solid nodule L1 in the ${lobe}, ${prior[0].toFixed(1)} x ${prior[1].toFixed(1)} x ${prior[2].toFixed(1)} mm.`,
      lesions: [{ id: "L1", location: lobe, dims: prior, description: "solid pulmonary nodule" }],
    },
  ];
  s.findings = [`Solid pulmonary nodule L1 in the ${lobe}, larger than on the prior.`, "No new nodules. No lymphadenopathy."];
  const vdt = Math.round(volumeDoublingTime(ellipsoidVolume(...prior), ellipsoidVolume(...now), interval));
  return {
    study: s,
    truth: { kind: "number", value: vdt, tolerance: Math.max(2, vdt * 0.01), unit: "days" },
    grade: "number",
    critical: false,
    request: "Nodule follow-up: what is the volume doubling time of nodule L1 in days (ellipsoid volumes)? Answer with the number (submit_answer).",
    difficulty: "hard",
    meta: { system: "growth", intervalDays: interval },
  };
}

export { fmtDims, meanAxial };
