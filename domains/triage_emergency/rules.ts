/**
 * Triage decisions as functions of a case: which emergency protocols the findings meet, the ESI
 * level, and where the patient should go. Task ground truth and the scripted expert both use these,
 * the generator with the hidden condition, the expert with the condition it inferred from the
 * findings it gathered through the tools.
 */
import type { Condition, Disposition } from "../../src/clinical/conditions/index.js";
import type { EdPatient, EdVitals, Protocol } from "./data-model.js";
import { esiLevel, gcsTotal, qsofa, shockIndex, type EsiResult } from "./scores.js";

/** ICD-10 chapter XIX injuries (S00-T14) and burns (T20-T32). */
export function isInjury(c: Condition): boolean {
  return /^S\d/.test(c.icd10) || /^T(0\d|1[0-4]|2\d|3[0-2])/.test(c.icd10);
}

/** ICD-10 poisoning and toxic effects (T36-T65). */
export function isPoisoning(c: Condition): boolean {
  return /^T(3[6-9]|[45]\d|6[0-5])/.test(c.icd10);
}

/**
 * Suspected infection for the sepsis screen: profiles that drive the sepsis bundle pathway, and
 * every infectious-disease profile.
 */
export function isSuspectedInfection(c: Condition): boolean {
  return (c.pathways ?? []).includes("sepsis_bundle") || c.specialty === "infectious_disease" || /^[AB]\d/.test(c.icd10);
}

/** Active haemorrhage: bleeding or ruptured-vessel/organ profiles. */
export function isHemorrhage(c: Condition): boolean {
  const names = [c.name, ...c.synonyms].join(" ").toLowerCase();
  return /hemorrhag|haemorrhag|bleed/.test(names) || /^ruptured/.test(c.name.toLowerCase());
}

export function isIntracranialHemorrhage(c: Condition): boolean {
  return /^I6[0-2]/.test(c.icd10);
}

/** A persisting focal deficit that a stroke code is for (the stroke pathway, minus transient attacks). */
export function isStrokeCodeCondition(c: Condition): boolean {
  return (c.pathways ?? []).includes("stroke_code") && !/^G45/.test(c.icd10);
}

export function hasStElevation(imaging: readonly { modality: string; finding: string }[]): boolean {
  return imaging.some((i) => i.modality === "ecg" && /st elevation|st-elevation|st-segment elevation/i.test(i.finding) && !/without st|no st/i.test(i.finding));
}

/** Physiological triggers for an immediate life-saving intervention (ESI decision A). */
export function lifesavingTriggers(v: EdVitals, gcs: number): string[] {
  const out: string[] = [];
  if (gcs <= 8) out.push(`GCS ${gcs} (airway protection)`);
  if (v.spo2 < 90) out.push(`SpO2 ${v.spo2} % (oxygenation/ventilatory support)`);
  if (v.rr >= 36 || v.rr <= 8) out.push(`RR ${v.rr} (ventilatory support)`);
  if (v.sbp < 80 || (v.sbp < 90 && v.hr >= 100)) out.push(`SBP ${v.sbp} with HR ${v.hr} (shock: resuscitation)`);
  if (v.hr >= 150 || v.hr <= 40) out.push(`HR ${v.hr} (unstable rhythm: cardioversion or pacing)`);
  return out;
}

/** Facts about one case that the triage decisions read; the expert fills them from tool outputs. */
export interface TriageFacts {
  age: number;
  vitals: EdVitals;
  gcs: number;
  painScore: number;
  imaging: readonly { modality: string; finding: string }[];
  lactate?: number;
  wbc?: number;
  bands?: number;
  pco2?: number;
  lastKnownWellHours?: number;
  injury?: { penetrating: boolean };
}

/**
 * Severe sepsis screen (SEP-1 style): suspected infection, >= 2 SIRS criteria, and organ
 * dysfunction or hypoperfusion (lactate >= 2 mmol/L, SBP < 90, or qSOFA >= 2).
 */
