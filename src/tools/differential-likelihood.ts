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

/**
 * A profile's weighted items compiled once: item -> log-odds of presence, plus the log-probability
 * that every item is absent. An observed list then costs O(observed items), not O(profile items).
 */
interface CompiledItems {
  allAbsent: number;
  logOdds: Map<string, number>;
}

function compileItems(items: readonly { name: string; p: number }[] | undefined): CompiledItems {
  const logOdds = new Map<string, number>();
  let allAbsent = 0;
  for (const it of items ?? []) {
    const p = clampP(it.p);
    const k = norm(it.name);
    // Duplicate names in one list: keep the first, as the generator would show the item once.
    if (logOdds.has(k)) continue;
    allAbsent += Math.log(1 - p);
    logOdds.set(k, Math.log(p) - Math.log(1 - p));
  }
  return { allAbsent, logOdds };
}

/** Bernoulli log-likelihood of an observed (complete, normalised, de-duplicated) list against compiled profile items. */
function itemsLogLik(c: CompiledItems, observed: readonly string[]): number {
  let ll = c.allAbsent;
  for (const k of observed) {
    const lo = c.logOdds.get(k);
    ll += lo === undefined ? LOG_STRAY : lo;
  }
  return ll;
}

const normList = (xs: readonly string[] | undefined): string[] | undefined => (xs ? [...new Set(xs.map(norm))] : undefined);

interface Compiled {
  symptoms: CompiledItems;
  exam: CompiledItems;
  pmh: CompiledItems;
  medications: CompiledItems;
  social: CompiledItems;
  family: CompiledItems;
  imaging: Map<string, CompiledItems>;
  complaints: Set<string>;
}

const compiledCache = new WeakMap<Condition, Compiled>();

function compile(c: Condition): Compiled {
  let hit = compiledCache.get(c);
  if (hit) return hit;
  const imaging = new Map<string, CompiledItems>();
  for (const m of new Set(c.imaging.map((i) => i.modality))) imaging.set(m, compileItems(c.imaging.filter((i) => i.modality === m).map((i) => ({ name: i.finding, p: i.p }))));
  hit = {
    symptoms: compileItems(c.symptoms),
    exam: compileItems(c.exam.map((e) => ({ name: e.finding, p: e.p }))),
    pmh: compileItems(c.history.pmh),
    medications: compileItems(c.history.medications as WeightedItem[] | undefined),
    social: compileItems(c.history.social as WeightedItem[] | undefined),
    family: compileItems(c.history.family as WeightedItem[] | undefined),
    imaging,
    complaints: new Set(c.chiefComplaints.map(norm)),
  };
  compiledCache.set(c, hit);
  return hit;
}

const NO_ITEMS: CompiledItems = { allAbsent: 0, logOdds: new Map() };
const LOG_STRAY = Math.log(STRAY);

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
  if (value < lab.low - tol || value > lab.high + tol) return LOG_STRAY - 4;
  return normalLogPdf(value, (lab.low + lab.high) / 2, span / 6);
}

function profileLabLogLik(spec: { mean: number; sd: number }, key: string, value: number): number {
  if (BINARY_ANALYTES.has(key as AnalyteKey)) return Math.log(value > 0 ? clampP(spec.mean) : 1 - clampP(spec.mean));
  // The generator draws max(0, N(mean, sd)); a small floor on sd keeps exact values from dominating.
  return normalLogPdf(value, spec.mean, Math.max(spec.sd, Math.abs(spec.mean) * 0.02, 1e-3));
}

/** Observation-level work shared by every profile (the baseline likelihood of each lab). */
interface PreparedObservation {
  obs: ObservedFindings;
  lists: Partial<Record<"symptoms" | "exam" | "pmh" | "medications" | "social" | "family", string[]>>;
  imaging: { modality: string; findings: string[] }[];
  complaint?: string;
  vitals: [keyof Condition["vitals"], number][];
  baselineLabs: Map<string, number>;
  baselineTotal: number;
}

function prepare(obs: ObservedFindings): PreparedObservation {
  const baselineLabs = new Map<string, number>();
  let baselineTotal = 0;
  for (const [k, v] of Object.entries(obs.labs ?? {})) {
    const ll = baselineLabLogLik(k, v);
    baselineLabs.set(k, ll);
    baselineTotal += ll;
  }
  return {
    obs,
    lists: {
      symptoms: normList(obs.symptoms),
      exam: normList(obs.exam),
      pmh: normList(obs.pmh),
      medications: normList(obs.medications),
      social: normList(obs.social),
      family: normList(obs.family),
    },
    imaging: (obs.imaging ?? []).map((i) => ({ modality: i.modality, findings: normList(i.findings)! })),
    complaint: obs.chiefComplaint === undefined ? undefined : norm(obs.chiefComplaint),
    vitals: Object.entries(obs.vitals ?? {}).filter(([, v]) => v !== undefined) as [keyof Condition["vitals"], number][],
    baselineLabs,
    baselineTotal,
  };
}

/** Log-likelihood of the observations under one profile (unnormalised, comparable across profiles). */
export function conditionLogLikelihood(condition: Condition, obs: ObservedFindings): number {
  return logLik(condition, prepare(obs));
}

function logLik(condition: Condition, prep: PreparedObservation): number {
  const obs = prep.obs;
  const d = condition.demographics;
  const c = compile(condition);
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
    ll += LOG_STRAY;
  }
  if (prep.complaint !== undefined) {
    ll += c.complaints.has(prep.complaint) ? Math.log(1 / c.complaints.size) : 2 * LOG_STRAY;
  }
  const l = prep.lists;
  if (l.symptoms) ll += itemsLogLik(c.symptoms, l.symptoms);
  if (l.exam) ll += itemsLogLik(c.exam, l.exam);
  if (l.pmh) ll += itemsLogLik(c.pmh, l.pmh);
  if (l.medications) ll += itemsLogLik(c.medications, l.medications);
  if (l.social) ll += itemsLogLik(c.social, l.social);
  if (l.family) ll += itemsLogLik(c.family, l.family);
  for (const [k, v] of prep.vitals) {
    const spec = condition.vitals[k];
    if (spec) ll += normalLogPdf(v, spec.mean, spec.sd);
  }
  if (obs.labs) {
    ll += prep.baselineTotal;
    for (const [k, spec] of Object.entries(condition.labs)) {
      const v = obs.labs[k];
      if (v === undefined || !spec) continue;
      ll += profileLabLogLik(spec, k, v) - (prep.baselineLabs.get(k) ?? 0);
    }
  }
  for (const study of prep.imaging) ll += itemsLogLik(c.imaging.get(study.modality) ?? NO_ITEMS, study.findings);
  return ll;
}

/**
 * Candidates ranked by posterior, best first. Priors default to the profiles' prevalence weights,
 * the same weights task generators sample conditions with.
 */
export function rankConditions(candidates: readonly Condition[], obs: ObservedFindings, prior: (c: Condition) => number = (c) => c.prevalenceWeight): RankedCondition[] {
  const prep = prepare(obs);
  const scored = candidates.map((c) => ({ condition: c, logLikelihood: logLik(c, prep) + Math.log(Math.max(prior(c), 1e-9)) }));
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

/** Tool renderers join list items with "; ", so a semicolon inside an item is shown as a comma. */
function norm(s: string): string {
  return s.trim().toLowerCase().replace(/;/g, ",");
}
