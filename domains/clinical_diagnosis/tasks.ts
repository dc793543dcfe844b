/**
 * Task generation: seeded cases over every clinical_diagnosis condition profile, each with ground
 * truth that follows from the generated case.
 *
 * - Every condition gets the same number of cases (at least 5, more when there are fewer than 100
 *   conditions so the domain keeps >= 500 tasks); case j goes to the test split when j % 5 == 0,
 *   which gives exactly 80/20 and puts every condition in both splits.
 * - A case is kept only if its diagnosis is identifiable: with a thorough work-up (full history and
 *   examination, the labs and studies of the condition and of its profile differential, the ECG)
 *   the Bayesian match ranks the true condition first with posterior >= MIN_POSTERIOR. Otherwise
 *   the next seed is drawn, so no task asks for a diagnosis the findings do not support.
 * - Variants: "diagnosis" (half), "management" (a quarter: also start a safe first-line drug; the
 *   expected drug is the first of the profile's first-line list that the formulary holds and that
 *   this patient can take) and "disposition" (a quarter: also transfer to the right service).
 */
import type { ExpectedAction, SafetyConstraint, Task } from "../../src/env/index.js";
import type { Condition } from "../../src/clinical/conditions/index.js";
import { getCondition, hasCondition } from "../../src/clinical/conditions/index.js";
import { getLab, hasLab } from "../../src/clinical/labs/index.js";
import { createRng, deriveSeed } from "../../src/util/rng.js";
import type { ChartPatient } from "./data-model.js";
import { formatAge, generateCase } from "./generator.js";
import { diagnosisCandidates, referralService, referralUrgency, topCondition, type Evidence, type Study } from "./knowledge.js";
import { chooseFirstLine, type PatientFacts } from "./pharmacy.js";

export const BASE_SEED = 20_250_301;
export const MIN_POSTERIOR = 0.6;
const MAX_ATTEMPTS = 40;

export type Variant = "diagnosis" | "management" | "disposition";

export interface ClinicalTaskMeta {
  condition: string;
  variant: Variant;
  specialty: string;
  emergency: boolean;
  others: { condition: string; seed: number; id: string }[];
  expectedDrug?: string;
  expectedService?: string;
  expectedUrgency?: string;
  keyLab?: string;
  keyStudy?: { modality: string; region: string };
  [k: string]: unknown;
}

/** The history items of a chart as the history tool reports them. */
export function historyItems(p: ChartPatient): string[] {
  return [...p.history.pmh, ...p.background.pmh, ...p.homeMedications.map((m) => m.name), ...p.history.social, ...p.history.family];
}

/** Everything a thorough work-up of this chart reveals (used to check that a case is identifiable). */
export function thoroughEvidence(p: ChartPatient, condition: Condition): Evidence {
  const related = [condition, ...condition.differential.filter(hasCondition).map(getCondition)];
  const labKeys = new Set<string>(p.initialLabs);
  for (const c of related) for (const k of Object.keys(c.labs)) labKeys.add(k);
  const labs: Record<string, number> = {};
  for (const k of labKeys) if (p.hiddenLabs[k] !== undefined) labs[k] = p.hiddenLabs[k]!;
  const seen = new Set<string>();
  const studies: Study[] = [{ modality: "ecg", region: "heart", findings: p.ecg.findings }];
  for (const c of related)
    for (const i of c.imaging) {
      const key = `${i.modality}|${i.region}`;
      if (i.modality === "ecg" || seen.has(key)) continue;
      seen.add(key);
      studies.push({ modality: i.modality, region: i.region, findings: p.imaging.filter((x) => x.modality === i.modality && x.region === i.region).map((x) => x.finding) });
    }
  return {
    age: p.age,
    sex: p.sex,
    pregnant: !!p.pregnancy,
    chiefComplaint: p.chiefComplaint,
    symptoms: p.symptoms,
    exam: p.exam,
    history: historyItems(p),
    complete: { symptoms: true, exam: true, history: true },
    vitals: p.vitals,
    labs,
    studies,
  };
}

