/**
 * Diagnostic reasoning over the condition profiles: a naive-Bayes match of a patient's findings
 * (demographics, chief complaint, symptoms, history, exam, vitals, labs, imaging and ECG) against
 * every clinical_diagnosis profile. The profiles are the generative model of the cases, so this is
 * the principled way to read a case: each profile says how often a finding occurs, what the vitals
 * and labs look like (mean, sd), and which studies show what.
 *
 * Per condition c the log score is
 *   PRIOR_WEIGHT * log(prevalenceWeight)
 * + log P(age, sex, pregnancy | c)                          (uniform age range, femaleFraction)
 * + log P(chief complaint | c)                              (1/n if one of c's complaints, else EPS)
 * + sum over reported items   log P(item | c)               (profile p, background rate, else EPS)
 * + sum over c's unreported items in a fully reviewed category   log(1 - p)
 * + sum over vitals and labs  log N(value; mean, sd)        (analytes c does not list: the normal
 *                                                           reference distribution; floored)
 * + per performed study: each of c's findings in that study present -> log p, absent -> log(1-p);
 *   reported findings c does not predict -> log EPS.
 * Posterior = softmax over the candidates. Example: a 60-year-old with "epigastric pain radiating
 * to the back", lipase 900 U/L and a CT showing peripancreatic fat stranding ranks pancreatitis
 * far above peptic ulcer disease, whose profile predicts a normal lipase.
 */
import { conditionsByDomain, type Condition } from "../../src/clinical/conditions/index.js";
import { BINARY_ANALYTES, type AnalyteKey } from "../../src/clinical/conditions/schema.js";
import { getLab, hasLab } from "../../src/clinical/labs/index.js";
import { backgroundRate } from "./generator.js";

/** Probability floor for a finding a profile does not predict (typos, coincidences, other causes). */
export const EPS = 0.02;
/** The task distribution is uniform over conditions; prevalence only tilts near-ties. */
export const PRIOR_WEIGHT = 0.25;
export const LOG_FLOOR = -12;

export interface Study {
  modality: string;
  region: string;
  findings: string[];
}

export interface Evidence {
  age?: number;
  sex?: "female" | "male";
  pregnant?: boolean;
  chiefComplaint?: string;
  symptoms?: string[];
  exam?: string[];
  /** Past history, medications, social and family history items. */
  history?: string[];
  /** Free-text findings of any kind (matched against every category of a profile). */
  findings?: string[];
  /** Findings explicitly looked for and absent. */
  negatives?: string[];
  /** Categories that were reviewed completely, so unreported profile items count as absent. */
  complete?: { symptoms?: boolean; exam?: boolean; history?: boolean; findings?: boolean };
  vitals?: Partial<Record<"hr" | "sbp" | "dbp" | "rr" | "tempC" | "spo2", number>>;
  labs?: Record<string, number>;
  studies?: Study[];
}

export interface RankedCondition {
  condition: Condition;
  logScore: number;
  posterior: number;
  /** Reported findings that this profile explains best, most informative first. */
  supporting: string[];
}

// ------------------------------------------------------------------ text matching

const STOP = new Set(["of", "the", "and", "or", "with", "a", "an", "in", "on", "to", "at", "for", "from", "by", "is", "as", "than", "over", "under"]);

export function norm(s: string): string {
  return s.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^a-z0-9]+/g, " ").trim();
}

function stem(w: string): string {
  if (w.length > 4 && w.endsWith("ies")) return w.slice(0, -3) + "y";
  if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) return w.slice(0, -1);
  return w;
}

/** A phrase normalised once: its canonical text and its set of stemmed content words. */
interface Phrase {
  text: string;
  norm: string;
  tokens: Set<string>;
}

const phraseCache = new Map<string, Phrase>();

function phrase(text: string): Phrase {
  let ph = phraseCache.get(text);
  if (!ph) {
    const n = norm(text);
    ph = { text, norm: n, tokens: new Set(n.split(" ").filter((w) => w && !STOP.has(w)).map(stem)) };
    if (phraseCache.size > 50_000) phraseCache.clear();
    phraseCache.set(text, ph);
  }
  return ph;
}

function strength(a: Phrase, b: Phrase): number {
  if (!a.norm || !b.norm) return 0;
  if (a.norm === b.norm) return 1;
  if (a.tokens.size === 0 || b.tokens.size === 0) return 0;
  let inter = 0;
  for (const t of a.tokens) if (b.tokens.has(t)) inter++;
  if (inter === 0) return 0;
  const jac = inter / (a.tokens.size + b.tokens.size - inter);
  if (jac === 1) return 1;
  return jac >= 0.5 ? 0.5 + 0.4 * jac : 0;
}

