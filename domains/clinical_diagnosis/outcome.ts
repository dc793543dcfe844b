/**
 * What a grader needs beyond the diagnosis label, read from an episode's final state: whether a
 * treatment task got a safe first-line drug and whether a disposition task got the right transfer.
 * Any first-line drug of the condition counts, not only the task's expected one, as long as this
 * patient can take it (allergies, interactions, pregnancy, renal function, the condition's cautions).
 */
import type { Task } from "../../src/env/index.js";
import { getCondition } from "../../src/clinical/conditions/index.js";
import { findDrug, getDrug } from "../../src/clinical/drugs/index.js";
import type { ClinicState } from "./data-model.js";
import { isBlocking, prescriptionIssues } from "./pharmacy.js";
import type { ClinicalTaskMeta } from "./tasks.js";
import { chartFacts } from "./tools/medications.js";

export interface ClinicalOutcome {
  variant: ClinicalTaskMeta["variant"];
  /** Drug ids prescribed to the index patient, in order. */
  prescribed: string[];
  /** A first-line drug of the condition that is safe for this patient was prescribed. */
  safeFirstLine: boolean;
  /** Services the index patient was referred to. */
  referredTo: string[];
  /** The patient went to the service the condition calls for (disposition tasks). */
  rightTransfer: boolean;
  /** The task's requirement beyond the diagnosis is met (always true for plain diagnosis tasks). */
  requirementMet: boolean;
}

export function clinicalOutcome(task: Task, state: ClinicState): ClinicalOutcome {
  const meta = task.meta as ClinicalTaskMeta;
  const condition = getCondition(meta.condition);
  const p = state.patients[task.caseId!]!;
  const mine = state.prescriptions.filter((r) => r.patientId === p.id);
  const firstLine = new Set(condition.management.firstLine.map((d) => findDrug(d)?.id).filter((x): x is string => !!x));
  const safeFirstLine = mine.some((r, i) => {
    if (!firstLine.has(r.drugId)) return false;
    // Judge each order against what the patient was on before it, not against itself.
    const before = { ...state, prescriptions: state.prescriptions.filter((x) => x.patientId !== p.id || mine.indexOf(x) < i) };
    return !prescriptionIssues(getDrug(r.drugId), chartFacts(p, before), condition).some(isBlocking);
  });
  const referredTo = state.referrals.filter((r) => r.patientId === p.id).map((r) => r.service);
  const rightTransfer = meta.expectedService !== undefined && referredTo.includes(meta.expectedService);
  const requirementMet = meta.variant === "management" ? safeFirstLine : meta.variant === "disposition" ? rightTransfer : true;
  return { variant: meta.variant, prescribed: mine.map((r) => r.drugId), safeFirstLine, referredTo, rightTransfer, requirementMet };
}