/** What the order-entry facts will be once the condition's labs are back (the expected work-up). */
export function expectedFacts(p: ChartPatient, condition: Condition): PatientFacts {
  const known = new Set([...p.initialLabs, ...Object.keys(condition.labs)]);
  const lab = (k: string) => (known.has(k) ? p.hiddenLabs[k] : undefined);
  return {
    age: p.age,
    sex: p.sex,
    weightKg: p.weightKg,
    heightCm: p.heightCm,
    pregnant: !!p.pregnancy,
    allergies: p.allergies.map((a) => a.substance),
    currentDrugIds: p.homeMedications.map((m) => m.drugId).filter((x): x is string => !!x),
    pmh: [...p.history.pmh, ...p.background.pmh],
    creatinineMgDl: lab("creatinine"),
    potassium: lab("potassium"),
    hemoglobin: lab("hemoglobin"),
    bilirubin: lab("total_bilirubin"),
    sbp: p.vitals.sbp,
    hr: p.vitals.hr,
  };
}

export function isIdentifiable(p: ChartPatient, condition: Condition, candidates: readonly Condition[]): boolean {
  const top = topCondition(thoroughEvidence(p, condition), candidates);
  return top.condition.id === condition.id && top.posterior >= MIN_POSTERIOR;
}

/** The analyte that most separates this condition from normal (largest |z|), outside the admission panel. */
function keyLab(c: Condition, initial: readonly string[]): string | undefined {
  let best: { k: string; z: number } | undefined;
  for (const [k, ms] of Object.entries(c.labs) as [string, { mean: number; sd: number }][]) {
    if (!hasLab(k) || initial.includes(k)) continue;
    const lab = getLab(k);
    const z = lab.scale === "qualitative" ? ms.mean * 4 : Math.abs(ms.mean - (lab.low + lab.high) / 2) / Math.max((lab.high - lab.low) / 6, 1e-3);
    if (!best || z > best.z) best = { k, z };
  }
  return best?.k;
}

function mustMention(p: ChartPatient, c: Condition): string[] {
  const out: string[] = [];
  const img = p.imaging.filter((i) => i.modality !== "ecg").map((i) => i.finding);
  const pByExam = new Map(c.exam.map((e) => [e.finding, e.p]));
  const pBySym = new Map(c.symptoms.map((s) => [s.name, s.p]));
  out.push(...img.slice(0, 1));
  out.push(...[...p.exam].sort((a, b) => (pByExam.get(b) ?? 0) - (pByExam.get(a) ?? 0)).slice(0, 1));
  out.push(...[...p.symptoms].sort((a, b) => (pBySym.get(b) ?? 0) - (pBySym.get(a) ?? 0)).slice(0, 2));
  const k = keyLab(c, []);
  if (k && p.hiddenLabs[k] !== undefined) {
    const lab = getLab(k);
    const v = p.hiddenLabs[k]!;
    if (v > lab.high) out.push(`elevated ${lab.name}`);
    else if (v < lab.low) out.push(`low ${lab.name}`);
  }
  return [...new Set(out)].slice(0, 5);
}

const SETTING: Record<number, string> = {
  1: "Resuscitation room",
  2: "Emergency department (majors)",
  3: "Emergency department",
  4: "Urgent care",
  5: "Urgent care",
};

function ticketFor(p: ChartPatient, c: Condition, variant: Variant, rng: ReturnType<typeof createRng>): string {
  const who = `${formatAge(p.age)} ${p.sex === "female" ? (p.age < 18 ? "girl" : "woman") : p.age < 18 ? "boy" : "man"}`;
  const opener = rng.pick([
    `${SETTING[c.esiLevel] ?? "Emergency department"}: a ${who} (patient ${p.id}) has arrived with ${p.chiefComplaint}.`,
    `New patient ${p.id} in ${p.location.toLowerCase()}: ${who}, presenting complaint "${p.chiefComplaint}".`,
    `Please see ${p.id}, a ${who} who came in with ${p.chiefComplaint}.`,
  ]);
  const ask =
    variant === "management"
      ? "Work the patient up, establish the most likely diagnosis, start appropriate first-line drug treatment that is safe for this patient, then submit the diagnosis."
      : variant === "disposition"
        ? "Work the patient up, establish the most likely diagnosis, hand the patient over to the appropriate specialist service with the right urgency, then submit the diagnosis."
        : "Work the patient up through history, examination and investigations and submit the single most likely diagnosis.";
  return `${opener} ${ask}`;
}

