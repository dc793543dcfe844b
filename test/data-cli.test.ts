import { Command } from "commander";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { formatStatusTable, formatTable, register } from "../src/cli/commands/data.js";
import { getDataset } from "../src/data/registry.js";
import { mirrorDir } from "../src/data/resolve.js";

const REAL_MIRROR = mirrorDir()!;
const ENV_KEYS = ["MEDGYM_DATA_DIR", "MEDGYM_DATA_MIRROR"] as const;
let saved: Record<string, string | undefined>;
let tmp: string;
let out: string[];

beforeEach(() => {
  saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
  tmp = mkdtempSync(join(tmpdir(), "medgym-cli-"));
  out = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
  process.exitCode = undefined;
});
afterEach(() => {
  vi.restoreAllMocks();
  for (const k of ENV_KEYS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  rmSync(tmp, { recursive: true, force: true });
  process.exitCode = undefined;
});

async function run(...args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  register(program);
  await program.parseAsync(["node", "medgym", ...args]);
  return out.join("");
}

describe("medgym data list", () => {
  it("prints JSON rows for every dataset", async () => {
    process.env.MEDGYM_DATA_DIR = join(tmp, "cache");
    process.env.MEDGYM_DATA_MIRROR = REAL_MIRROR;
    const rows = JSON.parse(await run("data", "list", "--json")) as { name: string; location: string; filesTotal: number }[];
    expect(rows).toHaveLength(25);
    expect(rows.every((r) => r.location === "mirror")).toBe(true);
    expect(rows.find((r) => r.name === "vqa-rad")!.filesTotal).toBe(321);
  });

  it("prints a table with a header row", async () => {
    process.env.MEDGYM_DATA_DIR = join(tmp, "cache");
    process.env.MEDGYM_DATA_MIRROR = join(tmp, "empty");
    const text = await run("data", "list");
    const lines = text.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^name\s+location\s+files\s+records\s+licence\s+path$/);
    expect(lines).toHaveLength(2 + 25);
    expect(lines.find((l) => l.startsWith("medqa-usmle"))).toMatch(/^medqa-usmle\s+missing\s+0\/2\s+test=1273\s+MIT$/);
  });

  it("formats tables with padded columns", () => {
    expect(formatTable(["a", "bb"], [["xxx", "y"], ["z", ""]])).toBe("a    bb\n---  --\nxxx  y\nz");
    expect(
      formatStatusTable([
        { name: "n", title: "t", licence: "MIT", records: { a: 1, b: 2 }, location: "cache", path: "/p", filesFound: 1, filesTotal: 1 },
      ]).split("\n")[2],
    ).toBe("n     cache     1/1    a=1 b=2  MIT      /p");
  });
});

describe("medgym data verify", () => {
  it("verifies every dataset of the real mirror (sizes and sha256) and exits 0", async () => {
    process.env.MEDGYM_DATA_DIR = join(tmp, "cache");
    process.env.MEDGYM_DATA_MIRROR = REAL_MIRROR;
    const text = await run("data", "verify");
    expect(text.trimEnd().split("\n").pop()).toBe("all 25 dataset(s) verified");
    expect(text).toContain("ok    mimic-iv-demo  (34/34 files ok, from mirror)");
    expect(process.exitCode).toBeUndefined();
  });

  it("reports a corrupted file and exits 1", async () => {
    const mirror = join(tmp, "mirror");
    process.env.MEDGYM_DATA_DIR = join(tmp, "cache");
    process.env.MEDGYM_DATA_MIRROR = mirror;
    const files = getDataset("agentclinic-medqa").files;
    for (const f of files) {
      mkdirSync(dirname(join(mirror, f.path)), { recursive: true });
      copyFileSync(join(REAL_MIRROR, f.path), join(mirror, f.path));
    }
    writeFileSync(join(mirror, "cases/LICENSE.txt"), "x".repeat(files.find((f) => f.path === "cases/LICENSE.txt")!.bytes!));
    const text = await run("data", "verify", "agentclinic-medqa");
    expect(text).toContain("FAIL  agentclinic-medqa  (1/2 files ok, from mirror)");
    expect(text).toMatch(/ {6}sha256-mismatch: cases\/LICENSE\.txt - sha256 [0-9a-f]{64}, expected [0-9a-f]{64}/);
    expect(text).toContain("1 of 1 dataset(s) failed verification");
    expect(process.exitCode).toBe(1);
  });

  it("fails on an unknown dataset name with a suggestion", async () => {
    await expect(run("data", "verify", "pubmed-qa")).rejects.toThrow(/Unknown dataset "pubmed-qa"\. Did you mean "pubmedqa"/);
  });
});