/**
 * How well a free-text finding matches a profile item: 1 for the same words in any order, a
 * fraction for a close paraphrase (Jaccard of content words >= 0.5), else 0.
 */
export function matchStrength(finding: string, item: string): number {
  return strength(phrase(finding), phrase(item));
}

// ------------------------------------------------------------------ anatomy

/** Regions a study of the key also covers (an abdominal CT images the right upper quadrant). */
const REGION_COVERS: Record<string, string[]> = {
  abdomen: ["right upper quadrant", "right lower quadrant", "left lower quadrant", "left upper quadrant", "epigastrium", "biliary tree", "hepatobiliary", "kidneys", "pancreas", "liver", "small bowel", "colon", "bladder", "inferior vena cava", "abdomen and pelvis", "aorta"],
  "abdomen and pelvis": ["abdomen", "pelvis", "right upper quadrant", "right lower quadrant", "left lower quadrant", "biliary tree", "kidneys", "bladder", "small bowel", "colon", "aorta"],
  chest: ["lungs", "pleura", "mediastinum", "thorax"],
  lungs: ["chest"],
  heart: ["aortic valve", "heart and ivc", "pericardium"],
  "heart and ivc": ["heart", "inferior vena cava"],
  head: ["brain"],
  brain: ["head", "pituitary"],
  neck: ["thyroid"],
  thyroid: ["neck"],
  "lower extremity veins": ["lower leg", "affected limb"],
  "lower extremity arteries": ["lower leg", "affected limb"],
  "affected limb": ["lower leg", "foot", "lower extremity veins", "lower extremity arteries"],
};

const regionCache = new Map<string, boolean>();

/**
 * Whether a study ordered for region `ordered` shows a profile finding described at `itemRegion`:
 * same region, one region's words contained in the other's ("abdomen" vs "abdomen and pelvis"), or
 * an anatomical containment from REGION_COVERS.
 */
export function regionMatch(ordered: string, itemRegion: string): boolean {
  const key = `${ordered}\u0000${itemRegion}`;
  let hit = regionCache.get(key);
  if (hit === undefined) {
    const a = phrase(ordered);
    const b = phrase(itemRegion);
    const sub = (x: Set<string>, y: Set<string>) => x.size > 0 && [...x].every((t) => y.has(t));
    hit = !!a.norm && !!b.norm && (a.norm === b.norm || (REGION_COVERS[a.norm] ?? []).includes(b.norm) || sub(a.tokens, b.tokens) || sub(b.tokens, a.tokens));
    if (regionCache.size > 10_000) regionCache.clear();
    regionCache.set(key, hit);
  }
  return hit;
}

// ------------------------------------------------------------------ profile index

interface Item {
  phrase: Phrase;
  p: number;
  /** Process-wide serial, so a scorer can mark items in a typed array instead of allocating sets. */
  uid: number;
}

let nextItemUid = 0;

/** One category of a profile (symptoms, exam, history, or all three). */
interface Category {
  items: Item[];
}

interface ProfileIndex {
  complaints: Phrase[];
  symptoms: Category;
  exam: Category;
  history: Category;
  all: Category;
  imaging: { modality: string; region: string; phrase: Phrase; p: number }[];
}

function category(items: Item[]): Category {
  return { items };
}

const indexCache = new WeakMap<Condition, ProfileIndex>();

function indexOf(c: Condition): ProfileIndex {
  let ix = indexCache.get(c);
  if (!ix) {
    const hist = new Map<string, number>();
    for (const list of [c.history.pmh, c.history.medications ?? [], c.history.social ?? [], c.history.family ?? []])
      for (const it of list) hist.set(it.name, Math.max(hist.get(it.name) ?? 0, it.p));
    const symptoms = c.symptoms.map((s) => ({ phrase: phrase(s.name), p: s.p, uid: nextItemUid++ }));
    const exam = c.exam.map((e) => ({ phrase: phrase(e.finding), p: e.p, uid: nextItemUid++ }));
    const history = [...hist].map(([text, p]) => ({ phrase: phrase(text), p, uid: nextItemUid++ }));
    ix = {
      complaints: c.chiefComplaints.map(phrase),
      symptoms: category(symptoms),
      exam: category(exam),
      history: category(history),
      all: category([...symptoms, ...exam, ...history]),
      imaging: c.imaging.map((i) => ({ modality: i.modality, region: i.region, phrase: phrase(i.finding), p: i.p })),
    };
    indexCache.set(c, ix);
  }
  return ix;
}

