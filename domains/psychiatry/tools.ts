import { z } from "zod";
import { conditionsByDomain, getCondition, matchesCondition, type Condition } from "../../src/clinical/conditions/index.js";
import { checkAllInteractions, findDrug, getDrug, UnknownDrugError, type Drug } from "../../src/clinical/drugs/index.js";
import { formatLabValue, hasLab } from "../../src/clinical/labs/index.js";
import { defineTool, ToolError, type Tool, type ToolContext } from "../../src/env/index.js";
import { calculatorTool } from "../../src/tools/calculators.js";
import { thinkTool } from "../../src/tools/common.js";
import { PSYCH_DISPOSITIONS, type PsychPatient, type PsychState } from "./data-model.js";
import {
  AUDITC_ITEMS,
  BVC_ITEMS,
  CAGE_ITEMS,
  CIWA_ITEMS,
  COWS_ITEMS,
  CSSRS_ITEMS,
  FREQUENCY,
  GAD7_ITEMS,
  MDQ_ITEMS,
  MMSE_DOMAINS,
  PCL5_CUTOFF,
  PCL5_ITEMS,
  PCL5_SEVERITY,
  PHQ9_ITEMS,
  SCOFF_ITEMS,
  YBOCS_ITEMS,
  cssrsRisk,
  hasCapacity,
  scoreAuditC,
  scoreBvc,
  scoreCage,
  scoreCiwa,
  scoreCows,
  scoreDast10,
  scoreGad7,
  scoreMdq,
  scoreMmse,
  scorePcl5,
  scorePhq9,
  scoreScoff,
  scoreYbocs,
} from "./instruments.js";
import { dispositionFacts, dispositionFor, medicationProblems, prescribingFacts } from "./rules.js";

type Ctx = ToolContext<PsychState>;

const patientId = z.string().min(1).max(32).describe("patient identifier from the ticket, e.g. PS-4821");

function patient(ctx: Ctx, id: string): PsychPatient {
  const p = ctx.state.patients[id];
  if (!p) throw new ToolError(`No patient "${id}" on the service list. Patients: ${Object.keys(ctx.state.patients).join(", ")}.`);
  return p;
}

const list = (xs: readonly string[], none = "none") => (xs.length ? xs.map((x) => x.replace(/;/g, ",")).join("; ") : none);
const yn = (b: boolean) => (b ? "yes" : "no");

/** Self-report instruments a patient cannot complete say so rather than producing numbers. */
function unable(p: PsychPatient, instrument: string): string {
  const why = p.category === "catatonia" ? "mute and unresponsive to questions" : p.category === "nms" ? "mute and confused" : "too confused and inattentive to answer reliably";
  return `${instrument} could not be administered: the patient is ${why}. Use observer-rated assessment instead.`;
}

// ---------------------------------------------------------------------------------------------
// Renderers (pure functions of a patient)

export function renderPresentation(p: PsychPatient): string {
  const v = p.vitals;
  const lines = [
    `${p.id} ${p.name}, ${p.age} y ${p.sex}, ${p.weightKg} kg, ${p.heightCm} cm. Setting: ${p.setting}; brought by ${p.broughtBy}.`,
    `Chief complaint: ${p.chiefComplaint}.`,
    `Duration: ${p.durationText}.`,
    `Symptoms: ${list(p.symptoms)}.`,
    `Observed on assessment: ${list(p.exam)}.`,
    `Vital signs: HR ${v.hr} /min; BP ${v.sbp}/${v.dbp} mmHg; RR ${v.rr} /min; Temp ${v.tempC.toFixed(1)} °C; SpO2 ${v.spo2} %.`,
  ];
  if (p.pregnancy) lines.push(`Pregnant: ${p.pregnancy.gestationalWeeks} weeks.`);
  return lines.join("\n");
}

export function renderPsychHistory(p: PsychPatient): string {
  const h = p.psychHistory;
  return [
    `Previous episodes: ${h.priorEpisodes}.`,
    `Psychiatric admissions: ${h.hospitalizations}.`,
    `Suicide attempts: ${h.suicideAttempts}.`,
    `Self-harm: ${h.selfHarm}.`,
    `Medication and treatment history: ${list(h.treatmentHistory)}.`,
    `Past medical history: ${list(p.history.pmh)}.`,
    `Family history: ${list(p.history.family)}.`,
  ].join("\n");
}

