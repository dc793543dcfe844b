import { getCalculator } from "../../src/clinical/calculators/index.js";
import { loadConditions, type Condition } from "../../src/clinical/conditions/index.js";
import type { ExpectedAction, Task, TaskAnswer } from "../../src/env/index.js";
import { createRng, deriveSeed, hashString } from "../../src/util/rng.js";
import {
  AKI_LABEL,
  CODE_STATUS_ACCEPTED,
  DAY,
  HOUR,
  ageAtAdmission,
  bpCategory,
  bpReadings,
  charlsonCalculatorArgs,
  codeStatusOrders,
  comorbidityProfile,
  isOutOfRange,
  isSystemicAntibacterial,
  isUnplanned,
  isUrine,
  isVteProphylaxis,
  kdigoStage,
  labSeries,
  lace,
  losCalendarDays,
  losDays,
  omrNumeric,
  priorEdVisits,
  readmissionWithin,
  round,
  urineFirst24h,
} from "./clinical.js";
import type { MimicAdmission, MimicChart, SyntheaChart } from "./data-model.js";
import { formatIcd, icd10cm, icd9To10, mimicCharts, mimicTime, principalDiagnosis, syntheaCharts } from "./sources.js";
import { TREND_CAP } from "./tools.js";

/**
 * Tasks are questions a clinician, coder or quality reviewer asks about a real record: MIMIC-IV
 * demo admissions (coding, utilisation, lab trends, medications, scores) and Synthea FHIR patients
 * (problem list, immunizations, medications, allergies, notes). Ground truth is computed from the
 * record with the same functions the tools use. Train/test is split by patient, so no patient's
 * record appears in both splits.
 */
export const DOMAIN = "ehr_management";
const BASE_SEED = 20_250_301;
/** Questions drawn per MIMIC admission (from the families that apply to it). */
const PER_ADMISSION = 2;
const TEST_FRACTION = 0.2;

export interface EhrTaskMeta {
  family: string;
  source: "mimic" | "synthea";
  hadmId?: string;
  encounterId?: string;
  /** Question parameters the ticket states (analyte, vaccine, condition text...). */
  params?: Record<string, string | number>;
  condition?: string;
  [k: string]: unknown;
}

interface Draft {
  family: string;
  question: string;
  answer: TaskAnswer;
  actions: ExpectedAction[];
  difficulty: "easy" | "medium" | "hard";
  params?: Record<string, string | number>;
  assertion: string;
  mustMention?: string[];
  safety?: Task["evaluationCriteria"]["safety"];
  condition?: string;
}

const act = (name: string, args?: Record<string, unknown>, compare?: string[]): ExpectedAction => ({
  actionId: name,
  name,
  ...(args ? { arguments: args } : {}),
  ...(compare ? { compareArgs: compare } : {}),
});

const label = (value: string, accepted: string[] = []): TaskAnswer => ({ kind: "label", value, accepted: [...new Set(accepted.filter((a) => a !== value))] });
const num = (value: number, tolerance: number, unit?: string): TaskAnswer => ({ kind: "number", value, tolerance, ...(unit ? { unit } : {}) });

const hm = (t: string) => t.slice(0, 16);

// ------------------------------------------------------------------ MIMIC families

type MimicFamily = (c: MimicChart, a: MimicAdmission) => Draft | null;

let conditionsCache: Condition[] | null | undefined;

/** Condition profiles, or null while the library does not load (the `condition` meta is then left out). */
function conditions(): Condition[] | null {
  if (conditionsCache === undefined) {
    try {
      conditionsCache = loadConditions();
    } catch (e) {
      conditionsCache = null;
      process.emitWarning(`ehr_management: condition profiles unavailable, tasks carry no meta.condition (${(e as Error).message})`);
    }
  }
  return conditionsCache;
}

/** The condition profile a principal ICD-10-CM code belongs to: same code, subcategory, or a category only one profile uses. */
function conditionFor(code: string): string | undefined {
  const conds = conditions();
  if (!conds) return undefined;
  const exact = conds.find((x) => x.icd10.replace(".", "") === code);
  if (exact) return exact.id;
  const sub = conds.filter((x) => x.icd10.replace(".", "").slice(0, 4) === code.slice(0, 4) && code.length >= 4);
  if (sub.length === 1) return sub[0]!.id;
  const cat = conds.filter((x) => x.icd10.slice(0, 3) === code.slice(0, 3));
  return cat.length === 1 ? cat[0]!.id : undefined;
}

const principalDx: MimicFamily = (c, a) => {
  const p = principalDiagnosis(a);
  if (!p) return null;
  const codes = icd10cm();
  let targets: string[];
  if (p.version === 10) targets = codes.get(p.code)?.billable ? [p.code] : [];
  else targets = (icd9To10().get(p.code) ?? []).filter((r) => !r.noMap && codes.get(r.icd10)?.billable).map((r) => r.icd10);
  if (targets.length === 0) return null;
  const value = targets[0]!;
  const actions = [act("get_admission_diagnoses", { patient_id: c.patientId, hadm_id: a.hadmId })];
  if (p.version === 9) actions.push(act("map_icd9_to_icd10", { icd9_code: p.code }));
  actions.push(act("lookup_icd_code"), act("submit_answer", { answer: formatIcd(value, 10) }));
  return {
    family: "principal_dx",
    question: `Coding query: what is the principal diagnosis of this admission, as a billable ICD-10-CM code? Admissions coded in ICD-9-CM must be translated with the CMS general equivalence mappings. Answer with the code only (e.g. I50.23).`,
    answer: label(formatIcd(value, 10), [...targets.map((t) => formatIcd(t, 10)), ...targets]),
    actions,
    difficulty: p.version === 9 ? "medium" : "easy",
    assertion: `The principal diagnosis is ${p.title} (ICD-${p.version} ${formatIcd(p.code, p.version)}), ICD-10-CM ${targets.map((t) => formatIcd(t, 10)).join(" or ")}.`,
    mustMention: [formatIcd(value, 10)],
    condition: conditionFor(value),
  };
};