const clampP = (p: number) => Math.min(0.98, Math.max(EPS, p));

function logNormal(x: number, mean: number, sd: number): number {
  const z = (x - mean) / sd;
  return Math.max(LOG_FLOOR, -0.5 * z * z - Math.log(sd) - 0.9189385);
}

export const VITAL_SD_FLOOR = { hr: 2, sbp: 3, dbp: 3, rr: 1, tempC: 0.15, spo2: 1 } as const;
const VITAL_KEYS = ["hr", "sbp", "dbp", "rr", "tempC", "spo2"] as const;

interface LabInfo {
  binary: boolean;
  skip: boolean;
  mid: number;
  sd: number;
  low: number;
  high: number;
  slack: number;
}

const labInfoCache = new Map<string, LabInfo | null>();

function labInfo(key: string): LabInfo | null {
  let info = labInfoCache.get(key);
  if (info === undefined) {
    if (!hasLab(key)) info = null;
    else {
      const lab = getLab(key);
      info = {
        binary: BINARY_ANALYTES.has(key as AnalyteKey) || lab.scale === "qualitative",
        skip: lab.panel === "tdm" || lab.panel === "toxicology",
        mid: (lab.low + lab.high) / 2,
        sd: Math.max((lab.high - lab.low) / 6, 1e-3),
        low: lab.low,
        high: lab.high,
        // Reference values are clamped to the range by the generator; a small slack absorbs rounding.
        slack: (lab.high - lab.low) * 0.02,
      };
    }
    labInfoCache.set(key, info);
  }
  return info;
}

/** log P(lab value | c): the profile's distribution, or the normal reference distribution. */
export function labLogLikelihood(c: Condition | undefined, key: string, value: number): number | undefined {
  const info = labInfo(key);
  if (!info || info.skip) return undefined;
  const prof = c ? (c.labs as Partial<Record<string, { mean: number; sd: number }>>)[key] : undefined;
  if (prof) {
    if (info.binary) return Math.log(value > 0 ? clampP(prof.mean) : 1 - clampP(prof.mean));
    return logNormal(value, prof.mean, Math.max(prof.sd, Math.abs(prof.mean) * 0.01, 1e-3));
  }
  if (info.binary) return Math.log(value > 0 ? EPS : 1 - EPS);
  if (value < info.low - info.slack || value > info.high + info.slack) return LOG_FLOOR;
  return logNormal(value, info.mid, info.sd);
}

// ------------------------------------------------------------------ scoring

type Contribution = { finding: string; llr: number };
type CatName = "symptoms" | "exam" | "history" | "all";
type Hit = { ci: number; item: Item };
type Match = { item: Item; strength: number };

const logClamp = (p: number) => Math.log(Math.min(0.98, Math.max(EPS, p)));

/**
 * The scorer for one candidate list. Scoring every profile against every finding is the hot path
 * (task generation checks >1,000 cases against >200 profiles), so findings are matched through
 * inverted indexes (exact text and shared words) and each profile only pays for what it matches:
 * per profile, score = constants + sum of defaults for unmatched findings + corrections for matches.
 * The result is the sum written in the header of this file.
 */
class Scorer {
  readonly conds: { c: Condition; ix: ProfileIndex; prior: number; penalty: Record<CatName, number> }[];
  /** Analyte -> the profiles that list it, with the distribution labLogLikelihood uses. */
  private readonly labHolders = new Map<string, { ci: number; mean: number; sd: number; binary: boolean }[]>();
  /** Per profile and vital sign (VITAL_KEYS order): mean and the floored sd. */
  private readonly vitalMean: Float64Array;
  private readonly vitalSd: Float64Array;
  private readonly exact: Record<CatName | "img", Map<string, Hit[]>>;
  private readonly tok: Record<CatName | "img", Map<string, Hit[]>>;

