import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DatasetMissingError, UndeclaredDatasetFileError } from "../src/data/errors.js";
import { getDataset, registerDataset } from "../src/data/registry.js";
import {
  dataDir,
  datasetStatus,
  locateDataFile,
  mirrorDir,
  projectRoot,
  resolveDataFile,
  verifyDataset,
} from "../src/data/resolve.js";

const ENV_KEYS = ["MEDGYM_DATA_DIR", "MEDGYM_DATA_MIRROR", "MEDGYM_OFFLINE"] as const;
const REAL_MIRROR = mirrorDir()!;
const METHODS = "medcalc/calculation_method.jsonl";

let saved: Record<string, string | undefined>;
let tmp: string;

beforeEach(() => {
  saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
  tmp = mkdtempSync(join(tmpdir(), "medgym-data-"));
});
afterEach(() => {
  for (const k of ENV_KEYS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  rmSync(tmp, { recursive: true, force: true });
});

function place(root: string, rel: string, from = join(REAL_MIRROR, rel)): string {
  const dest = join(root, rel);
  mkdirSync(dirname(dest), { recursive: true });
  copyFileSync(from, dest);
  return dest;
}

describe("directories", () => {
  it("finds the project root by its package.json name", () => {
    const root = projectRoot();
    expect(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).name).toBe("medgym");
    expect(resolve(root, "src", "data")).toBe(resolve(__dirname, "..", "src", "data"));
  });

  it("reads MEDGYM_DATA_DIR and MEDGYM_DATA_MIRROR at call time, with defaults", () => {
    delete process.env.MEDGYM_DATA_DIR;
    delete process.env.MEDGYM_DATA_MIRROR;
    expect(dataDir()).toBe(join(projectRoot(), "data", "cache"));
    expect(mirrorDir()).toBe(resolve(projectRoot(), "..", "shared", "data"));
    process.env.MEDGYM_DATA_DIR = join(tmp, "c");
    process.env.MEDGYM_DATA_MIRROR = join(tmp, "m");
    expect(dataDir()).toBe(join(tmp, "c"));
    expect(mirrorDir()).toBe(join(tmp, "m"));
  });
});

describe("resolution order", () => {
  it("prefers the cache over the mirror", async () => {
    const cache = join(tmp, "cache");
    const mirror = join(tmp, "mirror");
    const inCache = place(cache, METHODS);
    place(mirror, METHODS);
    process.env.MEDGYM_DATA_DIR = cache;
    process.env.MEDGYM_DATA_MIRROR = mirror;
    expect(await resolveDataFile("medcalc-methods", METHODS)).toBe(inCache);
    expect(locateDataFile("medcalc-methods", METHODS)).toEqual({ path: inCache, location: "cache" });
  });

  it("falls back to the mirror when the cache lacks the file", async () => {
    process.env.MEDGYM_DATA_DIR = join(tmp, "empty-cache");
    process.env.MEDGYM_DATA_MIRROR = REAL_MIRROR;
    expect(await resolveDataFile("medcalc-methods", METHODS)).toBe(join(REAL_MIRROR, METHODS));
  });

  it("skips a cache copy of the wrong size (a truncated download) and uses the mirror", async () => {
    const cache = join(tmp, "cache");
    mkdirSync(join(cache, "medcalc"), { recursive: true });
    writeFileSync(join(cache, METHODS), "truncated");
    process.env.MEDGYM_DATA_DIR = cache;
    process.env.MEDGYM_DATA_MIRROR = REAL_MIRROR;
    expect(await resolveDataFile("medcalc-methods", METHODS)).toBe(join(REAL_MIRROR, METHODS));
  });

  it("refuses files the dataset does not declare", async () => {
    await expect(resolveDataFile("medcalc-methods", "medcalc/other.csv")).rejects.toThrow(UndeclaredDatasetFileError);
    await expect(resolveDataFile("medcalc-methods", "medcalc/other.csv")).rejects.toThrow(
      'Dataset "medcalc-methods" declares no file "medcalc/other.csv".',
    );
    await expect(resolveDataFile("no-such-set", METHODS)).rejects.toThrow(/Unknown dataset "no-such-set"/);
  });
});