const lengthOfStay: MimicFamily = (c, a) => {
  const los = round(losDays(a), 2);
  return {
    family: "los",
    question: `Utilisation review: what was the length of stay of this admission in days, from admission time to discharge time? Answer with a number of days to 2 decimals.`,
    answer: num(los, 0.05, "days"),
    actions: [act("get_admission_info", { patient_id: c.patientId, hadm_id: a.hadmId }), act("submit_answer")],
    difficulty: "easy",
    assertion: `The stay lasted ${los} days (${hm(a.admittime)} to ${hm(a.dischtime)}).`,
  };
};

const readmission: MimicFamily = (c, a) => {
  if (a.expired) return null;
  const end = mimicTime(a.dischtime);
  const next = c.admissions.find((b) => mimicTime(b.admittime) >= end);
  // Gaps within half a day of the 30-day line are left out: the answer must not hinge on rounding.
  if (next) {
    const gap = (mimicTime(next.admittime) - end) / DAY;
    if (Math.abs(gap - 30) < 0.5) return null;
  }
  const r = readmissionWithin(c, a, 30);
  const value = r ? r.hadmId : "none";
  return {
    family: "readmission",
    question: `Utilisation review: was the patient readmitted (any admission) within 30 days after discharge from this admission? Answer with the hadm_id of the readmission, or "none".`,
    answer: r ? label(value) : label("none", ["no readmission", "not readmitted"]),
    actions: [act("get_admission_history", { patient_id: c.patientId }), act("calculate_time_interval"), act("submit_answer", { answer: value })],
    difficulty: "medium",
    assertion: r ? `Readmitted as ${r.hadmId} on ${hm(r.admittime)}, within 30 days of discharge.` : "No admission began within 30 days of discharge.",
    mustMention: [value],
  };
};

const icuLos: MimicFamily = (c, a) => {
  if (a.icuStays.length === 0 || a.icuStays.some((s) => s.losDays === null)) return null;
  const total = round(a.icuStays.reduce((s, x) => s + x.losDays!, 0), 2);
  return {
    family: "icu_los",
    question: `ICU utilisation: how many days in total did the patient spend in intensive care units during this admission? Answer with a number of days to 2 decimals.`,
    answer: num(total, 0.05, "days"),
    actions: [act("get_icu_stays", { patient_id: c.patientId, hadm_id: a.hadmId }), act("submit_answer")],
    difficulty: "easy",
    assertion: `${a.icuStays.length} ICU stay(s) totalling ${total} days.`,
  };
};

/** Creatinine results as the trend tool shows them (minute precision), for KDIGO staging. */
function creatinineSeries(a: MimicAdmission) {
  return labSeries(a, "creatinine").map((l) => ({ time: hm(l.charttime), value: l.valuenum! }));
}

const akiStage: MimicFamily = (c, a) => {
  const cr = creatinineSeries(a);
  if (cr.length < 2 || cr.length > TREND_CAP) return null;
  const r = kdigoStage(cr);
  const value = AKI_LABEL[r.stage];
  const accepted = r.stage === 0 ? ["none", "stage 0", "no acute kidney injury"] : [`KDIGO stage ${r.stage}`, `AKI stage ${r.stage}`, `KDIGO ${r.stage}`];
  const actions = [
    act("get_lab_trend", { patient_id: c.patientId, hadm_id: a.hadmId, lab: "creatinine" }, ["patient_id", "hadm_id"]),
    act("stage_aki_kdigo"),
    act("write_clinical_note", { patient_id: c.patientId, note_type: "chart_review" }),
  ];
  if (r.stage === 3) actions.push(act("request_consult", { patient_id: c.patientId, service: "nephrology" }, ["patient_id"]));
  actions.push(act("submit_answer", { answer: value }));
  return {
    family: "aki_stage",
    question: `Chart review for acute kidney injury: apply the KDIGO serum-creatinine criteria to every creatinine result of this admission and report the worst stage ("no AKI", "stage 1", "stage 2" or "stage 3"). Document your finding in a chart-review note; for stage 3, also request a nephrology consult.`,
    answer: label(value, accepted),
    actions,
    difficulty: r.stage === 0 ? "medium" : "hard",
    assertion: r.stage === 0 ? `No creatinine result meets the KDIGO criteria (${cr.length} results).` : `KDIGO ${value}: worst creatinine ${r.worst!.value} mg/dL against a 7-day baseline of ${r.worst!.baseline7d} mg/dL.`,
    mustMention: [value],
  };
};

const EXTREMES: { analyte: string; which: "max" | "min"; name: string; unit: string }[] = [
  { analyte: "lactate", which: "max", name: "highest lactate", unit: "mmol/L" },
  { analyte: "potassium", which: "max", name: "highest potassium", unit: "mEq/L" },
  { analyte: "sodium", which: "min", name: "lowest sodium", unit: "mEq/L" },
  { analyte: "hemoglobin", which: "min", name: "lowest hemoglobin", unit: "g/dL" },
  { analyte: "wbc", which: "max", name: "highest white blood cell count", unit: "K/uL" },
  { analyte: "platelets", which: "min", name: "lowest platelet count", unit: "K/uL" },
  { analyte: "troponin_t", which: "max", name: "peak troponin T", unit: "ng/mL" },
  { analyte: "glucose", which: "max", name: "highest glucose", unit: "mg/dL" },
  { analyte: "inr", which: "max", name: "highest INR", unit: "" },
  { analyte: "creatinine", which: "max", name: "peak creatinine", unit: "mg/dL" },
  { analyte: "total_bilirubin", which: "max", name: "highest total bilirubin", unit: "mg/dL" },
  { analyte: "magnesium", which: "min", name: "lowest magnesium", unit: "mg/dL" },
];

