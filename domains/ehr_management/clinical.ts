/**
 * Clinical rules the ehr_management tools and task generator share. Each is a pure function of
 * chart data, so the tools (what the agent sees) and the ground truth (what the grader expects)
 * can never disagree.
 */
import type { CodedDiagnosis, IcuOutput, IcuStay, LabEvent, MimicAdmission, MimicChart, Prescription, ProviderOrder } from "./data-model.js";
import { mimicTime, normalizeIcd } from "./sources.js";

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

// ------------------------------------------------------------------ admissions

/** Age in years at admission: MIMIC gives the age in the anchor year; dates are shifted consistently. */
export function ageAtAdmission(chart: MimicChart, a: MimicAdmission): number {
  return chart.anchorAge + (Number(a.admittime.slice(0, 4)) - chart.anchorYear);
}

export function losDays(a: MimicAdmission): number {
  return (mimicTime(a.dischtime) - mimicTime(a.admittime)) / DAY;
}

/** Calendar days between admission date and discharge date (the LACE convention). */
export function losCalendarDays(a: MimicAdmission): number {
  return Math.round((mimicTime(a.dischtime.slice(0, 10)) - mimicTime(a.admittime.slice(0, 10))) / DAY);
}

/** Admission types MIMIC uses for planned stays; every other type is an unplanned (acute) admission. */
const PLANNED_TYPES = new Set(["ELECTIVE", "SURGICAL SAME DAY ADMISSION", "AMBULATORY OBSERVATION"]);

export function isUnplanned(a: MimicAdmission): boolean {
  return !PLANNED_TYPES.has(a.admissionType);
}

/** The next admission starting within `days` of this discharge, if any. */
export function readmissionWithin(chart: MimicChart, a: MimicAdmission, days = 30): MimicAdmission | undefined {
  const end = mimicTime(a.dischtime);
  return chart.admissions.find((b) => b.hadmId !== a.hadmId && mimicTime(b.admittime) >= end && mimicTime(b.admittime) - end <= days * DAY);
}

/** Earlier admissions that came through the emergency department within `days` before this admission. */
export function priorEdVisits(chart: MimicChart, a: MimicAdmission, days = 182): MimicAdmission[] {
  const start = mimicTime(a.admittime);
  return chart.admissions.filter((b) => b.hadmId !== a.hadmId && b.edregtime !== null && mimicTime(b.edregtime) < start && start - mimicTime(b.edregtime) <= days * DAY);
}

// ------------------------------------------------------------------ LACE index

export interface LaceInput {
  losDays: number;
  unplanned: boolean;
  charlson: number;
  edVisits: number;
}

/**
 * LACE index for 30-day death or unplanned readmission (van Walraven et al., CMAJ 2010).
 * L: length of stay in days (<1: 0, 1: 1, 2: 2, 3: 3, 4-6: 4, 7-13: 5, >=14: 7);
 * A: acute (emergent) admission 3; C: Charlson comorbidity index (0: 0, 1: 1, 2: 2, 3: 3, >=4: 5);
 * E: emergency department visits in the previous 6 months (0-3 as counted, >=4: 4).
 * Example: 5 days (4) + emergent (3) + Charlson 2 (2) + 1 ED visit (1) = 10, high risk.
 */
export function lace(i: LaceInput): { score: number; parts: { L: number; A: number; C: number; E: number }; risk: "low" | "moderate" | "high" } {
  const d = Math.floor(i.losDays);
  const L = d < 1 ? 0 : d <= 3 ? d : d <= 6 ? 4 : d <= 13 ? 5 : 7;
  const A = i.unplanned ? 3 : 0;
  const C = i.charlson >= 4 ? 5 : Math.max(0, Math.floor(i.charlson));
  const E = Math.min(4, Math.max(0, Math.floor(i.edVisits)));
  const score = L + A + C + E;
  return { score, parts: { L, A, C, E }, risk: score >= 10 ? "high" : score >= 5 ? "moderate" : "low" };
}

// ------------------------------------------------------------------ Charlson (Quan 2005)

