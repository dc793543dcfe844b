/**
 * Literature and guideline search for the clinical_diagnosis tools.
 *
 * - Literature: Okapi BM25 (k1 = 1.2, b = 0.75) over the 1,500 BC5CDR PubMed abstracts of the data
 *   mirror (public domain), built once per process on first use.
 * - Guidelines: the search tool shows the project's guideline summaries (src/clinical/guidelines)
 *   and, for every condition, a management summary written from its profile (first-line drugs and
 *   interventions, drugs to avoid, red flags, disposition), found by BM25 over the condition's
 *   names, key findings and chief complaints, since most profiles have no guideline summary.
 */
import { loadBc5cdr } from "../../src/data/index.js";
import type { Condition } from "../../src/clinical/conditions/index.js";
import { diagnosisCandidates, norm } from "./knowledge.js";

const STOP = new Set("a an and are as at be by for from has have in is it its of on or that the this to was were with without after before not no than into during".split(" "));

function terms(text: string): string[] {
  return norm(text)
    .split(" ")
    .filter((w) => w.length > 1 && !STOP.has(w))
    .map((w) => (w.length > 4 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is") ? w.slice(0, -1) : w));
}

export class Bm25<T> {
  private readonly docs: { item: T; tf: Map<string, number>; len: number }[] = [];
  private readonly df = new Map<string, number>();
  private avgLen = 0;

  constructor(items: readonly T[], text: (t: T) => string) {
    let total = 0;
    for (const item of items) {
      const ts = terms(text(item));
      const tf = new Map<string, number>();
      for (const t of ts) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const t of tf.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
      this.docs.push({ item, tf, len: ts.length });
      total += ts.length;
    }
    this.avgLen = this.docs.length ? total / this.docs.length : 0;
  }

  search(query: string, k: number): { item: T; score: number }[] {
    const q = [...new Set(terms(query))];
    const n = this.docs.length;
    const out: { item: T; score: number }[] = [];
    for (const d of this.docs) {
      let s = 0;
      for (const t of q) {
        const f = d.tf.get(t);
        if (!f) continue;
        const df = this.df.get(t) ?? 0;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        s += (idf * f * 2.2) / (f + 1.2 * (0.25 + (0.75 * d.len) / this.avgLen));
      }
      if (s > 0) out.push({ item: d.item, score: s });
    }
    return out.sort((a, b) => b.score - a.score).slice(0, k);
  }
}

export interface Abstract {
  pmid: string;
  title: string;
  abstract: string;
}

let literature: Promise<Bm25<Abstract>> | undefined;

export function literatureIndex(): Promise<Bm25<Abstract>> {
  literature ??= loadBc5cdr().then((docs) => new Bm25(docs.map((d) => ({ pmid: d.pmid, title: d.title, abstract: d.abstract })), (d) => `${d.title} ${d.title} ${d.abstract}`));
  // A failed load (missing mirror) must not poison later calls with the same rejected promise.
  literature.catch(() => (literature = undefined));
  return literature;
}

/** The abstract's sentences that share the most query terms, as a compact snippet. */
export function snippet(text: string, query: string, maxChars = 320): string {
  const q = new Set(terms(query));
  const sentences = text.split(/(?<=[.!?])\s+/);
  const scored = sentences.map((s, i) => ({ s, i, hits: terms(s).filter((t) => q.has(t)).length }));
  const best = scored.sort((a, b) => b.hits - a.hits || a.i - b.i)[0];
  const s = best?.s ?? text;
  return s.length > maxChars ? `${s.slice(0, maxChars - 1)}…` : s;
}

let guidelines: Bm25<Condition> | undefined;

export function guidelineIndex(): Bm25<Condition> {
  guidelines ??= new Bm25(diagnosisCandidates(), (c) =>
    [c.name, c.name, ...c.synonyms, ...c.keyFindings, ...c.chiefComplaints, c.specialty.replace(/_/g, " ")].join(" "),
  );
  return guidelines;
}

/** A guideline-style management summary of one condition profile. */
export function guidelineSummary(c: Condition): string {
  const lines = [
    `${c.name} (ICD-10 ${c.icd10}; ${c.specialty.replace(/_/g, " ")})`,
    `Recognise: ${c.keyFindings.join("; ")}.`,
    c.management.firstLine.length ? `First-line drugs: ${c.management.firstLine.join(", ")}.` : "First-line drugs: none (non-drug management).",
  ];
  if (c.management.interventions?.length) lines.push(`Interventions: ${c.management.interventions.join("; ")}.`);
  if (c.management.avoid.length) lines.push(`Avoid: ${c.management.avoid.join(", ")}.`);
  if (c.contraindications.length) lines.push(`Cautions: ${c.contraindications.map((x) => `${x.drug} (${x.reason})`).join("; ")}.`);
  lines.push(`Red flags: ${c.redFlags.join("; ")}.`);
  lines.push(`Disposition: ${c.disposition.replace(/_/g, " ")}${c.emergency ? " (emergency)" : ""}.`);
  return lines.join("\n");
}
