import type { TaskAnswer } from "../env/types.js";
import { normalizeLabel } from "../util/text.js";

/**
 * Answer correctness in [0, 1] for the four ground-truth kinds.
 *
 * - label: 1 if the normalised submission equals the label or one of its accepted synonyms.
 *   Example: label "septic shock", accepted ["sepsis with shock"], submitted "Septic-Shock" -> 1.
 * - choice: the submitted letter (or "B)", "(B)", "Answer: B", or the exact option text) must be
 *   the keyed option. A submission naming several options scores 0 (listing every option is not
 *   an answer).
 * - number: 1 within the tolerance (absolute, default 1e-6 relative to the value's magnitude).
 * - text: token F1 between submission and reference.
 */
export function scoreAnswer(answer: TaskAnswer, submitted: unknown): number {
  if (submitted === undefined || submitted === null) return 0;
  switch (answer.kind) {
    case "label": {
      const s = normalizeLabel(String(submitted));
      if (!s) return 0;
      return [answer.value, ...(answer.accepted ?? [])].some((a) => normalizeLabel(a) === s) ? 1 : 0;
    }
    case "choice":
      return extractChoice(String(submitted), answer.options) === answer.value ? 1 : 0;
    case "number": {
      const v = typeof submitted === "number" ? submitted : Number.parseFloat(String(submitted).replace(/,/g, ""));
      if (!Number.isFinite(v)) return 0;
      const tol = answer.tolerance ?? Math.max(1e-6, Math.abs(answer.value) * 1e-6);
      return Math.abs(v - answer.value) <= tol ? 1 : 0;
    }
    case "text":
      return tokenF1(String(submitted), answer.value);
  }
}

/** The single option letter a submission names, or null if none or several. */
export function extractChoice(submitted: string, options: Record<string, string>): string | null {
  const letters = Object.keys(options);
  const t = submitted.trim();
  const upper = t.toUpperCase();
  if (letters.includes(upper)) return upper;
  const exact = letters.filter((l) => normalizeLabel(options[l]) === normalizeLabel(t));
  if (exact.length === 1) return exact[0];
  const pattern = new RegExp(`(?:^|[^A-Za-z])(${letters.join("|")})(?:[).:\\]]|$|\\s)`, "g");
  const found = new Set<string>();
  for (const m of t.matchAll(pattern)) found.add(m[1]);
  return found.size === 1 ? [...found][0] : null;
}

/** SQuAD-style token F1 on normalised words. */
export function tokenF1(prediction: string, reference: string): number {
  const p = normalizeLabel(prediction).split(" ").filter(Boolean);
  const r = normalizeLabel(reference).split(" ").filter(Boolean);
  if (p.length === 0 || r.length === 0) return p.length === r.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const w of r) counts.set(w, (counts.get(w) ?? 0) + 1);
  let overlap = 0;
  for (const w of p) {
    const c = counts.get(w) ?? 0;
    if (c > 0) {
      overlap++;
      counts.set(w, c - 1);
    }
  }
  if (overlap === 0) return 0;
  const precision = overlap / p.length;
  const recall = overlap / r.length;
  return (2 * precision * recall) / (precision + recall);
}