export type CharlsonCategory =
  | "myocardialInfarction"
  | "congestiveHeartFailure"
  | "peripheralVascularDisease"
  | "cerebrovascularAccidentOrTia"
  | "dementia"
  | "chronicPulmonaryDisease"
  | "connectiveTissueDisease"
  | "pepticUlcerDisease"
  | "mildLiverDisease"
  | "diabetesUncomplicated"
  | "diabetesEndOrgan"
  | "hemiplegia"
  | "renalDisease"
  | "solidTumor"
  | "leukemia"
  | "lymphoma"
  | "severeLiverDisease"
  | "metastaticSolidTumor"
  | "aids";

export const CHARLSON_LABEL: Record<CharlsonCategory, string> = {
  myocardialInfarction: "myocardial infarction",
  congestiveHeartFailure: "congestive heart failure",
  peripheralVascularDisease: "peripheral vascular disease",
  cerebrovascularAccidentOrTia: "cerebrovascular disease (CVA or TIA)",
  dementia: "dementia",
  chronicPulmonaryDisease: "chronic pulmonary disease",
  connectiveTissueDisease: "connective tissue (rheumatic) disease",
  pepticUlcerDisease: "peptic ulcer disease",
  mildLiverDisease: "mild liver disease",
  diabetesUncomplicated: "diabetes without chronic complication",
  diabetesEndOrgan: "diabetes with end-organ damage",
  hemiplegia: "hemiplegia or paraplegia",
  renalDisease: "moderate to severe renal disease",
  solidTumor: "solid tumour (localized)",
  leukemia: "leukaemia",
  lymphoma: "lymphoma or myeloma",
  severeLiverDisease: "moderate to severe liver disease",
  metastaticSolidTumor: "metastatic solid tumour",
  aids: "AIDS/HIV",
};

/** Charlson weights (1987, as in MDCalc's calculator). */
export const CHARLSON_WEIGHT: Record<CharlsonCategory, number> = {
  myocardialInfarction: 1,
  congestiveHeartFailure: 1,
  peripheralVascularDisease: 1,
  cerebrovascularAccidentOrTia: 1,
  dementia: 1,
  chronicPulmonaryDisease: 1,
  connectiveTissueDisease: 1,
  pepticUlcerDisease: 1,
  mildLiverDisease: 1,
  diabetesUncomplicated: 1,
  diabetesEndOrgan: 2,
  hemiplegia: 2,
  renalDisease: 2,
  solidTumor: 2,
  leukemia: 2,
  lymphoma: 2,
  severeLiverDisease: 3,
  metastaticSolidTumor: 6,
  aids: 6,
};

/**
 * Code lists of Quan et al., "Coding algorithms for defining comorbidities in ICD-9-CM and ICD-10
 * administrative data", Med Care 2005;43:1130-9 (enhanced ICD-9-CM and ICD-10 versions). The
 * "any malignancy" group is split into leukaemia, lymphoma/myeloma and solid tumour because the
 * calculator scores them separately (all weigh 2). Patterns: "I21" (category and below), "I25.2"
 * (subcategory and below), "I42.5-I42.9" and "I60-I69" (inclusive ranges at that length).
 */