function labExtreme(seed: number): MimicFamily {
  return (c, a) => {
    const options = EXTREMES.filter((e) => labSeries(a, e.analyte).length >= 2);
    if (options.length === 0) return null;
    const e = createRng(deriveSeed(seed, a.hadmId, "extreme")).pick(options);
    const vals = labSeries(a, e.analyte).map((l) => l.valuenum!);
    const v = e.which === "max" ? Math.max(...vals) : Math.min(...vals);
    return {
      family: "lab_extreme",
      question: `Lab review: what was the ${e.name} during this admission${e.unit ? ` (${e.unit})` : ""}? Answer with the value only.`,
      answer: num(v, Math.max(1e-6, Math.abs(v) * 1e-6), e.unit || undefined),
      actions: [act("get_lab_trend", { patient_id: c.patientId, hadm_id: a.hadmId, lab: e.analyte }, ["patient_id", "hadm_id"]), act("submit_answer", { answer: String(v) })],
      difficulty: "easy",
      params: { analyte: e.analyte, which: e.which },
      assertion: `The ${e.name} was ${v}${e.unit ? ` ${e.unit}` : ""} (${vals.length} results).`,
    };
  };
}

const firstAbnormalPotassium: MimicFamily = (c, a) => {
  const k = labSeries(a, "potassium");
  if (k.length === 0) return null;
  const idx = k.findIndex(isOutOfRange);
  if (idx >= TREND_CAP) return null;
  const first = idx >= 0 ? k[idx]! : undefined;
  return {
    family: "first_abnormal_potassium",
    question: `Lab review: what was the first potassium result outside its reference range during this admission? Answer with the value (mEq/L), or "none" if every potassium was within range.`,
    answer: first ? num(first.valuenum!, 1e-6, "mEq/L") : label("none", ["no abnormal potassium", "all normal"]),
    actions: [act("get_lab_trend", { patient_id: c.patientId, hadm_id: a.hadmId, lab: "potassium" }, ["patient_id", "hadm_id"]), act("submit_answer")],
    difficulty: "easy",
    assertion: first ? `First out-of-range potassium: ${first.valuenum} mEq/L at ${hm(first.charttime)} (range ${first.refLow}-${first.refHigh}).` : `All ${k.length} potassium results were within range.`,
  };
};

const firstAntibiotic: MimicFamily = (c, a) => {
  const abx = a.prescriptions.filter((p) => isSystemicAntibacterial(p) && p.starttime && p.drugType !== "BASE");
  if (abx.length === 0) return null;
  const t = abx.map((p) => p.starttime!).sort()[0]!;
  const first = [...new Set(abx.filter((p) => p.starttime === t).map((p) => p.drug))].sort();
  return {
    family: "first_antibiotic",
    question: `Medication review: which systemic antibiotic was started first during this admission? Answer with the drug name as charted.`,
    answer: label(first[0]!, first),
    actions: [act("get_medication_orders", { patient_id: c.patientId, hadm_id: a.hadmId, drug_class: "antibacterial" }, ["patient_id", "hadm_id"]), act("submit_answer")],
    difficulty: "medium",
    assertion: `${first.join(" / ")} started first, at ${hm(t)}.`,
    mustMention: [first[0]!],
  };
};

const charlsonIndex: MimicFamily = (c, a) => {
  const profile = comorbidityProfile(a.diagnoses);
  const age = ageAtAdmission(c, a);
  const v = Number(getCalculator("charlson").compute(charlsonCalculatorArgs(profile, age)).value);
  return {
    family: "charlson",
    question: `Risk adjustment: compute the age-adjusted Charlson Comorbidity Index for this admission from its ICD-coded comorbidities (Quan 2005 coding) and the age at admission. Answer with the score.`,
    answer: num(v, 0),
    actions: [act("get_admission_info", { patient_id: c.patientId, hadm_id: a.hadmId }), act("get_comorbidity_profile", { patient_id: c.patientId, hadm_id: a.hadmId }), act("calculate_charlson"), act("submit_answer", { answer: String(v) })],
    difficulty: "hard",
    assertion: `Age ${age} and ${profile.effective.length} comorbidity categories give a Charlson index of ${v}.`,
  };
};

const laceIndex: MimicFamily = (c, a) => {
  if (a.expired) return null;
  const start = mimicTime(a.admittime);
  // Prior ED visits near the 6-month line would make the count depend on the exact cut-off.
  const near = c.admissions.some((b) => b.edregtime && b.hadmId !== a.hadmId && Math.abs((start - mimicTime(b.edregtime)) / DAY - 182) < 4);
  if (near) return null;
  const profile = comorbidityProfile(a.diagnoses);
  const ed = priorEdVisits(c, a).length;
  const r = lace({ losDays: losCalendarDays(a), unplanned: isUnplanned(a), charlson: profile.points, edVisits: ed });
  const actions = [
    act("get_admission_info", { patient_id: c.patientId, hadm_id: a.hadmId }),
    act("get_comorbidity_profile", { patient_id: c.patientId, hadm_id: a.hadmId }),
    act("get_admission_history", { patient_id: c.patientId }),
    act("calculate_readmission_risk"),
  ];
  if (r.risk === "high") actions.push(act("place_order", { patient_id: c.patientId, category: "follow_up" }), act("request_consult", { patient_id: c.patientId, service: "case management" }, ["patient_id"]));
  actions.push(act("submit_answer", { answer: String(r.score) }));
  return {
    family: "lace",
    question: `Discharge planning: compute the LACE readmission-risk index for this admission (length of stay in calendar days; acuity; Charlson comorbidity points without age; ED visits in the 182 days before admission, counted from earlier admissions with an ED registration). If the index is 10 or more, order a follow-up appointment within 7 days and request a case-management consult. Answer with the LACE score.`,
    answer: num(r.score, 0),
    actions,
    difficulty: "hard",
    assertion: `LACE ${r.score} (L ${r.parts.L}, A ${r.parts.A}, C ${r.parts.C}, E ${r.parts.E}): ${r.risk} risk.`,
  };
};