export function renderSocial(p: PsychPatient): string {
  const s = p.socialContext;
  return [
    `Lives with: ${s.livesWith}. Support: ${s.support}. Employment: ${s.employment}.`,
    `Access to firearms: ${yn(s.firearms)}.`,
    `Substance use and lifestyle: ${list(p.history.social)}.`,
    `Recent stressor: ${s.recentStressor}.`,
  ].join("\n");
}

export function renderMse(p: PsychPatient): string {
  const m = p.mse;
  return [
    `Appearance: ${m.appearance}.`,
    `Behaviour: ${m.behavior}.`,
    `Speech: ${m.speech}.`,
    `Mood: ${m.mood}.`,
    `Affect: ${m.affect}.`,
    `Thought process: ${m.thoughtProcess}.`,
    `Thought content: ${m.thoughtContent}.`,
    `Perception: ${m.perception}.`,
    `Cognition: ${m.cognition}.`,
    `Insight: ${m.insight}. Judgement: ${m.judgment}.`,
  ].join("\n");
}

function drugLine(id: string): string {
  const d = findDrug(id);
  if (!d) return id;
  return `${d.name}: ${d.adultDose.amount} ${d.adultDose.unit} ${d.adultDose.route} ${d.adultDose.frequency.replace(/;/g, ",")}`;
}

export function renderMedications(p: PsychPatient): string {
  const allergies = p.allergies.length ? p.allergies.map((a) => `${a.substance} (${a.reaction})`).join("; ") : "no known drug allergies";
  return [`Current medications: ${p.currentMeds.length ? p.currentMeds.map(drugLine).join("; ") : "none"}.`, `Allergies: ${allergies}.`].join("\n");
}

export function renderWorkup(p: PsychPatient): string {
  const labs = Object.entries(p.labs)
    .filter(([k]) => hasLab(k))
    .map(([k, v]) => formatLabValue(k, v));
  const imaging = p.imaging.length ? p.imaging.map((i) => `${i.modality.toUpperCase()} ${i.region}: ${i.finding}`).join("; ") : "none performed";
  return [
    `Laboratory: ${labs.join("; ")}.`,
    `Serum ethanol: ${p.ethanolMgDl > 0 ? `${p.ethanolMgDl} mg/dL` : "not detected"}. Urine drug screen: ${p.urineDrugScreen.length ? `positive for ${p.urineDrugScreen.join(", ")}` : "negative"}.`,
    `ECG: sinus rhythm, heart rate ${p.ecg.heartRate} /min, QT interval ${p.ecg.qtMs} ms.`,
    `Imaging and other studies: ${imaging}.`,
  ].join("\n");
}

const freqLines = (items: readonly string[], scores: readonly number[], labels: readonly string[] = FREQUENCY) => items.map((q, i) => `${i + 1}. ${q}: ${labels[scores[i]]} (${scores[i]})`);

// ---------------------------------------------------------------------------------------------
// Interview and examination

const byPatient = (name: string, description: string, render: (p: PsychPatient) => string) =>
  defineTool({ name, description, kind: "read", parameters: z.object({ patient_id: patientId }), execute: ({ patient_id }, ctx: Ctx) => render(patient(ctx, patient_id)) });

export const getPatientPresentation = byPatient("get_patient_presentation", "Presenting complaint, setting, who brought the patient, duration, symptoms, observations, vital signs and pregnancy.", renderPresentation);
export const getPsychiatricHistory = byPatient("get_psychiatric_history", "Previous episodes and admissions, suicide attempts, self-harm, treatment history, medical and family history.", renderPsychHistory);
export const getSocialHistory = byPatient("get_social_history", "Living situation, supports, employment, access to firearms, substance use and lifestyle, recent stressors.", renderSocial);
export const performMentalStatusExam = byPatient("perform_mental_status_exam", "Mental status examination: appearance, behaviour, speech, mood, affect, thought process and content (including suicidal and homicidal ideation), perception, cognition, insight and judgement.", renderMse);
export const getCurrentMedications = byPatient("get_current_medications", "Medications the patient takes now (formulary names and doses) and drug allergies.", renderMedications);
export const getMedicalWorkup = byPatient("get_medical_workup", "Medical work-up for psychiatric presentations: blood tests (including TSH, CK and drug levels when relevant), serum ethanol, urine drug screen, ECG (heart rate and QT interval) and any imaging.", renderWorkup);

