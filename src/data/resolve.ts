/**
 * Finds dataset files: the cache (MEDGYM_DATA_DIR, default <projectRoot>/data/cache), then the
 * offline mirror (MEDGYM_DATA_MIRROR, default <projectRoot>/../shared/data when it exists), then
 * the declared public download URL (saved into the cache). Both directories use the mirror's
 * layout, so a file's relative path is the same everywhere. Environment variables are read on
 * every call because tests and notebooks change them at run time.
 */
import { createHash } from "node:crypto";
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { downloadFile } from "./download.js";
import { DatasetMissingError, UndeclaredDatasetFileError, type SearchAttempt } from "./errors.js";
import { getDataset, listDatasets, type DatasetFile, type DatasetSpec } from "./registry.js";

let cachedRoot: string | undefined;

/** Nearest ancestor directory of this module whose package.json is named "medgym". */
export function projectRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, "utf8")) as { name?: unknown }).name === "medgym") {
          cachedRoot = dir;
          return dir;
        }
      } catch {
        // An unreadable package.json belongs to some other package; keep climbing.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json named "medgym" above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

function envPath(name: string): string | undefined {
  const v = process.env[name];
  return v && v.trim() !== "" ? resolve(v) : undefined;
}

/** The writable data directory (cache). Downloads land here. */
export function dataDir(): string {
  return envPath("MEDGYM_DATA_DIR") ?? join(projectRoot(), "data", "cache");
}

/** The read-only mirror directory, or null when none is configured and the default is absent. */
export function mirrorDir(): string | null {
  const fromEnv = envPath("MEDGYM_DATA_MIRROR");
  if (fromEnv) return fromEnv;
  const dflt = resolve(projectRoot(), "..", "shared", "data");
  return existsSync(dflt) ? dflt : null;
}

export type FileLocation = "cache" | "mirror";

export interface LocatedFile {
  path: string;
  location: FileLocation;
}

function declaredFile(spec: DatasetSpec, relPath: string): DatasetFile {
  const f = spec.files.find((x) => x.path === relPath);
  if (!f) throw new UndeclaredDatasetFileError(spec.name, relPath);
  return f;
}

/** Why a candidate path is unusable, or null when it is a usable copy of the declared file. */
function candidateProblem(path: string, decl: DatasetFile): string | null {
  if (!existsSync(path)) return "not found";
  const st = statSync(path);
  if (!st.isFile()) return "exists but is not a regular file";
  if (decl.bytes !== undefined && st.size !== decl.bytes) {
    return `present but ${st.size} bytes, expected ${decl.bytes} (incomplete or another version; ignored)`;
  }
  return null;
}

function searchLocal(decl: DatasetFile): { found?: LocatedFile; attempts: SearchAttempt[] } {
  const attempts: SearchAttempt[] = [];
  const cachePath = join(dataDir(), decl.path);
  const cacheProblem = candidateProblem(cachePath, decl);
  const cacheWhere = `${cachePath} (MEDGYM_DATA_DIR${process.env.MEDGYM_DATA_DIR ? "" : ", default"})`;
  if (cacheProblem === null) return { found: { path: cachePath, location: "cache" }, attempts };
  attempts.push({ kind: "cache", where: cacheWhere, outcome: cacheProblem });

  const mirror = mirrorDir();
  if (mirror === null) {
    attempts.push({
      kind: "mirror",
      where: `${resolve(projectRoot(), "..", "shared", "data")} (default of MEDGYM_DATA_MIRROR)`,
      outcome: "mirror directory does not exist",
    });
  } else {
    const mirrorPath = join(mirror, decl.path);
    const problem = candidateProblem(mirrorPath, decl);
    if (problem === null) return { found: { path: mirrorPath, location: "mirror" }, attempts };
    attempts.push({
      kind: "mirror",
      where: `${mirrorPath} (MEDGYM_DATA_MIRROR${process.env.MEDGYM_DATA_MIRROR ? "" : ", default"})`,
      outcome: problem,
    });
  }
  return { attempts };
}

/** Looks in the cache and the mirror only (no network). Null when the file is in neither. */
export function locateDataFile(datasetName: string, relPath: string): LocatedFile | null {
  const spec = getDataset(datasetName);
  return searchLocal(declaredFile(spec, relPath)).found ?? null;
}

export interface ResolveOptions {
  /** Try the declared download URL when the file is not local; default true unless MEDGYM_OFFLINE=1. */
  download?: boolean;
}

function offline(): boolean {
  const v = process.env.MEDGYM_OFFLINE;
  return v !== undefined && v !== "" && v !== "0" && v.toLowerCase() !== "false";
}

/**
 * Absolute path of a declared dataset file, downloading it into the cache if needed.
 * Throws DatasetMissingError naming every place searched and where to put the file.
 */
export async function resolveDataFile(datasetName: string, relPath: string, opts: ResolveOptions = {}): Promise<string> {
  const spec = getDataset(datasetName);
  const decl = declaredFile(spec, relPath);
  const { found, attempts } = searchLocal(decl);
  if (found) return found.path;

  const target = join(dataDir(), decl.path);
  const allowDownload = opts.download ?? !offline();
  if (!decl.downloadUrl) {
    attempts.push({ kind: "download", where: "(none)", outcome: "no public download URL is declared for this file" });
  } else if (!allowDownload) {
    attempts.push({
      kind: "download",
      where: decl.downloadUrl,
      outcome: opts.download === false ? "skipped (download disabled by the caller)" : "skipped (MEDGYM_OFFLINE is set)",
    });
  } else {
    try {
      await downloadFile(decl.downloadUrl, target, {
        sha256: decl.sha256,
        bytes: decl.bytes,
        label: `${spec.name}/${decl.path.slice(decl.path.lastIndexOf("/") + 1)}`,
      });
      return target;
    } catch (err) {
      const cause = err instanceof Error ? (err.cause instanceof Error ? `${err.message}: ${err.cause.message}` : err.message) : String(err);
      attempts.push({ kind: "download", where: decl.downloadUrl, outcome: `failed (${cause})` });
    }
  }
  throw new DatasetMissingError(spec.name, spec.title, decl.path, attempts, target, spec.sourceUrl, spec.licence);
}

/** Resolves every file of a dataset whose path starts with `prefix` (e.g. an image folder). */
export async function resolveDataFiles(datasetName: string, prefix: string, opts: ResolveOptions = {}): Promise<Map<string, string>> {
  const spec = getDataset(datasetName);
  const out = new Map<string, string>();
  for (const f of spec.files) {
    if (f.path.startsWith(prefix)) out.set(f.path, await resolveDataFile(datasetName, f.path, opts));
  }
  return out;
}

export function sha256File(path: string): Promise<string> {
  return new Promise((ok, fail) => {
    const h = createHash("sha256");
    createReadStream(path)
      .on("data", (c) => h.update(c))
      .on("error", fail)
      .on("end", () => ok(h.digest("hex")));
  });
}

export type FileCheckStatus = "ok" | "missing" | "size-mismatch" | "sha256-mismatch";

export interface FileCheck {
  path: string;
  status: FileCheckStatus;
  location?: FileLocation;
  resolvedPath?: string;
  detail?: string;
}

export interface DatasetVerification {
  name: string;
  ok: boolean;
  files: FileCheck[];
}

/**
 * Checks every declared file of a dataset: present (cache first, then mirror), declared size,
 * declared sha256. Never downloads. The first copy present is checked, so a stale or truncated
 * copy in the cache is reported even though resolution would skip it for the mirror's copy.
 */
export async function verifyDataset(name: string): Promise<DatasetVerification> {
  const spec = getDataset(name);
  const files: FileCheck[] = [];
  for (const decl of spec.files) {
    const cachePath = join(dataDir(), decl.path);
    const mirror = mirrorDir();
    const candidates: LocatedFile[] = [{ path: cachePath, location: "cache" }];
    if (mirror) candidates.push({ path: join(mirror, decl.path), location: "mirror" });
    const present = candidates.find((c) => existsSync(c.path) && statSync(c.path).isFile());
    if (!present) {
      files.push({ path: decl.path, status: "missing", detail: `not in ${candidates.map((c) => c.path).join(" or ")}` });
      continue;
    }
    const size = statSync(present.path).size;
    const base = { path: decl.path, location: present.location, resolvedPath: present.path };
    if (decl.bytes !== undefined && size !== decl.bytes) {
      files.push({ ...base, status: "size-mismatch", detail: `${size} bytes, expected ${decl.bytes}` });
      continue;
    }
    if (decl.sha256 !== undefined) {
      const digest = await sha256File(present.path);
      if (digest !== decl.sha256) {
        files.push({ ...base, status: "sha256-mismatch", detail: `sha256 ${digest}, expected ${decl.sha256}` });
        continue;
      }
    }
    files.push({ ...base, status: "ok" });
  }
  return { name: spec.name, ok: files.every((f) => f.status === "ok"), files };
}

export interface DatasetStatusRow {
  name: string;
  title: string;
  licence: string;
  records: Record<string, number>;
  /** "cache" when every file is in the cache, "mirror" when all are found and some come from the mirror. */
  location: "cache" | "mirror" | "missing";
  /** Resolved path of the dataset's first declared file, when found. */
  path?: string;
  filesFound: number;
  filesTotal: number;
}

/** One row per registered dataset: where its files are (no hashing, no network). */
export function datasetStatus(): DatasetStatusRow[] {
  return listDatasets().map((spec) => {
    const located = spec.files.map((f) => searchLocal(f).found);
    const found = located.filter((l): l is LocatedFile => l !== undefined);
    const location: DatasetStatusRow["location"] =
      found.length < spec.files.length ? "missing" : found.every((l) => l.location === "cache") ? "cache" : "mirror";
    const row: DatasetStatusRow = {
      name: spec.name,
      title: spec.title,
      licence: spec.licence,
      records: { ...spec.records },
      location,
      filesFound: found.length,
      filesTotal: spec.files.length,
    };
    if (located[0]) row.path = located[0].path;
    return row;
  });
}
