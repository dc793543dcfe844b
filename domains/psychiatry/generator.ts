/**
 * Seeded psychiatric patients. The shared generator draws the presentation, history, vitals and
 * labs from the condition profile; this module adds what a psychiatric assessment reveals and keeps
 * it consistent with the disorder category and a per-case severity: every rating instrument's item
 * answers, the C-SSRS screen (and PHQ-9 item 9 with it), violence and capacity, the mental state,
 * the psychiatric and social history, the current medications, the ECG and the drug screen.
 */
import { getCondition, type Condition } from "../../src/clinical/conditions/index.js";
import { findDrug } from "../../src/clinical/drugs/index.js";
import { BASELINE_PANEL, generatePatient } from "../../src/clinical/patients/index.js";
import { createRng, type Rng } from "../../src/util/rng.js";
import { CATEGORY_PROFILES, categoryOf, isIntentionalOverdose, MSE_TEMPLATES } from "./categories.js";
import type { Instruments, MentalStatus, PsychCategory, PsychPatient } from "./data-model.js";
import {
  CIWA_BANDS,
  CIWA_ITEMS,
  COWS_BANDS,
  COWS_ITEMS,
  cssrsRisk,
  distribute,
  GAD7_BANDS,
  MMSE_BANDS,
  MMSE_DOMAINS,
  PHQ9_BANDS,
  totalInBand,
  YBOCS_BANDS,
  yesNo,
  type CssrsAnswers,
  type SuicideRisk,
} from "./instruments.js";

/** A patient factor that makes some first-line drugs unsafe (medication tasks). */
export type MedicationFactor = { kind: "interaction"; drug: string } | { kind: "pregnancy"; weeks: number } | { kind: "qtc" };

export interface PsychCaseOptions {
  suicideRisk?: SuicideRisk;
  acceptsAdmission?: boolean;
  factor?: MedicationFactor;
  /** Drugs the patient must not already take (the ones a medication task asks to choose from). */
  notTaking?: string[];
}

const PANEL = [...BASELINE_PANEL, "tsh", "ast", "alt", "ck", "magnesium", "phosphate", "vitamin_b12"];

const weighted = <T extends string>(w: Partial<Record<T, number>>, rng: Rng): T => {
  const entries = Object.entries(w) as [T, number][];
  return rng.weighted(
    entries.map((e) => e[0]),
    entries.map((e) => e[1]),
  );
};
const between = (r: [number, number], rng: Rng) => rng.int(r[0], r[1]);

function drawCssrs(risk: SuicideRisk, category: PsychCategory, rng: Rng): CssrsAnswers {
  const a: CssrsAnswers = { wishDead: false, activeThoughts: false, method: false, intent: false, planWithIntent: false, behavior: "never" };
  if (risk === "none") return a;
  a.wishDead = true;
  if (risk === "low") {
    a.activeThoughts = rng.chance(0.5);
    return a;
  }
  a.activeThoughts = true;
  if (risk === "moderate") {
    if (rng.chance(0.7)) a.method = true;
    else a.behavior = "lifetime";
    return a;
  }
  a.method = true;
  if (category === "overdose") {
    a.behavior = "past_3_months";
    a.intent = rng.chance(0.6);
    return a;
  }
  const path = rng.weighted(["intent", "plan", "behavior"] as const, [0.4, 0.3, 0.3]);
  if (path === "intent") a.intent = true;
  else if (path === "plan") a.intent = a.planWithIntent = true;
  else a.behavior = "past_3_months";
  return a;
}

function item9For(risk: SuicideRisk, rng: Rng): number {
  return risk === "none" ? 0 : risk === "low" ? 1 : risk === "moderate" ? rng.int(1, 2) : rng.int(2, 3);
}