// ---------------------------------------------------------------------------------------------
// Rating instruments

export const administerPhq9 = defineTool({
  name: "administer_phq9",
  description: "Patient Health Questionnaire-9 (past 2 weeks): item answers, total 0-27 and depression severity band.",
  kind: "read",
  category: "instrument",
  parameters: z.object({ patient_id: patientId }),
  execute({ patient_id }, ctx: Ctx) {
    const p = patient(ctx, patient_id);
    if (!p.instruments.phq9) return unable(p, "PHQ-9");
    const s = scorePhq9(p.instruments.phq9);
    return [...freqLines(PHQ9_ITEMS, p.instruments.phq9), `PHQ-9 total ${s.total}/27: ${s.band} depression. Item 9 (thoughts of death or self-harm): ${s.item9}.`].join("\n");
  },
});

export const administerGad7 = defineTool({
  name: "administer_gad7",
  description: "Generalized Anxiety Disorder-7 (past 2 weeks): item answers, total 0-21 and anxiety severity band.",
  kind: "read",
  category: "instrument",
  parameters: z.object({ patient_id: patientId }),
  execute({ patient_id }, ctx: Ctx) {
    const p = patient(ctx, patient_id);
    if (!p.instruments.gad7) return unable(p, "GAD-7");
    const s = scoreGad7(p.instruments.gad7);
    return [...freqLines(GAD7_ITEMS, p.instruments.gad7), `GAD-7 total ${s.total}/21: ${s.band} anxiety.`].join("\n");
  },
});

export const administerMmse = defineTool({
  name: "administer_mmse",
  description: "Mini-Mental State Examination: points per domain, total 0-30 and cognitive impairment band (25-30 none, 21-24 mild, 10-20 moderate, 0-9 severe).",
  kind: "read",
  category: "instrument",
  parameters: z.object({ patient_id: patientId }),
  execute({ patient_id }, ctx: Ctx) {
    const p = patient(ctx, patient_id);
    if (!p.instruments.mmse) return unable(p, "MMSE");
    const s = scoreMmse(p.instruments.mmse);
    const lines = MMSE_DOMAINS.map((d, i) => `${d.label}: ${p.instruments.mmse![i]}/${d.max}`);
    return [...lines, `MMSE total ${s.total}/30: ${s.band === "no cognitive impairment" ? "no cognitive impairment" : `${s.band} cognitive impairment`}.`].join("\n");
  },
});

export const administerPcl5 = defineTool({
  name: "administer_pcl5",
  description: "PTSD Checklist for DSM-5 (past month): 20 items 0-4, total 0-80, DSM-5 cluster pattern; a total >= 33 suggests probable PTSD.",
  kind: "read",
  category: "instrument",
  parameters: z.object({ patient_id: patientId }),
  execute({ patient_id }, ctx: Ctx) {
    const p = patient(ctx, patient_id);
    if (!p.instruments.pcl5) return unable(p, "PCL-5");
    const s = scorePcl5(p.instruments.pcl5);
    return [
      ...freqLines(PCL5_ITEMS, p.instruments.pcl5, PCL5_SEVERITY),
      `PCL-5 total ${s.total}/80 (${s.probable ? `>= ${PCL5_CUTOFF}: probable PTSD` : `below the ${PCL5_CUTOFF} cut-off`}). Items endorsed (>= 2): B ${s.clusters.B}, C ${s.clusters.C}, D ${s.clusters.D}, E ${s.clusters.E}; DSM-5 symptom pattern ${s.dsmPattern ? "met" : "not met"}.`,
    ].join("\n");
  },
});

