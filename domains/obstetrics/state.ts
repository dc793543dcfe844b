import { conditionsByDomain, getCondition } from "../../src/clinical/conditions/index.js";
import type { Task } from "../../src/env/index.js";
import { createRng, deriveSeed } from "../../src/util/rng.js";
import type { ObState } from "./data-model.js";
import { generateObPatient, type ObCaseOptions } from "./generator.js";

export function obPatientId(seed: number, salt = 0): string {
  return `OB-${String(1000 + (deriveSeed(seed, "id", salt) % 9000)).padStart(4, "0")}`;
}

export function caseOptions(task: Task): ObCaseOptions {
  return (task.meta?.caseOptions ?? {}) as ObCaseOptions;
}

/** A fresh unit for one episode: the task's patient plus one other patient (so ids matter). Pure function of the task. */
export function createObState(task: Task): ObState {
  const seed = task.caseSeed ?? 0;
  const main = generateObPatient(getCondition(String(task.meta?.condition)), seed, task.caseId ?? obPatientId(seed), caseOptions(task));
  const pool = conditionsByDomain("obstetrics");
  const rng = createRng(deriveSeed(seed, "unit"));
  let otherId = obPatientId(seed, 1);
  if (otherId === main.id) otherId = `OB-9${main.id.slice(4)}`;
  const other = generateObPatient(pool[rng.int(0, pool.length - 1)], deriveSeed(seed, "other"), otherId);
  return { patients: { [other.id]: other, [main.id]: main }, orders: [], cervicalExams: [] };
}