function drawInstruments(category: PsychCategory, age: number, risk: SuicideRisk, rng: Rng): Instruments {
  const prof = CATEGORY_PROFILES[category];
  const cssrs = drawCssrs(risk, category, rng);
  const item9 = item9For(cssrsRisk(cssrs), rng);
  const phqTotal = Math.max(item9, totalInBand(PHQ9_BANDS, weighted(prof.phq9, rng), rng));
  const mmseBand = weighted(prof.mmse, rng);
  let mmseTotal = totalInBand(MMSE_BANDS, mmseBand, rng);
  if (mmseBand === "no cognitive impairment" && age >= 70) mmseTotal = Math.max(mmseTotal, 26);
  const mmseMaxes = MMSE_DOMAINS.map((d) => d.max);
  const ciwaMaxes = CIWA_ITEMS.map((i) => i.max);
  const ciwaTotal = prof.ciwaBaseline ? rng.int(0, 3) : Math.min(40, totalInBand(CIWA_BANDS, weighted(prof.ciwa, rng), rng));
  // Orientation is clouded only in withdrawal delirium.
  const ciwaFixed = category === "alcohol_withdrawal_delirium" ? { 9: rng.int(3, 4) } : { 9: ciwaTotal >= 10 ? rng.int(0, 1) : 0 };
  const cowsBand = weighted(prof.cows, rng);
  const cowsTotal = Math.min(44, totalInBand(COWS_BANDS, cowsBand, rng));
  const mdqYes = prof.mdqPositive ? rng.int(8, 12) : rng.int(0, 4);
  const incapable = rng.chance(prof.incapacity);
  const bvcCount = between(prof.bvc, rng);
  const confused = ["delirium", "alcohol_withdrawal_delirium", "nms", "serotonin_syndrome"].includes(category);
  return {
    phq9: prof.noSelfReport ? null : distribute(phqTotal, Array(9).fill(3), rng, { 8: item9 }),
    gad7: prof.noSelfReport ? null : distribute(totalInBand(GAD7_BANDS, weighted(prof.gad7, rng), rng), Array(7).fill(3), rng),
    pcl5: prof.noSelfReport ? null : distribute(between(prof.pcl5, rng), Array(20).fill(4), rng),
    ybocs: prof.noSelfReport ? null : distribute(totalInBand(YBOCS_BANDS, weighted(prof.ybocs, rng), rng), Array(10).fill(4), rng),
    mmse: category === "catatonia" ? null : distribute(mmseTotal, mmseMaxes, rng),
    cage: yesNo(4, between(prof.cage, rng), rng),
    auditC: distribute(between(prof.auditC, rng), [4, 4, 4], rng),
    dast10: between(prof.dast10, rng),
    mdq: prof.mdqPositive
      ? { symptoms: yesNo(13, mdqYes, rng), samePeriod: true, impairment: rng.chance(0.6) ? "serious problem" : "moderate problem" }
      : { symptoms: yesNo(13, mdqYes, rng), samePeriod: rng.chance(0.2), impairment: rng.chance(0.7) ? "no problem" : "minor problem" },
    scoff: yesNo(5, between(prof.scoff, rng), rng),
    ciwa: distribute(ciwaTotal, ciwaMaxes, rng, ciwaFixed),
    cows: distribute(cowsTotal, COWS_ITEMS.map((i) => i.max), rng),
    cssrs,
    bvc: yesNo(6, Math.max(bvcCount, confused ? 1 : 0), rng, confused ? [0] : []),
    capacity: incapable
      ? { communicatesChoice: !["catatonia", "nms"].includes(category), understands: rng.chance(0.4), appreciates: false, reasons: rng.chance(0.3) }
      : { communicatesChoice: true, understands: true, appreciates: true, reasons: true },
  };
}

