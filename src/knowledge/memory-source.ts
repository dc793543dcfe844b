/**
 * An in-memory KnowledgeSource: a minisearch (BM25+) index over a list of documents. It needs no
 * native code and no files, so it is the default backend of the gym's knowledge tools and the
 * baseline the FTS5/FAISS backends are compared with.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import MiniSearch from "minisearch";
import { dataDir } from "../data/resolve.js";
import { loadDefaultDocuments, type DefaultDocumentOptions } from "./documents.js";
import { normalizeSearch, type KnowledgeDocument, type KnowledgeHit, type KnowledgeSource, type SearchOptions } from "./source.js";

/**
 * Function words carry no topical signal and make up a third of English tokens; dropping them
 * keeps posting lists short (build time and memory) and stops "what is the" from matching
 * everything.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  ("a an and are as at be by for from has have had in is it its of on or that the to was were with this these those which who whom " +
    "what when where why how not no but can could may might will would shall should do does did than then there their they them " +
    "he she his her we our you your i me my also been being into about over under after before between such other more most some " +
    "any all each only very if so up out one two use used using").split(" "),
);

const MAX_TERM = 40;
const MAX_TERMS = 48;
const SNIPPET_CHARS = 320;

/** Lower-case word tokens; everything that is not a letter or digit separates words. */
export function tokenize(text: string): string[] {
  const lower = text.toLowerCase();
  // Accent folding only when needed: normalising 20 MB of mostly ASCII text is the slowest part of a build.
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(lower)) return lower.split(/[^a-z0-9]+/);
  return lower.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").split(/[^\p{L}\p{N}]+/u);
}

export function processTerm(term: string): string | null {
  const t = term.toLowerCase();
  if (t.length < 2 || t.length > MAX_TERM || STOP_WORDS.has(t)) return null;
  return t;
}

/** The query's searchable terms, de-duplicated, in order, at most MAX_TERMS. */
export function queryTerms(query: string): string[] {
  const out: string[] = [];
  for (const raw of tokenize(query)) {
    const t = processTerm(raw);
    if (t && !out.includes(t)) out.push(t);
    if (out.length >= MAX_TERMS) break;
  }
  return out;
}

/**
 * The stretch of `text` that best covers the query terms: the sentence with the most distinct
 * terms (prefix matches count for terms of 5+ letters), extended with the following sentences
 * up to SNIPPET_CHARS. Falls back to the start of the text.
 */
export function makeSnippet(text: string, terms: readonly string[], maxChars = SNIPPET_CHARS): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= maxChars) return clean;
  const sentences = clean.match(/[^.!?;]+(?:[.!?;]+|$)/g) ?? [clean];
  let best = 0;
  let bestHits = -1;
  sentences.forEach((s, i) => {
    const words = new Set(tokenize(s));
    let hits = 0;
    for (const t of terms) {
      if (words.has(t)) hits++;
      else if (t.length >= 5 && [...words].some((w) => w.startsWith(t))) hits += 0.5;
    }
    if (hits > bestHits) {
      bestHits = hits;
      best = i;
    }
  });
  let out = "";
  for (let i = best; i < sentences.length && out.length < maxChars; i++) out += sentences[i];
  out = out.trim();
  const prefix = best > 0 ? "… " : "";
  if (out.length > maxChars) {
    const cut = out.lastIndexOf(" ", maxChars);
    out = out.slice(0, cut > maxChars / 2 ? cut : maxChars) + " …";
  }
  return prefix + out;
}

export interface MemorySourceOptions {
  name?: string;
  /** Weight of a title match relative to a body match (default 2). */
  titleBoost?: number;
  /**
   * A serialised index of exactly these documents (from `serializeIndex`), loaded instead of
   * indexing them again: loading takes about a fifth of the time.
   */
  indexJson?: string;
}

/** Bump when tokenisation or index options change: it invalidates every cached index. */
export const INDEX_FORMAT = "minisearch-7/tokenize-v1/processTerm-v1/fields-title,text";

const indexOptions = () => ({ fields: ["title", "text"], storeFields: ["source"], idField: "id", tokenize, processTerm });

export class MemoryKnowledgeSource implements KnowledgeSource {
  readonly name: string;
  private readonly index: MiniSearch<KnowledgeDocument>;
  private readonly docs = new Map<string, KnowledgeDocument>();
  private readonly titleBoost: number;

  constructor(documents: Iterable<KnowledgeDocument>, opts: MemorySourceOptions = {}) {
    this.name = opts.name ?? "memory";
    this.titleBoost = opts.titleBoost ?? 2;
    const batch: KnowledgeDocument[] = [];
    for (const d of documents) {
      if (this.docs.has(d.id)) throw new Error(`MemoryKnowledgeSource: duplicate document id "${d.id}"`);
      const doc = { id: d.id, source: d.source, title: d.title ?? "", text: d.text ?? "" };
      this.docs.set(d.id, doc);
      batch.push(doc);
    }
    if (opts.indexJson !== undefined) {
      this.index = MiniSearch.loadJSON<KnowledgeDocument>(opts.indexJson, indexOptions());
      if (this.index.documentCount !== batch.length) throw new Error(`MemoryKnowledgeSource: the serialised index holds ${this.index.documentCount} documents, not ${batch.length}`);
    } else {
      this.index = new MiniSearch<KnowledgeDocument>(indexOptions());
      this.index.addAll(batch);
    }
  }

  /** The index as JSON, for `indexJson` (a disk cache of an expensive build). */
  serializeIndex(): string {
    return JSON.stringify(this.index);
  }