  constructor(candidates: readonly Condition[]) {
    this.exact = { symptoms: new Map(), exam: new Map(), history: new Map(), all: new Map(), img: new Map() };
    this.tok = { symptoms: new Map(), exam: new Map(), history: new Map(), all: new Map(), img: new Map() };
    this.conds = candidates.map((c, ci) => {
      const ix = indexOf(c);
      const penalty = {} as Record<CatName, number>;
      for (const name of ["symptoms", "exam", "history", "all"] as const) {
        penalty[name] = ix[name].items.reduce((acc, it) => acc + Math.log(1 - clampP(it.p)), 0);
        for (const it of ix[name].items) this.add(name, ci, it);
      }
      for (const im of ix.imaging) this.add("img", ci, { phrase: im.phrase, p: im.p, uid: -1 });
      for (const [k, ms] of Object.entries(c.labs) as [string, { mean: number; sd: number }][]) {
        const info = labInfo(k);
        if (!info || info.skip) continue;
        const list = this.labHolders.get(k) ?? [];
        list.push({ ci, mean: ms.mean, sd: Math.max(ms.sd, Math.abs(ms.mean) * 0.01, 1e-3), binary: info.binary });
        this.labHolders.set(k, list);
      }
      return { c, ix, prior: PRIOR_WEIGHT * Math.log(c.prevalenceWeight), penalty };
    });
    this.vitalMean = new Float64Array(candidates.length * 6);
    this.vitalSd = new Float64Array(candidates.length * 6);
    candidates.forEach((c, ci) =>
      VITAL_KEYS.forEach((k, j) => {
        this.vitalMean[ci * 6 + j] = c.vitals[k].mean;
        this.vitalSd[ci * 6 + j] = Math.max(c.vitals[k].sd, VITAL_SD_FLOOR[k]);
      }),
    );
  }

  private add(cat: CatName | "img", ci: number, item: Item): void {
    // One Hit per item, shared by its word lists: match() counts shared words per Hit identity.
    const hit: Hit = { ci, item };
    const e = this.exact[cat];
    e.set(item.phrase.norm, [...(e.get(item.phrase.norm) ?? []), hit]);
    for (const t of item.phrase.tokens) {
      const m = this.tok[cat];
      m.set(t, [...(m.get(t) ?? []), hit]);
    }
  }

  private readonly studyCache = new Map<string, { ci: number; item: { phrase: Phrase; p: number } }[]>();

  /** Every profile imaging finding that a study of this modality and region would show. */
  studyItems(modality: string, region: string): { ci: number; item: { phrase: Phrase; p: number } }[] {
    const key = `${modality}|${norm(region)}`;
    let list = this.studyCache.get(key);
    if (!list) {
      list = [];
      this.conds.forEach(({ ix }, ci) => {
        for (const it of ix.imaging) if (it.modality === modality && regionMatch(region, it.region)) list!.push({ ci, item: it });
      });
      this.studyCache.set(key, list);
    }
    return list;
  }

  private readonly matchCache = new Map<string, Map<number, Match>>();
  /** marks[uid] === generation: the item is already counted as reported in this pass. */
  private marks = new Int32Array(0);
  private generation = 0;

  private nextGeneration(): number {
    if (this.marks.length < nextItemUid) this.marks = new Int32Array(nextItemUid + 1024);
    return ++this.generation;
  }

  /** True the first time an item is marked in a generation. */
  private mark(item: Item, gen: number): boolean {
    if (this.marks[item.uid] === gen) return false;
    this.marks[item.uid] = gen;
    return true;
  }
  private readonly complaintCache = new Map<string, Float64Array>();

  /** The best-matching item of each profile for a phrase (profiles with no match are absent). */
  match(cat: CatName | "img", f: Phrase): Map<number, Match> {
    // Findings are mostly profile phrases, so the same few thousand recur across cases and passes.
    const key = `${cat}|${f.norm}`;
    const hit = this.matchCache.get(key);
    if (hit) return hit;
    if (this.matchCache.size > 50_000) this.matchCache.clear();
    const out = new Map<number, Match>();
    this.matchCache.set(key, out);
    for (const h of this.exact[cat].get(f.norm) ?? []) {
      const prev = out.get(h.ci);
      if (!prev || h.item.p > prev.item.p) out.set(h.ci, { item: h.item, strength: 1 });
    }
    // Paraphrases: count shared words per item, then the Jaccard of word sets (see strength()).
    const shared = new Map<Hit, number>();
    for (const t of f.tokens) for (const h of this.tok[cat].get(t) ?? []) shared.set(h, (shared.get(h) ?? 0) + 1);
    for (const [h, inter] of shared) {
      const prev = out.get(h.ci);
      if (prev?.strength === 1) continue;
      const jac = inter / (f.tokens.size + h.item.phrase.tokens.size - inter);
      const st = jac === 1 ? 1 : jac >= 0.5 ? 0.5 + 0.4 * jac : 0;
      if (st > 0 && (!prev || st > prev.strength || (st === prev.strength && h.item.p > prev.item.p))) out.set(h.ci, { item: h.item, strength: st });
    }
    return out;
  }

