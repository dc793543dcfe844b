/**
 * What a psychiatrist can conclude from the findings: the posterior over the domain's condition
 * profiles (shared differential likelihood) from everything the interview and work-up tools reveal.
 * The task generator uses it with every finding to keep only cases whose findings identify the
 * diagnosis; the expert uses it with what it gathered.
 */
import { ANALYTE_KEYS, IMAGING_MODALITIES, type Condition } from "../../src/clinical/conditions/index.js";
import { rankConditions, type ObservedFindings, type RankedCondition } from "../../src/tools/differential-likelihood.js";
import type { PsychPatient } from "./data-model.js";
import { psychiatryConditions } from "./tools.js";

export const PROFILE_ANALYTES: ReadonlySet<string> = new Set(ANALYTE_KEYS);

export function fullObservation(p: PsychPatient): ObservedFindings {
  const labs: Record<string, number> = {};
  for (const [k, v] of Object.entries(p.labs)) if (PROFILE_ANALYTES.has(k)) labs[k] = v;
  return {
    age: p.age,
    sex: p.sex,
    chiefComplaint: p.chiefComplaint,
    symptoms: p.symptoms,
    exam: p.exam,
    pmh: p.history.pmh,
    medications: p.history.medications,
    social: p.history.social,
    family: p.history.family,
    vitals: { hr: p.vitals.hr, sbp: p.vitals.sbp, rr: p.vitals.rr, tempC: p.vitals.tempC, spo2: p.vitals.spo2 },
    labs,
    imaging: IMAGING_MODALITIES.map((m) => ({ modality: m, findings: p.imaging.filter((i) => i.modality === m).map((i) => i.finding) })),
  };
}

export function rankPsych(obs: ObservedFindings, pool: readonly Condition[] = psychiatryConditions()): RankedCondition[] {
  return rankConditions(pool, obs);
}