const codeStatus: MimicFamily = (c, a) => {
  const cs = codeStatusOrders(a);
  if (cs.length === 0) return null;
  const v = cs[cs.length - 1]!.label;
  return {
    family: "code_status",
    question: `What code status was in force at the end of this admission (the latest code status order)? Answer "Full code", "DNR/DNI" or "DNAR" as ordered.`,
    answer: label(v, CODE_STATUS_ACCEPTED[v] ?? []),
    actions: [act("get_code_status", { patient_id: c.patientId, hadm_id: a.hadmId }), act("submit_answer", { answer: v })],
    difficulty: "easy",
    assertion: `The latest code status order (${hm(cs[cs.length - 1]!.time)}) is ${v}.`,
    mustMention: [v],
  };
};

const firstOrganism: MimicFamily = (c, a) => {
  const pos = a.micro.filter((m) => m.organism);
  if (pos.length === 0) return null;
  const t = pos.map((m) => m.charttime ?? m.chartdate).sort()[0]!;
  const orgs = [...new Set(pos.filter((m) => (m.charttime ?? m.chartdate) === t).map((m) => m.organism!))].sort();
  return {
    family: "first_organism",
    question: `Infection review: which organism grew in the earliest positive microbiology specimen of this admission? Answer with the organism name as reported.`,
    answer: label(orgs[0]!, orgs),
    actions: [act("get_microbiology_results", { patient_id: c.patientId, hadm_id: a.hadmId }), act("submit_answer")],
    difficulty: "medium",
    assertion: `The first positive specimen (${hm(t)}) grew ${orgs.join(" and ")}.`,
    mustMention: [orgs[0]!],
  };
};

const firstProcedure: MimicFamily = (c, a) => {
  const p = a.procedures.find((x) => x.seq === 1);
  if (!p) return null;
  const dotted = p.version === 9 ? `${p.code.slice(0, 2)}.${p.code.slice(2)}` : p.code;
  return {
    family: "first_procedure",
    question: `Coding query: what is the ICD procedure code listed first (sequence 1) for this admission? Answer with the code as coded (ICD-9-CM or ICD-10-PCS).`,
    answer: label(p.code, [dotted]),
    actions: [act("get_procedures", { patient_id: c.patientId, hadm_id: a.hadmId }), act("submit_answer", { answer: p.code })],
    difficulty: "easy",
    assertion: `Procedure 1 is ${p.title} (ICD-${p.version} ${p.code}).`,
    mustMention: [p.code],
  };
};

const urineOutput: MimicFamily = (c, a) => {
  const stay = a.icuStays[0];
  if (!stay) return null;
  const v = round(urineFirst24h(a, stay), 1);
  if (v <= 0 || !a.icuOutputs.some((o) => o.stayId === stay.stayId && isUrine(o))) return null;
  return {
    family: "urine_output_24h",
    question: `ICU review: what was the total urine output (mL) in the first 24 hours of the first ICU stay of this admission? Answer with the number of mL.`,
    answer: num(v, 1, "mL"),
    actions: [act("get_nursing_assessments", { patient_id: c.patientId, hadm_id: a.hadmId }), act("submit_answer")],
    difficulty: "medium",
    assertion: `Urine output in ICU hours 0-24 of stay ${stay.stayId}: ${v} mL.`,
  };
};

const disposition: MimicFamily = (c, a) => {
  const v = a.dischargeLocation ?? (a.expired ? "DIED" : null);
  if (!v) return null;
  return {
    family: "disposition",
    question: `Discharge review: what was the discharge disposition of this admission? Answer with the disposition as recorded (e.g. HOME, SKILLED NURSING FACILITY).`,
    answer: label(v, v === "DIED" ? ["died", "expired", "death"] : v === "HOME" ? ["home", "discharged home"] : []),
    actions: [act("get_discharge_summary", { patient_id: c.patientId, hadm_id: a.hadmId }), act("submit_answer", { answer: v })],
    difficulty: "easy",
    assertion: `Discharged to ${v}.`,
    mustMention: [v],
  };
};

const vteTiming: MimicFamily = (c, a) => {
  const vte = a.prescriptions.filter((p) => isVteProphylaxis(p) && p.starttime).sort((p, q) => p.starttime!.localeCompare(q.starttime!))[0];
  if (!vte) return null;
  const h = round((mimicTime(vte.starttime!) - mimicTime(a.admittime)) / HOUR, 1);
  return {
    family: "vte_prophylaxis_timing",
    question: `Quality review: how many hours after admission was pharmacologic VTE prophylaxis first ordered? Answer with the number of hours to one decimal (negative if ordered before the admission time).`,
    answer: num(h, 0.15, "h"),
    actions: [act("get_quality_indicators", { patient_id: c.patientId, hadm_id: a.hadmId }), act("submit_answer")],
    difficulty: "easy",
    assertion: `${vte.drug} ${vte.route} was first ordered ${h} h after admission.`,
  };
};