  private complaintIndex?: { exact: Map<string, number[]>; tok: Map<string, { ci: number; ph: Phrase }[]> };

  /** log P(chief complaint | profile) for every profile: 1/n for one of its complaints (paraphrases scaled), else EPS. */
  private complaintTerms(cc: Phrase): Float64Array {
    let terms = this.complaintCache.get(cc.norm);
    if (terms) return terms;
    if (!this.complaintIndex) {
      const exact = new Map<string, number[]>();
      const tok = new Map<string, { ci: number; ph: Phrase }[]>();
      this.conds.forEach(({ ix }, ci) => {
        for (const ph of ix.complaints) {
          exact.set(ph.norm, [...(exact.get(ph.norm) ?? []), ci]);
          for (const t of ph.tokens) tok.set(t, [...(tok.get(t) ?? []), { ci, ph }]);
        }
      });
      this.complaintIndex = { exact, tok };
    }
    const best = new Float64Array(this.conds.length);
    for (const ci of this.complaintIndex.exact.get(cc.norm) ?? []) best[ci] = 1;
    for (const t of cc.tokens) for (const { ci, ph } of this.complaintIndex.tok.get(t) ?? []) if (best[ci]! < 1) best[ci] = Math.max(best[ci]!, strength(cc, ph));
    terms = new Float64Array(this.conds.length);
    this.conds.forEach(({ ix }, ci) => {
      terms![ci] = Math.log(Math.max(EPS, best[ci]! / ix.complaints.length));
    });
    if (this.complaintCache.size > 5_000) this.complaintCache.clear();
    this.complaintCache.set(cc.norm, terms);
    return terms;
  }

