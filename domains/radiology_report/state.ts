import type { Task } from "../../src/env/index.js";
import type { RadiologyState } from "./data-model.js";
import { studyFor } from "./tasks.js";

/** A fresh reading room for one episode: the task's study (regenerated from its seed), no alerts, no reports. */
export function createRadiologyState(task: Task): RadiologyState {
  if (!task.caseId || task.caseSeed === undefined) throw new Error(`radiology_report task ${task.id} needs caseId and caseSeed`);
  return { study: studyFor(task.meta ?? {}, task.caseId, task.caseSeed).study, alerts: [], reports: [] };
}