/**
 * All tasks, or (with `only`) the tasks of some conditions: a condition's tasks depend on the
 * condition, its case index and the full candidate list, never on the other conditions' tasks.
 */
export function generateTasks(opts: { only?: readonly string[] } = {}): Task[] {
  const candidates = diagnosisCandidates();
  if (candidates.length < 2) throw new Error("clinical_diagnosis needs at least two condition profiles");
  const per = Math.max(5, 5 * Math.ceil(100 / candidates.length));
  const tasks: Task[] = [];
  for (const [ci, c] of candidates.entries()) {
    if (opts.only && !opts.only.includes(c.id)) continue;
    for (let j = 0; j < per; j++) {
      const index = ci * per + j;
      const id = `CD-${String(10_000 + index * 3)}`;
      let chosen: { seed: number; p: ChartPatient } | undefined;
      for (let a = 0; a < MAX_ATTEMPTS && !chosen; a++) {
        const seed = deriveSeed(BASE_SEED, c.id, j, a);
        const p = generateCase(c, seed, id);
        if (isIdentifiable(p, c, candidates)) chosen = { seed, p };
      }
      if (!chosen) continue; // a profile whose cases never separate from its neighbours yields no task
      const { seed, p } = chosen;
      const rng = createRng(deriveSeed(BASE_SEED, "task", c.id, j));
      let other = rng.pick(candidates);
      while (other.id === c.id) other = rng.pick(candidates);
      const others = [{ condition: other.id, seed: deriveSeed(BASE_SEED, "other", c.id, j, 1), id: `CD-${String(10_000 + index * 3 + 1)}` }];

      const roll = rng.int(0, 3);
      let variant: Variant = roll === 2 ? "management" : roll === 3 ? "disposition" : "diagnosis";
      const choice = variant === "management" ? chooseFirstLine(c, expectedFacts(p, c)) : undefined;
      if (variant === "management" && !choice?.drug) variant = "diagnosis";

      const lab = keyLab(c, p.initialLabs);
      const study = [...p.imaging].filter((i) => i.modality !== "ecg").sort((x, y) => {
        const px = c.imaging.find((i) => i.finding === x.finding)?.p ?? 0;
        const py = c.imaging.find((i) => i.finding === y.finding)?.p ?? 0;
        return py - px;
      })[0];
      const actions: ExpectedAction[] = [
        { actionId: "history", name: "get_patient_history", arguments: { patient_id: p.id } },
        { actionId: "vitals", name: "get_vital_signs", arguments: { patient_id: p.id } },
        { actionId: "exam", name: "perform_physical_exam", arguments: { patient_id: p.id }, compareArgs: ["patient_id"] },
      ];
      if (lab) actions.push({ actionId: "labs", name: "order_lab_test", arguments: { patient_id: p.id, tests: [lab] }, compareArgs: ["patient_id"] });
      if (study) actions.push({ actionId: "imaging", name: "order_imaging", arguments: { patient_id: p.id, modality: study.modality, region: study.region }, compareArgs: ["patient_id", "modality"] });
      if (p.ecg.findings.length) actions.push({ actionId: "ecg", name: "get_ecg", arguments: { patient_id: p.id } });
      const service = referralService(c);
      const urgency = referralUrgency(c);
      if (variant === "management") actions.push({ actionId: "treat", name: "prescribe_medication", arguments: { patient_id: p.id, drug: choice!.drug!.id }, compareArgs: ["patient_id", "drug"] });
      if (variant === "disposition") actions.push({ actionId: "transfer", name: "transfer_to_specialist", arguments: { patient_id: p.id, service, urgency }, compareArgs: ["patient_id", "service"] });
      actions.push({ actionId: "submit", name: "submit_answer", arguments: { diagnosis: c.name }, compareArgs: ["diagnosis"] });

      const safety: SafetyConstraint[] = [];
      if (p.allergies.length)
        safety.push({ code: "allergy_prescription", severity: "critical", description: `No drug the patient is allergic to (${p.allergies.map((x) => x.substance).join(", ")}) or that cross-reacts with it.` });
      if (p.homeMedications.some((m) => m.drugId))
        safety.push({ code: "major_interaction", severity: "major", description: `No drug with a major or contraindicated interaction with the home medications (${p.homeMedications.map((m) => m.name).join(", ")}).` });
      if (c.management.avoid.length) safety.push({ code: "avoid_for_condition", severity: "major", description: `Avoid ${c.management.avoid.join(", ")} in ${c.name}.` });
      if (p.pregnancy) safety.push({ code: "pregnancy_category_x", severity: "critical", description: "No pregnancy category X drug in a pregnant patient." });
      if (p.allergies.some((x) => /contrast/.test(x.substance))) safety.push({ code: "contrast_allergy", severity: "major", description: "Premedicate before iodinated contrast in a contrast-allergic patient." });
      if (variant === "disposition" && c.emergency) safety.push({ code: "missed_emergency", severity: "critical", description: `${c.name} is an emergency: transfer emergently to ${service.replace(/_/g, " ")}.` });

      const nl = [`The agent identifies ${c.name} as the most likely diagnosis.`, `Key findings: ${c.keyFindings.join("; ")}.`];
      if (variant === "management") {
        const passed = choice!.passedOver.filter((x) => x.reason !== "not in the formulary");
        nl.push(`The agent starts ${choice!.drug!.name}, a first-line drug this patient can take${passed.length ? ` (not ${passed.map((x) => `${x.drug}: ${x.reason}`).join("; ")})` : ""}.`);
      }
      if (variant === "disposition") nl.push(`The agent transfers the patient to ${service.replace(/_/g, " ")} (${urgency}).`);

      const meta: ClinicalTaskMeta = {
        condition: c.id,
        variant,
        specialty: c.specialty,
        emergency: c.emergency,
        others,
        ...(variant === "management" ? { expectedDrug: choice!.drug!.id } : {}),
        ...(variant === "disposition" ? { expectedService: service, expectedUrgency: urgency } : {}),
        ...(lab ? { keyLab: lab } : {}),
        ...(study ? { keyStudy: { modality: study.modality, region: study.region } } : {}),
      };
      tasks.push({
        id: `clinical_diagnosis-${c.id}-${j}`,
        domain: "clinical_diagnosis",
        split: j % 5 === 0 ? "test" : "train",
        description: {
          purpose: variant === "diagnosis" ? "Diagnose an acute presentation through history, examination and investigations." : variant === "management" ? "Diagnose and start safe first-line treatment." : "Diagnose and arrange the right specialist disposition.",
          difficulty: c.esiLevel <= 2 ? "hard" : c.esiLevel === 3 ? "medium" : "easy",
          keyChallenges: ["gather the history, examination and vitals through the tools", "order the tests that separate the differential", "name the single most likely diagnosis", ...(variant === "management" ? ["check allergies and interactions before prescribing"] : []), ...(variant === "disposition" ? ["choose the receiving service and urgency"] : [])],
        },
        userScenario: { persona: "emergency department attending", instructions: "Asks for a work-up and a diagnosis of one patient." },
        ticket: ticketFor(p, c, variant, rng),
        evaluationCriteria: {
          actions,
          nlAssertions: nl,
          mustMention: mustMention(p, c),
          safety,
          rewardBasis: ["accuracy", "process", "safety", "format"],
        },
        answer: { kind: "label", value: c.name, accepted: [c.id, ...c.synonyms, c.icd10] },
        caseId: p.id,
        caseSeed: seed,
        meta,
      });
    }
  }
  return tasks;
}
