/**
 * Condition profiles: loads data/clinical/conditions/*.yaml once, validates every profile against
 * the schema and the cross-profile rules (unique ids, differentials that resolve), and serves them
 * by id, domain and specialty.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../../data/resolve.js";
import { parse } from "yaml";
import { distance } from "fastest-levenshtein";
import {
  AuthoredConditionSchema,
  ConditionFileSchema,
  type Condition,
  type MedGymDomain,
  type Pathway,
  type Specialty,
} from "./schema.js";

export * from "./schema.js";

// From the project root rather than this module, so the compiled copy in dist/ reads the same files.
export const CONDITIONS_DIR = join(projectRoot(), "data", "clinical", "conditions");

export class ConditionValidationError extends Error {
  constructor(
    readonly file: string,
    readonly conditionId: string | undefined,
    readonly issuePath: string,
    detail: string,
  ) {
    super(`${file}${conditionId ? ` [${conditionId}]` : ""} at ${issuePath || "<root>"}: ${detail}`);
    this.name = "ConditionValidationError";
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "");
}

/** Parses and validates one YAML document; exported so tests can check malformed input. */
export function parseConditionFile(file: string, source: string): Condition[] {
  let doc: unknown;
  try {
    doc = parse(source);
  } catch (e) {
    throw new ConditionValidationError(file, undefined, "", `YAML parse error: ${(e as Error).message}`);
  }
  const head = ConditionFileSchema.safeParse(doc);
  if (!head.success) {
    const issue = head.error.issues[0]!;
    throw new ConditionValidationError(file, undefined, formatPath(issue.path), issue.message);
  }
  const { specialty, conditions } = head.data;
  return conditions.map((raw, i) => {
    const res = AuthoredConditionSchema.safeParse(raw);
    const rawId = (raw as { id?: unknown } | null)?.id;
    const id = typeof rawId === "string" ? rawId : `#${i}`;
    if (!res.success) {
      const issue = res.error.issues[0]!;
      const more = res.error.issues.length > 1 ? ` (+${res.error.issues.length - 1} more issues)` : "";
      throw new ConditionValidationError(file, id, `conditions[${i}].${formatPath(issue.path)}`, issue.message + more);
    }
    return { ...res.data, specialty };
  });
}

/** Cross-profile checks that a single-profile schema cannot express. */
export function validateConditionSet(conditions: readonly (Condition & { sourceFile?: string })[]): void {
  const byId = new Map<string, Condition>();
  const byName = new Map<string, string>();
  for (const c of conditions) {
    const file = c.sourceFile ?? "<set>";
    if (byId.has(c.id)) throw new ConditionValidationError(file, c.id, "id", "duplicate condition id");
    byId.set(c.id, c);
    const key = c.name.toLowerCase();
    const other = byName.get(key);
    if (other) throw new ConditionValidationError(file, c.id, "name", `duplicate name, also used by ${other}`);
    byName.set(key, c.id);
  }
  for (const c of conditions) {
    const file = c.sourceFile ?? "<set>";
    c.differential.forEach((d, i) => {
      if (d === c.id) throw new ConditionValidationError(file, c.id, `differential[${i}]`, "a condition cannot be its own differential");
      if (!byId.has(d)) throw new ConditionValidationError(file, c.id, `differential[${i}]`, `unknown condition id "${d}"`);
    });
  }
}

let cache: { list: Condition[]; byId: Map<string, Condition> } | undefined;

function load(): { list: Condition[]; byId: Map<string, Condition> } {
  if (cache) return cache;
  const files = readdirSync(CONDITIONS_DIR).filter((f) => /\.ya?ml$/.test(f)).sort();
  const withFiles: (Condition & { sourceFile: string })[] = [];
  for (const f of files) {
    const list = parseConditionFile(f, readFileSync(join(CONDITIONS_DIR, f), "utf8"));
    for (const c of list) withFiles.push({ ...c, sourceFile: f });
  }
  validateConditionSet(withFiles);
  // The file name is a loading detail; callers get plain, frozen profiles.
  const list = withFiles.map(({ sourceFile: _f, ...c }) => deepFreeze(c) as Condition);
  cache = { list, byId: new Map(list.map((c) => [c.id, c])) };
  return cache;
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object" && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

/** All condition profiles, validated; read from disk once per process. */
export function loadConditions(): Condition[] {
  return load().list.slice();
}

/** One profile by id; an unknown id throws and names the closest ids. */
export function getCondition(id: string): Condition {
  const { byId, list } = load();
  const hit = byId.get(id);
  if (hit) return hit;
  const suggestions = list
    .map((c) => ({ id: c.id, d: Math.min(distance(id, c.id), c.id.includes(id) || id.includes(c.id) ? 1 : Infinity) }))
    .sort((a, b) => a.d - b.d || a.id.localeCompare(b.id))
    .slice(0, 3)
    .map((s) => s.id);
  throw new Error(`Unknown condition id "${id}". Did you mean: ${suggestions.join(", ")}?`);
}

export function hasCondition(id: string): boolean {
  return load().byId.has(id);
}

/** Profiles usable in a MedGym domain, in stable (file, then authored) order. */
export function conditionsByDomain(domain: MedGymDomain): Condition[] {
  return load().list.filter((c) => c.domains.includes(domain));
}

/** Profiles that can drive a cross_domain pathway (e.g. "dka", "stroke_code"). */
export function conditionsByPathway(pathway: Pathway): Condition[] {
  return load().list.filter((c) => c.pathways?.includes(pathway));
}

/** Profiles grouped by specialty. */
export function conditionsBySpecialty(): Map<Specialty, Condition[]> {
  const out = new Map<Specialty, Condition[]>();
  for (const c of load().list) {
    const arr = out.get(c.specialty) ?? [];
    arr.push(c);
    out.set(c.specialty, arr);
  }
  return out;
}

/**
 * Synonym-tolerant match of a free-text answer against a profile: case, punctuation and
 * word-order-insensitive equality with the name, a synonym or the ICD-10 code.
 */
export function matchesCondition(answer: string, condition: Condition): boolean {
  const norm = (s: string) =>
    s.toLowerCase().normalize("NFKD").replace(/[^a-z0-9 ]+/g, " ").split(/\s+/).filter(Boolean).sort().join(" ");
  const a = norm(answer);
  if (!a) return false;
  if (answer.trim().toUpperCase() === condition.icd10) return true;
  return [condition.name, ...condition.synonyms].some((s) => norm(s) === a);
}

/** For tests: forget the cached set. */
export function clearConditionCache(): void {
  cache = undefined;
}
