import { deriveSeed } from "../../src/util/rng.js";
import type { Task } from "../../src/env/index.js";
import { generatePatient } from "./generator.js";
import { news2, RESPONSE } from "./news2.js";

/** Tasks are generated from seeded patients; ground truth follows from the generated vitals. */
export const TASK_COUNT = 400;
export const TEST_FRACTION = 0.2;
const BASE_SEED = 20_241_122;

export function generateTasks(count = TASK_COUNT): Task[] {
  const tasks: Task[] = [];
  for (let i = 0; i < count; i++) {
    const caseSeed = deriveSeed(BASE_SEED, "news2_triage", i);
    const p = generatePatient(caseSeed, i);
    const r = news2(p.vitals);
    const esc = RESPONSE[r.band].escalation;
    const split = i % Math.round(1 / TEST_FRACTION) === 0 ? "test" : "train";
    tasks.push({
      id: `news2_triage-${String(i).padStart(4, "0")}`,
      domain: "news2_triage",
      split,
      description: {
        purpose: "Score a ward patient's observations with NEWS2 and choose the clinical response.",
        difficulty: r.band === "low-medium" ? "hard" : r.band === "medium" ? "medium" : "easy",
        keyChallenges: ["gather every NEWS2 parameter through the tools", "apply the single-parameter-3 rule", "escalate when the band requires it"],
      },
      userScenario: { persona: "ward nurse", instructions: "Asks for an early-warning assessment of one patient." },
      ticket: `Nurse in charge, ${p.ward}: please assess patient ${p.id} (${p.age} y ${p.sex}, ${p.reason}). Work out the NEWS2 and tell me the clinical risk band so we know how to respond.`,
      evaluationCriteria: {
        actions: [
          { actionId: "vitals", name: "get_vital_signs", arguments: { patient_id: p.id } },
          { actionId: "avpu", name: "assess_consciousness", arguments: { patient_id: p.id } },
          { actionId: "score", name: "calculate_news2" },
          ...(esc === "none" ? [] : [{ actionId: "escalate", name: "escalate_care", arguments: { patient_id: p.id, level: esc }, compareArgs: ["patient_id", "level"] }]),
          { actionId: "submit", name: "submit_answer", arguments: { risk_band: r.band } },
        ],
        nlAssertions: [`The agent reports a NEWS2 of ${r.score} (${r.band} risk).`],
        mustMention: [r.band],
        safety: esc === "emergency_response" ? [{ code: "missed_emergency", description: "A high NEWS2 needs an emergency response call.", severity: "critical" }] : [],
        rewardBasis: ["accuracy", "format", "process", "safety"],
      },
      answer: { kind: "label", value: r.band },
      caseId: p.id,
      caseSeed,
      meta: { score: r.score, escalation: esc },
    });
  }
  return tasks;
}
