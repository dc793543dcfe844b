/**
 * Emergency triage scores written from their primary definitions.
 *
 * ESI v4 (Gilboy et al., Emergency Severity Index Implementation Handbook, 2020 edition), four
 * decision points in order:
 *   A. Does the patient need an immediate life-saving intervention?                  -> ESI 1
 *   B. High-risk situation, new confusion/lethargy/disorientation, or severe pain or
 *      distress (pain >= 7/10)?                                                        -> ESI 2
 *   C. How many different resources will be needed? none -> ESI 5, one -> ESI 4, many -> D
 *   D. Danger-zone vital signs (age-specific HR and RR, SpO2 < 92 %)?                  -> ESI 2, else 3
 * Example: 45-year-old, right flank pain 5/10, needs labs + CT (2 resources), HR 88, RR 16,
 * SpO2 98 % -> ESI 3; the same patient with HR 112 -> ESI 2.
 *
 * qSOFA (Seymour et al., JAMA 2016): RR >= 22, altered mentation (GCS < 15), SBP <= 100; one
 * point each, >= 2 is positive.
 *
 * Revised Trauma Score (Champion et al., J Trauma 1989): GCS, SBP and RR are coded 0-4;
 * RTS = 0.9368 GCSc + 0.7326 SBPc + 0.2908 RRc (0-7.8408); the triage RTS is the plain sum (0-12),
 * with T-RTS <= 11 the usual trauma-centre criterion. Codes: GCS 13-15/9-12/6-8/4-5/3 -> 4/3/2/1/0;
 * SBP > 89/76-89/50-75/1-49/0 -> 4/3/2/1/0; RR 10-29/> 29/6-9/1-5/0 -> 4/3/2/1/0. Example: GCS 10
 * (3), SBP 85 (3), RR 32 (3) -> RTS 0.9368*3 + 0.7326*3 + 0.2908*3 = 5.8806, T-RTS 9.
 *
 * Shock index (Allgöwer): HR / SBP; > 1.0 suggests shock, >= 1.4 severe haemorrhagic shock.
 */

export interface EsiInput {
  lifesavingIntervention: boolean;
  highRiskSituation: boolean;
  confusedLethargicDisoriented: boolean;
  severePainOrDistress: boolean;
  expectedResources: number;
  heartRate: number;
  respiratoryRate: number;
  spo2: number;
  ageYears: number;
}

export interface EsiResult {
  level: 1 | 2 | 3 | 4 | 5;
  decision: "A" | "B" | "C" | "D";
  path: string[];
}

/** ESI v4 danger-zone heart and respiratory rates by age (handbook figure 6-1). */
export function dangerZone(ageYears: number): { hr: number; rr: number } {
  if (ageYears < 0.25) return { hr: 180, rr: 50 };
  if (ageYears < 3) return { hr: 160, rr: 40 };
  if (ageYears <= 8) return { hr: 140, rr: 30 };
  return { hr: 100, rr: 20 };
}

export function esiLevel(x: EsiInput): EsiResult {
  const path: string[] = [];
  if (x.lifesavingIntervention) {
    path.push("A: requires an immediate life-saving intervention -> ESI 1");
    return { level: 1, decision: "A", path };
  }
  path.push("A: no immediate life-saving intervention");
  const b: string[] = [];
  if (x.highRiskSituation) b.push("high-risk situation");
  if (x.confusedLethargicDisoriented) b.push("new confusion, lethargy or disorientation");
  if (x.severePainOrDistress) b.push("severe pain or distress");
  if (b.length) {
    path.push(`B: ${b.join(", ")} -> ESI 2`);
    return { level: 2, decision: "B", path };
  }
  path.push("B: not high risk, oriented, no severe pain or distress");
  const n = Math.max(0, Math.floor(x.expectedResources));
  if (n === 0) {
    path.push("C: no resources expected -> ESI 5");
    return { level: 5, decision: "C", path };
  }
  if (n === 1) {
    path.push("C: one resource expected -> ESI 4");
    return { level: 4, decision: "C", path };
  }
  path.push(`C: ${n} resources expected -> go to D`);
  const dz = dangerZone(x.ageYears);
  const flags: string[] = [];
  if (x.heartRate > dz.hr) flags.push(`HR ${x.heartRate} > ${dz.hr}`);
  if (x.respiratoryRate > dz.rr) flags.push(`RR ${x.respiratoryRate} > ${dz.rr}`);
  if (x.spo2 < 92) flags.push(`SpO2 ${x.spo2} % < 92 %`);
  if (flags.length) {
    path.push(`D: danger-zone vital signs (${flags.join(", ")}) -> ESI 2`);
    return { level: 2, decision: "D", path };
  }
  path.push("D: vital signs outside the danger zone -> ESI 3");
  return { level: 3, decision: "D", path };
}