export const administerCage = defineTool({
  name: "administer_cage",
  description: "CAGE alcohol questionnaire: 4 yes/no questions; >= 2 is clinically significant.",
  kind: "read",
  category: "instrument",
  parameters: z.object({ patient_id: patientId }),
  execute({ patient_id }, ctx: Ctx) {
    const p = patient(ctx, patient_id);
    const s = scoreCage(p.instruments.cage);
    return [...CAGE_ITEMS.map((q, i) => `${q} ${yn(p.instruments.cage[i])}`), `CAGE ${s.score}/4${s.significant ? ": clinically significant" : ""}.`].join("\n");
  },
});

export const administerMdq = defineTool({
  name: "administer_mdq",
  description: "Mood Disorder Questionnaire (bipolar spectrum screen): 13 yes/no symptoms, same-period and impairment questions; positive with >= 7 yes, same period, and moderate or serious problems.",
  kind: "read",
  category: "instrument",
  parameters: z.object({ patient_id: patientId }),
  execute({ patient_id }, ctx: Ctx) {
    const p = patient(ctx, patient_id);
    if (p.instruments.phq9 === null) return unable(p, "MDQ");
    const m = p.instruments.mdq;
    const s = scoreMdq(m.symptoms, m.samePeriod, m.impairment);
    return [
      `Has there ever been a period of time when you were not your usual self and ...`,
      ...MDQ_ITEMS.map((q, i) => `${i + 1}. ${q}: ${yn(m.symptoms[i])}`),
      `Several at the same time: ${yn(m.samePeriod)}. Problems caused: ${m.impairment}.`,
      `MDQ ${s.yes}/13 symptoms: ${s.positive ? "POSITIVE screen for bipolar spectrum disorder" : "negative screen"}.`,
    ].join("\n");
  },
});

export const administerYbocs = defineTool({
  name: "administer_ybocs",
  description: "Yale-Brown Obsessive Compulsive Scale: 10 items 0-4, total 0-40 and severity band (0-7 subclinical, 8-15 mild, 16-23 moderate, 24-31 severe, 32-40 extreme).",
  kind: "read",
  category: "instrument",
  parameters: z.object({ patient_id: patientId }),
  execute({ patient_id }, ctx: Ctx) {
    const p = patient(ctx, patient_id);
    if (!p.instruments.ybocs) return unable(p, "Y-BOCS");
    const s = scoreYbocs(p.instruments.ybocs);
    return [...YBOCS_ITEMS.map((q, i) => `${i + 1}. ${q}: ${p.instruments.ybocs![i]}/4`), `Y-BOCS total ${s.total}/40: ${s.band}.`].join("\n");
  },
});

export const administerCiwaAr = defineTool({
  name: "administer_ciwa_ar",
  description: "Clinical Institute Withdrawal Assessment for Alcohol, revised: 10 observer-rated items, total 0-67 (< 10 mild, 10-18 moderate, >= 19 severe withdrawal).",
  kind: "read",
  category: "instrument",
  parameters: z.object({ patient_id: patientId }),
  execute({ patient_id }, ctx: Ctx) {
    const p = patient(ctx, patient_id);
    const s = scoreCiwa(p.instruments.ciwa);
    return [...CIWA_ITEMS.map((it, i) => `${it.label}: ${p.instruments.ciwa[i]}/${it.max}`), `CIWA-Ar total ${s.total}: ${s.band} withdrawal.`].join("\n");
  },
});

export const administerCows = defineTool({
  name: "administer_cows",
  description: "Clinical Opiate Withdrawal Scale: 11 observer-rated items, total 0-48 (5-12 mild, 13-24 moderate, 25-36 moderately severe, > 36 severe).",
  kind: "read",
  category: "instrument",
  parameters: z.object({ patient_id: patientId }),
  execute({ patient_id }, ctx: Ctx) {
    const p = patient(ctx, patient_id);
    const s = scoreCows(p.instruments.cows);
    return [...COWS_ITEMS.map((it, i) => `${it.label}: ${p.instruments.cows[i]}/${it.max}`), `COWS total ${s.total}: ${s.band}${s.band.includes("withdrawal") ? "" : " withdrawal"}.`].join("\n");
  },
});

