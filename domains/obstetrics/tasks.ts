import type { Condition } from "../../src/clinical/conditions/index.js";
import { findDrug, loadDrugs, type Drug } from "../../src/clinical/drugs/index.js";
import type { ExpectedAction, SafetyConstraint, Task } from "../../src/env/index.js";
import { createRng, deriveSeed } from "../../src/util/rng.js";
import type { ObPatient } from "./data-model.js";
import { generateObPatient, type ObCaseOptions } from "./generator.js";
import { answerMass, fullObservation, rankOb } from "./knowledge.js";
import { antiDFor, bestGa, consistentWithLabel, factsOf, indicatedInterventions, inductionMethod, MANAGED, obCategory, SENSITISING, type ObCategory } from "./rules.js";
import { bestGestationalAge, fmtGa } from "./scores.js";
import { obPatientId } from "./state.js";
import { obstetricConditions, type ObQuestion } from "./tools.js";

/**
 * Obstetric tasks from seeded patients. Six questions: the diagnosis; every intervention indicated
 * now (as a set, following ACOG bulletins); gestational age by the best obstetric estimate; the
 * Rh(D) immune globulin dose; the Bishop score with the induction method; and the one drug of four
 * that is appropriate in this pregnancy. Ground truth follows from the generated case; a case is
 * kept only if its findings determine the answer (posterior >= 0.9 over the domain's profiles) and,
 * for the hypertensive disorders, if it still meets its label's ACOG criteria.
 */
export const TASK_COUNT = 500;
export const TEST_FRACTION = 0.2;
const BASE_SEED = 20_251_124;
const MAX_ATTEMPTS = 40;
const MIN_POSTERIOR = 0.9;

const MIX: ObQuestion[] = [
  ...Array<ObQuestion>(5).fill("diagnosis"),
  ...Array<ObQuestion>(5).fill("management"),
  ...Array<ObQuestion>(3).fill("dating"),
  ...Array<ObQuestion>(3).fill("rh"),
  ...Array<ObQuestion>(2).fill("induction"),
  ...Array<ObQuestion>(2).fill("medication"),
];

const INDUCTION_MIN_WEEKS: Partial<Record<ObCategory, number>> = { severe_preeclampsia: 34, hellp: 34, eclampsia: 34, pprom: 34, cholestasis: 36 };
/** Drugs with established fetal harm, offered as wrong options when the condition's own list is short. */
const TERATOGENS = ["warfarin", "atorvastatin", "lisinopril", "losartan", "valproic_acid", "doxycycline", "carbamazepine", "phenytoin", "methotrexate", "isotretinoin", "misoprostol", "topiramate", "amiodarone"];

interface Draft {
  patient: ObPatient;
  condition: Condition;
  seed: number;
  options: ObCaseOptions;
  posterior?: number;
  extra?: Record<string, unknown>;
}

const make = (c: Condition, seed: number, options: ObCaseOptions) => generateObPatient(c, seed, obPatientId(seed), options);

/** A complaint that names a gestation ("bleeding at 10 weeks") must agree with the case's dates. */
export function complaintFitsDates(p: ObPatient): boolean {
  const m = p.chiefComplaint.match(/(\d+) weeks/);
  if (!m || !p.dating) return true;
  const weeks = Math.floor((bestGa(p) ?? 0) / 7);
  return Math.abs(Number(m[1]) - weeks) <= 1;
}

