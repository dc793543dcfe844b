/**
 * Differential likelihood: how probable a set of observed findings is under each condition
 * profile, using the same distributions the seeded patient generator draws from (symptom and exam
 * items present with probability p, vitals and labs roughly normal, imaging findings per modality).
 * Scripted experts use it as their clinical knowledge to rank a differential from what the tools
 * revealed; task generators use it to keep only cases whose findings point to their ground truth.
 * It is not an agent tool: it never sees the hidden condition, only observations.
 *
 * Every list passed in is taken as complete (what a tool showed is everything that is there), so a
 * profile item that was not observed counts as absent. Anything not observed at all (a modality
 * never imaged, a lab never drawn) is simply left out of `ObservedFindings`.
 */
import type { Condition, WeightedItem } from "../clinical/conditions/index.js";
import { BINARY_ANALYTES, type AnalyteKey } from "../clinical/conditions/index.js";
import { getLab, hasLab } from "../clinical/labs/index.js";

export interface ObservedFindings {
  age?: number;
  sex?: "female" | "male";
  pregnant?: boolean;
  chiefComplaint?: string;
  symptoms?: readonly string[];
  exam?: readonly string[];
  pmh?: readonly string[];
  medications?: readonly string[];
  social?: readonly string[];
  family?: readonly string[];
  vitals?: Partial<Record<"hr" | "sbp" | "dbp" | "rr" | "tempC" | "spo2", number>>;
  /** Analyte key -> value, catalogue units. */
  labs?: Readonly<Record<string, number>>;
  /** Modalities that were examined, each with every finding reported (empty = nothing abnormal). */
  imaging?: readonly { modality: string; findings: readonly string[] }[];
}

export interface RankedCondition {
  condition: Condition;
  logLikelihood: number;
  posterior: number;
}

/** Probability given to an observed item a profile never produces (other diseases, noise). */
const STRAY = 0.02;
/** Floor for per-item probabilities so one unlikely item cannot veto a profile outright. */
const FLOOR = 0.01;
const LOG_IMPOSSIBLE = -1e6;

const clampP = (p: number) => Math.min(1 - FLOOR, Math.max(FLOOR, p));

/** Bernoulli log-likelihood of an observed list against a profile's weighted items. */
function itemsLogLik(profile: readonly { name: string; p: number }[] | undefined, observed: readonly string[]): number {
  const items = profile ?? [];
  const seen = new Set(observed.map(norm));
  let ll = 0;
  const known = new Set<string>();
  for (const it of items) {
    const k = norm(it.name);
    known.add(k);
    ll += Math.log(seen.has(k) ? clampP(it.p) : 1 - clampP(it.p));
  }
  for (const k of seen) if (!known.has(k)) ll += Math.log(STRAY);
  return ll;
}

function normalLogPdf(x: number, mean: number, sd: number): number {
  const s = Math.max(sd, 1e-6);
  const z = (x - mean) / s;
  return -0.5 * z * z - Math.log(s);
}

/** Labs the profile does not set come from the reference range (generator: normal around the mid-point, clamped). */
function baselineLabLogLik(key: string, value: number): number {
  if (!hasLab(key)) return 0;
  const lab = getLab(key);
  if (lab.scale === "qualitative") return Math.log(value > 0 ? STRAY : 1 - STRAY);
  const span = lab.high - lab.low;
  if (span <= 0) return 0;
  const tol = span * 0.02;
  if (value < lab.low - tol || value > lab.high + tol) return Math.log(STRAY) - 4;
  return normalLogPdf(value, (lab.low + lab.high) / 2, span / 6);
}

function labLogLik(condition: Condition, key: string, value: number): number {
  const spec = condition.labs[key as AnalyteKey];
  if (!spec) return baselineLabLogLik(key, value);
  if (BINARY_ANALYTES.has(key as AnalyteKey)) return Math.log(value > 0 ? clampP(spec.mean) : 1 - clampP(spec.mean));
  // The generator draws max(0, N(mean, sd)); a small floor on sd keeps exact values from dominating.
  return normalLogPdf(value, spec.mean, Math.max(spec.sd, Math.abs(spec.mean) * 0.02, 1e-3));
}

