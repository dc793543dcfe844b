/**
 * What an obstetrician can conclude from the findings: the posterior over the domain's condition
 * profiles (shared differential likelihood) from everything the assessment tools reveal. The task
 * generator uses it with every finding to keep cases whose findings determine the answer; the
 * expert uses it with what it gathered.
 */
import { ANALYTE_KEYS, type Condition } from "../../src/clinical/conditions/index.js";
import { posteriorBy, rankConditions, type ObservedFindings, type RankedCondition } from "../../src/tools/differential-likelihood.js";
import type { ObPatient } from "./data-model.js";
import { obstetricConditions } from "./tools.js";

export const PROFILE_ANALYTES: ReadonlySet<string> = new Set(ANALYTE_KEYS);
/** Modalities the tools always report (ultrasound in the fetal and gynaecological assessments, the rest under other imaging). */
export const REPORTED_MODALITIES = ["ultrasound", "mri", "ct", "xray", "echo"] as const;

/** A CTG is shown only from 24 weeks. */
export const showsCtg = (p: { pregnant: boolean; gaDays?: number }) => p.pregnant && (p.gaDays ?? 0) >= 24 * 7;

export function fullObservation(p: ObPatient): ObservedFindings {
  const labs: Record<string, number> = {};
  for (const [k, v] of Object.entries(p.labs)) if (PROFILE_ANALYTES.has(k)) labs[k] = v;
  const modalities: string[] = [...REPORTED_MODALITIES, ...(showsCtg(p) ? ["ctg"] : [])];
  return {
    age: p.age,
    sex: "female",
    pregnant: p.pregnant,
    chiefComplaint: p.chiefComplaint,
    symptoms: p.symptoms,
    exam: p.exam,
    pmh: p.history.pmh,
    medications: p.history.medications,
    social: p.history.social,
    family: p.history.family,
    vitals: { hr: p.vitals.hr, sbp: p.vitals.sbp, rr: p.vitals.rr, tempC: p.vitals.tempC, spo2: p.vitals.spo2 },
    labs,
    imaging: modalities.map((m) => ({ modality: m, findings: p.imaging.filter((i) => i.modality === m).map((i) => i.finding) })),
  };
}

export function rankOb(obs: ObservedFindings, pool: readonly Condition[] = obstetricConditions()): RankedCondition[] {
  return rankConditions(pool, obs);
}

export function answerMass<K>(ranked: readonly RankedCondition[], key: (c: Condition) => K, answer: K): number {
  return posteriorBy(ranked, key).get(answer) ?? 0;
}