function drawMse(category: PsychCategory, ins: Instruments, rng: Rng): MentalStatus {
  const t = MSE_TEMPLATES[category];
  const pick = (k: keyof MentalStatus, fallback: string) => (t[k]?.length ? rng.pick(t[k]!) : fallback);
  const risk = cssrsRisk(ins.cssrs);
  const si =
    risk === "none"
      ? "denies suicidal ideation"
      : risk === "low"
        ? "passive wish to be dead without a plan or intent"
        : risk === "moderate"
          ? ins.cssrs.method
            ? "active suicidal thoughts with a considered method but no intent"
            : "no current suicidal intent; past suicide attempt"
          : ins.cssrs.behavior === "past_3_months"
            ? "recent suicide attempt; ongoing suicidal thoughts"
            : "active suicidal ideation with intent";
  const violent = ins.bvc.filter(Boolean).length >= 3 ? "; verbal threats toward staff" : "";
  const unassessable = category === "catatonia" || category === "nms";
  return {
    appearance: pick("appearance", "appropriately dressed"),
    behavior: pick("behavior", "cooperative"),
    speech: pick("speech", "normal rate and volume"),
    mood: pick("mood", "'okay'"),
    affect: pick("affect", "reactive"),
    thoughtProcess: pick("thoughtProcess", "linear"),
    thoughtContent: `${pick("thoughtContent", "no delusions")}${unassessable ? "" : `; ${si}`}${violent}`,
    perception: pick("perception", "no hallucinations reported or observed"),
    cognition: pick("cognition", "alert and oriented"),
    insight: pick("insight", "fair"),
    judgment: pick("judgment", "fair"),
  };
}

const PRIOR: Record<PsychCategory, string[]> = {
  depression: ["two previous depressive episodes", "first episode"],
  bipolar_mania: ["one depressive and two manic episodes", "previous manic episode requiring admission"],
  gad: ["long-standing worry since early adulthood"],
  panic: ["first panic attack 8 months ago"],
  ptsd: ["symptoms since an assault 14 months ago", "symptoms since military deployment"],
  psychosis: ["first contact with services", "two previous psychotic episodes"],
  ocd: ["symptoms since adolescence"],
  anorexia: ["restrictive eating since age 14"],
  bulimia: ["binge-purge cycles for 3 years"],
  alcohol_use: ["heavy drinking for 10 years, one previous detox"],
  alcohol_withdrawal: ["daily heavy drinking; withdrawal symptoms on previous attempts to stop"],
  alcohol_withdrawal_delirium: ["daily heavy drinking; previous withdrawal seizures"],
  opioid_use: ["opioid use for 6 years after a back injury"],
  opioid_withdrawal: ["daily opioid use; last use 18 hours ago"],
  delirium: ["no previous psychiatric history"],
  dementia: ["gradual memory decline over 3 years"],
  adhd: ["childhood school reports of inattention"],
  borderline: ["multiple crisis presentations since adolescence"],
  nms: ["schizophrenia treated with antipsychotics"],
  serotonin_syndrome: ["depression treated with antidepressants"],
  catatonia: ["previous psychotic illness"],
  overdose: ["depressive episodes in the past"],
  other: ["no previous psychiatric history"],
};

const STRESSORS: Record<PsychCategory, string[]> = {
  depression: ["job loss", "bereavement", "relationship break-up"],
  bipolar_mania: ["stopped medication", "sleep loss after night shifts"],
  gad: ["financial pressure", "work stress"],
  panic: ["work stress"],
  ptsd: ["anniversary of the trauma"],
  psychosis: ["stopped medication", "heavy cannabis use"],
  ocd: ["new baby at home", "exams"],
  anorexia: ["exam pressure"],
  bulimia: ["relationship conflict"],
  alcohol_use: ["divorce"],
  alcohol_withdrawal: ["ran out of money for alcohol"],
  alcohol_withdrawal_delirium: ["admitted for surgery and stopped drinking abruptly"],
  opioid_use: ["prescription stopped by the GP"],
  opioid_withdrawal: ["supply ran out"],
  delirium: ["recent surgery and infection"],
  dementia: ["death of spouse"],
  adhd: ["new job with more demands"],
  borderline: ["relationship break-up"],
  nms: ["antipsychotic dose recently increased"],
  serotonin_syndrome: ["new medication added last week"],
  catatonia: ["medication change"],
  overdose: ["relationship break-up", "debts"],
  other: ["none reported"],
};

