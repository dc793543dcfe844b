/**
 * Dataset registry: every dataset is declared once (name, source, licence, expected files with
 * checksums, expected record counts). Loaders and the resolver look datasets up here by name.
 * The built-in declarations live in ./catalog.ts and are registered on first access.
 */
import { distance } from "fastest-levenshtein";
import { z } from "zod";
import { CATALOG } from "./catalog.js";
import { InvalidDatasetSpecError, UnknownDatasetError } from "./errors.js";

export interface DatasetFile {
  /** Path relative to the data root (mirror or cache), forward slashes, e.g. "mcqa/medmcqa/data/dev.json". */
  path: string;
  sha256?: string;
  bytes?: number;
  /** Public URL the file can be fetched from without a login; absent when the upstream needs one. */
  downloadUrl?: string;
}

export interface DatasetSpec {
  name: string;
  title: string;
  description: string;
  licence: string;
  sourceUrl: string;
  files: DatasetFile[];
  /** Expected record counts per split or subset, e.g. { test: 1273 }. */
  records: Record<string, number>;
}

const relPathSchema = z
  .string()
  .min(1)
  .refine((p) => !p.startsWith("/") && !p.includes("\\"), "must be relative with forward slashes")
  .refine((p) => p.split("/").every((seg) => seg !== "" && seg !== "." && seg !== ".."), "must not contain empty, '.' or '..' segments");

const specSchema = z.object({
  name: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be kebab-case (a-z, 0-9, '-')"),
  title: z.string().min(1),
  description: z.string().min(1),
  licence: z.string().min(1),
  sourceUrl: z.string().url(),
  files: z
    .array(
      z.object({
        path: relPathSchema,
        sha256: z.string().regex(/^[0-9a-f]{64}$/, "must be 64 lowercase hex digits").optional(),
        bytes: z.number().int().nonnegative().optional(),
        downloadUrl: z.string().url().optional(),
      }),
    )
    .min(1),
  records: z.record(z.string(), z.number().int().nonnegative()),
});

const registry = new Map<string, DatasetSpec>();
let catalogLoaded = false;

function ensureCatalog(): void {
  if (catalogLoaded) return;
  catalogLoaded = true;
  for (const spec of CATALOG) registerDataset(spec);
}

/** Adds a dataset declaration. Throws InvalidDatasetSpecError on a bad shape or a duplicate name. */
export function registerDataset(spec: DatasetSpec): DatasetSpec {
  ensureCatalog();
  const parsed = specSchema.safeParse(spec);
  const name = typeof spec?.name === "string" ? spec.name : "<no name>";
  if (!parsed.success) {
    throw new InvalidDatasetSpecError(
      name,
      parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`),
    );
  }
  if (registry.has(spec.name)) {
    throw new InvalidDatasetSpecError(spec.name, ["a dataset with this name is already registered"]);
  }
  const seen = new Set<string>();
  const dups = spec.files.map((f) => f.path).filter((p) => (seen.has(p) ? true : (seen.add(p), false)));
  if (dups.length > 0) throw new InvalidDatasetSpecError(spec.name, [`files listed twice: ${dups.join(", ")}`]);
  const frozen: DatasetSpec = Object.freeze({
    ...spec,
    files: Object.freeze(spec.files.map((f) => Object.freeze({ ...f }))) as DatasetFile[],
    records: Object.freeze({ ...spec.records }),
  });
  registry.set(spec.name, frozen);
  return frozen;
}

/**
 * Close names for a mistyped one: names containing it (or contained in it) first, then those
 * within a small edit distance, nearest first.
 */
export function suggestDatasetNames(name: string, known: string[], max = 3): string[] {
  const q = name.toLowerCase();
  return known
    .map((k) => ({ k, d: distance(q, k), sub: q.length >= 3 && (k.includes(q) || q.includes(k)) }))
    .filter(({ k, d, sub }) => sub || d <= Math.max(2, Math.floor(k.length / 3)))
    .sort((a, b) => Number(b.sub) - Number(a.sub) || a.d - b.d || a.k.localeCompare(b.k))
    .slice(0, max)
    .map(({ k }) => k);
}

export function getDataset(name: string): DatasetSpec {
  ensureCatalog();
  const spec = registry.get(name);
  if (spec) return spec;
  const known = [...registry.keys()].sort();
  throw new UnknownDatasetError(name, suggestDatasetNames(name, known), known);
}

export function hasDataset(name: string): boolean {
  ensureCatalog();
  return registry.has(name);
}

/** All registered datasets, in registration order (the catalog's order first). */
export function listDatasets(): DatasetSpec[] {
  ensureCatalog();
  return [...registry.values()];
}