const QUAN: Record<9 | 10, [CharlsonCategory, string[]][]> = {
  10: [
    ["myocardialInfarction", ["I21", "I22", "I25.2"]],
    ["congestiveHeartFailure", ["I09.9", "I11.0", "I13.0", "I13.2", "I25.5", "I42.0", "I42.5-I42.9", "I43", "I50", "P29.0"]],
    ["peripheralVascularDisease", ["I70", "I71", "I73.1", "I73.8", "I73.9", "I77.1", "I79.0", "I79.2", "K55.1", "K55.8", "K55.9", "Z95.8", "Z95.9"]],
    ["cerebrovascularAccidentOrTia", ["G45", "G46", "H34.0", "I60-I69"]],
    ["dementia", ["F00-F03", "F05.1", "G30", "G31.1"]],
    ["chronicPulmonaryDisease", ["I27.8", "I27.9", "J40-J47", "J60-J67", "J68.4", "J70.1", "J70.3"]],
    ["connectiveTissueDisease", ["M05", "M06", "M31.5", "M32-M34", "M35.1", "M35.3", "M36.0"]],
    ["pepticUlcerDisease", ["K25-K28"]],
    ["mildLiverDisease", ["B18", "K70.0-K70.3", "K70.9", "K71.3-K71.5", "K71.7", "K73", "K74", "K76.0", "K76.2-K76.4", "K76.8", "K76.9", "Z94.4"]],
    ["diabetesUncomplicated", ["E10.0", "E10.1", "E10.6", "E10.8", "E10.9", "E11.0", "E11.1", "E11.6", "E11.8", "E11.9", "E12.0", "E12.1", "E12.6", "E12.8", "E12.9", "E13.0", "E13.1", "E13.6", "E13.8", "E13.9", "E14.0", "E14.1", "E14.6", "E14.8", "E14.9"]],
    ["diabetesEndOrgan", ["E10.2-E10.5", "E10.7", "E11.2-E11.5", "E11.7", "E12.2-E12.5", "E12.7", "E13.2-E13.5", "E13.7", "E14.2-E14.5", "E14.7"]],
    ["hemiplegia", ["G04.1", "G11.4", "G80.1", "G80.2", "G81", "G82", "G83.0-G83.4", "G83.9"]],
    ["renalDisease", ["I12.0", "I13.1", "N03.2-N03.7", "N05.2-N05.7", "N18", "N19", "N25.0", "Z49.0-Z49.2", "Z94.0", "Z99.2"]],
    ["leukemia", ["C91-C95"]],
    ["lymphoma", ["C81-C86", "C88", "C90", "C96"]],
    ["solidTumor", ["C00-C26", "C30-C34", "C37-C41", "C43", "C4A", "C45-C58", "C60-C76", "C7A", "C97"]],
    ["severeLiverDisease", ["I85.0", "I85.9", "I86.4", "I98.2", "K70.4", "K71.1", "K72.1", "K72.9", "K76.5", "K76.6", "K76.7"]],
    ["metastaticSolidTumor", ["C77-C80", "C7B"]],
    ["aids", ["B20-B22", "B24"]],
  ],
  9: [
    ["myocardialInfarction", ["410", "412"]],
    ["congestiveHeartFailure", ["398.91", "402.01", "402.11", "402.91", "404.01", "404.03", "404.11", "404.13", "404.91", "404.93", "425.4-425.9", "428"]],
    ["peripheralVascularDisease", ["093.0", "437.3", "440", "441", "443.1-443.9", "447.1", "557.1", "557.9", "V43.4"]],
    ["cerebrovascularAccidentOrTia", ["362.34", "430-438"]],
    ["dementia", ["290", "294.1", "331.2"]],
    ["chronicPulmonaryDisease", ["416.8", "416.9", "490-505", "506.4", "508.1", "508.8"]],
    ["connectiveTissueDisease", ["446.5", "710.0-710.4", "714.0-714.2", "714.8", "725"]],
    ["pepticUlcerDisease", ["531-534"]],
    ["mildLiverDisease", ["070.22", "070.23", "070.32", "070.33", "070.44", "070.54", "070.6", "070.9", "570", "571", "573.3", "573.4", "573.8", "573.9", "V42.7"]],
    ["diabetesUncomplicated", ["250.0-250.3", "250.8", "250.9"]],
    ["diabetesEndOrgan", ["250.4-250.7"]],
    ["hemiplegia", ["334.1", "342", "343", "344.0-344.6", "344.9"]],
    ["renalDisease", ["403.01", "403.11", "403.91", "404.02", "404.03", "404.12", "404.13", "404.92", "404.93", "582", "583.0-583.7", "585", "586", "588.0", "V42.0", "V45.1", "V56"]],
    ["leukemia", ["204-208"]],
    ["lymphoma", ["200-203", "238.6"]],
    ["solidTumor", ["140-172", "174-195.8"]],
    ["severeLiverDisease", ["456.0-456.2", "572.2-572.8"]],
    ["metastaticSolidTumor", ["196-199"]],
    ["aids", ["042-044"]],
  ],
};

interface CodeRange {
  lo: string;
  hi: string;
}

const COMPILED: Record<9 | 10, [CharlsonCategory, CodeRange[]][]> = {
  9: compile(QUAN[9]),
  10: compile(QUAN[10]),
};

function compile(list: [CharlsonCategory, string[]][]): [CharlsonCategory, CodeRange[]][] {
  return list.map(([cat, pats]) => [
    cat,
    pats.map((p) => {
      const [lo, hi] = p.split("-").map(normalizeIcd);
      return { lo: lo!, hi: hi ?? lo! };
    }),
  ]);
}

