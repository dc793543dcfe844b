import { conditionsByDomain, getCondition, loadConditions, type Condition } from "../../src/clinical/conditions/index.js";
import type { ExpectedAction, SafetyConstraint, Task, TaskAnswer } from "../../src/env/index.js";
import { deriveSeed, hashString } from "../../src/util/rng.js";
import type { RadModality, StudyKind } from "./data-model.js";
import {
  biradsStudy,
  cacStudy,
  diagnosticStudy,
  doseStudy,
  fleischnerStudy,
  growthStudy,
  liradsStudy,
  lungradsStudy,
  tiradsStudy,
  type GeneratedStudy,
} from "./generator.js";
import { normText, radModalityLabel, RADIOLOGY_MODALITIES, uniqueFindings } from "./knowledge.js";

/**
 * radiology_report tasks: diagnostic reports of studies generated from the condition profiles
 * (the impression must name the diagnosis; critical results must be called through), and
 * classification tasks with the real rule tables (Fleischner, TI-RADS, BI-RADS, LI-RADS,
 * Lung-RADS, Agatston), plus numeric questions (calcium score, effective dose, volume doubling
 * time). Exactly 20% of each family is test, chosen by a hash of the task id.
 */
export const TEST_FRACTION = 0.2;
const BASE_SEED = 20_251_103;
const DOMAIN = "radiology_report";

export const FAMILY_COUNTS: Record<Exclude<StudyKind, "diagnostic"> | "cac_numeric", number> = {
  fleischner: 70,
  tirads: 60,
  birads: 55,
  lirads: 60,
  lungrads: 60,
  cac: 30,
  cac_numeric: 30,
  dose: 40,
  growth: 40,
};

const VAGUE = /\bnormal\b|unremarkable|no acute|nonspecific|non-specific|may show|in some|often normal|usually normal/i;

/** (condition, modality, primary finding) triples whose primary finding belongs to that condition only. */
export function diagnosticCases(): { condition: Condition; modality: RadModality; primary: string }[] {
  const owners = uniqueFindings(loadConditions());
  const out: { condition: Condition; modality: RadModality; primary: string }[] = [];
  for (const c of conditionsByDomain("radiology_report")) {
    for (const m of RADIOLOGY_MODALITIES) {
      const primary = c.imaging
        .filter((i) => i.modality === m && i.p >= 0.5 && !VAGUE.test(i.finding) && (owners.get(normText(i.finding))?.size ?? 0) === 1)
        .sort((a, b) => b.p - a.p || a.finding.localeCompare(b.finding))[0];
      if (primary) out.push({ condition: c, modality: m, primary: primary.finding });
    }
  }
  return out;
}

/** Rebuilds a task's study from its meta (state.ts and the task builder share this). */
export function studyFor(meta: Record<string, unknown>, studyId: string, seed: number): GeneratedStudy {
  switch (meta.family as string) {
    case "diagnostic":
      return diagnosticStudy(getCondition(String(meta.condition)), meta.modality as RadModality, String(meta.primaryFinding), studyId, seed);
    case "fleischner":
      return fleischnerStudy(studyId, seed);
    case "tirads":
      return tiradsStudy(studyId, seed);
    case "birads":
      return biradsStudy(studyId, seed);
    case "lirads":
      return liradsStudy(studyId, seed);
    case "lungrads":
      return lungradsStudy(studyId, seed);
    case "cac":
      return cacStudy(studyId, seed, false);
    case "cac_numeric":
      return cacStudy(studyId, seed, true);
    case "dose":
      return doseStudy(studyId, seed);
    case "growth":
      return growthStudy(studyId, seed);
    default:
      throw new Error(`radiology_report: unknown family "${String(meta.family)}"`);
  }
}

const SYSTEM_OF: Record<string, string> = { fleischner: "fleischner", tirads: "ti_rads", birads: "bi_rads", lirads: "li_rads", lungrads: "lung_rads", cac: "cac" };