describe("missing files", () => {
  it("names the dataset, the file, every place searched and where to put it", async () => {
    const cache = join(tmp, "cache");
    const mirror = join(tmp, "mirror");
    mkdirSync(mirror);
    process.env.MEDGYM_DATA_DIR = cache;
    process.env.MEDGYM_DATA_MIRROR = mirror;
    const err = await resolveDataFile("medcalc-methods", METHODS).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatasetMissingError);
    const m = err as DatasetMissingError;
    expect(m.code).toBe("DATASET_MISSING");
    expect(m.expectedPath).toBe(join(cache, METHODS));
    expect(m.searched.map((s) => s.kind)).toEqual(["cache", "mirror", "download"]);
    const lines = m.message.split("\n");
    expect(lines[0]).toBe(`Dataset "medcalc-methods" (MedCalc-Bench calculator methods): file "${METHODS}" is missing.`);
    expect(lines[1]).toBe("Searched, in order:");
    expect(lines[2]).toBe(`  1. cache: ${join(cache, METHODS)} (MEDGYM_DATA_DIR) -> not found`);
    expect(lines[3]).toBe(`  2. mirror: ${join(mirror, METHODS)} (MEDGYM_DATA_MIRROR) -> not found`);
    expect(lines[4]).toBe("  3. download: (none) -> no public download URL is declared for this file");
    expect(lines[5]).toBe(`To fix: put the file at ${join(cache, METHODS)}`);
    expect(m.message).toContain("Source: https://github.com/ncbi-nlp/MedCalc-Bench (licence: CC BY-SA 4.0).");
  });

  it("says when the download was skipped because MEDGYM_OFFLINE is set", async () => {
    process.env.MEDGYM_DATA_DIR = join(tmp, "cache");
    process.env.MEDGYM_DATA_MIRROR = join(tmp, "nowhere");
    process.env.MEDGYM_OFFLINE = "1";
    const rel = "ehr/mimic_iv_demo/hosp/patients.csv.gz";
    const err = (await resolveDataFile("mimic-iv-demo", rel).catch((e: unknown) => e)) as DatasetMissingError;
    expect(err).toBeInstanceOf(DatasetMissingError);
    expect(err.message).toContain(
      "  3. download: https://physionet.org/files/mimic-iv-demo/2.2/hosp/patients.csv.gz -> skipped (MEDGYM_OFFLINE is set)",
    );
    expect(err.message).toContain(`To fix: put the file at ${join(tmp, "cache", rel)}`);
  });
});

describe("downloads", () => {
  const body = Buffer.from("id,value\n1,alpha\n2,beta\n".repeat(2000));
  const digest = createHash("sha256").update(body).digest("hex");
  let server: Server;
  let base: string;
  let hits = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits++;
      if (req.url === "/good.csv" || req.url === "/tampered.csv") {
        const payload = req.url === "/good.csv" ? body : Buffer.from(body.toString().replace("alpha", "ALPHA"));
        res.writeHead(200, { "content-length": String(payload.length) });
        res.end(payload);
      } else {
        res.writeHead(404);
        res.end("nope");
      }
    });
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const common = { title: "Test download", description: "served by the test", licence: "CC0", sourceUrl: "https://example.org/src", records: { rows: 4000 } };
    registerDataset({ ...common, name: "test-dl-good", files: [{ path: "dl/good.csv", sha256: digest, bytes: body.length, downloadUrl: `${base}/good.csv` }] });
    registerDataset({ ...common, name: "test-dl-tampered", files: [{ path: "dl/tampered.csv", sha256: digest, bytes: body.length, downloadUrl: `${base}/tampered.csv` }] });
    registerDataset({ ...common, name: "test-dl-404", files: [{ path: "dl/gone.csv", downloadUrl: `${base}/gone.csv` }] });
  });
  afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

  it("streams into the cache, verifies sha256, and serves the cached copy afterwards", async () => {
    process.env.MEDGYM_DATA_DIR = join(tmp, "cache");
    process.env.MEDGYM_DATA_MIRROR = join(tmp, "no-mirror");
    const before = hits;
    const path = await resolveDataFile("test-dl-good", "dl/good.csv");
    expect(path).toBe(join(tmp, "cache", "dl", "good.csv"));
    expect(readFileSync(path).equals(body)).toBe(true);
    expect(readdirSync(join(tmp, "cache", "dl"))).toEqual(["good.csv"]);
    expect(await resolveDataFile("test-dl-good", "dl/good.csv")).toBe(path);
    expect(hits - before).toBe(1);
    expect((await verifyDataset("test-dl-good")).ok).toBe(true);
  });

  it("rejects a download whose sha256 differs and leaves no file behind", async () => {
    process.env.MEDGYM_DATA_DIR = join(tmp, "cache");
    process.env.MEDGYM_DATA_MIRROR = join(tmp, "no-mirror");
    const err = (await resolveDataFile("test-dl-tampered", "dl/tampered.csv").catch((e: unknown) => e)) as DatasetMissingError;
    expect(err).toBeInstanceOf(DatasetMissingError);
    expect(err.message).toMatch(new RegExp(`3\\. download: ${base}/tampered\\.csv -> failed \\(sha256 mismatch: got [0-9a-f]{64}, expected ${digest}\\)`));
    expect(existsSync(join(tmp, "cache", "dl")) ? readdirSync(join(tmp, "cache", "dl")) : []).toEqual([]);
  });

  it("reports HTTP errors and respects download: false", async () => {
    process.env.MEDGYM_DATA_DIR = join(tmp, "cache");
    process.env.MEDGYM_DATA_MIRROR = join(tmp, "no-mirror");
    await expect(resolveDataFile("test-dl-404", "dl/gone.csv")).rejects.toThrow(`download: ${base}/gone.csv -> failed (HTTP 404 Not Found)`);
    const before = hits;
    await expect(resolveDataFile("test-dl-good", "dl/good.csv", { download: false })).rejects.toThrow(
      "skipped (download disabled by the caller)",
    );
    expect(hits).toBe(before);
  });
});

