import { conditionsByDomain, getCondition } from "../../src/clinical/conditions/index.js";
import type { Task } from "../../src/env/index.js";
import { createRng, deriveSeed } from "../../src/util/rng.js";
import type { PsychState } from "./data-model.js";
import { generatePsychPatient, type PsychCaseOptions } from "./generator.js";

export function psychPatientId(seed: number, salt = 0): string {
  return `PS-${String(1000 + (deriveSeed(seed, "id", salt) % 9000)).padStart(4, "0")}`;
}

/** The case options a task stores in its meta, so the state can be rebuilt from the task alone. */
export function caseOptions(task: Task): PsychCaseOptions {
  return (task.meta?.caseOptions ?? {}) as PsychCaseOptions;
}

/**
 * A fresh service list for one episode: the task's patient plus one other patient awaiting
 * assessment (so ids matter). Pure function of the task.
 */
export function createPsychState(task: Task): PsychState {
  const seed = task.caseSeed ?? 0;
  const condition = getCondition(String(task.meta?.condition));
  const main = generatePsychPatient(condition, seed, task.caseId ?? psychPatientId(seed), caseOptions(task));
  const pool = conditionsByDomain("psychiatry");
  const rng = createRng(deriveSeed(seed, "service"));
  const other = pool[rng.int(0, pool.length - 1)];
  let otherId = psychPatientId(seed, 1);
  if (otherId === main.id) otherId = `PS-9${main.id.slice(4)}`;
  const distractor = generatePsychPatient(other, deriveSeed(seed, "other"), otherId);
  return { patients: { [distractor.id]: distractor, [main.id]: main }, prescriptions: [] };
}
