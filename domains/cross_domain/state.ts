import type { Pathway } from "../../src/clinical/conditions/index.js";
import type { Task } from "../../src/env/index.js";
import type { CrossDomainState } from "./data-model.js";
import { generateCase } from "./generator.js";

/** A fresh episode state: the task's pathway case, no orders yet, phase 1 open. Pure function of the task. */
export function createCrossDomainState(task: Task): CrossDomainState {
  const meta = task.meta as { pathway: Pathway; condition: string };
  return { case: generateCase(meta.pathway, meta.condition, task.caseSeed ?? 0, task.caseId ?? "CD-0000"), phaseIndex: 0, phaseLog: [], orders: [], prescriptions: [], bundle: [] };
}
