import type { Task } from "../../src/env/index.js";
import { buildCase } from "./generator.js";
import type { RxState } from "./data-model.js";
import type { RxTaskMeta } from "./tasks.js";

/**
 * A fresh case for one episode: the task's patient and medication list, rebuilt from the family
 * and seed (memoised, then deep-copied so episodes never share mutable state).
 */
export function createRxState(task: Task): RxState {
  const meta = task.meta as RxTaskMeta;
  const c = buildCase(meta.family, task.caseSeed ?? 0, task.caseId ?? "");
  if (!c) throw new Error(`drug_interaction task ${task.id}: its case cannot be rebuilt`);
  return { patient: structuredClone(c.patient), medications: structuredClone(c.medications), prescriptions: [], discontinued: [], monitoring: [] };
}