/** A code matches a range when its leading characters (as many as the range's bounds have) lie within it. */
function inRange(code: string, r: CodeRange): boolean {
  const head = code.slice(0, r.lo.length);
  return head.length === r.lo.length && head >= r.lo && head <= r.hi;
}

/** Charlson categories a diagnosis code falls in (usually none or one). */
export function charlsonCategoriesOf(code: string, version: 9 | 10): CharlsonCategory[] {
  const c = normalizeIcd(code);
  return COMPILED[version].filter(([, rs]) => rs.some((r) => inRange(c, r))).map(([cat]) => cat);
}

export interface ComorbidityProfile {
  categories: Map<CharlsonCategory, CodedDiagnosis[]>;
  /** Hierarchy applied: the severe form of liver disease, diabetes or cancer replaces the mild one. */
  effective: CharlsonCategory[];
  /** Charlson comorbidity points without the age component. */
  points: number;
}

export function comorbidityProfile(diagnoses: readonly CodedDiagnosis[]): ComorbidityProfile {
  const categories = new Map<CharlsonCategory, CodedDiagnosis[]>();
  for (const d of diagnoses)
    for (const cat of charlsonCategoriesOf(d.code, d.version)) categories.set(cat, [...(categories.get(cat) ?? []), d]);
  const has = (c: CharlsonCategory) => categories.has(c);
  const effective = [...categories.keys()].filter(
    (c) =>
      !(c === "mildLiverDisease" && has("severeLiverDisease")) &&
      !(c === "diabetesUncomplicated" && has("diabetesEndOrgan")) &&
      !(c === "solidTumor" && has("metastaticSolidTumor")),
  );
  effective.sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
  return { categories, effective, points: effective.reduce((s, c) => s + CHARLSON_WEIGHT[c], 0) };
}

const ORDER = Object.keys(CHARLSON_LABEL) as CharlsonCategory[];

/** The calculate_charlson arguments that express a profile (age supplied separately). */
export function charlsonCalculatorArgs(p: ComorbidityProfile, ageYears: number): Record<string, unknown> {
  const e = new Set(p.effective);
  return {
    ageYears,
    myocardialInfarction: e.has("myocardialInfarction"),
    congestiveHeartFailure: e.has("congestiveHeartFailure"),
    peripheralVascularDisease: e.has("peripheralVascularDisease"),
    cerebrovascularAccidentOrTia: e.has("cerebrovascularAccidentOrTia"),
    dementia: e.has("dementia"),
    chronicPulmonaryDisease: e.has("chronicPulmonaryDisease"),
    connectiveTissueDisease: e.has("connectiveTissueDisease"),
    pepticUlcerDisease: e.has("pepticUlcerDisease"),
    liverDisease: e.has("severeLiverDisease") ? "moderate to severe" : e.has("mildLiverDisease") ? "mild" : "none",
    diabetes: e.has("diabetesEndOrgan") ? "end-organ damage" : e.has("diabetesUncomplicated") ? "uncomplicated" : "none or diet-controlled",
    hemiplegia: e.has("hemiplegia"),
    moderateToSevereCkd: e.has("renalDisease"),
    solidTumor: e.has("metastaticSolidTumor") ? "metastatic" : e.has("solidTumor") ? "localized" : "none",
    leukemia: e.has("leukemia"),
    lymphoma: e.has("lymphoma"),
    aids: e.has("aids"),
  };
}

/** Age points of the age-adjusted Charlson index (<50: 0, 50-59: 1, 60-69: 2, 70-79: 3, >=80: 4). */
export function charlsonAgePoints(age: number): number {
  return age >= 80 ? 4 : age >= 70 ? 3 : age >= 60 ? 2 : age >= 50 ? 1 : 0;
}

// ------------------------------------------------------------------ labs