const DURATION: Partial<Record<PsychCategory, string[]>> = {
  depression: ["6 weeks", "3 months"],
  bipolar_mania: ["10 days"],
  gad: ["8 months", "more than a year"],
  panic: ["3 months"],
  ptsd: ["over a year"],
  psychosis: ["3 weeks", "2 months"],
  delirium: ["2 days"],
  alcohol_withdrawal: ["1 day"],
  alcohol_withdrawal_delirium: ["3 days"],
  opioid_withdrawal: ["18 hours"],
  nms: ["3 days"],
  serotonin_syndrome: ["12 hours"],
  catatonia: ["5 days"],
  overdose: ["a few hours"],
  dementia: ["3 years"],
};

const MEDICAL: ReadonlySet<PsychCategory> = new Set(["delirium", "alcohol_withdrawal_delirium", "nms", "serotonin_syndrome", "overdose"]);
const OUTPATIENT: ReadonlySet<PsychCategory> = new Set(["gad", "ocd", "adhd", "dementia", "bulimia", "alcohol_use", "opioid_use", "ptsd"]);

export function generatePsychPatient(condition: Condition, seed: number, id: string, opts: PsychCaseOptions = {}): PsychPatient {
  const rng = createRng(seed);
  const base = generatePatient(condition, rng.fork("patient"), { id, baselinePanel: PANEL });
  const r = rng.fork("psych");
  const category = categoryOf(condition);
  const prof = CATEGORY_PROFILES[category];
  let { age, sex, weightKg } = base;
  const heightCm = base.heightCm;
  // Weight follows the eating disorder (BMI is one of its diagnostic anchors).
  if (category === "anorexia") weightKg = Math.round(r.normal(15.5, 1) * (heightCm / 100) ** 2 * 10) / 10;
  if (category === "bulimia") weightKg = Math.round((19 + r.next() * 5) * (heightCm / 100) ** 2 * 10) / 10;
  let pregnancy = base.pregnancy;
  if (opts.factor?.kind === "pregnancy") {
    sex = "female";
    age = Math.min(42, Math.max(19, age));
    pregnancy = { gestationalWeeks: opts.factor.weeks };
  }
  const risk = opts.suicideRisk ?? weighted(prof.suicide, r);
  const instruments = drawInstruments(category, age, risk, r);
  let acceptsAdmission = opts.acceptsAdmission ?? r.chance(prof.accepts);
  if (!instruments.capacity.communicatesChoice) acceptsAdmission = false;
  const cssrs = instruments.cssrs;
  const attempts =
    cssrs.behavior === "past_3_months"
      ? category === "overdose"
        ? "today's deliberate overdose"
        : r.pick(["overdose of paracetamol 3 weeks ago", "attempted hanging last month, interrupted by a flatmate", "deliberate overdose of sertraline 6 weeks ago"])
      : cssrs.behavior === "lifetime"
        ? r.pick(["overdose at age 19", "overdose 4 years ago requiring ICU admission"])
        : "none";
  const notTaking = new Set((opts.notTaking ?? []).map((d) => findDrug(d)?.id ?? d));
  const currentMeds = [...new Set(base.history.medications.map((m) => findDrug(m)?.id).filter((x): x is string => !!x && !notTaking.has(x)))];
  if (opts.factor?.kind === "interaction") {
    const id_ = findDrug(opts.factor.drug)?.id ?? opts.factor.drug;
    if (!currentMeds.includes(id_)) currentMeds.push(id_);
  }
  const hr = base.vitals.hr;
  const qtc = opts.factor?.kind === "qtc" ? r.int(490, 530) : r.int(385, sex === "female" ? 445 : 435);
  const qtMs = Math.round(qtc * Math.sqrt(60 / hr));
  const social = base.history.social.join("; ").toLowerCase();
  const uds: string[] = [];
  if (category === "opioid_use" || category === "opioid_withdrawal") uds.push(r.chance(0.5) ? "fentanyl" : "opiates");
  if (/cannabis|marijuana/.test(social) || (category === "psychosis" && r.chance(0.3))) uds.push("cannabinoids (THC)");
  if (/cocaine/.test(social)) uds.push("cocaine metabolite");
  if (/methamphetamine|amphetamine/.test(social)) uds.push("amphetamines");
  if (currentMeds.some((m) => findDrug(m)?.class.toLowerCase().includes("benzodiazepine"))) uds.push("benzodiazepines");
  const ethanol =
    category === "alcohol_use" ? r.int(60, 220) : category === "alcohol_withdrawal" ? (r.chance(0.5) ? r.int(10, 60) : 0) : category === "overdose" && r.chance(0.3) ? r.int(40, 160) : 0;
  const labs: Record<string, number> = {};
  for (const [k, v] of Object.entries(base.labs)) if (v !== undefined) labs[k] = v;
  if (currentMeds.includes("lithium")) labs.lithium_level = Math.round((0.6 + r.next() * 0.4) * 100) / 100;
  if (/^T43\.59/.test(condition.icd10)) labs.lithium_level = Math.round((2.2 + r.next() * 1.6) * 10) / 10;
  if (/^T39\.1/.test(condition.icd10)) labs.acetaminophen_level = Math.round(120 + r.next() * 180);
  if (/^T39\.0/.test(condition.icd10)) labs.salicylate_level = Math.round(40 + r.next() * 40);
  const p: PsychPatient = {
    id,
    name: base.name,
    age,
    sex,
    weightKg,
    heightCm,
    conditionId: condition.id,
    category,
    setting: MEDICAL.has(category) || condition.disposition === "icu" ? "medical ward (consultation-liaison)" : OUTPATIENT.has(category) ? "outpatient clinic" : "emergency department",
    broughtBy: category === "bipolar_mania" || category === "psychosis" ? r.pick(["police", "family"]) : category === "overdose" ? "ambulance" : MEDICAL.has(category) ? "the medical team" : r.pick(["self-referral", "primary care referral", "family"]),
    durationText: r.pick(DURATION[category] ?? ["several months"]),
    chiefComplaint: base.chiefComplaint,
    symptoms: base.symptoms,
    exam: base.exam,
    history: base.history,
    allergies: base.allergies,
    vitals: base.vitals,
    labs,
    imaging: base.imaging,
    currentMeds,
    ecg: { heartRate: hr, qtMs },
    urineDrugScreen: uds,
    ethanolMgDl: ethanol,
    psychHistory: {
      priorEpisodes: r.pick(PRIOR[category]),
      hospitalizations: ["psychosis", "bipolar_mania", "catatonia"].includes(category) ? r.int(0, 3) : risk === "high" ? r.int(0, 2) : r.int(0, 1),
      suicideAttempts: attempts,
      selfHarm: category === "borderline" ? "recurrent superficial cutting of the forearms" : "none",
      treatmentHistory: base.history.medications.length ? base.history.medications : ["no previous medication"],
    },
    socialContext: {
      livesWith: r.pick(age >= 70 ? ["spouse", "alone", "daughter's family"] : age < 22 ? ["parents"] : ["alone", "partner", "partner and children", "flatmates"]),
      support: r.pick(["supportive family nearby", "few close friends", "estranged from family"]),
      firearms: r.chance(sex === "male" ? 0.2 : 0.06),
      employment: age >= 67 ? "retired" : age < 20 ? "student" : r.pick(["employed full time", "unemployed", "on sick leave", "part-time work"]),
      recentStressor: r.pick(STRESSORS[category]),
    },
    acceptsAdmission,
    instruments,
    mse: drawMse(category, instruments, r),
  };
  if (pregnancy) p.pregnancy = pregnancy;
  return p;
}

export function conditionOf(p: PsychPatient): Condition {
  return getCondition(p.conditionId);
}

export { isIntentionalOverdose };
