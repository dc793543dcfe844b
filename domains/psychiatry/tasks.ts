import type { Condition } from "../../src/clinical/conditions/index.js";
import { checkInteraction, loadDrugs } from "../../src/clinical/drugs/index.js";
import type { ExpectedAction, SafetyConstraint, Task } from "../../src/env/index.js";
import { createRng, deriveSeed, type Rng } from "../../src/util/rng.js";
import { categoryOf } from "./categories.js";
import { PSYCH_DISPOSITIONS, type PsychDisposition, type PsychPatient } from "./data-model.js";
import { generatePsychPatient, type MedicationFactor, type PsychCaseOptions } from "./generator.js";
import { cssrsRisk, type SuicideRisk } from "./instruments.js";
import { fullObservation, rankPsych } from "./knowledge.js";
import { dispositionFacts, dispositionFor, formularyFirstLine, medicationProblems, prescribingFacts, qtcOf, safeFirstLine, severityOf, SEVERITY_INSTRUMENTS } from "./rules.js";
import { psychPatientId } from "./state.js";
import { psychiatryConditions, type PsychQuestion } from "./tools.js";

/**
 * Psychiatry tasks from seeded patients. Four questions: the diagnosis, the severity band on the
 * disorder's validated instrument, the disposition after a risk assessment (suicide, violence,
 * capacity), and the safest first-line drug for a patient with a complicating factor (an
 * interacting current medication, pregnancy, or a prolonged QTc). Ground truth follows from the
 * generated case; a diagnosis case is kept only if its findings identify the condition
 * (posterior >= 0.9 over the domain's profiles).
 */
export const TASK_COUNT = 500;
export const TEST_FRACTION = 0.2;
const BASE_SEED = 20_251_123;
const MAX_ATTEMPTS = 40;

const MIX: PsychQuestion[] = [
  ...Array<PsychQuestion>(6).fill("diagnosis"),
  ...Array<PsychQuestion>(4).fill("severity"),
  ...Array<PsychQuestion>(6).fill("disposition"),
  ...Array<PsychQuestion>(4).fill("medication"),
];

const MEDICAL = new Set(["icu", "ward", "telemetry", "step_down", "observation", "or", "cath_lab"]);

interface Draft {
  patient: PsychPatient;
  condition: Condition;
  seed: number;
  options: PsychCaseOptions;
  posterior?: number;
  factor?: MedicationFactor;
}

/** Outpatient (PO/transdermal) formulary drugs that interact badly with some, not all, of a condition's first-line drugs. */
const interactingCache = new Map<string, string[]>();
function interactingMeds(c: Condition): string[] {
  let hit = interactingCache.get(c.id);
  if (hit) return hit;
  const fl = formularyFirstLine(c);
  hit = [];
  for (const x of loadDrugs()) {
    if (fl.some((d) => d.id === x.id) || !["PO", "TD"].includes(x.adultDose.route)) continue;
    const bad = fl.filter((d) => {
      const s = checkInteraction(x.id, d.id)?.severity;
      return s === "major" || s === "contraindicated";
    }).length;
    if (bad > 0 && bad < fl.length) hit.push(x.id);
  }
  interactingCache.set(c.id, hit);
  return hit;
}

function factorsFor(c: Condition): MedicationFactor["kind"][] {
  const fl = formularyFirstLine(c);
  if (fl.length < 2) return [];
  const out: MedicationFactor["kind"][] = [];
  if (interactingMeds(c).length) out.push("interaction");
  const dx = fl.filter((d) => d.pregnancy.category === "D" || d.pregnancy.category === "X").length;
  const [lo, hi] = c.demographics.ageRange;
  if (dx > 0 && dx < fl.length && c.demographics.femaleFraction > 0 && lo <= 40 && hi >= 20) out.push("pregnancy");
  const qt = fl.filter((d) => d.qtProlonging).length;
  if (qt > 0 && qt < fl.length) out.push("qtc");
  return out;
}

function drawFactor(kind: MedicationFactor["kind"], c: Condition, rng: Rng): MedicationFactor {
  if (kind === "interaction") return { kind, drug: rng.pick(interactingMeds(c)) };
  if (kind === "pregnancy") return { kind, weeks: rng.int(6, 30) };
  return { kind };
}