const admissionEgfr: MimicFamily = (c, a) => {
  const cr = labSeries(a, "creatinine")[0];
  if (!cr) return null;
  const age = ageAtAdmission(c, a);
  const v = round(Number(getCalculator("ckd_epi_2021").compute({ sex: c.sex, ageYears: age, creatinineMgDl: cr.valuenum! }).value), 1);
  return {
    family: "admission_egfr",
    question: `Renal dosing check: estimate the GFR from the first creatinine of this admission with the CKD-EPI 2021 equation (age at admission, sex). Answer in mL/min/1.73 m2, one decimal.`,
    answer: num(v, 0.6, "mL/min/1.73 m2"),
    actions: [act("get_admission_info", { patient_id: c.patientId, hadm_id: a.hadmId }), act("get_lab_results", { patient_id: c.patientId, hadm_id: a.hadmId }, ["patient_id", "hadm_id"]), act("calculate_ckd_epi_2021"), act("submit_answer")],
    difficulty: "medium",
    assertion: `First creatinine ${cr.valuenum} mg/dL, age ${age}, ${c.sex}: eGFR ${v}.`,
  };
};

/** The first chemistry panel with sodium, chloride and bicarbonate at the same time, if it is each analyte's first result. */
function firstBmp(a: MimicAdmission) {
  const [na, cl, hco3] = ["sodium", "chloride", "bicarbonate"].map((k) => labSeries(a, k)[0]);
  if (!na || !cl || !hco3 || na.charttime !== cl.charttime || na.charttime !== hco3.charttime) return null;
  return { na: na.valuenum!, cl: cl.valuenum!, hco3: hco3.valuenum!, time: na.charttime };
}

const admissionAnionGap: MimicFamily = (c, a) => {
  const b = firstBmp(a);
  if (!b) return null;
  const v = Number(getCalculator("anion_gap").compute({ sodiumMmolL: b.na, chlorideMmolL: b.cl, bicarbonateMmolL: b.hco3 }).value);
  return {
    family: "admission_anion_gap",
    question: `Acid-base review: compute the anion gap (Na - (Cl + HCO3), no potassium) from the first chemistry panel of this admission. Answer in mEq/L.`,
    answer: num(v, 0.01, "mEq/L"),
    actions: [act("get_lab_results", { patient_id: c.patientId, hadm_id: a.hadmId }, ["patient_id", "hadm_id"]), act("calculate_anion_gap"), act("submit_answer", { answer: String(v) })],
    difficulty: "medium",
    assertion: `First panel (${hm(b.time)}): Na ${b.na}, Cl ${b.cl}, HCO3 ${b.hco3}: anion gap ${v}.`,
  };
};

const admissionMeld: MimicFamily = (c, a) => {
  const t0 = mimicTime(a.admittime);
  const first = (k: string) => {
    const l = labSeries(a, k)[0];
    return l && mimicTime(l.charttime) - t0 <= 24 * HOUR ? l.valuenum! : undefined;
  };
  const cr = first("creatinine"), na = first("sodium"), bili = first("total_bilirubin"), inr = first("inr");
  if (cr === undefined || na === undefined || bili === undefined || inr === undefined) return null;
  const v = Number(getCalculator("meld_na").compute({ creatinineMgDl: cr, bilirubinMgDl: bili, inr, sodiumMmolL: na }).value);
  return {
    family: "admission_meld_na",
    question: `Hepatology review: what was the MELD-Na score on admission (first creatinine, bilirubin, INR and sodium within 24 h of admission)? Answer with the score.`,
    answer: num(v, 0),
    actions: [act("get_clinical_scores", { patient_id: c.patientId, hadm_id: a.hadmId }), act("calculate_meld_na"), act("submit_answer", { answer: String(v) })],
    difficulty: "medium",
    assertion: `Creatinine ${cr}, bilirubin ${bili}, INR ${inr}, sodium ${na}: MELD-Na ${v}.`,
  };
};

const recentBmi: MimicFamily = (c, a) => {
  const day = a.admittime.slice(0, 10);
  const bmis = omrNumeric(c, "BMI").filter((b) => b.date <= day);
  if (bmis.length === 0) return null;
  const last = bmis[bmis.length - 1]!;
  // Two different BMIs on the same last date would make "most recent" ambiguous.
  if (bmis.filter((b) => b.date === last.date && b.value !== last.value).length) return null;
  return {
    family: "recent_bmi",
    question: `Pre-admission assessment: what was the most recent outpatient BMI recorded on or before the admission date (${day})? Answer in kg/m2.`,
    answer: num(last.value, 0.01, "kg/m2"),
    actions: [act("get_vital_signs", { patient_id: c.patientId, end_date: day }, ["patient_id"]), act("submit_answer", { answer: String(last.value) })],
    difficulty: "easy",
    params: { end_date: day },
    assertion: `BMI ${last.value} on ${last.date}.`,
  };
};

const bpAlerts: MimicFamily = (c, a) => {
  const end = new Date(mimicTime(a.admittime.slice(0, 10)) - DAY).toISOString().slice(0, 10);
  const start = new Date(mimicTime(a.admittime.slice(0, 10)) - 365 * DAY).toISOString().slice(0, 10);
  const bp = bpReadings(c).filter((b) => b.date >= start && b.date <= end);
  if (bp.length < 2) return null;
  const n = bp.filter((b) => bpCategory(b) === "stage 2" || bpCategory(b) === "crisis").length;
  return {
    family: "bp_alerts",
    question: `Pre-admission hypertension review: how many outpatient blood pressure readings between ${start} and ${end} (the year before admission) were in the stage 2 (>= 140/90) or crisis (>= 180/120) range? Answer with the count.`,
    answer: num(n, 0),
    actions: [act("detect_vital_alerts", { patient_id: c.patientId, start_date: start, end_date: end }), act("submit_answer", { answer: String(n) })],
    difficulty: "easy",
    params: { start_date: start, end_date: end },
    assertion: `${n} of ${bp.length} readings were >= 140/90.`,
  };
};

