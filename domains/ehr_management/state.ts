import type { Task } from "../../src/env/index.js";
import type { EhrState } from "./data-model.js";
import { getChart } from "./sources.js";

/**
 * A fresh record session for one episode: the ticket's patient chart (read-only, shared and frozen)
 * and empty lists for what the agent writes. Pure function of the task's caseId.
 */
export function createEhrState(task: Task): EhrState {
  const id = task.caseId;
  if (!id) throw new Error(`ehr_management task ${task.id} has no caseId (patient id)`);
  const chart = getChart(id);
  if (!chart) throw new Error(`ehr_management task ${task.id}: no record for patient ${id} in the MIMIC-IV demo or Synthea sample`);
  const state = { patientId: chart.patientId, source: chart.source, notes: [], orders: [], consults: [] } as Omit<EhrState, "chart">;
  Object.defineProperty(state, "chart", { value: chart, enumerable: false, writable: false });
  return state as EhrState;
}
