import type { Task } from "../../src/env/index.js";
import type { WardState } from "./data-model.js";
import { generatePatient } from "./generator.js";

/**
 * A fresh ward for one episode: the task's patient plus two other patients as distractors, so
 * patient ids matter. Pure function of the task's caseSeed.
 */
export function createWardState(task: Task): WardState {
  const seed = task.caseSeed ?? 0;
  const index = Number.parseInt(task.caseId?.slice(2) ?? "1000", 10) - 1000;
  const main = generatePatient(seed, index);
  const others = [1, 2].map((k) => generatePatient((seed + k * 7919) >>> 0, 900 + ((index * 3 + k) % 99)));
  const patients: WardState["patients"] = {};
  for (const p of [main, ...others]) patients[p.id] = p;
  patients[main.id] = main;
  return { patients, notes: [], escalations: [] };
}