/** Canonical names the lab tools accept, mapped to MIMIC-IV d_labitems ids (blood unless stated). */
export const LAB_ITEMS: Record<string, { itemids: number[]; label: string }> = {
  creatinine: { itemids: [50912], label: "Creatinine" },
  potassium: { itemids: [50971], label: "Potassium" },
  sodium: { itemids: [50983], label: "Sodium" },
  chloride: { itemids: [50902], label: "Chloride" },
  bicarbonate: { itemids: [50882], label: "Bicarbonate" },
  bun: { itemids: [51006], label: "Urea Nitrogen" },
  glucose: { itemids: [50931], label: "Glucose" },
  calcium: { itemids: [50893], label: "Calcium, Total" },
  magnesium: { itemids: [50960], label: "Magnesium" },
  phosphate: { itemids: [50970], label: "Phosphate" },
  anion_gap: { itemids: [50868], label: "Anion Gap" },
  lactate: { itemids: [50813], label: "Lactate" },
  hemoglobin: { itemids: [51222], label: "Hemoglobin" },
  hematocrit: { itemids: [51221], label: "Hematocrit" },
  wbc: { itemids: [51301], label: "White Blood Cells" },
  platelets: { itemids: [51265], label: "Platelet Count" },
  inr: { itemids: [51237], label: "INR(PT)" },
  pt: { itemids: [51274], label: "PT" },
  ptt: { itemids: [51275], label: "PTT" },
  total_bilirubin: { itemids: [50885], label: "Bilirubin, Total" },
  albumin: { itemids: [50862], label: "Albumin" },
  alt: { itemids: [50861], label: "Alanine Aminotransferase (ALT)" },
  ast: { itemids: [50878], label: "Asparate Aminotransferase (AST)" },
  alk_phos: { itemids: [50863], label: "Alkaline Phosphatase" },
  lipase: { itemids: [50956], label: "Lipase" },
  troponin_t: { itemids: [51003], label: "Troponin T" },
  ck: { itemids: [50910], label: "Creatine Kinase (CK)" },
  nt_probnp: { itemids: [50963], label: "NTproBNP" },
  ph: { itemids: [50820], label: "pH" },
  pco2: { itemids: [50818], label: "pCO2" },
  po2: { itemids: [50821], label: "pO2" },
  crp: { itemids: [50889], label: "C-Reactive Protein" },
  hba1c: { itemids: [50852], label: "% Hemoglobin A1c" },
  tsh: { itemids: [50993], label: "Thyroid Stimulating Hormone" },
  vancomycin_level: { itemids: [51009], label: "Vancomycin" },
};

const seriesCache = new WeakMap<MimicAdmission, Map<string, LabEvent[]>>();

/** Numeric results of one analyte in an admission, in time order (memoised: admissions are frozen). */
export function labSeries(a: MimicAdmission, analyte: string): LabEvent[] {
  const spec = LAB_ITEMS[analyte];
  if (!spec) return [];
  let byAnalyte = seriesCache.get(a);
  if (!byAnalyte) seriesCache.set(a, (byAnalyte = new Map()));
  let s = byAnalyte.get(analyte);
  if (!s) byAnalyte.set(analyte, (s = a.labs.filter((l) => spec.itemids.includes(l.itemid) && l.valuenum !== null)));
  return s;
}

export function isOutOfRange(l: LabEvent): boolean {
  if (l.valuenum === null) return false;
  if (l.refLow !== null && l.valuenum < l.refLow) return true;
  if (l.refHigh !== null && l.valuenum > l.refHigh) return true;
  return false;
}

// ------------------------------------------------------------------ KDIGO AKI

export interface KdigoResult {
  stage: 0 | 1 | 2 | 3;
  /** Time of the first measurement meeting a creatinine criterion. */
  onset: string | null;
  /** Measurement that gave the highest stage, with its reference values. */
  worst: { time: string; value: number; baseline7d: number; min48h: number } | null;
}

/**
 * KDIGO 2012 acute kidney injury by serum creatinine alone (urine output is not charted here).
 * A measurement meets the AKI definition when it is >= 0.3 mg/dL above the lowest value of the
 * previous 48 h, or >= 1.5 times the lowest value of the previous 7 days. Its stage follows the
 * ratio to that 7-day baseline: 1.5-1.9 (or the 0.3 rise alone) stage 1, 2.0-2.9 stage 2,
 * >= 3.0 or a value >= 4.0 mg/dL stage 3. The admission's stage is the worst measurement's.
 * Example: 0.9 -> 1.3 mg/dL within 24 h = stage 1; 0.8 -> 2.5 mg/dL within 5 days = stage 3.
 */