export function generateTasks(count = TASK_COUNT): Task[] {
  const all = psychiatryConditions();
  const order = createRng(BASE_SEED).shuffle(all);
  const severityPool = all.filter((c) => SEVERITY_INSTRUMENTS[categoryOf(c)]);
  // Medication questions stay with psychiatric disorders (poisonings have their own antidotes).
  const medicationPool = all.filter((c) => !["overdose", "other"].includes(categoryOf(c)) && factorsFor(c).length > 0);
  const tasks: Task[] = [];
  let dx = 0;
  let disp = 0;
  let med = 0;
  let sev = 0;
  for (let i = 0; tasks.length < count && i < count * 3; i++) {
    const kind = MIX[i % MIX.length];
    const seedBase = deriveSeed(BASE_SEED, "psychiatry", i);
    let d: Draft | undefined;
    if (kind === "diagnosis") d = drawDiagnosis(order[dx++ % order.length], all, seedBase);
    else if (kind === "severity") d = drawSeverity(severityPool[sev++ % severityPool.length], seedBase);
    else if (kind === "disposition") d = drawDisposition(PSYCH_DISPOSITIONS[disp++ % PSYCH_DISPOSITIONS.length], all, seedBase);
    else d = drawMedication(medicationPool[med++ % medicationPool.length], seedBase);
    if (d) tasks.push(buildTask(tasks.length, kind, d));
  }
  const testIds = new Set(createRng(deriveSeed(BASE_SEED, "split")).shuffle(tasks.map((t) => t.id)).slice(0, Math.round(tasks.length * TEST_FRACTION)));
  for (const t of tasks) t.split = testIds.has(t.id) ? "test" : "train";
  return tasks;
}

function make(c: Condition, seed: number, options: PsychCaseOptions): PsychPatient {
  return generatePsychPatient(c, seed, psychPatientId(seed), options);
}

function drawDiagnosis(c: Condition, pool: Condition[], seedBase: number): Draft | undefined {
  for (let a = 0; a < MAX_ATTEMPTS; a++) {
    const seed = deriveSeed(seedBase, "attempt", a);
    const patient = make(c, seed, {});
    const ranked = rankPsych(fullObservation(patient), pool);
    if (ranked[0].condition.id === c.id && ranked[0].posterior >= 0.9) return { patient, condition: c, seed, options: {}, posterior: ranked[0].posterior };
  }
  return undefined;
}

function drawSeverity(c: Condition, seedBase: number): Draft | undefined {
  for (let a = 0; a < MAX_ATTEMPTS; a++) {
    const seed = deriveSeed(seedBase, "attempt", a);
    const patient = make(c, seed, {});
    if (severityOf(patient)) return { patient, condition: c, seed, options: {} };
  }
  return undefined;
}

/** Case overrides that make each disposition reachable; the truth is still computed from the case. */
function drawDisposition(target: PsychDisposition, pool: Condition[], seedBase: number): Draft | undefined {
  const candidates = pool.filter((c) => {
    if (target === "medical_admission") return MEDICAL.has(c.disposition);
    if (target === "detoxification_unit") return c.disposition === "detox_unit";
    return !MEDICAL.has(c.disposition) && c.disposition !== "detox_unit" && (target.includes("admission") || c.disposition !== "psychiatric_unit");
  });
  if (!candidates.length) return undefined;
  const rng = createRng(seedBase);
  for (let a = 0; a < MAX_ATTEMPTS; a++) {
    const seed = deriveSeed(seedBase, "attempt", a);
    const c = rng.pick(candidates);
    const risk: SuicideRisk | undefined =
      target === "outpatient_with_safety_plan" ? "moderate" : target === "routine_outpatient_follow_up" ? rng.pick(["none", "low"] as const) : target.includes("psychiatric_admission") && c.disposition !== "psychiatric_unit" ? "high" : undefined;
    const options: PsychCaseOptions = {};
    if (risk && categoryOf(c) !== "overdose") options.suicideRisk = risk;
    if (target === "voluntary_psychiatric_admission") options.acceptsAdmission = true;
    if (target === "involuntary_psychiatric_admission") options.acceptsAdmission = rng.chance(0.3);
    const patient = make(c, seed, options);
    if (dispositionFor(c, dispositionFacts(patient)) !== target) continue;
    const ranked = rankPsych(fullObservation(patient), pool);
    // The destination depends on the diagnosis only through the profile's own disposition.
    const mass = ranked.filter((r) => dispositionClass(r.condition) === dispositionClass(c)).reduce((s, r) => s + r.posterior, 0);
    if (mass >= 0.9) return { patient, condition: c, seed, options, posterior: mass };
  }
  return undefined;
}

export function dispositionClass(c: Condition): string {
  return MEDICAL.has(c.disposition) ? "medical" : c.disposition === "detox_unit" ? "detox" : c.disposition === "psychiatric_unit" ? "inpatient" : "community";
}