/** Log-likelihood of the observations under one profile (unnormalised, comparable across profiles). */
export function conditionLogLikelihood(condition: Condition, obs: ObservedFindings): number {
  const d = condition.demographics;
  let ll = 0;
  if (obs.age !== undefined) {
    const [lo, hi] = d.ageRange;
    if (obs.age < lo - 0.5 || obs.age > hi + 0.5) return LOG_IMPOSSIBLE;
  }
  if (obs.sex) {
    const pf = d.femaleFraction;
    const p = obs.sex === "female" ? pf : 1 - pf;
    if (p <= 0) return LOG_IMPOSSIBLE;
    ll += Math.log(p);
  }
  if (obs.pregnant !== undefined && !!d.pregnancy !== obs.pregnant) {
    // A non-pregnancy profile can still present in a pregnant woman, but rarely; the reverse is impossible.
    if (d.pregnancy) return LOG_IMPOSSIBLE;
    ll += Math.log(STRAY);
  }
  if (obs.chiefComplaint !== undefined) {
    const cc = condition.chiefComplaints.map(norm);
    ll += cc.includes(norm(obs.chiefComplaint)) ? Math.log(1 / cc.length) : Math.log(STRAY * STRAY);
  }
  if (obs.symptoms) ll += itemsLogLik(condition.symptoms, obs.symptoms);
  if (obs.exam) ll += itemsLogLik(condition.exam.map((e) => ({ name: e.finding, p: e.p })), obs.exam);
  const h = condition.history;
  if (obs.pmh) ll += itemsLogLik(h.pmh, obs.pmh);
  if (obs.medications) ll += itemsLogLik(h.medications as WeightedItem[] | undefined, obs.medications);
  if (obs.social) ll += itemsLogLik(h.social as WeightedItem[] | undefined, obs.social);
  if (obs.family) ll += itemsLogLik(h.family as WeightedItem[] | undefined, obs.family);
  if (obs.vitals) {
    for (const [k, v] of Object.entries(obs.vitals)) {
      if (v === undefined) continue;
      const spec = condition.vitals[k as keyof Condition["vitals"]];
      if (spec) ll += normalLogPdf(v, spec.mean, spec.sd);
    }
  }
  if (obs.labs) for (const [k, v] of Object.entries(obs.labs)) ll += labLogLik(condition, k, v);
  if (obs.imaging) {
    for (const study of obs.imaging) {
      const items = condition.imaging.filter((i) => i.modality === study.modality).map((i) => ({ name: i.finding, p: i.p }));
      ll += itemsLogLik(items, study.findings);
    }
  }
  return ll;
}

/**
 * Candidates ranked by posterior, best first. Priors default to the profiles' prevalence weights,
 * the same weights task generators sample conditions with.
 */
export function rankConditions(candidates: readonly Condition[], obs: ObservedFindings, prior: (c: Condition) => number = (c) => c.prevalenceWeight): RankedCondition[] {
  const scored = candidates.map((c) => ({ condition: c, logLikelihood: conditionLogLikelihood(c, obs) + Math.log(Math.max(prior(c), 1e-9)) }));
  const max = Math.max(...scored.map((s) => s.logLikelihood));
  const weights = scored.map((s) => Math.exp(s.logLikelihood - max));
  const total = weights.reduce((a, b) => a + b, 0);
  return scored
    .map((s, i) => ({ ...s, posterior: weights[i] / total }))
    .sort((a, b) => b.posterior - a.posterior || a.condition.id.localeCompare(b.condition.id));
}

/** Posterior mass of each value of `key` (e.g. the ESI level or disposition a condition implies). */
export function posteriorBy<K>(ranked: readonly RankedCondition[], key: (c: Condition) => K): Map<K, number> {
  const out = new Map<K, number>();
  for (const r of ranked) out.set(key(r.condition), (out.get(key(r.condition)) ?? 0) + r.posterior);
  return out;
}

function norm(s: string): string {
  return s.trim().toLowerCase();
}