export function kdigoStage(series: readonly { time: string; value: number }[]): KdigoResult {
  const pts = series.map((s) => ({ ...s, t: mimicTime(s.time) })).sort((p, q) => p.t - q.t);
  let stage: 0 | 1 | 2 | 3 = 0;
  let onset: string | null = null;
  let worst: KdigoResult["worst"] = null;
  for (let i = 0; i < pts.length; i++) {
    const p = pts[i]!;
    const prior7 = pts.filter((q, j) => j < i && q.t < p.t && p.t - q.t <= 7 * DAY);
    const prior48 = prior7.filter((q) => p.t - q.t <= 48 * HOUR);
    if (prior7.length === 0) continue;
    const base7 = Math.min(...prior7.map((q) => q.value));
    const min48 = prior48.length ? Math.min(...prior48.map((q) => q.value)) : Infinity;
    const ratio = p.value / base7;
    const absRise = p.value - min48 >= 0.3 - 1e-9;
    if (!(absRise || ratio >= 1.5)) continue;
    const s: 1 | 2 | 3 = ratio >= 3 || p.value >= 4.0 ? 3 : ratio >= 2 ? 2 : 1;
    onset ??= p.time;
    if (s > stage) {
      stage = s;
      worst = { time: p.time, value: p.value, baseline7d: base7, min48h: Number.isFinite(min48) ? min48 : base7 };
    }
  }
  return { stage, onset, worst };
}

export const AKI_LABEL = ["no AKI", "stage 1", "stage 2", "stage 3"] as const;

// ------------------------------------------------------------------ medications

/** Systemic antibacterials (generic stems), for the antimicrobial filter and quality indicators. */
const ANTIBACTERIALS = [
  "amikacin", "amoxicillin", "ampicillin", "azithromycin", "aztreonam", "cefazolin", "cefepime", "cefpodoxime", "cefoxitin", "ceftaroline",
  "ceftazidime", "ceftriaxone", "cefuroxime", "cephalexin", "ciprofloxacin", "clarithromycin", "clindamycin", "daptomycin", "dicloxacillin",
  "doxycycline", "ertapenem", "erythromycin", "gentamicin", "imipenem", "levofloxacin", "linezolid", "meropenem", "metronidazole",
  "minocycline", "moxifloxacin", "nafcillin", "nitrofurantoin", "oxacillin", "penicillin", "piperacillin", "rifampin", "rifaximin",
  "sulfamethoxazole", "tetracycline", "tigecycline", "tobramycin", "vancomycin", "fidaxomicin", "cefdinir", "cefadroxil", "fosfomycin",
];
/** Routes that are not systemic (eye, ear, skin): an ophthalmic antibiotic is not a systemic course. */
const LOCAL_ROUTES = new Set(["TP", "BOTH EYES", "LEFT EYE", "RIGHT EYE", "OS", "OD", "OU", "LEFT EAR", "RIGHT EAR", "BOTH EARS", "NAS", "VG"]);

export function isSystemicAntibacterial(p: Prescription): boolean {
  const d = p.drug.toLowerCase();
  if (p.route && LOCAL_ROUTES.has(p.route.toUpperCase())) return false;
  // Vancomycin by mouth treats C. difficile; it is still an antibacterial course.
  if (/ophth|otic|cream|ointment|gel\b|lock|desensitization|flush/.test(d)) return false;
  return ANTIBACTERIALS.some((s) => d.includes(s));
}

/** Pharmacologic VTE prophylaxis: subcutaneous heparin or a prophylactic-route LMWH/fondaparinux. */
export function isVteProphylaxis(p: Prescription): boolean {
  const d = p.drug.toLowerCase();
  const sc = (p.route ?? "").toUpperCase() === "SC" || (p.route ?? "").toUpperCase() === "SUBCUT";
  return sc && (d.startsWith("heparin") || d.includes("enoxaparin") || d.includes("fondaparinux") || d.includes("dalteparin"));
}

