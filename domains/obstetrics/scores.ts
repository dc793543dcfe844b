/**
 * Obstetric scores and rules from their primary definitions.
 *
 * - Bishop score (Bishop 1964): dilation 0 / 1-2 / 3-4 / >= 5 cm -> 0-3; effacement < 40 / 40-59 /
 *   60-79 / >= 80 % -> 0-3; station <= -3 / -2 / -1..0 / >= +1 -> 0-3; consistency firm / medium /
 *   soft -> 0-2; position posterior / mid / anterior -> 0-2. Total 0-13; >= 8 favourable (induce
 *   with oxytocin), <= 6 unfavourable (ripen the cervix first). Example: 2 cm, 50 %, -2, medium,
 *   mid -> 1+1+1+1+1 = 5, unfavourable.
 * - Biophysical profile (Manning 1980): NST, breathing, movements, tone, amniotic fluid (deepest
 *   pocket >= 2 cm), 2 points each; 8-10 normal (8/10 with oligohydramnios is not), 6 equivocal,
 *   <= 4 abnormal. Modified BPP: reactive NST and AFI > 5 cm is normal.
 * - NICHD three-tier fetal heart rate categories (Macones 2008): I = baseline 110-160, moderate
 *   variability, no late or variable decelerations; III = absent variability with recurrent late or
 *   recurrent variable decelerations or bradycardia, or a sinusoidal pattern; II = everything else.
 * - Gestational diabetes, two-step (ACOG PB 190): 1-h 50 g GCT >= 140 mg/dL -> 3-h 100 g OGTT;
 *   Carpenter-Coustan thresholds 95 / 180 / 155 / 140 mg/dL, two or more met or exceeded = GDM.
 * - Pregnancy dating (ACOG CO 700): redate to the ultrasound when it differs from the LMP by more
 *   than 5 days (scan < 9 0/7 weeks), 7 days (9 0/7-15 6/7), 10 days (16 0/7-21 6/7), 14 days
 *   (22 0/7-27 6/7) or 21 days (>= 28 0/7).
 * - Rh(D) immune globulin (ACOG PB 181, AABB): 50 µg before 12 weeks; 300 µg (covers 30 mL of fetal
 *   whole blood) from 12 weeks; from 20 weeks quantify the bleed with a Kleihauer-Betke test:
 *   bleed (mL) = fetal cells % x 50, vials = bleed / 30, rounded down and +1 when the decimal is
 *   < 0.5, rounded up and +1 otherwise. Example: KB 0.6 % -> 30 mL -> 1.0 -> 2 vials = 600 µg.
 */
import type { Biophysical, Cervix, Ctg } from "./data-model.js";

export function bishopScore(c: Cervix): { total: number; parts: Record<keyof Cervix, number>; favourable: boolean } {
  const parts = {
    dilationCm: c.dilationCm < 1 ? 0 : c.dilationCm <= 2 ? 1 : c.dilationCm <= 4 ? 2 : 3,
    effacementPct: c.effacementPct < 40 ? 0 : c.effacementPct < 60 ? 1 : c.effacementPct < 80 ? 2 : 3,
    station: c.station <= -3 ? 0 : c.station <= -2 ? 1 : c.station <= 0 ? 2 : 3,
    consistency: { firm: 0, medium: 1, soft: 2 }[c.consistency],
    position: { posterior: 0, mid: 1, anterior: 2 }[c.position],
  };
  const total = parts.dilationCm + parts.effacementPct + parts.station + parts.consistency + parts.position;
  return { total, parts, favourable: total >= 8 };
}

export function biophysicalProfile(b: Biophysical): { total: number; interpretation: string } {
  const afv = b.deepestPocketCm >= 2;
  const total = [b.nstReactive, b.breathing, b.movements, b.tone, afv].filter(Boolean).length * 2;
  const interpretation =
    total >= 8 && afv ? "normal" : total === 8 ? "oligohydramnios: further evaluation, consider delivery at term" : total === 6 ? "equivocal: repeat within 24 h or deliver at term" : "abnormal: consider delivery";
  return { total, interpretation };
}

export function modifiedBpp(nstReactive: boolean, afiCm: number): { normal: boolean; text: string } {
  const normal = nstReactive && afiCm > 5;
  return { normal, text: normal ? "normal (reactive NST and AFI > 5 cm)" : `abnormal (${!nstReactive ? "non-reactive NST" : ""}${!nstReactive && afiCm <= 5 ? " and " : ""}${afiCm <= 5 ? `AFI ${afiCm} cm <= 5 cm` : ""}): perform a full BPP or contraction stress test` };
}

export function ctgCategory(c: Omit<Ctg, "contractionsPer10Min">): 1 | 2 | 3 {
  const recurrent = c.decelerations === "late_recurrent" || c.decelerations === "variable_recurrent";
  if (c.sinusoidal || (c.variability === "absent" && (recurrent || c.baselineFhr < 110))) return 3;
  if (c.baselineFhr >= 110 && c.baselineFhr <= 160 && c.variability === "moderate" && (c.decelerations === "none" || c.decelerations === "early")) return 1;
  return 2;
}

export const CARPENTER_COUSTAN = [95, 180, 155, 140] as const;
export const GCT_THRESHOLD = 140;

export function ogttAbnormal(values: readonly number[]): number {
  return values.filter((v, i) => v >= CARPENTER_COUSTAN[i]).length;
}

/** Maximum allowed LMP-ultrasound difference (days) at an ultrasound gestational age (days). */
export function redatingThreshold(usGaDays: number): number {
  if (usGaDays < 63) return 5;
  if (usGaDays < 112) return 7;
  if (usGaDays < 154) return 10;
  if (usGaDays < 196) return 14;
  return 21;
}

export interface DatingResult {
  lmpGaAtScan?: number;
  difference?: number;
  threshold?: number;
  method: "LMP" | "ultrasound";
  gaDays: number;
}

/** Best obstetric estimate of gestational age today (days), per the ACOG redating rule. */
export function bestGestationalAge(today: number, lmp: number, us?: { date: number; gaDays: number }, lmpCertain = true): DatingResult {
  if (!us) return { method: "LMP", gaDays: today - lmp };
  const lmpGaAtScan = us.date - lmp;
  const difference = Math.abs(lmpGaAtScan - us.gaDays);
  const threshold = redatingThreshold(us.gaDays);
  const useUs = !lmpCertain || difference > threshold;
  return { lmpGaAtScan, difference, threshold, method: useUs ? "ultrasound" : "LMP", gaDays: useUs ? us.gaDays + (today - us.date) : today - lmp };
}

export function rhigVials(kbPct: number): { bleedMl: number; vials: number } {
  const bleedMl = Math.round(kbPct * 50 * 100) / 100;
  const raw = bleedMl / 30;
  const whole = Math.floor(raw);
  const vials = raw - whole < 0.5 ? whole + 1 : whole + 2;
  return { bleedMl, vials };
}

/** Anti-D dose (µg) for an unsensitised Rh-negative woman after a sensitising event at a gestational age. */
export function antiDDose(gaWeeks: number, kbPct: number): number {
  if (gaWeeks < 12) return 50;
  if (gaWeeks < 20) return 300;
  return rhigVials(kbPct).vials * 300;
}

export const fmtGa = (days: number) => `${Math.floor(days / 7)} weeks ${days % 7} days`;