export function sirsCount(v: EdVitals, labs: { wbc?: number; bands?: number; pco2?: number }): number {
  let n = 0;
  if (v.tempC > 38 || v.tempC < 36) n++;
  if (v.hr > 90) n++;
  if (v.rr > 20 || (labs.pco2 !== undefined && labs.pco2 < 32)) n++;
  if ((labs.wbc !== undefined && (labs.wbc > 12 || labs.wbc < 4)) || (labs.bands !== undefined && labs.bands > 10)) n++;
  return n;
}

export function meetsSepsisAlert(f: TriageFacts): boolean {
  const sirs = sirsCount(f.vitals, f);
  const q = qsofa(f.vitals.rr, f.vitals.sbp, f.gcs).score;
  return sirs >= 2 && ((f.lactate ?? 0) >= 2 || f.vitals.sbp < 90 || q >= 2);
}

/** ACS field-triage physiological criteria for a trauma-team activation. */
export function meetsTraumaActivation(f: TriageFacts): boolean {
  return f.gcs <= 13 || f.vitals.sbp < 90 || f.vitals.rr < 10 || f.vitals.rr > 29 || !!f.injury?.penetrating;
}

/** The protocols a case meets, in priority order. */
export function indicatedProtocols(c: Condition, f: TriageFacts): Protocol[] {
  const out: Protocol[] = [];
  if (isInjury(c) && meetsTraumaActivation(f)) out.push("trauma");
  if ((c.pathways ?? []).includes("acute_chest_pain") && hasStElevation(f.imaging)) out.push("stemi");
  if (isStrokeCodeCondition(c) && (f.lastKnownWellHours ?? 99) <= 24) out.push("stroke");
  if (/^I26/.test(c.icd10) && f.vitals.sbp < 90) out.push("pulmonary_embolism_response");
  if (isHemorrhage(c) && !isIntracranialHemorrhage(c) && f.vitals.sbp < 90 && f.vitals.hr > 120) out.push("massive_transfusion");
  if (isSuspectedInfection(c) && meetsSepsisAlert(f)) out.push("sepsis");
  return out;
}

/** The condition's typical triage acuity stands for decision points B (high risk) and C (resources). */
export function esiForCase(c: Condition, f: TriageFacts): EsiResult {
  const base = c.esiLevel;
  return esiLevel({
    lifesavingIntervention: base === 1 || lifesavingTriggers(f.vitals, f.gcs).length > 0,
    highRiskSituation: base === 2,
    confusedLethargicDisoriented: f.gcs < 15,
    severePainOrDistress: f.painScore >= 7,
    expectedResources: base >= 5 ? 0 : base === 4 ? 1 : 2,
    heartRate: f.vitals.hr,
    respiratoryRate: f.vitals.rr,
    spo2: f.vitals.spo2,
    ageYears: f.age,
  });
}

/** Expected resources implied by a condition's typical acuity (ESI decision point C). */
export function expectedResources(c: Condition): number {
  return c.esiLevel >= 5 ? 0 : c.esiLevel === 4 ? 1 : 2;
}

const LOW_ACUITY: ReadonlySet<Disposition> = new Set(["discharge", "outpatient_followup", "observation", "ward", "telemetry", "step_down"]);

/**
 * The profile's usual disposition, escalated to the ICU when the case needs an immediate
 * life-saving intervention that the usual destination cannot give.
 */
export function dispositionForCase(c: Condition, f: TriageFacts): Disposition {
  if (LOW_ACUITY.has(c.disposition) && lifesavingTriggers(f.vitals, f.gcs).length > 0) return "icu";
  return c.disposition;
}

export function factsOf(p: EdPatient): TriageFacts {
  return {
    age: p.age,
    vitals: p.vitals,
    gcs: gcsTotal(p.gcs),
    painScore: p.painScore,
    imaging: p.imaging,
    lactate: p.labs.lactate,
    wbc: p.labs.wbc,
    bands: p.labs.bands,
    pco2: p.labs.pco2,
    lastKnownWellHours: p.lastKnownWellHours,
    injury: p.injury,
  };
}

export { shockIndex };
