import type { Task } from "../../src/env/index.js";
import { getCondition } from "../../src/clinical/conditions/index.js";
import type { ChartPatient, ClinicState } from "./data-model.js";
import { generateCase } from "./generator.js";

/**
 * A fresh unit for one episode: the task's patient plus another patient (their conditions and
 * seeds are part of the task), so patient ids matter. Only the admission CBC and BMP are resulted;
 * everything else is revealed by the agent's orders. Pure function of the task.
 */
export function createClinicState(task: Task): ClinicState {
  const meta = task.meta as { condition: string; others?: { condition: string; seed: number; id: string }[] } | undefined;
  if (!meta?.condition || task.caseId === undefined || task.caseSeed === undefined)
    throw new Error(`clinical_diagnosis task ${task.id} lacks meta.condition, caseId or caseSeed`);
  const main = generateCase(getCondition(meta.condition), task.caseSeed, task.caseId);
  const patients: Record<string, ChartPatient> = { [main.id]: main };
  for (const o of meta.others ?? []) patients[o.id] = generateCase(getCondition(o.condition), o.seed, o.id);
  const resulted: ClinicState["resulted"] = {};
  for (const p of Object.values(patients)) resulted[p.id] = Object.fromEntries(p.initialLabs.map((k) => [k, p.hiddenLabs[k]!]));
  return {
    patients,
    resulted,
    labOrders: [],
    imaging: [],
    ecgsRecorded: [],
    prescriptions: [],
    notes: [],
    diagnoses: [],
    referrals: [],
  };
}