export function generateTasks(count = TASK_COUNT): Task[] {
  const all = obstetricConditions();
  const order = createRng(BASE_SEED).shuffle(all);
  const managed = all.filter((c) => MANAGED.has(obCategory(c)));
  const pregnantPool = all.filter((c) => c.demographics.pregnancy);
  // Routine 28-week prophylaxis is asked at an outpatient visit, so only for conditions seen in clinic.
  const rhPool = pregnantPool.filter(
    (c) => SENSITISING.has(obCategory(c)) || (["outpatient_followup", "discharge"].includes(c.disposition) && (c.demographics.gestationalWeeks?.[0] ?? 99) <= 30 && (c.demographics.gestationalWeeks?.[1] ?? 0) >= 26),
  );
  const inductionPool = all.filter((c) => INDUCTION_MIN_WEEKS[obCategory(c)] !== undefined && (c.demographics.gestationalWeeks?.[1] ?? 0) >= INDUCTION_MIN_WEEKS[obCategory(c)]!);
  const medicationPool = pregnantPool.filter((c) => medicationOptions(c, createRng(1)) !== undefined);
  const counters: Record<ObQuestion, number> = { diagnosis: 0, management: 0, dating: 0, rh: 0, induction: 0, medication: 0 };
  const tasks: Task[] = [];
  for (let i = 0; tasks.length < count && i < count * 3; i++) {
    const kind = MIX[i % MIX.length];
    const k = counters[kind]++;
    const seedBase = deriveSeed(BASE_SEED, "obstetrics", i);
    let d: Draft | undefined;
    if (kind === "diagnosis") d = drawDiagnosis(order[k % order.length], all, seedBase);
    else if (kind === "management") d = drawManagement(managed[k % managed.length], all, seedBase, k);
    else if (kind === "dating") d = drawDating(pregnantPool[k % pregnantPool.length], seedBase);
    else if (kind === "rh") d = drawRh(rhPool[k % rhPool.length], all, seedBase, k);
    else if (kind === "induction") d = drawInduction(inductionPool[k % inductionPool.length], seedBase, k);
    else d = drawMedication(medicationPool[k % medicationPool.length], seedBase);
    if (d) tasks.push(buildTask(tasks.length, kind, d));
  }
  const testIds = new Set(createRng(deriveSeed(BASE_SEED, "split")).shuffle(tasks.map((t) => t.id)).slice(0, Math.round(tasks.length * TEST_FRACTION)));
  for (const t of tasks) t.split = testIds.has(t.id) ? "test" : "train";
  return tasks;
}

function drawDiagnosis(c: Condition, pool: Condition[], seedBase: number): Draft | undefined {
  for (let a = 0; a < MAX_ATTEMPTS; a++) {
    const seed = deriveSeed(seedBase, "attempt", a);
    const patient = make(c, seed, {});
    if (!consistentWithLabel(patient, obCategory(c)) || !complaintFitsDates(patient)) continue;
    const ranked = rankOb(fullObservation(patient), pool);
    if (ranked[0].condition.id === c.id && ranked[0].posterior >= MIN_POSTERIOR) return { patient, condition: c, seed, options: {}, posterior: ranked[0].posterior };
  }
  return undefined;
}

function drawManagement(c: Condition, pool: Condition[], seedBase: number, k: number): Draft | undefined {
  const cat = obCategory(c);
  const options: ObCaseOptions = {};
  // Bleeding and ectopic cases exercise the anti-D rule about half the time.
  if (SENSITISING.has(cat)) options.rhNegative = k % 2 === 0;
  if (cat === "gdm") options.glucoseTargetsMet = k % 2 === 0;
  for (let a = 0; a < MAX_ATTEMPTS; a++) {
    const seed = deriveSeed(seedBase, "attempt", a);
    const patient = make(c, seed, options);
    if (!consistentWithLabel(patient, cat) || !complaintFitsDates(patient)) continue;
    const f = factsOf(patient);
    const answer = indicatedInterventions(cat, f).join(", ");
    const mass = answerMass(rankOb(fullObservation(patient), pool), (x) => indicatedInterventions(obCategory(x), f).join(", "), answer);
    if (mass >= MIN_POSTERIOR) return { patient, condition: c, seed, options, posterior: mass };
  }
  return undefined;
}