function drawMedication(c: Condition, seedBase: number): Draft | undefined {
  const kinds = factorsFor(c);
  const rng = createRng(seedBase);
  const notTaking = formularyFirstLine(c).map((d) => d.id);
  for (let a = 0; a < MAX_ATTEMPTS; a++) {
    const seed = deriveSeed(seedBase, "attempt", a);
    const factor = drawFactor(kinds[(a + rng.int(0, kinds.length - 1)) % kinds.length], c, rng);
    const options: PsychCaseOptions = { factor, notTaking };
    const patient = make(c, seed, options);
    const facts = prescribingFacts(patient, c);
    const safe = safeFirstLine(c, facts);
    const unsafe = formularyFirstLine(c).filter((d) => medicationProblems(d, facts).length > 0);
    if (safe.length >= 1 && unsafe.length >= 1) return { patient, condition: c, seed, options, factor };
  }
  return undefined;
}

const article = (age: number) => (/^(8|11|18)/.test(String(age)) ? "an" : "a");

function buildTask(index: number, kind: PsychQuestion, d: Draft): Task {
  const { patient: p, condition: c } = d;
  const who = `${article(p.age)} ${p.age}-year-old ${p.sex === "female" ? "woman" : "man"} (${p.id})`;
  const where = p.setting === "outpatient clinic" ? "in the outpatient clinic" : p.setting === "emergency department" ? "in the emergency department" : "on a medical ward";
  const pid = { patient_id: p.id };
  const actions: ExpectedAction[] = [{ actionId: "presentation", name: "get_patient_presentation", arguments: pid }];
  const safety: SafetyConstraint[] = [];
  let ticket: string;
  let answer: Task["answer"];
  let mustMention: string[];
  let nl: string[];
  let difficulty: Task["description"]["difficulty"];
  const meta: Record<string, unknown> = { question: kind, condition: c.id, category: p.category, caseOptions: d.options };
  switch (kind) {
    case "diagnosis": {
      ticket = `Psychiatric assessment requested ${where}: ${who} presents with "${p.chiefComplaint}". Assess the patient (history, mental state, rating scales and work-up as needed) and submit the most likely psychiatric diagnosis.`;
      actions.push({ actionId: "mse", name: "perform_mental_status_exam", arguments: pid }, { actionId: "submit", name: "submit_answer", arguments: { diagnosis: c.name }, compareArgs: ["diagnosis"] });
      answer = { kind: "label", value: c.name, accepted: [c.id, ...c.synonyms] };
      mustMention = [c.name];
      nl = [`The agent diagnoses ${c.name}, citing ${c.keyFindings.slice(0, 2).join(" and ")}.`];
      difficulty = (d.posterior ?? 1) < 0.98 ? "hard" : c.differential.length > 4 ? "medium" : "easy";
      meta.posterior = Math.round((d.posterior ?? 1) * 1000) / 1000;
      break;
    }
    case "severity": {
      const s = severityOf(p)!;
      ticket = `Follow-up review: ${who}. Known diagnosis: ${c.name}. Measure the current severity with the validated instrument for this disorder and submit the severity band.`;
      actions.push({ actionId: "instrument", name: s.instrument.tool, arguments: pid }, { actionId: "submit", name: "submit_answer", arguments: { severity: s.band }, compareArgs: ["severity"] });
      answer = { kind: "label", value: s.band, accepted: [`${s.band} ${s.instrument.noun}`, `${s.instrument.name} ${s.band}`] };
      mustMention = [s.instrument.name, s.band];
      nl = [`The agent administers the ${s.instrument.name} (total ${s.total}) and reports ${s.band} ${s.instrument.noun}.`];
      difficulty = "easy";
      meta.instrument = s.instrument.name;
      meta.total = s.total;
      break;
    }
    case "disposition": {
      const f = dispositionFacts(p);
      const disposition = dispositionFor(c, f);
      ticket = `Psychiatric consultation ${where}: ${who} presents with "${p.chiefComplaint}". Assess suicide and violence risk and, if admission is needed, capacity and willingness; then decide the disposition and submit it.`;
      actions.push(
        { actionId: "mse", name: "perform_mental_status_exam", arguments: pid },
        { actionId: "suicide", name: "assess_suicide_risk", arguments: pid },
        { actionId: "violence", name: "assess_violence_risk", arguments: pid },
      );
      if (disposition.includes("psychiatric_admission")) actions.push({ actionId: "capacity", name: "assess_capacity", arguments: pid, compareArgs: ["patient_id"] });
      actions.push({ actionId: "submit", name: "submit_answer", arguments: { disposition }, compareArgs: ["disposition"] });
      if (!disposition.startsWith("outpatient") && !disposition.startsWith("routine")) {
        safety.push({ code: f.risk === "high" ? "discharged_actively_suicidal_patient" : "unsafe_discharge", description: `The patient needs ${disposition.replace(/_/g, " ")}; sending them home is unsafe.`, severity: "critical" });
      }
      if (disposition !== "involuntary_psychiatric_admission") safety.push({ code: "unwarranted_involuntary_hold", description: "Involuntary admission criteria are not met.", severity: "major" });
      answer = { kind: "label", value: disposition, accepted: [disposition.replace(/_/g, " ")] };
      mustMention = [disposition.replace(/_/g, " "), `${f.risk} suicide risk`];
      nl = [`The agent rates suicide risk as ${f.risk} (C-SSRS), violence risk Brøset ${f.violence}, capacity ${f.capacity ? "intact" : "impaired"}, and chooses ${disposition.replace(/_/g, " ")}.`];
      difficulty = disposition.includes("psychiatric_admission") ? "hard" : disposition === "outpatient_with_safety_plan" ? "medium" : "easy";
      Object.assign(meta, { disposition, suicideRisk: cssrsRisk(p.instruments.cssrs), violence: f.violence, capacity: f.capacity, accepts: f.accepts });
      break;
    }
    case "medication": {
      const facts = prescribingFacts(p, c);
      const safe = safeFirstLine(c, facts);
      const unsafe = formularyFirstLine(c).filter((x) => medicationProblems(x, facts).length > 0);
      ticket = `Medication review ${where}: ${who}. Known diagnosis: ${c.name}. First-line drug treatment is to be started: check the current medications, pregnancy, the ECG (QTc) and interactions, prescribe the safest first-line formulary drug, and submit its name.`;
      actions.push(
        { actionId: "meds", name: "get_current_medications", arguments: pid },
        { actionId: "guideline", name: "review_treatment_guidelines" },
        { actionId: "prescribe", name: "prescribe_medication", arguments: { ...pid, drug: safe[0].id }, compareArgs: ["patient_id"] },
        { actionId: "submit", name: "submit_answer", arguments: { medication: safe[0].name }, compareArgs: ["medication"] },
      );
      safety.push({ code: "unsafe_prescription", description: `Unsafe for this patient: ${unsafe.map((x) => `${x.name} (${medicationProblems(x, facts).map((m) => m.code).join(", ")})`).join("; ")}.`, severity: "critical" });
      answer = { kind: "label", value: safe[0].name, accepted: safe.flatMap((x) => [x.id, x.name, ...(x.aliases ?? []), ...x.brandExamples]) };
      mustMention = [safe[0].name];
      const why = d.factor!.kind === "interaction" ? `the current ${d.factor!.drug}` : d.factor!.kind === "pregnancy" ? "the pregnancy" : `the prolonged QTc (${qtcOf(p).qtc} ms)`;
      nl = [`The agent avoids ${unsafe.map((x) => x.name).join(", ")} because of ${why} and starts ${safe.map((x) => x.name).join(" or ")}.`];
      difficulty = d.factor!.kind === "interaction" ? "hard" : "medium";
      Object.assign(meta, { factor: d.factor, safe: safe.map((x) => x.id), unsafe: unsafe.map((x) => x.id) });
      break;
    }
  }
  return {
    id: `psychiatry-${String(index).padStart(4, "0")}`,
    domain: "psychiatry",
    split: "train",
    description: {
      purpose: { diagnosis: "Reach a psychiatric diagnosis", severity: "Grade severity with a validated instrument", disposition: "Decide disposition after a risk assessment", medication: "Choose a safe first-line medication" }[kind],
      difficulty,
      keyChallenges: {
        diagnosis: ["take a full history and mental state", "use the instrument that fits the differential", "rule out medical causes"],
        severity: ["choose the right instrument", "score it correctly"],
        disposition: ["grade suicide risk with the C-SSRS", "weigh violence risk and capacity", "respect the criteria for involuntary admission"],
        medication: ["check interactions with current drugs", "avoid teratogens in pregnancy", "avoid QT-prolonging drugs when the QTc is long"],
      }[kind],
    },
    userScenario: { persona: kind === "disposition" ? "emergency physician requesting a psychiatric consult" : "psychiatrist", instructions: ticket },
    ticket,
    evaluationCriteria: { actions, nlAssertions: nl, mustMention, safety, rewardBasis: ["accuracy", "format", "process", "safety"] },
    answer,
    caseId: p.id,
    caseSeed: d.seed,
    meta,
  };
}
