import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listNotebooks, resolveNotebook } from "../scripts/run-notebooks.js";

const ROOT = join(import.meta.dirname, "..");

/** A minimal tslab notebook (nbformat 4.4: no cell ids needed). */
function notebook(cells: string[]): string {
  return JSON.stringify({
    cells: cells.map((source) => ({ cell_type: "code", source, metadata: {}, outputs: [], execution_count: null })),
    metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" } },
    nbformat: 4,
    nbformat_minor: 4,
  });
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "medgym-notebooks-test-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("notebook selection", () => {
  it("lists NN_*.ipynb in numeric order and ignores the rest", () => {
    for (const f of ["10_ten.ipynb", "2_two.ipynb", "01_one.ipynb", "README.ipynb", "03_x.txt"]) writeFileSync(join(dir, f), "{}");
    expect(listNotebooks(dir).map((p) => p.slice(dir.length + 1))).toEqual(["01_one.ipynb", "2_two.ipynb", "10_ten.ipynb"]);
  });

  it("resolves a number prefix, a stem or a file name, and says what exists otherwise", () => {
    const all = listNotebooks(dir);
    expect(resolveNotebook("01", all)).toBe(join(dir, "01_one.ipynb"));
    expect(resolveNotebook("10_ten", all)).toBe(join(dir, "10_ten.ipynb"));
    expect(resolveNotebook("2_two.ipynb", all)).toBe(join(dir, "2_two.ipynb"));
    expect(() => resolveNotebook("7", all)).toThrow(/no notebook matches "7"; available: 01_one, 2_two, 10_ten/);
  });
});

describe("run-notebooks (Debian Jupyter + tslab kernel)", () => {
  it("passes the profile, then stops at the first failing cell with its index and error", () => {
    const ok = join(dir, "98_ok.ipynb");
    const bad = join(dir, "99_bad.ipynb");
    writeFileSync(ok, notebook([`if (process.env.MEDGYM_PROFILE !== "smoke") throw new Error("profile not passed: " + process.env.MEDGYM_PROFILE);\nconsole.log("profile ok")`]));
    writeFileSync(bad, notebook(["const a: number = 1;", 'throw new RangeError("deliberate failure 42");', 'console.log("never")']));
    const out = join(dir, "executed");
    const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/run-notebooks.ts", "--no-build", "--profile", "smoke", "--out-dir", out, ok, bad], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toContain("✓ 98_ok.ipynb");
    expect(r.stderr).toContain("99_bad.ipynb failed at cell index 1");
    expect(r.stderr).toContain("RangeError: deliberate failure 42");
    // The executed copy keeps the outputs up to the failure; the cell after it never ran.
    const executed = JSON.parse(readFileSync(join(out, "99_bad.ipynb"), "utf8")) as { cells: { outputs: unknown[] }[] };
    expect(executed.cells[2].outputs).toEqual([]);
    expect(JSON.parse(readFileSync(join(out, "run.json"), "utf8")).notebooks.map((n: { ok: boolean }) => n.ok)).toEqual([true, false]);
    expect(existsSync(join(out, "98_ok.ipynb"))).toBe(true);
  }, 120_000);
});
