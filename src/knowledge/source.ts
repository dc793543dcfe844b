/**
 * The knowledge-source contract shared by every retrieval backend (this folder's in-memory
 * minisearch index today; SQLite FTS5 and FAISS later). It is deliberately small so a backend only
 * has to answer two questions: "which passages match this text?" and "give me this passage".
 * Both are async so that a backend may live in a worker, a database or behind HTTP.
 */

/** One passage of the knowledge base. `source` names the corpus it came from (see below). */
export interface KnowledgeDocument {
  /** Stable, unique within a source: "<source-prefix>:<source id>". */
  id: string;
  source: string;
  title: string;
  text: string;
}

export interface KnowledgeHit {
  id: string;
  source: string;
  title: string;
  /** The part of the passage that best matches the query (a window around the query terms). */
  snippet: string;
  /** Backend-specific relevance, higher is better; comparable only within one result list. */
  score: number;
}

export interface SearchOptions {
  /** Number of hits (default 5, at most MAX_K). */
  k?: number;
  /** Only these sources. */
  sources?: readonly string[];
  /** Never these sources (applied after `sources`). */
  excludeSources?: readonly string[];
}

export interface KnowledgeSource {
  readonly name: string;
  /**
   * Passages matching the query text, best first. The query is plain text: operators, quotes,
   * wildcards or SQL in it carry no meaning, and an empty or stop-word-only query returns [].
   */
  search(query: string, opts?: SearchOptions): Promise<KnowledgeHit[]>;
  /** One passage by id, or undefined when the id is unknown (or filtered out of this source). */
  get(id: string): Promise<KnowledgeDocument | undefined>;
}

export const DEFAULT_K = 5;
export const MAX_K = 50;
/** Longer query strings are cut: no retrieval backend needs more, and it bounds the work per call. */
export const MAX_QUERY_CHARS = 2_000;

/**
 * Passage sources of the shared corpus (data/README "Leakage warning"). The general ones may be
 * used anywhere; the evaluation-derived ones were cut from benchmark sets and must stay out of a
 * knowledge base used while evaluating the benchmark they come from, so default builds leave them
 * all out and a caller must opt in by name.
 */
export const GENERAL_PASSAGE_SOURCES = ["medquad", "bc5cdr_abstract", "ddi_corpus_sentence", "synthea_note"] as const;
export const EVALUATION_DERIVED_SOURCES = [
  "bioasq_snippet",
  "pubmedqa_context",
  "pubmedqa_long_answer",
  "medmcqa_explanation",
  "medlfqa_answer",
  "medcalc_note",
] as const;

/** Texts the project authors itself (rendered from data/clinical); always leakage-free. */
export const PROJECT_SOURCES = ["medgym_condition", "medgym_drug", "medgym_lab", "medgym_guideline"] as const;

export type GeneralPassageSource = (typeof GENERAL_PASSAGE_SOURCES)[number];
export type EvaluationDerivedSource = (typeof EVALUATION_DERIVED_SOURCES)[number];
export type ProjectSource = (typeof PROJECT_SOURCES)[number];

export function isEvaluationDerived(source: string): boolean {
  return (EVALUATION_DERIVED_SOURCES as readonly string[]).includes(source);
}

/** Clamp `k`, drop control characters and cut the query; shared by all backends so they agree. */
export function normalizeSearch(query: string, opts: SearchOptions = {}): { query: string; k: number; allow: (source: string) => boolean } {
  const k = Math.max(1, Math.min(MAX_K, Math.floor(Number.isFinite(opts.k) ? (opts.k as number) : DEFAULT_K)));
  const q = String(query ?? "")
    .slice(0, MAX_QUERY_CHARS)
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]+/g, " ")
    .trim();
  const only = opts.sources && opts.sources.length > 0 ? new Set(opts.sources) : null;
  const never = new Set(opts.excludeSources ?? []);
  return { query: q, k, allow: (s) => (only === null || only.has(s)) && !never.has(s) };
}