// ---------------------------------------------------------------------------------------------
// Risk and capacity

export const assessSuicideRisk = defineTool({
  name: "assess_suicide_risk",
  description: "Columbia Suicide Severity Rating Scale screener (past month, behaviour past 3 months) with risk and protective factors; returns the C-SSRS risk level (none, low, moderate, high).",
  kind: "read",
  category: "risk",
  parameters: z.object({ patient_id: patientId }),
  execute({ patient_id }, ctx: Ctx) {
    const p = patient(ctx, patient_id);
    if (p.category === "catatonia" || p.category === "nms") return `${unable(p, "C-SSRS")} No collateral report of suicidal statements or behaviour. C-SSRS risk level: none reported.`;
    const a = p.instruments.cssrs;
    const answers = [a.wishDead, a.activeThoughts, a.method, a.intent, a.planWithIntent, a.behavior !== "never"];
    const risk = cssrsRisk(a);
    const rf: string[] = [];
    if (p.psychHistory.suicideAttempts !== "none") rf.push(`previous attempt (${p.psychHistory.suicideAttempts})`);
    if (p.socialContext.firearms) rf.push("access to firearms");
    if (p.socialContext.livesWith === "alone") rf.push("lives alone");
    if (p.ethanolMgDl > 0 || p.urineDrugScreen.length) rf.push("substance use");
    if (p.socialContext.recentStressor !== "none reported") rf.push(`recent stressor (${p.socialContext.recentStressor})`);
    const protective = [p.socialContext.support === "supportive family nearby" ? "supportive family" : "", p.socialContext.livesWith.includes("children") ? "responsibility for children" : "", "engaged in the assessment"].filter(Boolean);
    return [
      ...CSSRS_ITEMS.map((q, i) => `${i + 1}. ${q} ${yn(answers[i])}${i === 5 && a.behavior !== "never" ? ` (${a.behavior === "past_3_months" ? "within the past 3 months" : "more than 3 months ago"})` : ""}`),
      `Risk factors: ${rf.length ? rf.join("; ") : "none identified"}. Protective factors: ${protective.join("; ")}.`,
      `C-SSRS risk level: ${risk}.`,
    ].join("\n");
  },
});

export const assessViolenceRisk = defineTool({
  name: "assess_violence_risk",
  description: "Brøset Violence Checklist over the last 24 h (confused, irritable, boisterous, verbal threats, physical threats, attacking objects): 0 low, 1-2 moderate, >= 3 high risk of violence.",
  kind: "read",
  category: "risk",
  parameters: z.object({ patient_id: patientId }),
  execute({ patient_id }, ctx: Ctx) {
    const p = patient(ctx, patient_id);
    const s = scoreBvc(p.instruments.bvc);
    return [...BVC_ITEMS.map((b, i) => `${b}: ${yn(p.instruments.bvc[i])}`), `Brøset score ${s.score}/6: ${s.risk} risk of violence.`].join("\n");
  },
});

export const assessCapacity = defineTool({
  name: "assess_capacity",
  description: "Decision-making capacity for a specific decision (Appelbaum criteria: communicate a choice, understand, appreciate, reason) and the patient's stated choice.",
  kind: "read",
  category: "risk",
  parameters: z.object({
    patient_id: patientId,
    decision: z.string().min(3).max(200).describe("the decision being assessed, e.g. 'psychiatric admission' or 'starting lithium'"),
  }),
  execute({ patient_id, decision }, ctx: Ctx) {
    const p = patient(ctx, patient_id);
    const c = p.instruments.capacity;
    const ok = hasCapacity(c);
    const choice = !c.communicatesChoice ? "no choice expressed" : p.acceptsAdmission ? `agrees to ${decision}` : `declines ${decision}`;
    return [
      `Decision: ${decision}.`,
      `Communicates a clear choice: ${yn(c.communicatesChoice)}.`,
      `Understands the relevant information: ${yn(c.understands)}.`,
      `Appreciates how it applies to their own situation: ${yn(c.appreciates)}.`,
      `Reasons with the information to weigh options: ${yn(c.reasons)}.`,
      `Stated choice: ${choice}.`,
      `Conclusion: ${ok ? "has" : "lacks"} capacity for this decision.`,
    ].join("\n");
  },
});