  scores(ev: Evidence, explainIdx: ReadonlySet<number> = new Set()): { scores: Float64Array; contributions: Map<number, Contribution[]> } {
    const n = this.conds.length;
    const sc = new Float64Array(n);
    const contributions = new Map<number, Contribution[]>();
    for (const i of explainIdx) contributions.set(i, []);
    const adult = ev.age === undefined || ev.age >= 18;
    const bgOf = (t: string) => (adult ? backgroundRate(t) : 0);

    // Per-profile constants: prior, demographics, chief complaint, vitals, complete-category penalties.
    const ccTerms = ev.chiefComplaint ? this.complaintTerms(phrase(ev.chiefComplaint)) : undefined;
    const vit = new Float64Array(6).fill(Number.NaN);
    VITAL_KEYS.forEach((k, j) => {
      const v = ev.vitals?.[k];
      if (v !== undefined && Number.isFinite(v)) vit[j] = v;
    });
    for (let ci = 0; ci < n; ci++) {
      const { c, prior, penalty } = this.conds[ci]!;
      let s = prior;
      const d = c.demographics;
      if (ev.age !== undefined) {
        const [lo, hi] = d.ageRange;
        s += ev.age >= lo - 0.05 && ev.age <= hi + 0.05 ? -Math.log(Math.max(1, hi - lo + 1)) : -10;
      }
      if (ev.sex) s += Math.log(Math.max(0.002, ev.sex === "female" ? d.femaleFraction : 1 - d.femaleFraction));
      if (ev.pregnant !== undefined) s += d.pregnancy ? (ev.pregnant ? 0 : -10) : ev.pregnant ? -6 : 0;
      if (ccTerms) s += ccTerms[ci]!;
      for (let j = 0; j < 6; j++) {
        const v = vit[j]!;
        if (!Number.isNaN(v)) s += logNormal(v, this.vitalMean[ci * 6 + j]!, this.vitalSd[ci * 6 + j]!);
      }
      if (ev.complete?.symptoms) s += penalty.symptoms;
      if (ev.complete?.exam) s += penalty.exam;
      if (ev.complete?.history) s += penalty.history;
      if (ev.complete?.findings && (ev.findings?.length || ev.negatives?.length)) s += penalty.all;
      sc[ci] = s;
    }

    // Reported items: a default for "no profile item matches", corrected where one does.
    const categories: [CatName, string[], boolean][] = [
      ["symptoms", ev.symptoms ?? [], !!ev.complete?.symptoms],
      ["exam", ev.exam ?? [], !!ev.complete?.exam],
      ["history", ev.history ?? [], !!ev.complete?.history],
    ];
    // Added to every profile at the end: the "no match" default of each reported item.
    let everyone = 0;
    for (const [cat, present, complete] of categories) {
      const gen = this.nextGeneration();
      for (const text of present) {
        const f = phrase(text);
        const bg = cat === "history" ? bgOf(text) : 0;
        const dflt = logClamp(bg);
        everyone += dflt;
        const matches = this.match(cat, f);
        for (const [ci, m] of matches) {
          sc[ci] += logClamp(1 - (1 - m.strength * m.item.p) * (1 - bg)) - dflt;
          // A matched item is not "absent": take back its share of the complete-review penalty once.
          if (complete && this.mark(m.item, gen)) sc[ci] -= Math.log(1 - clampP(m.item.p));
        }
        for (const i of explainIdx) {
          const m = matches.get(i);
          const lp = m ? logClamp(1 - (1 - m.strength * m.item.p) * (1 - bg)) : dflt;
          contributions.get(i)!.push({ finding: text, llr: lp - Math.log(Math.max(EPS, bg)) });
        }
      }
    }

    // Uncategorised findings and pertinent negatives (the differential tool's free-text input).
    if (ev.findings?.length || ev.negatives?.length) {
      const gen = this.nextGeneration();
      const complete = !!ev.complete?.findings;
      for (const text of ev.findings ?? []) {
        const f = phrase(text);
        const bg = bgOf(text);
        const dflt = logClamp(bg);
        everyone += dflt;
        const best = new Map<number, number>();
        const all = this.match("all", f);
        for (const [ci, m] of all) best.set(ci, m.strength * m.item.p);
        for (const [ci, m] of this.match("img", f)) best.set(ci, Math.max(best.get(ci) ?? 0, m.strength * m.item.p));
        for (const [ci, p] of best) sc[ci] += logClamp(Math.max(p, bg)) - dflt;
        for (const [ci, m] of all) if (this.mark(m.item, gen) && complete) sc[ci] -= Math.log(1 - clampP(m.item.p));
        for (const i of explainIdx) contributions.get(i)!.push({ finding: text, llr: logClamp(Math.max(best.get(i) ?? 0, bg)) - Math.log(EPS) });
      }
      for (const text of ev.negatives ?? []) {
        for (const [ci, m] of this.match("all", phrase(text))) {
          if (!this.mark(m.item, gen)) continue;
          sc[ci] += Math.log(1 - clampP(m.item.p * m.strength));
          // The absence is counted here, so the complete-review penalty must not count it again.
          if (complete) sc[ci] -= Math.log(1 - clampP(m.item.p));
        }
      }
    }

    for (let ci = 0; ci < n; ci++) sc[ci] += everyone;

    // Labs: the reference distribution for every profile, corrected where a profile lists the analyte.
    if (ev.labs) {
      let normalSum = 0;
      for (const k in ev.labs) {
        const v = ev.labs[k]!;
        const base = labLogLikelihood(undefined, k, v);
        if (base === undefined) continue;
        normalSum += base;
        for (const h of this.labHolders.get(k) ?? []) {
          const ll = h.binary ? Math.log(v > 0 ? clampP(h.mean) : 1 - clampP(h.mean)) : logNormal(v, h.mean, h.sd);
          sc[h.ci] += ll - base;
          contributions.get(h.ci)?.push({ finding: `${labName(k)} ${v}`, llr: ll - base });
        }
      }
      for (let ci = 0; ci < n; ci++) sc[ci] += normalSum;
    }

    // Studies: each of a profile's findings in a performed study is present or absent; reported
    // findings a profile does not predict for the study cost EPS.
    let missAll = 0;
    for (const st of ev.studies ?? []) {
      const fs = st.findings.map(phrase);
      missAll += fs.length * Math.log(EPS);
      const explainedBy = fs.map(() => new Set<number>());
      for (const { ci, item } of this.studyItems(st.modality, st.region)) {
        let present = false;
        for (let k = 0; k < fs.length; k++) {
          const f = fs[k]!;
          if (f.norm === item.phrase.norm || strength(f, item.phrase) >= 0.9) {
            present = true;
            explainedBy[k]!.add(ci);
          }
        }
        sc[ci] += Math.log(present ? clampP(item.p) : 1 - clampP(item.p));
        if (present) contributions.get(ci)?.push({ finding: item.phrase.text, llr: Math.log(clampP(item.p) / EPS) });
      }
      for (const set of explainedBy) for (const ci of set) sc[ci] -= Math.log(EPS);
    }
    if (missAll) for (let ci = 0; ci < n; ci++) sc[ci] += missAll;
    return { scores: sc, contributions };
  }
}