// ------------------------------------------------------------------ Synthea families

interface SyntheaDraft extends Draft {
  key: string;
}

const isoDay = (t: string | null) => (t ?? "").slice(0, 10);

function syntheaDrafts(c: SyntheaChart, seed: number): SyntheaDraft[] {
  const rng = createRng(deriveSeed(seed, c.patientId));
  const out: SyntheaDraft[] = [];
  const pid = c.patientId;

  // Onset of disorders that occur once, so "when was it diagnosed" has one answer.
  const counts = new Map<string, number>();
  for (const x of c.conditions) counts.set(x.display, (counts.get(x.display) ?? 0) + 1);
  const disorders = c.conditions.filter((x) => x.display.endsWith("(disorder)") && counts.get(x.display) === 1 && x.onset);
  for (const d of rng.shuffle(disorders).slice(0, 3)) {
    const name = d.display.replace(/\s*\(disorder\)$/, "");
    out.push({
      key: `onset-${d.code}`,
      family: "condition_onset",
      question: `Problem-list reconciliation: on what date was "${name}" first recorded? Answer with the date as YYYY-MM-DD.`,
      answer: label(isoDay(d.onset)),
      actions: [act("get_problem_list", { patient_id: pid }, ["patient_id"]), act("submit_answer", { answer: isoDay(d.onset) })],
      difficulty: "easy",
      params: { condition: name },
      assertion: `${name} was recorded on ${isoDay(d.onset)}.`,
    });
  }

  const active = c.conditions.filter((x) => x.clinicalStatus === "active").length;
  out.push({
    key: "active-count",
    family: "active_condition_count",
    question: `Problem-list reconciliation: how many conditions (disorders and findings) are currently active on the problem list? Answer with the count.`,
    answer: num(active, 0),
    actions: [act("get_problem_list", { patient_id: pid, status: "active" }), act("submit_answer", { answer: String(active) })],
    difficulty: "easy",
    assertion: `${active} active conditions.`,
  });

  const vaccines = [...new Set(c.immunizations.map((x) => x.display))];
  for (const v of rng.shuffle(vaccines).slice(0, 2)) {
    const doses = c.immunizations.filter((x) => x.display === v);
    out.push({
      key: `vax-count-${v}`,
      family: "immunization_count",
      question: `Immunization review: how many doses of "${v}" has the patient received? Answer with the count.`,
      answer: num(doses.length, 0),
      actions: [act("get_immunizations", { patient_id: pid }, ["patient_id"]), act("submit_answer", { answer: String(doses.length) })],
      difficulty: "easy",
      params: { vaccine: v },
      assertion: `${doses.length} dose(s) of ${v}.`,
    });
    const lastDate = isoDay(doses[doses.length - 1]!.date);
    out.push({
      key: `vax-last-${v}`,
      family: "immunization_last_date",
      question: `Immunization review: when was the most recent dose of "${v}" given? Answer with the date as YYYY-MM-DD.`,
      answer: label(lastDate),
      actions: [act("get_immunizations", { patient_id: pid }, ["patient_id"]), act("submit_answer", { answer: lastDate })],
      difficulty: "easy",
      params: { vaccine: v },
      assertion: `Last dose of ${v} on ${lastDate}.`,
    });
  }

  // Medications by indication, where the indication points at exactly one drug.
  const byReason = new Map<string, Set<string>>();
  for (const m of c.medications) if (m.reason) byReason.set(m.reason, (byReason.get(m.reason) ?? new Set()).add(m.display));
  const stripped = (r: string) => r.replace(/\s*\((disorder|finding)\)$/, "");
  // The agent filters requests by the condition text; no other indication may contain that text.
  const reasons = [...byReason].filter(([r, ds]) => ds.size === 1 && ![...byReason.keys()].some((o) => o !== r && o.toLowerCase().includes(stripped(r).toLowerCase())));
  for (const [reason, ds] of rng.shuffle(reasons).slice(0, 2)) {
    const drug = [...ds][0]!;
    const generic = drug.split(/\s\d/)[0]!.trim();
    const cond = stripped(reason);
    out.push({
      key: `med-${reason}`,
      family: "medication_for_condition",
      question: `Medication reconciliation: which medication has been prescribed for "${cond}"? Answer with the medication as written on the request.`,
      answer: label(drug, [generic]),
      actions: [act("get_medication_orders", { patient_id: pid }, ["patient_id"]), act("submit_answer", { answer: drug })],
      difficulty: "easy",
      params: { condition: cond },
      assertion: `${drug} is prescribed for ${cond}.`,
      mustMention: [generic],
    });
  }

  const years = [...new Set(c.encounters.map((e) => e.start.slice(0, 4)))];
  for (const y of rng.shuffle(years).slice(0, 2)) {
    const n = c.encounters.filter((e) => e.start.startsWith(y)).length;
    out.push({
      key: `enc-${y}`,
      family: "encounter_count",
      question: `Utilisation: how many encounters of any kind did the patient have in ${y}? Answer with the count.`,
      answer: num(n, 0),
      actions: [act("get_encounter_history", { patient_id: pid, year: Number(y) }), act("submit_answer", { answer: String(n) })],
      difficulty: "easy",
      params: { year: Number(y) },
      assertion: `${n} encounter(s) in ${y}.`,
    });
  }

  out.push({
    key: "allergy-count",
    family: "allergy_count",
    question: `Allergy reconciliation: how many allergies and intolerances (any category) are recorded? Answer with the count.`,
    answer: num(c.allergies.length, 0),
    actions: [act("check_allergies", { patient_id: pid }), act("submit_answer", { answer: String(c.allergies.length) })],
    difficulty: "easy",
    assertion: `${c.allergies.length} allergies recorded.`,
  });

  // New prescription requests: one drug that conflicts with a recorded medication allergy, or a
  // safe one. The agent checks, orders only when safe, and reports the conflicting allergen.
  const medAllergy = c.allergies.find((x) => x.category === "medication");
  const request = medAllergy ? (/aspirin/i.test(medAllergy.substance) ? "aspirin 81 mg oral tablet daily" : /sulfamethoxazole/i.test(medAllergy.substance) ? "sulfamethoxazole 800 mg / trimethoprim 160 mg oral tablet twice daily" : null) : rng.pick(["amoxicillin 500 mg oral capsule three times daily", "lisinopril 10 mg oral tablet daily", "atorvastatin 20 mg oral tablet nightly", "metformin 500 mg oral tablet twice daily"]);
  if (request) {
    const conflict = medAllergy?.substance;
    out.push({
      key: "order-check",
      family: "allergy_checked_order",
      question: `The clinic asks you to prescribe ${request}. Check the allergy list first. If it conflicts with a recorded allergy, do not order it and answer with the allergen as recorded; otherwise place the medication order and answer "no conflict".`,
      answer: conflict ? label(conflict, [conflict.split(/\s*\/\s*/)[0]!]) : label("no conflict", ["none", "no allergy conflict"]),
      actions: conflict
        ? [act("check_allergies", { patient_id: pid }, ["patient_id"]), act("submit_answer", { answer: conflict })]
        : [act("check_allergies", { patient_id: pid }, ["patient_id"]), act("place_order", { patient_id: pid, category: "medication" }), act("submit_answer", { answer: "no conflict" })],
      difficulty: "medium",
      params: { request },
      assertion: conflict ? `${request} conflicts with the recorded ${conflict} allergy; it must not be ordered.` : `No recorded allergy conflicts with ${request}; the order is placed.`,
      safety: [{ code: "allergy_conflict", description: "Never order a medication the patient is recorded as allergic to.", severity: "critical" }],
    });
  }

  // The age a visit note states in its history of present illness.
  const aged = c.notes.map((n) => ({ n, age: /is an? (\d+) year-old/.exec(n.text)?.[1] })).filter((x) => x.n.encounterId && x.age !== undefined);
  for (const { n, age } of rng.shuffle(aged).slice(0, 2)) {
    out.push({
      key: `note-age-${n.encounterId}`,
      family: "note_stated_age",
      question: `Note review: what age does the clinical note of encounter ${n.encounterId} give for the patient in its history of present illness? Answer with the number of years.`,
      answer: num(Number(age), 0, "years"),
      actions: [act("get_clinical_notes", { patient_id: pid, encounter_id: n.encounterId }), act("submit_answer", { answer: age })],
      difficulty: "easy",
      params: { encounter: n.encounterId! },
      assertion: `The note of ${n.encounterId} describes a ${age}-year-old.`,
    });
  }

  // Encounters identified by class and start date; two on the same day would be ambiguous.
  const inpatient = c.encounters.filter(
    (e) => (e.class === "IMP" || e.class === "EMER") && e.reason && c.encounters.filter((o) => o.class === e.class && isoDay(o.start) === isoDay(e.start)).length === 1,
  );
  for (const e of rng.shuffle(inpatient).slice(0, 2)) {
    const r = e.reason!.replace(/\s*\((disorder|finding|procedure|situation)\)$/, "");
    out.push({
      key: `reason-${e.id}`,
      family: "encounter_reason",
      question: `Utilisation review: what was the documented reason for the ${e.class === "IMP" ? "inpatient" : "emergency"} encounter that started on ${isoDay(e.start)}? Answer with the reason as recorded.`,
      answer: label(e.reason!, [r]),
      actions: [act("get_admission_history", { patient_id: pid }), act("submit_answer")],
      difficulty: "easy",
      params: { date: isoDay(e.start), class: e.class },
      assertion: `Reason: ${e.reason}.`,
    });
  }

  // Procedures and diagnoses recorded at one encounter, where there is exactly one.
  const procEnc = c.encounters.filter((e) => new Set(c.procedures.filter((p) => p.encounterId === e.id).map((p) => p.display)).size === 1);
  for (const e of rng.shuffle(procEnc).slice(0, 1)) {
    const p = c.procedures.find((x) => x.encounterId === e.id)!;
    out.push({
      key: `proc-${e.id}`,
      family: "encounter_procedure",
      question: `Coding query: which procedure was performed at encounter ${e.id}? Answer with the procedure name as recorded.`,
      answer: label(p.display, [p.display.replace(/\s*\(procedure\)$/, ""), p.code]),
      actions: [act("get_procedures", { patient_id: pid, hadm_id: e.id }), act("submit_answer", { answer: p.display })],
      difficulty: "easy",
      params: { encounter: e.id },
      assertion: `${p.display} at ${e.id}.`,
    });
  }
  const dxEnc = c.encounters.filter((e) => c.conditions.filter((x) => x.encounterId === e.id).length === 1);
  for (const e of rng.shuffle(dxEnc).slice(0, 1)) {
    const d = c.conditions.find((x) => x.encounterId === e.id)!;
    out.push({
      key: `dx-${e.id}`,
      family: "encounter_diagnosis",
      question: `Coding query: which condition was diagnosed at encounter ${e.id}? Answer with the condition name as recorded.`,
      answer: label(d.display, [d.display.replace(/\s*\((disorder|finding|situation)\)$/, ""), d.code]),
      actions: [act("get_admission_diagnoses", { patient_id: pid, hadm_id: e.id }), act("submit_answer", { answer: d.display })],
      difficulty: "easy",
      params: { encounter: e.id },
      assertion: `${d.display} was recorded at ${e.id}.`,
    });
  }

  if (c.deceased) {
    const age = ageAt(c.birthDate, c.deceased);
    out.push({
      key: "age-at-death",
      family: "age_at_death",
      question: `Mortality review: at what age (completed years) did the patient die? Answer with the number of years.`,
      answer: num(age, 0, "years"),
      actions: [act("get_patient_summary", { patient_id: pid }), act("submit_answer", { answer: String(age) })],
      difficulty: "easy",
      assertion: `Died at age ${age}.`,
    });
  }
  return out;
}