  get size(): number {
    return this.docs.size;
  }

  /** Number of documents per source, sorted by source name. */
  sourceCounts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const d of this.docs.values()) out[d.source] = (out[d.source] ?? 0) + 1;
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
  }

  /** Synchronous search for callers that hold this concrete class (tests, task generators). */
  searchSync(query: string, opts: SearchOptions = {}): KnowledgeHit[] {
    const { query: q, k, allow } = normalizeSearch(query, opts);
    const terms = queryTerms(q);
    if (terms.length === 0) return [];
    // The terms go to minisearch as a query *object*, never as a string it could tokenise with
    // its own rules, so nothing in the agent's text acts as an operator.
    const results = this.index.search(
      { queries: terms, combineWith: "OR" },
      {
        boost: { title: this.titleBoost },
        prefix: (t: string) => t.length >= 5,
        fuzzy: (t: string) => (t.length >= 7 ? 0.15 : false),
        maxFuzzy: 2,
        filter: (r) => allow(String(r.source)),
      },
    );
    // Equal scores are ordered by id so the list never depends on insertion details.
    results.sort((a, b) => b.score - a.score || String(a.id).localeCompare(String(b.id)));
    return results.slice(0, k).map((r) => {
      const d = this.docs.get(String(r.id))!;
      return { id: d.id, source: d.source, title: d.title, snippet: makeSnippet(d.text, terms), score: Math.round(r.score * 1000) / 1000 };
    });
  }

  getSync(id: string): KnowledgeDocument | undefined {
    const d = this.docs.get(String(id));
    return d ? { ...d } : undefined;
  }

  async search(query: string, opts: SearchOptions = {}): Promise<KnowledgeHit[]> {
    return this.searchSync(query, opts);
  }

  async get(id: string): Promise<KnowledgeDocument | undefined> {
    return this.getSync(id);
  }
}

const defaultCache = new Map<string, Promise<MemoryKnowledgeSource>>();

/** Content hash of a document list: the cache key of its index. */
export function documentsHash(docs: readonly KnowledgeDocument[]): string {
  const h = createHash("sha1");
  h.update(INDEX_FORMAT);
  for (const d of docs) h.update(`\u0001${d.id}\u0002${d.source}\u0002${d.title}\u0002${d.text}`);
  return h.digest("hex");
}

/**
 * Index `docs`, reusing a serialised index from `dir` when one exists for exactly this content
 * (and writing one otherwise). The cache is an optimisation only: any read or write problem falls
 * back to indexing in memory.
 */
export function indexWithDiskCache(docs: readonly KnowledgeDocument[], dir: string | null, opts: Omit<MemorySourceOptions, "indexJson"> = {}): MemoryKnowledgeSource {
  if (!dir) return new MemoryKnowledgeSource(docs, opts);
  const file = join(dir, `memory-index-${documentsHash(docs).slice(0, 20)}.json`);
  if (existsSync(file)) {
    try {
      return new MemoryKnowledgeSource(docs, { ...opts, indexJson: readFileSync(file, "utf8") });
    } catch {
      // A truncated or foreign file: rebuild below and overwrite it.
    }
  }
  const kb = new MemoryKnowledgeSource(docs, opts);
  try {
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, kb.serializeIndex());
    renameSync(tmp, file);
    pruneIndexCache(dir);
  } catch {
    // Read-only cache directory: fine, the next process indexes again.
  }
  return kb;
}

/** Edited clinical tables change the documents' hash; keep only the most recent cached indexes. */
const KEEP_CACHED_INDEXES = 6;
function pruneIndexCache(dir: string): void {
  const files = readdirSync(dir)
    .filter((f) => /^memory-index-[0-9a-f]+\.json$/.test(f))
    .map((f) => ({ f, t: statSync(join(dir, f)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  for (const { f } of files.slice(KEEP_CACHED_INDEXES)) rmSync(join(dir, f), { force: true });
}

function knowledgeCacheDir(): string | null {
  const v = process.env.MEDGYM_KNOWLEDGE_CACHE;
  if (v !== undefined && ["0", "false", "off", ""].includes(v.toLowerCase())) return null;
  return join(dataDir(), "knowledge");
}

/**
 * The default knowledge base in memory: project-authored texts plus the general corpus sources,
 * never the evaluation-derived ones unless `allowEvaluationSources` names them (see
 * documents.ts for the per-source limits). Built once per process per option set; concurrent
 * callers share one build. About 28K documents: indexing takes ~3-4 s of CPU, so the index is
 * also cached on disk under the data cache (`knowledge/`, keyed by a hash of the documents;
 * MEDGYM_KNOWLEDGE_CACHE=0 turns that off), which brings a later process down to ~1.5 s.
 */
export function buildDefaultMemorySource(opts: DefaultDocumentOptions = {}): Promise<MemoryKnowledgeSource> {
  const key = JSON.stringify({
    excludeSources: [...(opts.excludeSources ?? [])].sort(),
    allowEvaluationSources: [...(opts.allowEvaluationSources ?? [])].sort(),
    allMedquadChunks: !!opts.allMedquadChunks,
    maxPerSource: opts.maxPerSource ?? null,
  });
  let hit = defaultCache.get(key);
  if (!hit) {
    hit = loadDefaultDocuments(opts).then((docs) => indexWithDiskCache(docs, knowledgeCacheDir(), { name: "default-memory" }));
    // A failed build (e.g. the corpus is missing) must not be cached: the next call retries.
    hit.catch(() => defaultCache.delete(key));
    defaultCache.set(key, hit);
  }
  return hit;
}
