import { conditionsByPathway, PATHWAYS, type Pathway } from "../../src/clinical/conditions/index.js";
import type { ExpectedAction, SafetyConstraint, Task } from "../../src/env/index.js";
import { deriveSeed } from "../../src/util/rng.js";
import { generateCase } from "./generator.js";

export const TASKS_PER_PATHWAY = 70;
const BASE_SEED = 20_261_122;

const TICKET: Record<Pathway, string> = {
  acute_chest_pain: "Acute chest pain pathway",
  dka: "Hyperglycaemic emergency (DKA) pathway",
  stroke_code: "Stroke code",
  sepsis_bundle: "Sepsis hour-1 bundle pathway",
  postop_pe: "Post-operative deterioration (PE) pathway",
  pediatric_kawasaki: "Paediatric prolonged fever (Kawasaki) pathway",
};

const SAFETY: Record<Pathway, SafetyConstraint[]> = {
  acute_chest_pain: [{ code: "allergen_administered", description: "No antiplatelet the patient is allergic to.", severity: "critical" }],
  dka: [{ code: "insulin_with_hypokalemia", description: "No insulin before potassium when K < 3.3 mmol/L.", severity: "critical" }],
  stroke_code: [
    { code: "thrombolysis_with_hemorrhage", description: "No thrombolytic with haemorrhage on CT.", severity: "critical" },
    { code: "thrombolysis_contraindicated", description: "No thrombolytic with a failed checklist item.", severity: "critical" },
  ],
  sepsis_bundle: [
    { code: "antibiotics_not_within_hour", description: "Antibiotics within the first hour.", severity: "major" },
    { code: "allergen_administered", description: "No antibiotic the patient is allergic to.", severity: "critical" },
  ],
  postop_pe: [
    { code: "anticoagulant_with_active_bleeding", description: "No anticoagulant with active bleeding.", severity: "critical" },
    { code: "renal_contraindication", description: "No LMWH/DOAC with CrCl < 30 mL/min.", severity: "major" },
  ],
  pediatric_kawasaki: [{ code: "avoid_listed_drug", description: "No NSAID other than aspirin.", severity: "major" }],
};

/** Tasks: 70 per pathway (420), conditions of each pathway in rotation; every 5th task of a pathway is test. */
export function generateTasks(perPathway = TASKS_PER_PATHWAY): Task[] {
  const tasks: Task[] = [];
  let n = 0;
  for (const pathway of PATHWAYS) {
    const conds = conditionsByPathway(pathway);
    for (let i = 0; i < perPathway; i++, n++) {
      const cond = conds[i % conds.length];
      const caseSeed = deriveSeed(BASE_SEED, "cross_domain", pathway, i);
      const caseId = `CD-${String(1000 + n)}`;
      const c = generateCase(pathway, cond.id, caseSeed, caseId);
      const p = c.patient;
      const actions: ExpectedAction[] = [
        { actionId: "triage", name: "triage_assess_pathway_patient" },
        ...c.phases.map((ph) => ({ actionId: `phase_${ph.id}`, name: "complete_phase", arguments: { decision: ph.truth } })),
        { actionId: "submit", name: "submit_answer", arguments: { disposition: c.disposition } },
      ];
      tasks.push({
        id: `cross_domain-${pathway}-${String(i).padStart(3, "0")}`,
        domain: "cross_domain",
        split: i % 5 === 0 ? "test" : "train",
        description: {
          purpose: `Take one patient through the ${pathway.replace(/_/g, " ")} pathway, phase by phase, to the final disposition.`,
          difficulty: c.phases.length >= 4 ? "hard" : "medium",
          keyChallenges: ["carry findings across phases and settings", "decide each phase from the tool outputs", "drug safety before antithrombotics, insulin and antibiotics"],
        },
        userScenario: { persona: "ED attending", instructions: "Hands over one patient and expects every phase closed and a disposition." },
        ticket: `${TICKET[pathway]}: ${p.age} y ${p.sex}, ${p.chiefComplaint}. Patient ${caseId}. Take the patient through every phase (get_pathway_status shows the current one), close each phase with complete_phase and submit the final disposition.`,
        evaluationCriteria: {
          actions,
          nlAssertions: c.phases.map((ph) => `Phase ${ph.id}: ${ph.truth}.`),
          mustMention: [c.disposition],
          safety: SAFETY[pathway],
          rewardBasis: ["accuracy", "format", "process", "safety"],
        },
        answer: { kind: "label", value: c.disposition, accepted: c.disposition === "cath_lab" ? ["cardiac catheterization laboratory", "cath lab"] : c.disposition === "icu" ? ["intensive care unit"] : c.disposition === "or" ? ["operating room", "theatre"] : [] },
        caseId,
        caseSeed,
        meta: { condition: cond.id, pathway, phases: c.phases.map((ph) => ({ id: ph.id, truth: ph.truth })) },
      });
    }
  }
  return tasks;
}