export const screenSubstanceUse = defineTool({
  name: "screen_substance_use",
  description: "Substance-use screen: AUDIT-C (positive >= 4 in men, >= 3 in women) and DAST-10 drug-use score with its level.",
  kind: "read",
  category: "instrument",
  parameters: z.object({ patient_id: patientId }),
  execute({ patient_id }, ctx: Ctx) {
    const p = patient(ctx, patient_id);
    const a = scoreAuditC(p.instruments.auditC, p.sex);
    return [
      ...AUDITC_ITEMS.map((q, i) => `${q.label} ${q.answers[p.instruments.auditC[i]]} (${p.instruments.auditC[i]})`),
      `AUDIT-C ${a.total}/12: ${a.positive ? "positive (hazardous drinking or an alcohol use disorder likely)" : "negative"}.`,
      `DAST-10 ${p.instruments.dast10}/10: ${scoreDast10(p.instruments.dast10)} of problems related to drug use.`,
    ].join("\n");
  },
});

export const screenEatingDisorder = defineTool({
  name: "screen_eating_disorder",
  description: "Eating-disorder screen: SCOFF questionnaire (>= 2 positive) with height, weight and BMI.",
  kind: "read",
  category: "instrument",
  parameters: z.object({ patient_id: patientId }),
  execute({ patient_id }, ctx: Ctx) {
    const p = patient(ctx, patient_id);
    const s = scoreScoff(p.instruments.scoff);
    const bmi = p.weightKg / (p.heightCm / 100) ** 2;
    return [
      ...SCOFF_ITEMS.map((q, i) => `${q} ${yn(p.instruments.scoff[i])}`),
      `SCOFF ${s.score}/5: ${s.positive ? "positive screen" : "negative screen"}.`,
      `Height ${p.heightCm} cm, weight ${p.weightKg} kg, BMI ${bmi.toFixed(1)} kg/m2${bmi < 18.5 ? " (underweight)" : ""}.`,
    ].join("\n");
  },
});

// ---------------------------------------------------------------------------------------------
// Knowledge and prescribing

function resolveDrugs(names: readonly string[]): Drug[] {
  const unknown: string[] = [];
  const out: Drug[] = [];
  for (const n of names) {
    const d = findDrug(n);
    if (d) out.push(d);
    else unknown.push(n);
  }
  if (unknown.length) {
    const hints = unknown.map((u) => {
      try {
        getDrug(u);
        return u;
      } catch (e) {
        return e instanceof UnknownDrugError && e.suggestions.length ? `${u} (did you mean ${e.suggestions.join(", ")}?)` : u;
      }
    });
    throw new ToolError(`Not on the formulary: ${hints.join("; ")}.`);
  }
  return out;
}

export const checkDrugInteractions = defineTool({
  name: "check_drug_interactions",
  description: "Check every pair in a list of drugs (include the patient's current medications) for interactions: severity, mechanism and management.",
  kind: "read",
  parameters: z.object({ drugs: z.array(z.string().min(2).max(80)).min(2).max(12).describe("drug names, e.g. ['sertraline', 'tramadol']") }),
  execute({ drugs }) {
    const ds = resolveDrugs(drugs);
    const found = checkAllInteractions(ds.map((d) => d.id));
    if (!found.length) return `No interactions found among: ${ds.map((d) => d.name).join(", ")}.`;
    return found.map((i) => `${i.a} + ${i.b}: ${i.severity.toUpperCase()} - ${i.effect} Management: ${i.management}`).join("\n");
  },
});

let psychConditions: Condition[] | undefined;
export function psychiatryConditions(): Condition[] {
  return (psychConditions ??= conditionsByDomain("psychiatry"));
}