function labName(key: string): string {
  return hasLab(key) ? getLab(key).name : key;
}

const scorers = new WeakMap<readonly Condition[], Scorer>();
let lastList: { ids: string; scorer: Scorer } | undefined;

function scorerFor(candidates: readonly Condition[]): Scorer {
  let s = scorers.get(candidates);
  if (s) return s;
  // conditionsByDomain returns a fresh array each call; reuse the scorer for the same id list.
  const ids = candidates.map((c) => c.id).join(",");
  if (lastList?.ids === ids) s = lastList.scorer;
  else {
    s = new Scorer(candidates);
    lastList = { ids, scorer: s };
  }
  scorers.set(candidates, s);
  return s;
}

let candidateList: Condition[] | undefined;

/** The clinical_diagnosis profiles (the knowledge base every tool and scorer ranks), loaded once. */
export function diagnosisCandidates(): Condition[] {
  candidateList ??= conditionsByDomain("clinical_diagnosis");
  return candidateList;
}

/** The log score of one profile with the per-finding log-likelihood ratios behind it. */
export function scoreCondition(c: Condition, ev: Evidence): { logScore: number; contributions: Contribution[] } {
  const r = scorerFor([c]).scores(ev, new Set([0]));
  return { logScore: r.scores[0]!, contributions: r.contributions.get(0)! };
}

/** The best-scoring candidate and its posterior, without ranking the rest (the generator's hot path). */
export function topCondition(ev: Evidence, candidates: readonly Condition[] = diagnosisCandidates()): { condition: Condition; posterior: number } {
  const { scores } = scorerFor(candidates).scores(ev);
  let best = 0;
  for (let i = 1; i < scores.length; i++) if (scores[i]! > scores[best]!) best = i;
  const max = scores[best]!;
  let z = 0;
  for (const x of scores) z += Math.exp(x - max);
  return { condition: candidates[best]!, posterior: 1 / z };
}

/**
 * Every candidate ranked by posterior (softmax of the log scores). `supporting` (the reported
 * findings a profile explains best) is filled for the first `explain` candidates only.
 */
export function rankConditions(ev: Evidence, candidates: readonly Condition[] = diagnosisCandidates(), explain = 10): RankedCondition[] {
  const scorer = scorerFor(candidates);
  const { scores } = scorer.scores(ev);
  let max = -Infinity;
  for (const x of scores) max = Math.max(max, x);
  let z = 0;
  for (const x of scores) z += Math.exp(x - max);
  const ranked = candidates
    .map((c, i) => ({ condition: c, index: i, logScore: scores[i]!, posterior: Math.exp(scores[i]! - max) / z, supporting: [] as string[] }))
    .sort((a, b) => b.logScore - a.logScore || (a.condition.id < b.condition.id ? -1 : 1));
  if (explain > 0) {
    const top = ranked.slice(0, explain);
    const { contributions } = scorer.scores(ev, new Set(top.map((r) => r.index)));
    for (const r of top) {
      r.supporting = (contributions.get(r.index) ?? [])
        .filter((k) => k.llr > 0.5)
        .sort((a, b) => b.llr - a.llr)
        .map((k) => k.finding)
        .filter((f, i, arr) => arr.indexOf(f) === i)
        .slice(0, 4);
    }
  }
  return ranked.map(({ index: _i, ...r }) => r);
}

// ------------------------------------------------------------------ work-up planning

export interface StudyKey {
  modality: string;
  region: string;
}

/** The candidates worth working up: the smallest top set holding `mass` of the posterior, at most `max`. */
export function leadingCandidates(ranked: readonly RankedCondition[], mass = 0.995, max = 6): RankedCondition[] {
  const out: RankedCondition[] = [];
  let acc = 0;
  for (const r of ranked) {
    if (out.length >= max || acc >= mass) break;
    out.push(r);
    acc += r.posterior;
  }
  return out;
}

/**
 * Labs that separate the leading candidates: analytes their profiles list and that have not been
 * measured, weighted by how abnormal each candidate expects them to be (posterior x |z| against the
 * reference mid-point), most informative first.
 */