export const DRUG_CLASSES: Record<string, (p: Prescription) => boolean> = {
  antibacterial: isSystemicAntibacterial,
  anticoagulant: (p) => /heparin|enoxaparin|warfarin|apixaban|rivaroxaban|dabigatran|fondaparinux|argatroban|bivalirudin/i.test(p.drug) && !/flush|lock/i.test(p.drug),
  insulin: (p) => /insulin/i.test(p.drug),
  opioid: (p) => /morphine|hydromorphone|oxycodone|fentanyl|methadone|tramadol|hydrocodone|codeine|meperidine|tapentadol/i.test(p.drug),
  electrolyte: (p) => /potassium|magnesium|calcium|phosphate|sodium bicarbonate/i.test(p.drug) && !/flush/i.test(p.drug),
  diuretic: (p) => /furosemide|torsemide|bumetanide|hydrochlorothiazide|chlorthalidone|metolazone|spironolactone|acetazolamide/i.test(p.drug),
  vasopressor: (p) => /norepinephrine|phenylephrine|vasopressin|epinephrine|dopamine|dobutamine/i.test(p.drug),
};

// ------------------------------------------------------------------ orders and nursing

/** Code status orders of an admission in time order, with a normalised label. */
export function codeStatusOrders(a: MimicAdmission): { time: string; raw: string; label: string }[] {
  return a.orders
    .filter((o) => o.orderSubtype === "Code status" && o.details["Code status"])
    .map((o) => ({ time: o.ordertime, raw: o.details["Code status"]!, label: normalizeCodeStatus(o.details["Code status"]!) }));
}

export function normalizeCodeStatus(raw: string): string {
  const r = raw.toLowerCase();
  if (r.includes("dnar")) return "DNAR";
  if (r.includes("dnr/dni") || r.includes("do not resuscitate")) return "DNR/DNI";
  if (r.includes("comfort")) return "Comfort measures only";
  if (r.includes("full code")) return "Full code";
  return raw.trim();
}

export const CODE_STATUS_ACCEPTED: Record<string, string[]> = {
  "Full code": ["full code", "full", "resuscitate", "full code attempt resuscitation"],
  "DNR/DNI": ["DNR/DNI", "DNR DNI", "do not resuscitate do not intubate", "do not resuscitate"],
  DNAR: ["DNAR", "do not attempt resuscitation", "DNR"],
};

/** Urine-collection items of icu/outputevents. */
export const URINE_ITEMS = new Set(["Foley", "Void", "OR Urine", "PACU Urine", "Straight Cath", "Condom Cath", "Suprapubic", "Ileoconduit", "R Nephrostomy", "L Nephrostomy", "Urine Out Incontinent"]);

export function isUrine(o: IcuOutput): boolean {
  return URINE_ITEMS.has(o.label);
}

/** Urine output (mL) in the first 24 h of an ICU stay. */
export function urineFirst24h(a: MimicAdmission, stay: IcuStay): number {
  const t0 = mimicTime(stay.intime);
  return a.icuOutputs.filter((o) => o.stayId === stay.stayId && isUrine(o) && mimicTime(o.charttime) >= t0 && mimicTime(o.charttime) < t0 + DAY).reduce((s, o) => s + o.valueMl, 0);
}

export function generalCareOrders(a: MimicAdmission, subtype: string): ProviderOrder[] {
  return a.orders.filter((o) => o.orderSubtype === subtype);
}

// ------------------------------------------------------------------ outpatient measurements (OMR)

export interface BpReading {
  date: string;
  sbp: number;
  dbp: number;
}

export function bpReadings(chart: MimicChart): BpReading[] {
  return chart.omr
    .filter((m) => m.name.startsWith("Blood Pressure"))
    .map((m) => {
      const [s, d] = m.value.split("/").map(Number);
      return { date: m.chartdate, sbp: s!, dbp: d! };
    })
    .filter((b) => Number.isFinite(b.sbp) && Number.isFinite(b.dbp));
}

/** ACC/AHA 2017 category of one reading; >= 180 and/or >= 120 is the hypertensive-crisis range. */
export function bpCategory(b: { sbp: number; dbp: number }): "normal" | "elevated" | "stage 1" | "stage 2" | "crisis" {
  if (b.sbp >= 180 || b.dbp >= 120) return "crisis";
  if (b.sbp >= 140 || b.dbp >= 90) return "stage 2";
  if (b.sbp >= 130 || b.dbp >= 80) return "stage 1";
  if (b.sbp >= 120) return "elevated";
  return "normal";
}

export function omrNumeric(chart: MimicChart, prefix: string): { date: string; value: number }[] {
  return chart.omr
    .filter((m) => m.name.startsWith(prefix))
    .map((m) => ({ date: m.chartdate, value: Number(m.value) }))
    .filter((m) => Number.isFinite(m.value));
}