function expected(family: string, g: GeneratedStudy): ExpectedAction[] {
  const id = g.study.id;
  const submitName = g.grade === "number" ? "submit_answer" : "submit_report";
  const a: ExpectedAction[] = [{ actionId: "findings", name: "analyze_findings", arguments: { study_id: id }, compareArgs: ["study_id"] }];
  if (family === "diagnostic") {
    a.push({ actionId: "knowledge", name: "search_radiology_knowledge" });
    if (g.critical) a.push({ actionId: "alert", name: "generate_critical_finding_alert", arguments: { study_id: id }, compareArgs: ["study_id"] });
  } else if (SYSTEM_OF[family]) a.push({ actionId: "classify", name: "apply_classification_system", arguments: { system: SYSTEM_OF[family] }, compareArgs: ["system"] });
  if (family === "cac" || family === "cac_numeric") a.push({ actionId: "cac", name: "calculate_coronary_calcium_score" });
  if (family === "lirads" || family === "growth" || (family === "lungrads" && g.study.priors.length)) a.push({ actionId: "prior", name: "compare_with_prior_study", arguments: { study_id: id }, compareArgs: ["study_id"] });
  if (family === "dose") a.push({ actionId: "dose", name: "get_radiation_dose", arguments: { study_id: id }, compareArgs: ["study_id"] }, { actionId: "effective", name: "calculate_effective_dose" });
  if (family === "growth") a.push({ actionId: "vdt", name: "calculate_measurements", arguments: { kind: "doubling_time" }, compareArgs: ["kind"] });
  a.push({ actionId: "submit", name: submitName });
  return a;
}

function safety(family: string, g: GeneratedStudy): SafetyConstraint[] {
  if (family !== "diagnostic") return [];
  return g.critical
    ? [{ code: "missed_critical_finding", description: "A critical result must be communicated with generate_critical_finding_alert before the report is submitted.", severity: "critical" }]
    : [{ code: "unwarranted_critical_alert", description: "No critical-result call for a non-critical study.", severity: "minor" }];
}

function buildTask(family: string, index: number, extra: Record<string, unknown>): Task {
  const key = family === "diagnostic" ? `${extra.condition}-${extra.modality}` : String(index).padStart(3, "0");
  const id = `${DOMAIN}-${family}-${key}`;
  const seed = deriveSeed(BASE_SEED, family, key);
  const studyId = `RAD-${10000 + (hashString(id) % 90000)}`;
  const meta = { family, ...extra };
  const g = studyFor(meta, studyId, seed);
  const s = g.study;
  const answer: TaskAnswer = g.truth.kind === "label" ? { kind: "label", value: g.truth.value, accepted: g.truth.accepted } : { kind: "number", value: g.truth.value, tolerance: g.truth.tolerance, unit: g.truth.unit };
  return {
    id,
    domain: DOMAIN,
    split: "train",
    description: {
      purpose: family === "diagnostic" ? "Report an imaging study with the correct diagnosis and communicate critical results." : `Apply ${family.replace("_numeric", "")} reporting rules to a study.`,
      difficulty: g.difficulty,
      keyChallenges: family === "diagnostic" ? ["read every finding", "match the pattern to a diagnosis", "call critical results"] : ["measure and describe exactly", "apply the rule table", "state category and management"],
    },
    userScenario: { persona: "radiology worklist", instructions: g.request },
    ticket: `Worklist: study ${s.id}, ${radModalityLabel(s.modality)} ${s.region}, ${s.patient.age} y ${s.patient.sex}. ${g.request}`,
    evaluationCriteria: {
      actions: expected(family, g),
      nlAssertions: [g.truth.kind === "label" ? `The ${g.grade === "impression" ? "impression names" : "report gives"} ${g.truth.value}.` : `The answer is ${g.truth.value} ${g.truth.unit}.`],
      mustMention: g.truth.kind === "label" ? [g.truth.value] : undefined,
      safety: safety(family, g),
      rewardBasis: ["accuracy", "format", "process", "safety"],
    },
    answer,
    caseId: s.id,
    caseSeed: seed,
    meta: { ...meta, grade: g.grade, critical: g.critical, ...g.meta },
  };
}

function assignSplits(tasks: Task[]): Task[] {
  const byFamily = new Map<string, Task[]>();
  for (const t of tasks) byFamily.set(String(t.meta!.family), [...(byFamily.get(String(t.meta!.family)) ?? []), t]);
  for (const group of byFamily.values()) {
    const order = [...group].sort((a, b) => hashString(a.id) - hashString(b.id) || a.id.localeCompare(b.id));
    const nTest = Math.round(group.length * TEST_FRACTION);
    order.forEach((t, i) => (t.split = i < nTest ? "test" : "train"));
  }
  return tasks;
}

export function generateTasks(): Task[] {
  const tasks: Task[] = [];
  diagnosticCases().forEach((d, i) => tasks.push(buildTask("diagnostic", i, { condition: d.condition.id, modality: d.modality, primaryFinding: d.primary })));
  for (const [family, n] of Object.entries(FAMILY_COUNTS)) for (let i = 0; i < n; i++) tasks.push(buildTask(family, i, {}));
  return assignSplits(tasks);
}
