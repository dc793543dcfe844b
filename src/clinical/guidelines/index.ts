/**
 * Guideline summaries: loads data/clinical/guidelines/*.yaml once, validates them, and offers
 * lookup by id, topic and condition plus a small lexical search. The search is token overlap
 * weighted by inverse document frequency with field boosts (title > key points and conditions >
 * text); it is a stand-in until the knowledge index in src/knowledge/ serves guidelines too.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { projectRoot } from "../../data/resolve.js";
import { GuidelineFileSchema, GuidelineSchema, type Guideline, type GuidelineTopic } from "./schema.js";

export * from "./schema.js";

// From the project root rather than this module, so the compiled copy in dist/ reads the same files.
export const GUIDELINES_DIR = join(projectRoot(), "data", "clinical", "guidelines");

export class GuidelineDataError extends Error {
  constructor(
    readonly file: string,
    readonly guidelineId: string | undefined,
    readonly issuePath: string,
    detail: string,
  ) {
    super(`${file}${guidelineId ? ` [${guidelineId}]` : ""} at ${issuePath || "<root>"}: ${detail}`);
    this.name = "GuidelineDataError";
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "");
}

/** Parses and validates one guideline file; exported so tests can feed malformed input. */
export function parseGuidelineFile(file: string, source: string): Guideline[] {
  let doc: unknown;
  try {
    doc = parse(source);
  } catch (e) {
    throw new GuidelineDataError(file, undefined, "", `YAML parse error: ${(e as Error).message}`);
  }
  const head = GuidelineFileSchema.safeParse(doc);
  if (!head.success) {
    const issue = head.error.issues[0]!;
    throw new GuidelineDataError(file, undefined, formatPath(issue.path), issue.message);
  }
  return head.data.guidelines.map((raw, i) => {
    const res = GuidelineSchema.safeParse(raw);
    const rawId = (raw as { id?: unknown } | null)?.id;
    const id = typeof rawId === "string" ? rawId : `#${i}`;
    if (!res.success) {
      const issue = res.error.issues[0]!;
      throw new GuidelineDataError(file, id, `guidelines[${i}].${formatPath(issue.path)}`, issue.message);
    }
    return res.data;
  });
}

interface IndexedGuideline {
  g: Guideline;
  title: Set<string>;
  meta: Set<string>;
  body: Map<string, number>;
}

interface Store {
  list: Guideline[];
  byId: Map<string, Guideline>;
  index: IndexedGuideline[];
  idf: Map<string, number>;
}

let cache: Store | undefined;

const STOPWORDS = new Set(
  "a an and are as at be by for from has have in is it its of on or than that the their then there these this to was were which with within without after before over under into per vs versus not no".split(
    " ",
  ),
);

/** Lower-case alphanumeric tokens with a light plural strip, stopwords removed. */
export function tokenize(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t.length > 1 && !STOPWORDS.has(t))
    .map((t) => (t.length > 4 && t.endsWith("s") && !t.endsWith("ss") ? t.slice(0, -1) : t));
}

function load(): Store {
  if (cache) return cache;
  const files = readdirSync(GUIDELINES_DIR)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  const list: Guideline[] = [];
  const byId = new Map<string, Guideline>();
  for (const f of files) {
    for (const g of parseGuidelineFile(f, readFileSync(join(GUIDELINES_DIR, f), "utf8"))) {
      if (byId.has(g.id)) throw new GuidelineDataError(f, g.id, "id", "duplicate guideline id");
      const frozen = Object.freeze({ ...g, keyPoints: Object.freeze([...g.keyPoints]), conditions: Object.freeze([...g.conditions]) }) as Guideline;
      byId.set(g.id, frozen);
      list.push(frozen);
    }
  }
  const index = list.map((g) => {
    const body = new Map<string, number>();
    for (const t of tokenize(g.text)) body.set(t, (body.get(t) ?? 0) + 1);
    return {
      g,
      title: new Set(tokenize(g.title)),
      meta: new Set(tokenize([...g.keyPoints, ...g.conditions.map((c) => c.replace(/_/g, " ")), g.topic, g.source].join(" "))),
      body,
    };
  });
  const df = new Map<string, number>();
  for (const d of index) for (const t of new Set([...d.title, ...d.meta, ...d.body.keys()])) df.set(t, (df.get(t) ?? 0) + 1);
  const n = index.length;
  const idf = new Map([...df].map(([t, c]) => [t, Math.log(1 + (n - c + 0.5) / (c + 0.5))]));
  cache = { list, byId, index, idf };
  return cache;
}

/** For tests: forget the cached summaries. */
export function clearGuidelineCache(): void {
  cache = undefined;
}

/** Every guideline summary, in file then authored order. */
export function loadGuidelines(): Guideline[] {
  return load().list.slice();
}

export function getGuideline(id: string): Guideline {
  const g = load().byId.get(id);
  if (!g) throw new Error(`Unknown guideline id "${id}"`);
  return g;
}

export function guidelinesByTopic(topic: GuidelineTopic): Guideline[] {
  return load().list.filter((g) => g.topic === topic);
}

/** Summaries that list a condition id. */
export function guidelinesForCondition(conditionId: string): Guideline[] {
  return load().list.filter((g) => g.conditions.includes(conditionId));
}

export interface GuidelineHit {
  guideline: Guideline;
  score: number;
}

/**
 * Top-k summaries for a free-text query. Each distinct query token contributes its IDF times a
 * field weight (title 3, key points/conditions/source 2, body 1 plus a small bonus for repeats),
 * so rare, specific words dominate. Ties break by id for determinism; zero scores are dropped.
 */
export function searchGuidelinesText(query: string, k = 5): GuidelineHit[] {
  const { index, idf } = load();
  const qTokens = [...new Set(tokenize(query))];
  if (qTokens.length === 0 || k <= 0) return [];
  const hits: GuidelineHit[] = [];
  for (const d of index) {
    let score = 0;
    for (const t of qTokens) {
      const w = idf.get(t);
      if (w === undefined) continue;
      const tf = d.body.get(t) ?? 0;
      const field = (d.title.has(t) ? 3 : 0) + (d.meta.has(t) ? 2 : 0) + (tf > 0 ? 1 + Math.log(tf) * 0.5 : 0);
      score += w * field;
    }
    if (score > 0) hits.push({ guideline: d.g, score });
  }
  return hits.sort((a, b) => b.score - a.score || a.guideline.id.localeCompare(b.guideline.id)).slice(0, k);
}