function drawDating(c: Condition, seedBase: number): Draft | undefined {
  for (let a = 0; a < MAX_ATTEMPTS; a++) {
    const seed = deriveSeed(seedBase, "attempt", a);
    const patient = make(c, seed, {});
    if (patient.dating && complaintFitsDates(patient)) return { patient, condition: c, seed, options: {} };
  }
  return undefined;
}

function drawRh(c: Condition, pool: Condition[], seedBase: number, k: number): Draft | undefined {
  const cat = obCategory(c);
  // Most Rh questions concern Rh-negative women; some are Rh-positive or already alloimmunised (answer 0).
  const options: ObCaseOptions = { rhNegative: k % 5 !== 4, antiD: k % 10 === 3 };
  for (let a = 0; a < MAX_ATTEMPTS; a++) {
    const seed = deriveSeed(seedBase, "attempt", a);
    const patient = make(c, seed, options);
    const weeks = Math.floor((bestGa(patient) ?? 0) / 7);
    if (!SENSITISING.has(cat) && (weeks < 26 || weeks > 30)) continue;
    if (!consistentWithLabel(patient, cat) || !complaintFitsDates(patient)) continue;
    const answer = antiDFor(patient, cat);
    const mass = answerMass(rankOb(fullObservation(patient), pool), (x) => antiDFor(patient, obCategory(x)), answer);
    if (mass >= MIN_POSTERIOR) return { patient, condition: c, seed, options, posterior: mass };
  }
  return undefined;
}

function drawInduction(c: Condition, seedBase: number, k: number): Draft | undefined {
  const cat = obCategory(c);
  const options: ObCaseOptions = { bishop: k % 2 === 0 ? "favourable" : "unfavourable" };
  for (let a = 0; a < MAX_ATTEMPTS; a++) {
    const seed = deriveSeed(seedBase, "attempt", a);
    const patient = make(c, seed, options);
    const weeks = Math.floor((bestGa(patient) ?? 0) / 7);
    const m = inductionMethod(patient);
    if (weeks < INDUCTION_MIN_WEEKS[cat]! || !m || m.score === 7 || !consistentWithLabel(patient, cat) || !complaintFitsDates(patient)) continue;
    return { patient, condition: c, seed, options };
  }
  return undefined;
}

/** One appropriate first-line drug and three that are wrong here (to avoid in this condition, or teratogens). */
function medicationOptions(c: Condition, rng: ReturnType<typeof createRng>): { correct: Drug; wrong: Drug[] } | undefined {
  const ids = (names: readonly string[]) => names.map((n) => findDrug(n)).filter((d): d is Drug => !!d);
  const firstLine = ids(c.management.firstLine);
  const avoid = ids(c.management.avoid);
  const firstIds = new Set(firstLine.map((d) => d.id));
  const correct = firstLine.filter((d) => !avoid.some((a) => a.id === d.id));
  if (!correct.length) return undefined;
  const teratogens = loadDrugs().filter((d) => TERATOGENS.includes(d.id) && !firstIds.has(d.id) && (d.pregnancy.category === "X" || d.pregnancy.category === "D"));
  const wrong = [...new Map([...avoid.filter((d) => !firstIds.has(d.id)), ...rng.shuffle(teratogens)].map((d) => [d.id, d])).values()].slice(0, 3);
  if (wrong.length < 3) return undefined;
  return { correct: rng.pick(correct), wrong };
}

function drawMedication(c: Condition, seedBase: number): Draft | undefined {
  const rng = createRng(deriveSeed(seedBase, "options"));
  const opts = medicationOptions(c, rng);
  if (!opts) return undefined;
  const patient = make(c, deriveSeed(seedBase, "attempt", 0), {});
  const letters = ["A", "B", "C", "D"];
  const drugs = rng.shuffle([opts.correct, ...opts.wrong]);
  const options: Record<string, string> = {};
  drugs.forEach((d, i) => (options[letters[i]] = d.name));
  const key = letters[drugs.findIndex((d) => d.id === opts.correct.id)];
  return { patient, condition: c, seed: deriveSeed(seedBase, "attempt", 0), options: {}, extra: { choices: options, key, correct: opts.correct.id, wrong: opts.wrong.map((d) => d.id) } };
}