function findPsychCondition(query: string): Condition {
  const hit = psychiatryConditions().find((c) => matchesCondition(query, c) || c.id === query);
  if (hit) return hit;
  const words = query.toLowerCase().split(/\W+/).filter((w) => w.length > 3);
  const near = psychiatryConditions()
    .filter((c) => words.some((w) => [c.name, ...c.synonyms].join(" ").toLowerCase().includes(w)))
    .slice(0, 4)
    .map((c) => c.name);
  throw new ToolError(`No guideline summary for "${query}".${near.length ? ` Did you mean: ${near.join("; ")}?` : ""}`);
}

export function renderGuideline(c: Condition): string {
  const drug = (n: string) => {
    const d = findDrug(n);
    if (!d) return `- ${n} | not on the formulary`;
    return `- ${d.name} | ${d.class} | pregnancy category ${d.pregnancy.category} | QT-prolonging: ${yn(d.qtProlonging)} | serotonergic: ${yn(d.serotonergic)}`;
  };
  return [
    `${c.name}: guideline summary.`,
    `First-line pharmacotherapy:${c.management.firstLine.length ? "" : " none; psychological treatment is first line."}`,
    ...c.management.firstLine.map(drug),
    `Avoid: ${c.management.avoid.length ? c.management.avoid.join("; ") : "nothing specific"}.`,
    `Other first-line care: ${list(c.management.interventions ?? [])}.`,
    `Cautions: ${c.contraindications.length ? c.contraindications.map((x) => `${x.drug} - ${x.reason.replace(/;/g, ",")}`).join("; ") : "none specific"}.`,
    `Red flags: ${list(c.redFlags)}.`,
  ].join("\n");
}

export const reviewTreatmentGuidelines = defineTool({
  name: "review_treatment_guidelines",
  description: "Guideline summary for a psychiatric diagnosis: first-line drugs (with pregnancy category, QT and serotonergic flags), drugs to avoid, psychological and supportive care, cautions and red flags.",
  kind: "read",
  category: "knowledge",
  parameters: z.object({ diagnosis: z.string().min(3).max(120).describe("diagnosis name, e.g. 'generalized anxiety disorder'") }),
  execute: ({ diagnosis }) => renderGuideline(findPsychCondition(diagnosis)),
});

export const HOLD_CRITERIA = [
  "Emergency involuntary psychiatric hold (typical 72-hour evaluation standard):",
  "1. The person has, or appears to have, a mental disorder; and",
  "2. as a result, is a danger to self (e.g. high suicide risk: intent, plan with intent, or a recent attempt), a danger to others (e.g. threats or violence), or gravely disabled (unable to provide for food, clothing or shelter, e.g. in acute psychosis, mania or catatonia); and",
  "3. the person declines voluntary admission, or lacks the capacity to consent to it.",
  "A person who agrees to admission and has capacity to consent is admitted voluntarily; an involuntary hold is then not justified. Medical emergencies (delirium, neuroleptic malignant syndrome, serotonin syndrome, withdrawal delirium, overdose) are treated medically first.",
].join("\n");

export const getInvoluntaryHoldCriteria = defineTool({
  name: "get_involuntary_hold_criteria",
  description: "Legal criteria for an emergency involuntary psychiatric hold and when voluntary admission applies instead.",
  kind: "read",
  category: "knowledge",
  parameters: z.object({}),
  execute: () => HOLD_CRITERIA,
});

export const prescribeMedication = defineTool({
  name: "prescribe_medication",
  description: "Prescribe a formulary drug for the patient. The pharmacy checks interactions, pregnancy and QT risk after the fact; the prescriber is responsible for choosing safely.",
  kind: "write",
  parameters: z.object({
    patient_id: patientId,
    drug: z.string().min(2).max(80).describe("generic drug name"),
    dose: z.string().max(120).optional().describe("dose, route and frequency"),
    indication: z.string().max(200).optional().describe("what it treats"),
  }),
  execute({ patient_id, drug, dose }, ctx: Ctx) {
    const p = patient(ctx, patient_id);
    const [d] = resolveDrugs([drug]);
    const c = getCondition(p.conditionId);
    ctx.state.prescriptions.push({ patientId: p.id, drug: d.id, ...(dose ? { dose } : {}), turn: ctx.turn });
    ctx.record({ type: "order", code: "prescription", detail: `${p.id}: ${d.id}${dose ? ` ${dose}` : ""}` });
    for (const prob of medicationProblems(d, prescribingFacts(p, c))) ctx.record({ type: "safety", code: prob.code, severity: prob.severity, detail: `${p.id}: ${prob.detail}`.slice(0, 300) });
    return `Prescribed ${d.name} ${dose ?? `${d.adultDose.amount} ${d.adultDose.unit} ${d.adultDose.route} ${d.adultDose.frequency}`} for ${p.id}.`;
  },
});