describe("verification and status", () => {
  it("verifies the real mirror copy of a dataset", async () => {
    process.env.MEDGYM_DATA_DIR = join(tmp, "cache");
    process.env.MEDGYM_DATA_MIRROR = REAL_MIRROR;
    const v = await verifyDataset("agentclinic-medqa");
    expect(v.ok).toBe(true);
    expect(v.files.map((f) => [f.path, f.status, f.location])).toEqual([
      ["cases/agentclinic_medqa.jsonl", "ok", "mirror"],
      ["cases/LICENSE.txt", "ok", "mirror"],
    ]);
  });

  it("detects missing files, wrong sizes and wrong contents", async () => {
    const mirror = join(tmp, "mirror");
    process.env.MEDGYM_DATA_DIR = join(tmp, "cache");
    process.env.MEDGYM_DATA_MIRROR = mirror;
    const spec = getDataset("medlfqa");
    const [a, b, c] = spec.files;
    place(mirror, a!.path);
    const sameSize = Buffer.from(readFileSync(join(REAL_MIRROR, b!.path)));
    sameSize[10] = sameSize[10] === 0x41 ? 0x42 : 0x41;
    mkdirSync(dirname(join(mirror, b!.path)), { recursive: true });
    writeFileSync(join(mirror, b!.path), sameSize);
    writeFileSync(join(mirror, c!.path), "short");
    const v = await verifyDataset("medlfqa");
    expect(v.ok).toBe(false);
    const byPath = new Map(v.files.map((f) => [f.path, f]));
    expect(byPath.get(a!.path)!.status).toBe("ok");
    expect(byPath.get(b!.path)!.status).toBe("sha256-mismatch");
    expect(byPath.get(b!.path)!.detail).toContain(`expected ${b!.sha256}`);
    expect(byPath.get(c!.path)!.status).toBe("size-mismatch");
    expect(byPath.get(c!.path)!.detail).toBe(`5 bytes, expected ${c!.bytes}`);
    expect(v.files.filter((f) => f.status === "missing")).toHaveLength(spec.files.length - 3);
  });

  it("reports each dataset as cache, mirror or missing", () => {
    const cache = join(tmp, "cache");
    const mirror = join(tmp, "mirror");
    process.env.MEDGYM_DATA_DIR = cache;
    process.env.MEDGYM_DATA_MIRROR = mirror;
    place(cache, METHODS);
    place(mirror, "medcalc/medcalc_bench_dev.csv");
    for (const f of getDataset("agentclinic-medqa").files) place(f.path.endsWith(".jsonl") ? cache : mirror, f.path);
    const rows = new Map(datasetStatus().map((r) => [r.name, r]));
    expect(rows.size).toBe(25 + [...rows.keys()].filter((n) => n.startsWith("test-")).length);
    expect(rows.get("medcalc-methods")).toMatchObject({ location: "cache", path: join(cache, METHODS), filesFound: 1, filesTotal: 1, licence: "CC BY-SA 4.0" });
    expect(rows.get("medcalc-bench")).toMatchObject({ location: "mirror", path: join(mirror, "medcalc/medcalc_bench_dev.csv"), records: { rows: 164 } });
    expect(rows.get("agentclinic-medqa")).toMatchObject({ location: "mirror", filesFound: 2 });
    expect(rows.get("medqa-usmle")).toMatchObject({ location: "missing", filesFound: 0, filesTotal: 2 });
    expect(rows.get("medqa-usmle")!.path).toBeUndefined();
  });

  it("finds every dataset in the real mirror", () => {
    delete process.env.MEDGYM_DATA_MIRROR;
    process.env.MEDGYM_DATA_DIR = join(tmp, "cache");
    const rows = datasetStatus().filter((r) => !r.name.startsWith("test-"));
    expect(rows.filter((r) => r.location !== "mirror").map((r) => r.name)).toEqual([]);
  });
});