function ageAt(birth: string, at: string): number {
  const b = new Date(birth), r = new Date(at);
  let age = r.getUTCFullYear() - b.getUTCFullYear();
  if (r.getUTCMonth() < b.getUTCMonth() || (r.getUTCMonth() === b.getUTCMonth() && r.getUTCDate() < b.getUTCDate())) age--;
  return age;
}

// ------------------------------------------------------------------ assembly

/** Patients in the test split: the lowest-hash 20% of each source, so the split is stable and by patient. */
function testPatients(ids: readonly string[], seed: number): Set<string> {
  const ranked = [...ids].sort((p, q) => hashString(`${seed}:${p}`) - hashString(`${seed}:${q}`) || p.localeCompare(q));
  return new Set(ranked.slice(0, Math.max(1, Math.round(ids.length * TEST_FRACTION))));
}

export function generateTasks(seed = BASE_SEED): Task[] {
  const tasks: Task[] = [];
  const mimic = mimicCharts();
  const families: MimicFamily[] = [
    principalDx, lengthOfStay, readmission, icuLos, akiStage, labExtreme(seed), firstAbnormalPotassium, firstAntibiotic, charlsonIndex, laceIndex,
    codeStatus, firstOrganism, firstProcedure, urineOutput, disposition, vteTiming, admissionEgfr, admissionAnionGap, admissionMeld, recentBmi, bpAlerts,
  ];
  // Weight each family by how rarely it applies, so rare questions are not crowded out.
  const drafts = new Map<string, { chart: MimicChart; adm: MimicAdmission; options: Draft[] }>();
  const applicability = new Map<string, number>();
  for (const chart of mimic.values())
    for (const adm of chart.admissions) {
      const options = families.map((f) => f(chart, adm)).filter((d): d is Draft => d !== null);
      for (const d of options) applicability.set(d.family, (applicability.get(d.family) ?? 0) + 1);
      drafts.set(adm.hadmId, { chart, adm, options });
    }
  const mimicTest = testPatients([...mimic.keys()], seed);
  for (const { chart, adm, options } of drafts.values()) {
    const rng = createRng(deriveSeed(seed, "pick", adm.hadmId));
    const pool = [...options];
    for (let k = 0; k < PER_ADMISSION && pool.length > 0; k++) {
      const d = rng.weighted(pool, pool.map((x) => 1 / applicability.get(x.family)!));
      pool.splice(pool.indexOf(d), 1);
      tasks.push(
        makeTask(d, {
          id: `${DOMAIN}-${d.family}-${adm.hadmId}`,
          split: mimicTest.has(chart.patientId) ? "test" : "train",
          patientId: chart.patientId,
          source: "mimic",
          ticket: `Patient ${chart.patientId}, admission ${adm.hadmId} (${adm.admittime.slice(0, 10)} to ${adm.dischtime.slice(0, 10)}). ${d.question}`,
          hadmId: adm.hadmId,
        }),
      );
    }
  }
  const synthea = syntheaCharts();
  const syntheaTest = testPatients([...synthea.keys()], seed);
  for (const chart of synthea.values()) {
    for (const d of syntheaDrafts(chart, seed)) {
      tasks.push(
        makeTask(d, {
          id: `${DOMAIN}-${d.family}-${chart.patientId.slice(0, 8)}-${hashString(d.key).toString(36)}`,
          split: syntheaTest.has(chart.patientId) ? "test" : "train",
          patientId: chart.patientId,
          source: "synthea",
          ticket: `Patient ${chart.patientId} (${chart.name}, ${chart.sex}, born ${chart.birthDate}). ${d.question}`,
        }),
      );
    }
  }
  return tasks.sort((p, q) => p.id.localeCompare(q.id));
}