export function suggestLabs(ranked: readonly RankedCondition[], measured: ReadonlySet<string>, max = 12): string[] {
  const weight = new Map<string, number>();
  for (const r of leadingCandidates(ranked)) {
    for (const [k, ms] of Object.entries(r.condition.labs) as [string, { mean: number; sd: number }][]) {
      if (measured.has(k) || !hasLab(k)) continue;
      const lab = getLab(k);
      const binary = BINARY_ANALYTES.has(k as AnalyteKey) || lab.scale === "qualitative";
      const z = binary ? ms.mean * 3 : Math.abs(ms.mean - (lab.low + lab.high) / 2) / Math.max((lab.high - lab.low) / 6, 1e-3);
      weight.set(k, (weight.get(k) ?? 0) + Math.max(0.05, r.posterior) * Math.min(z, 6));
    }
  }
  return [...weight]
    .filter(([, w]) => w > 0.05)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, max)
    .map(([k]) => k);
}

/** Imaging studies (not ECG) most likely to show a leading candidate's findings, best first. */
export function suggestStudies(ranked: readonly RankedCondition[], done: readonly StudyKey[]): (StudyKey & { weight: number })[] {
  const byKey = new Map<string, StudyKey & { weight: number }>();
  for (const r of leadingCandidates(ranked)) {
    const best = new Map<string, number>();
    for (const i of r.condition.imaging) {
      if (i.modality === "ecg") continue;
      if (done.some((d) => d.modality === i.modality && regionMatch(d.region, i.region))) continue;
      const k = `${i.modality}|${i.region}`;
      best.set(k, Math.max(best.get(k) ?? 0, i.p));
    }
    for (const [k, p] of best) {
      const [modality, region] = k.split("|") as [string, string];
      const cur = byKey.get(k) ?? { modality, region, weight: 0 };
      cur.weight += Math.max(0.02, r.posterior) * p;
      byKey.set(k, cur);
    }
  }
  return [...byKey.values()].sort((a, b) => b.weight - a.weight || a.modality.localeCompare(b.modality) || a.region.localeCompare(b.region));
}

/** Posterior-weighted chance that an ECG shows a leading candidate's finding. */
export function ecgYield(ranked: readonly RankedCondition[]): number {
  let y = 0;
  for (const r of leadingCandidates(ranked)) {
    const ps = r.condition.imaging.filter((i) => i.modality === "ecg").map((i) => i.p);
    if (ps.length) y += r.posterior * Math.max(...ps);
  }
  return y;
}

// ------------------------------------------------------------------ services

export const SERVICES = [
  "cardiology",
  "pulmonology",
  "gastroenterology",
  "nephrology_urology",
  "endocrinology",
  "infectious_disease",
  "neurology",
  "hematology_oncology",
  "rheumatology",
  "dermatology",
  "psychiatry",
  "obstetrics_gynecology",
  "emergency_medicine",
  "pediatrics",
  "critical_care",
  "surgery",
  "interventional_cardiology",
  "addiction_medicine",
] as const;
export type Service = (typeof SERVICES)[number];

/**
 * The service that takes over a condition: the disposition decides for critical care, theatre,
 * the cath lab, labour ward, psychiatric and detox units; otherwise the condition's specialty.
 */
export function referralService(c: Condition): Service {
  switch (c.disposition) {
    case "icu":
      return "critical_care";
    case "or":
      return "surgery";
    case "cath_lab":
      return "interventional_cardiology";
    case "labor_and_delivery":
      return "obstetrics_gynecology";
    case "psychiatric_unit":
      return "psychiatry";
    case "detox_unit":
      return "addiction_medicine";
    default:
      return c.specialty as Service;
  }
}

/** Urgency of the transfer: emergencies are emergent, high-acuity (ESI <= 2) urgent, others routine. */
export function referralUrgency(c: Condition): "emergent" | "urgent" | "routine" {
  if (c.emergency) return "emergent";
  return c.esiLevel <= 3 ? "urgent" : "routine";
}

/** Condition whose name, synonym, id or ICD-10 code the text names, if any. */
export function conditionByName(text: string, candidates: readonly Condition[] = diagnosisCandidates()): Condition | undefined {
  const n = norm(text);
  if (!n) return undefined;
  const sorted = (s: string) => norm(s).split(" ").sort().join(" ");
  const key = sorted(text);
  for (const c of candidates) {
    if (norm(c.name) === n || norm(c.id) === n || c.icd10.toLowerCase() === text.trim().toLowerCase()) return c;
  }
  for (const c of candidates) if ([c.name, ...c.synonyms].some((s) => sorted(s) === key)) return c;
  return undefined;
}