const article = (age: number) => (/^(8|11|18)/.test(String(age)) ? "an" : "a");

function buildTask(index: number, kind: ObQuestion, d: Draft): Task {
  const { patient: p, condition: c } = d;
  const cat = obCategory(c);
  const who = `${article(p.age)} ${p.age}-year-old woman (${p.id})`;
  const pid = { patient_id: p.id };
  const actions: ExpectedAction[] = [{ actionId: "presentation", name: "get_patient_presentation", arguments: pid }];
  const safety: SafetyConstraint[] = [];
  let ticket: string;
  let answer: Task["answer"];
  let mustMention: string[];
  let nl: string[];
  let difficulty: Task["description"]["difficulty"];
  const meta: Record<string, unknown> = { question: kind, condition: c.id, category: cat, caseOptions: d.options };
  const status = p.pregnant ? "pregnant" : p.postpartum ? "recently delivered" : "not known to be pregnant";
  if (cat === "previa") safety.push({ code: "digital_exam_with_placenta_previa", description: "No digital cervical examination with placenta previa.", severity: "critical" });
  switch (kind) {
    case "diagnosis": {
      ticket = `Obstetric triage: ${who}, ${status}, presents with "${p.chiefComplaint}". Assess her (history, examination, fetal or gynaecological assessment, labs as needed) and submit the most likely diagnosis.`;
      actions.push({ actionId: "history", name: "get_obstetric_history", arguments: pid }, { actionId: "submit", name: "submit_answer", arguments: { diagnosis: c.name }, compareArgs: ["diagnosis"] });
      answer = { kind: "label", value: c.name, accepted: [c.id, ...c.synonyms] };
      mustMention = [c.name];
      nl = [`The agent diagnoses ${c.name}, citing ${c.keyFindings.slice(0, 2).join(" and ")}.`];
      difficulty = (d.posterior ?? 1) < 0.98 ? "hard" : c.differential.length > 4 ? "medium" : "easy";
      meta.posterior = Math.round((d.posterior ?? 1) * 1000) / 1000;
      break;
    }
    case "management": {
      const f = factsOf(p);
      const set = indicatedInterventions(cat, f);
      ticket = `Labour and delivery: ${who}, ${status}, presents with "${p.chiefComplaint}". Assess her, establish the gestational age, start what is needed now, and submit every intervention indicated now (interventions).`;
      actions.push({ actionId: "history", name: "get_obstetric_history", arguments: pid });
      if (set.includes("magnesium_sulfate")) {
        actions.push({ actionId: "magnesium", name: "order_medication", arguments: { ...pid, drug: "magnesium_sulfate" }, compareArgs: ["patient_id"] });
        safety.push({ code: "missed_magnesium_prophylaxis", description: "Magnesium sulfate is indicated and must be started.", severity: "critical" });
      }
      if (set.includes("anti_d_immunoglobulin")) safety.push({ code: "missed_anti_d", description: "Rh-negative and unsensitised with a sensitising event: give anti-D.", severity: "major" });
      actions.push({ actionId: "submit", name: "submit_answer", arguments: { interventions: set }, compareArgs: ["interventions"] });
      answer = { kind: "label", value: set.join(", ") };
      mustMention = set.map((s) => s.replace(/_/g, " "));
      nl = [`For ${c.name} at ${f.gaWeeks ?? "?"} weeks the agent starts: ${set.join(", ").replace(/_/g, " ")}.`];
      difficulty = set.length >= 4 ? "hard" : set.length >= 2 ? "medium" : "easy";
      meta.interventions = set;
      meta.gaWeeks = f.gaWeeks;
      break;
    }
    case "dating": {
      const dt = p.dating!;
      const r = bestGestationalAge(dt.today, dt.lmp, dt.ultrasound, dt.lmpCertain);
      const w = Math.floor(r.gaDays / 7);
      const dd = r.gaDays % 7;
      ticket = `Antenatal review: ${who} is pregnant and presents with "${p.chiefComplaint}". Before anything else, establish her gestational age today by the best obstetric estimate (LMP and dating ultrasound, ACOG redating rules) and submit it as ga_weeks and ga_days.`;
      actions.push({ actionId: "history", name: "get_obstetric_history", arguments: pid });
      if (dt.ultrasound) actions.push({ actionId: "dating", name: "calculate_dating_by_ultrasound" });
      actions.push({ actionId: "submit", name: "submit_answer", arguments: { ga_weeks: w, ga_days: dd }, compareArgs: ["ga_weeks", "ga_days"] });
      answer = { kind: "label", value: `${w} weeks ${dd} days`, accepted: [`${w}w${dd}d`, `${w}+${dd}`, `${w} ${dd}/7`] };
      mustMention = [fmtGa(r.gaDays)];
      nl = [`Dating by ${r.method}${r.difference !== undefined ? ` (LMP and ultrasound differ by ${r.difference} days, threshold ${r.threshold})` : ""}: ${fmtGa(r.gaDays)}.`];
      difficulty = r.method === "ultrasound" ? "hard" : dt.ultrasound ? "medium" : "easy";
      Object.assign(meta, { datingMethod: r.method, gaDays: r.gaDays });
      break;
    }
    case "rh": {
      const dose = antiDFor(p, cat);
      const sensitising = SENSITISING.has(cat);
      ticket = sensitising
        ? `Obstetric triage: ${who}, pregnant, presents with "${p.chiefComplaint}". Decide whether she needs Rh(D) immune globulin now and the dose, give it if indicated, and submit anti_d_dose_mcg (0 if not indicated).`
        : `Routine antenatal visit: ${who}, pregnant, is seen for "${p.chiefComplaint}". Review her Rh(D) status and decide whether she needs Rh(D) immune globulin today and the dose; give it if indicated and submit anti_d_dose_mcg (0 if not indicated).`;
      actions.push({ actionId: "rh", name: "check_rh_status", arguments: pid });
      if (dose > 300 || (dose === 300 && sensitising && Math.floor((bestGa(p) ?? 0) / 7) >= 20)) actions.push({ actionId: "kb", name: "order_labs", arguments: { ...pid, panels: ["kleihauer_betke"] }, compareArgs: ["patient_id"] });
      if (dose > 0) {
        actions.push({ actionId: "give", name: "order_medication", arguments: { ...pid, drug: "rho_d_immune_globulin" }, compareArgs: ["patient_id", "drug"] });
        safety.push({ code: "missed_anti_d", description: "Anti-D is indicated and must be given.", severity: "major" });
      } else safety.push({ code: "unindicated_anti_d", description: "Anti-D is not indicated here.", severity: "minor" });
      actions.push({ actionId: "submit", name: "submit_answer", arguments: { anti_d_dose_mcg: dose }, compareArgs: ["anti_d_dose_mcg"] });
      answer = { kind: "number", value: dose, tolerance: 0, unit: "µg" };
      mustMention = [dose > 0 ? `${dose} µg` : "not indicated"];
      nl = [dose === 0 ? `Anti-D is not indicated (${!p.prenatal.rhNegative ? "Rh-positive" : p.prenatal.antiD ? "already alloimmunised" : "no indication today"}).` : `The agent gives ${dose} µg of Rh(D) immune globulin${p.kleihauerBetkePct && Math.floor((bestGa(p) ?? 0) / 7) >= 20 && sensitising ? ` (Kleihauer-Betke ${p.kleihauerBetkePct} %)` : ""}.`];
      difficulty = dose > 300 ? "hard" : dose === 0 ? "medium" : "easy";
      Object.assign(meta, { dose, rhNegative: p.prenatal.rhNegative, alloimmunised: p.prenatal.antiD, kleihauerBetke: p.kleihauerBetkePct });
      break;
    }
    case "induction": {
      const m = inductionMethod(p)!;
      ticket = `Induction planning: ${who} with ${c.name} is to be delivered. Examine the cervix, calculate the Bishop score, confirm fetal well-being and decide how to start the induction. Submit bishop_score and induction_method.`;
      actions.push({ actionId: "cervix", name: "assess_labor_progress", arguments: pid }, { actionId: "bishop", name: "calculate_bishop_score" }, { actionId: "submit", name: "submit_answer", arguments: { bishop_score: m.score, induction_method: m.method }, compareArgs: ["bishop_score", "induction_method"] });
      if (p.priorCesarean) safety.push({ code: "misoprostol_after_cesarean", description: "Prior cesarean: do not ripen the cervix with misoprostol.", severity: "critical" });
      answer = { kind: "label", value: `bishop ${m.score}: ${m.method}` };
      mustMention = [`Bishop ${m.score}`, m.method];
      nl = [`The agent scores Bishop ${m.score} and chooses ${m.method}.`];
      difficulty = m.score === 6 || m.score === 8 ? "hard" : "medium";
      Object.assign(meta, { bishop: m.score, method: m.method, priorCesarean: p.priorCesarean });
      break;
    }
    case "medication": {
      const x = d.extra as { choices: Record<string, string>; key: string; correct: string; wrong: string[] };
      const opts = Object.entries(x.choices).map(([l, n]) => `${l}) ${n}`).join("  ");
      const weeks = Math.floor((bestGa(p) ?? 0) / 7);
      ticket = `Medication check: ${who}, pregnant at about ${weeks} weeks, has ${c.name}. Which ONE of these drugs is appropriate for her now? ${opts}. Check them with the tools and submit the letter (medication_choice).`;
      actions.push({ actionId: "safety", name: "check_medication_safety" }, { actionId: "submit", name: "submit_answer", arguments: { medication_choice: x.key }, compareArgs: ["medication_choice"] });
      answer = { kind: "choice", value: x.key, options: x.choices };
      mustMention = [x.choices[x.key]];
      nl = [`The agent chooses ${x.choices[x.key]} and rejects ${x.wrong.join(", ")} (avoided in ${c.name} or harmful in pregnancy).`];
      difficulty = "medium";
      Object.assign(meta, x);
      break;
    }
  }
  return {
    id: `obstetrics-${String(index).padStart(4, "0")}`,
    domain: "obstetrics",
    split: "train",
    description: {
      purpose: { diagnosis: "Reach an obstetric or gynaecological diagnosis", management: "Start every indicated intervention", dating: "Date the pregnancy", rh: "Decide Rh(D) immune globulin", induction: "Plan the induction of labour", medication: "Choose a drug that is safe in pregnancy" }[kind],
      difficulty,
      keyChallenges: {
        diagnosis: ["integrate maternal, fetal and gynaecological findings", "use the right assessment for the gestation"],
        management: ["date the pregnancy first", "apply gestational-age thresholds (32, 34, 37 weeks)", "start magnesium and anti-D when indicated"],
        dating: ["compare LMP and ultrasound dating", "apply the redating thresholds"],
        rh: ["check Rh(D) and antibody status", "quantify a large bleed with a Kleihauer-Betke test from 20 weeks"],
        induction: ["score all five Bishop components", "no misoprostol after a cesarean"],
        medication: ["check pregnancy safety", "know what to avoid in the condition"],
      }[kind],
    },
    userScenario: { persona: kind === "rh" || kind === "dating" ? "midwife" : "obstetrician", instructions: ticket },
    ticket,
    evaluationCriteria: { actions, nlAssertions: nl, mustMention, safety, rewardBasis: ["accuracy", "format", "process", "safety"] },
    answer,
    caseId: p.id,
    caseSeed: d.seed,
    meta,
  };
}
