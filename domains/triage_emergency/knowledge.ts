/**
 * What a clinician can conclude from a triage case's findings: the posterior over the domain's
 * condition profiles (through the shared differential likelihood) and the triage answers each
 * candidate implies for the observed vitals, GCS and pain. The task generator uses it with every
 * finding the tools can reveal, to keep only cases whose findings determine the answer; the expert
 * uses it with what it actually gathered.
 */
import { ANALYTE_KEYS, conditionsByDomain, type Condition } from "../../src/clinical/conditions/index.js";
import { posteriorBy, rankConditions, type ObservedFindings, type RankedCondition } from "../../src/tools/differential-likelihood.js";
import { IMAGING_ORDERS, type EdPatient } from "./data-model.js";
import { dispositionForCase, esiForCase, factsOf, indicatedProtocols, type TriageFacts } from "./rules.js";

export const PROFILE_ANALYTES: ReadonlySet<string> = new Set(ANALYTE_KEYS);

let candidates: Condition[] | undefined;
export function triageConditions(): Condition[] {
  return (candidates ??= conditionsByDomain("triage_emergency"));
}

/** Everything the tools can reveal about a patient, as observations. */
export function fullObservation(p: EdPatient): ObservedFindings {
  const labs: Record<string, number> = {};
  for (const [k, v] of Object.entries(p.labs)) if (PROFILE_ANALYTES.has(k)) labs[k] = v;
  return {
    age: p.age,
    sex: p.sex,
    pregnant: !!p.pregnancy,
    chiefComplaint: p.chiefComplaint,
    symptoms: p.symptoms,
    exam: p.exam,
    pmh: p.history.pmh,
    medications: p.history.medications,
    social: p.history.social,
    family: p.history.family,
    vitals: { hr: p.vitals.hr, sbp: p.vitals.sbp, rr: p.vitals.rr, tempC: p.vitals.tempC, spo2: p.vitals.spo2 },
    labs,
    imaging: IMAGING_ORDERS.map((m) => ({ modality: m, findings: p.imaging.filter((i) => i.modality === m).map((i) => i.finding) })),
  };
}

export type TriageAnswerKind = "esi" | "diagnosis" | "disposition" | "protocol";

/** The answer a candidate condition implies for the case facts. */
export function answerFor(kind: TriageAnswerKind, c: Condition, f: TriageFacts): string {
  switch (kind) {
    case "esi":
      return String(esiForCase(c, f).level);
    case "diagnosis":
      return c.id;
    case "disposition":
      return dispositionForCase(c, f);
    case "protocol":
      return indicatedProtocols(c, f)[0] ?? "none";
  }
}

/** Posterior mass of every answer value, best first. */
export function answerPosterior(kind: TriageAnswerKind, ranked: readonly RankedCondition[], f: TriageFacts): [string, number][] {
  return [...posteriorBy(ranked, (c) => answerFor(kind, c, f)).entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

export function rankTriage(obs: ObservedFindings): RankedCondition[] {
  return rankConditions(triageConditions(), obs);
}

export { factsOf };