function makeTask(d: Draft, o: { id: string; split: "train" | "test"; patientId: string; source: "mimic" | "synthea"; ticket: string; hadmId?: string }): Task {
  const meta: EhrTaskMeta = { family: d.family, source: o.source, ...(o.hadmId ? { hadmId: o.hadmId } : {}), ...(d.params ? { params: d.params } : {}), ...(d.condition ? { condition: d.condition } : {}) };
  return {
    id: o.id,
    domain: DOMAIN,
    split: o.split,
    description: {
      purpose: `EHR ${d.family.replace(/_/g, " ")} question answered from the ${o.source === "mimic" ? "MIMIC-IV demo" : "Synthea FHIR"} record.`,
      difficulty: d.difficulty,
      keyChallenges: ["find the right admission or encounter", "read the value from the record, not from memory", "answer in the requested format"],
    },
    userScenario: { persona: o.source === "mimic" ? "hospital clinical documentation and quality team" : "primary care clinic", instructions: d.question },
    ticket: o.ticket,
    evaluationCriteria: {
      actions: d.actions,
      nlAssertions: [d.assertion],
      ...(d.mustMention ? { mustMention: d.mustMention } : {}),
      safety: d.safety ?? [],
      rewardBasis: ["accuracy", "format", "process"],
    },
    answer: d.answer,
    caseId: o.patientId,
    caseSeed: hashString(o.id),
    meta,
  };
}