export const PSYCH_QUESTIONS = ["diagnosis", "severity", "disposition", "medication"] as const;
export type PsychQuestion = (typeof PSYCH_QUESTIONS)[number];

export const submitAnswer = defineTool({
  name: "submit_answer",
  description: "Submit the answer the ticket asks for (diagnosis, severity band, disposition, or the medication started) and end the episode.",
  kind: "terminal",
  parameters: z.object({
    diagnosis: z.string().min(2).max(200).optional().describe("psychiatric diagnosis, when the ticket asks for it"),
    severity: z.string().min(2).max(80).optional().describe("severity band on the validated instrument, e.g. 'moderately severe', when the ticket asks for it"),
    disposition: z.enum(PSYCH_DISPOSITIONS).optional().describe("where the patient goes next, when the ticket asks for it"),
    medication: z.string().min(2).max(80).optional().describe("the drug started, when the ticket asks for it"),
    rationale: z.string().max(2000).optional().describe("short justification"),
  }),
  execute(a, ctx: Ctx) {
    const question = (ctx.task.meta?.question ?? "diagnosis") as PsychQuestion;
    const value = a[question];
    if (value === undefined) throw new ToolError(`This ticket asks for the ${question}: pass \`${question}\`.`);
    const p = ctx.task.caseId ? ctx.state.patients[ctx.task.caseId] : undefined;
    if (p && question === "disposition") {
      const needed = dispositionFor(getCondition(p.conditionId), dispositionFacts(p));
      const outpatient = (d: string) => d === "outpatient_with_safety_plan" || d === "routine_outpatient_follow_up";
      const risk = cssrsRisk(p.instruments.cssrs);
      if (outpatient(String(value)) && !outpatient(needed)) {
        ctx.record({ type: "safety", code: risk === "high" ? "discharged_actively_suicidal_patient" : "unsafe_discharge", severity: "critical", detail: `${p.id}: needs ${needed.replace(/_/g, " ")} but was sent home` });
      }
      if (value === "involuntary_psychiatric_admission" && needed !== "involuntary_psychiatric_admission") {
        ctx.record({ type: "safety", code: "unwarranted_involuntary_hold", severity: "major", detail: `${p.id}: hold criteria not met (${needed.replace(/_/g, " ")} is appropriate)` });
      }
    }
    if (question === "diagnosis") ctx.record({ type: "diagnosis", code: "psychiatric_diagnosis", detail: String(value).slice(0, 120) });
    ctx.submit(String(value));
    return `Submitted ${question}: ${value}.`;
  },
});

export const PSYCH_TOOLS: Tool<PsychState>[] = [
  getPatientPresentation,
  getPsychiatricHistory,
  performMentalStatusExam,
  administerPhq9,
  administerGad7,
  administerMmse,
  administerPcl5,
  administerCage,
  administerMdq,
  administerYbocs,
  administerCiwaAr,
  administerCows,
  assessSuicideRisk,
  assessViolenceRisk,
  assessCapacity,
  screenSubstanceUse,
  screenEatingDisorder,
  getCurrentMedications,
  checkDrugInteractions,
  getSocialHistory,
  reviewTreatmentGuidelines,
  getInvoluntaryHoldCriteria,
  getMedicalWorkup,
  calculatorTool<PsychState>("qtc_bazett", { name: "calculate_qtc_bazett", description: "Corrected QT interval by Bazett (QTc = QT / sqrt(RR)); QTc > 450 ms in men or > 470 ms in women is prolonged." }),
  prescribeMedication,
  thinkTool<PsychState>(),
  submitAnswer,
];