export interface QsofaResult {
  score: number;
  positive: boolean;
  parts: { respiratoryRate: number; alteredMentation: number; systolicBp: number };
}

export function qsofa(respiratoryRate: number, systolicBp: number, gcs: number): QsofaResult {
  const parts = { respiratoryRate: respiratoryRate >= 22 ? 1 : 0, alteredMentation: gcs < 15 ? 1 : 0, systolicBp: systolicBp <= 100 ? 1 : 0 };
  const score = parts.respiratoryRate + parts.alteredMentation + parts.systolicBp;
  return { score, positive: score >= 2, parts };
}

export interface RtsResult {
  rts: number;
  triageRts: number;
  coded: { gcs: number; sbp: number; rr: number };
}

export function codeGcs(gcs: number): number {
  return gcs >= 13 ? 4 : gcs >= 9 ? 3 : gcs >= 6 ? 2 : gcs >= 4 ? 1 : 0;
}
export function codeSbp(sbp: number): number {
  return sbp > 89 ? 4 : sbp >= 76 ? 3 : sbp >= 50 ? 2 : sbp >= 1 ? 1 : 0;
}
/** RR coding: 10-29 -> 4, > 29 -> 3, 6-9 -> 2, 1-5 -> 1, 0 -> 0. */
export function codeRr(rr: number): number {
  return rr > 29 ? 3 : rr >= 10 ? 4 : rr >= 6 ? 2 : rr >= 1 ? 1 : 0;
}

export function revisedTraumaScore(gcs: number, sbp: number, rr: number): RtsResult {
  const coded = { gcs: codeGcs(gcs), sbp: codeSbp(sbp), rr: codeRr(rr) };
  const rts = Math.round((0.9368 * coded.gcs + 0.7326 * coded.sbp + 0.2908 * coded.rr) * 10_000) / 10_000;
  return { rts, triageRts: coded.gcs + coded.sbp + coded.rr, coded };
}

export function shockIndex(heartRate: number, systolicBp: number): { value: number; band: "normal" | "elevated" | "shock" | "severe shock" } {
  const value = Math.round((heartRate / systolicBp) * 100) / 100;
  const band = value >= 1.4 ? "severe shock" : value > 1.0 ? "shock" : value >= 0.7 ? "elevated" : "normal";
  return { value, band };
}

/** GCS component scores as the shared calculator names them. */
export const GCS_EYE = { "eyes open spontaneously": 4, "eye opening to verbal command": 3, "eye opening to pain": 2, "no eye opening": 1 } as const;
export const GCS_VERBAL = { oriented: 5, confused: 4, "inappropriate words": 3, "incomprehensible sounds": 2, "no verbal response": 1 } as const;
export const GCS_MOTOR = { "obeys commands": 6, "localizes pain": 5, "withdrawal from pain": 4, "flexion to pain": 3, "extension to pain": 2, "no motor response": 1 } as const;
export type GcsEye = keyof typeof GCS_EYE;
export type GcsVerbal = keyof typeof GCS_VERBAL;
export type GcsMotor = keyof typeof GCS_MOTOR;

export function gcsTotal(g: { eye: GcsEye; verbal: GcsVerbal; motor: GcsMotor }): number {
  return GCS_EYE[g.eye] + GCS_VERBAL[g.verbal] + GCS_MOTOR[g.motor];
}
