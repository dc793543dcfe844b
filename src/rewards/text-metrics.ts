import { normalizeLabel } from "../util/text.js";
import { tokenF1 } from "./answer.js";

/**
 * Free-text overlap metrics shared by the accuracy reward and the benchmark scorers. All work on
 * `normalizeLabel` words (lower case, accents and punctuation stripped), return values in [0, 1],
 * and treat two empty texts as identical and one empty text as no overlap.
 */

export { tokenF1 };

export function words(text: string): string[] {
  return normalizeLabel(text).split(" ").filter(Boolean);
}

/** ROUGE-L F-measure (beta = 1): longest common subsequence of words over both lengths. */
export function rougeL(prediction: string, reference: string): number {
  const p = words(prediction);
  const r = words(reference);
  if (p.length === 0 || r.length === 0) return p.length === r.length ? 1 : 0;
  // One-row dynamic programme: O(|p|·|r|) time, O(|r|) memory.
  const row = new Uint32Array(r.length + 1);
  for (let i = 1; i <= p.length; i++) {
    let diag = 0;
    for (let j = 1; j <= r.length; j++) {
      const up = row[j];
      row[j] = p[i - 1] === r[j - 1] ? diag + 1 : Math.max(row[j], row[j - 1]);
      diag = up;
    }
  }
  const lcs = row[r.length];
  if (lcs === 0) return 0;
  const precision = lcs / p.length;
  const recall = lcs / r.length;
  return (2 * precision * recall) / (precision + recall);
}

/**
 * BLEU-1: clipped unigram precision times the brevity penalty exp(1 - |r|/|p|) when the prediction
 * is shorter than the reference. Without the penalty a one-word answer would score 1.
 */
export function bleu1(prediction: string, reference: string): number {
  const p = words(prediction);
  const r = words(reference);
  if (p.length === 0 || r.length === 0) return p.length === r.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const w of r) counts.set(w, (counts.get(w) ?? 0) + 1);
  let clipped = 0;
  for (const w of p) {
    const c = counts.get(w) ?? 0;
    if (c > 0) {
      clipped++;
      counts.set(w, c - 1);
    }
  }
  const precision = clipped / p.length;
  const bp = p.length >= r.length ? 1 : Math.exp(1 - r.length / p.length);
  return precision * bp;
}

/** Token recall: share of reference words (with multiplicity) found in the prediction. VQA-RAD open questions use it. */
export function tokenRecall(prediction: string, reference: string): number {
  const p = words(prediction);
  const r = words(reference);
  if (r.length === 0) return p.length === 0 ? 1 : 0;
  const counts = new Map<string, number>();
  for (const w of p) counts.set(w, (counts.get(w) ?? 0) + 1);
  let hit = 0;
  for (const w of r) {
    const c = counts.get(w) ?? 0;
    if (c > 0) {
      hit++;
      counts.set(w, c - 1);
    }
  }
  return hit / r.length;
}

export interface FreeTextWeights {
  f1: number;
  rougeL: number;
  bleu1: number;
}

/** The free-text accuracy blend of DESIGN.md "Rewards": equal thirds unless configured. */
export const DEFAULT_FREE_TEXT_WEIGHTS: FreeTextWeights = { f1: 1 / 3, rougeL: 1 / 3, bleu1: 1 / 3 };

/** Weighted blend of token-F1, ROUGE-L and BLEU-1 against one reference (weights are normalised). */
export function freeTextScore(prediction: string, reference: string, w: FreeTextWeights = DEFAULT_FREE_TEXT_WEIGHTS): number {
  const sum = w.f1 + w.rougeL + w.bleu1;
  if (!(sum > 0)) throw new Error("freeTextScore: weights must sum to a positive number");
  return (w.f1 * tokenF1(prediction, reference) + w.rougeL * rougeL(prediction, reference) + w.bleu1 * bleu1(prediction, reference)) / sum;
}

// Function words carry no claim; leaving them out keeps "is entailed" about content.
const STOP = new Set(
  "a an and are as at be been being but by can could did do does for from had has have having he her his how i if in into is it its may might more most must no not of on or our she should so such than that the their them then there these they this those to was we were what when where which while who will with would you your".split(
    " ",
  ),
);

export function contentWords(text: string): string[] {
  return words(text).filter((w) => !STOP.has(w) && w.length > 1);
}

/** Decides whether an answer supports one statement; pluggable so an LLM judge can replace the lexical default. */
export type EntailmentJudge = (answer: string, statement: string) => boolean;

/**
 * Lexical entailment: at least `threshold` of the statement's content words (prefix-matched on
 * their first 5 letters, so "hypertensive" meets "hypertension") occur in the answer. A negated
 * statement ("not", "no", "never") also needs a negation in the answer.
 */
export function lexicalEntailment(threshold = 0.6): EntailmentJudge {
  return (answer, statement) => {
    const need = [...new Set(contentWords(statement))];
    if (need.length === 0) return false;
    const have = new Set(contentWords(answer).map((w) => w.slice(0, 5)));
    const hit = need.filter((w) => have.has(w.slice(0, 5))).length;
    if (hit / need.length < threshold) return false;
    const neg = /\b(not|no|never|without)\b/;
    return !neg.test(normalizeLabel(statement)) || neg.test(normalizeLabel(answer));
  };
}

/** MedLFQA: the fraction of Must_have statements the answer entails (0 when there are none). */
export function statementCoverage(answer: string, statements: readonly string[], judge: EntailmentJudge = lexicalEntailment()): number {
  if (statements.length === 0) return 0;
  return statements.filter((s) => judge(answer, s)).length / statements.length;
}
