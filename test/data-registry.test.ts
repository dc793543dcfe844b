import { readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { CATALOG } from "../src/data/catalog.js";
import { InvalidDatasetSpecError, UnknownDatasetError } from "../src/data/errors.js";
import { MIRROR_CHECKSUMS } from "../src/data/mirror-checksums.js";
import { getDataset, hasDataset, listDatasets, registerDataset, suggestDatasetNames } from "../src/data/registry.js";
import { mirrorDir } from "../src/data/resolve.js";

function mirrorFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else out.push(relative(root, full).split(sep).join("/"));
    }
  };
  walk(root);
  return out.sort();
}

describe("dataset catalog", () => {
  it("declares one entry per dataset of the mirror README (25), each name once", () => {
    const names = listDatasets().map((d) => d.name);
    expect(names).toHaveLength(25);
    expect(new Set(names).size).toBe(25);
    expect(names).toEqual(CATALOG.map((d) => d.name));
  });

  it("gives every declared file a sha256 and size that match the generated checksum table", () => {
    for (const d of listDatasets()) {
      for (const f of d.files) {
        const sum = MIRROR_CHECKSUMS[f.path];
        expect(sum, `${d.name}: ${f.path} has no checksum`).toBeDefined();
        expect(f.sha256).toBe(sum![0]);
        expect(f.bytes).toBe(sum![1]);
      }
    }
  });

  it("assigns every mirror file except the mirror README to exactly one dataset", () => {
    const root = mirrorDir();
    expect(root, "the offline mirror must exist for the data tests").not.toBeNull();
    const owners = new Map<string, string[]>();
    for (const d of listDatasets()) for (const f of d.files) owners.set(f.path, [...(owners.get(f.path) ?? []), d.name]);
    const files = mirrorFiles(root!).filter((p) => p !== "README.md");
    expect(files).toHaveLength(703);
    const unowned = files.filter((p) => !owners.has(p));
    const shared = [...owners].filter(([, o]) => o.length > 1);
    expect(unowned).toEqual([]);
    expect(shared).toEqual([]);
    expect(owners.size).toBe(files.length);
    // The checksum table really describes the mirror as it is.
    for (const p of files.slice(0, 50)) expect(statSync(join(root!, p)).size).toBe(MIRROR_CHECKSUMS[p]![1]);
  });

  it("records the README's expected counts", () => {
    expect(getDataset("medqa-usmle").records).toEqual({ test: 1273 });
    expect(getDataset("medmcqa").records).toEqual({ dev: 4183 });
    expect(Object.values(getDataset("mmlu-medical").records).reduce((a, b) => a + b, 0)).toBe(1089);
    expect(getDataset("pubmedqa").records).toEqual({ labelled: 1000, test: 500 });
    expect(getDataset("bioasq").records).toEqual({ questions: 2310, yesno: 618 });
    expect(getDataset("medlfqa").records).toEqual({ kqa_golden: 201, kqa_silver: 904, live_qa: 100, medication_qa: 666 });
    expect(getDataset("ddi-corpus").records).toEqual({ documents: 1017, pairs: 34449 });
    expect(getDataset("vqa-rad").records.images).toBe(315);
    expect(getDataset("vqa-rad").files.filter((f) => f.path.startsWith("vqa/vqa_rad/images/"))).toHaveLength(315);
    expect(getDataset("pathvqa-subset").files.filter((f) => f.path.includes("/images/"))).toHaveLength(250);
  });

  it("only declares download URLs that are https and point at the declared upstreams", () => {
    const urls = listDatasets().flatMap((d) => d.files.filter((f) => f.downloadUrl).map((f) => f.downloadUrl!));
    expect(urls.length).toBeGreaterThan(600);
    for (const u of urls) expect(u).toMatch(/^https:\/\/(raw\.githubusercontent\.com|physionet\.org)\//);
    const mimic = getDataset("mimic-iv-demo").files.find((f) => f.path === "ehr/mimic_iv_demo/hosp/patients.csv.gz")!;
    expect(mimic.downloadUrl).toBe("https://physionet.org/files/mimic-iv-demo/2.2/hosp/patients.csv.gz");
    const img = getDataset("vqa-rad").files.find((f) => f.path === "vqa/vqa_rad/images/synpic54610.jpg")!;
    expect(img.downloadUrl).toContain("/input/VQA_RAD%20Image%20Folder/synpic54610.jpg");
    // Derived files have no public URL and must be placed by hand.
    expect(getDataset("passages-small").files[0]!.downloadUrl).toBeUndefined();
  });
});

describe("registry lookups", () => {
  it("throws UnknownDatasetError with close-name suggestions", () => {
    let err: unknown;
    try {
      getDataset("medmcq");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UnknownDatasetError);
    const u = err as UnknownDatasetError;
    expect(u.code).toBe("UNKNOWN_DATASET");
    expect(u.suggestions[0]).toBe("medmcqa");
    expect(u.message).toMatch(/^Unknown dataset "medmcq"\. Did you mean "medmcqa"/);
    expect(u.message).toContain("Known datasets: agentclinic-medqa, bc5cdr,");
  });

  it("suggests by substring as well as edit distance", () => {
    expect(suggestDatasetNames("medqa", listDatasets().map((d) => d.name))).toContain("medqa-usmle");
    expect(suggestDatasetNames("mimic", listDatasets().map((d) => d.name))).toEqual(["mimic-iv-demo"]);
    expect(() => getDataset("zzzzzzzzzzzz")).toThrow(/^Unknown dataset "zzzzzzzzzzzz"\. Known datasets:/);
  });

  it("rejects duplicate names and malformed declarations", () => {
    const ok = {
      name: "test-registry-extra",
      title: "t",
      description: "d",
      licence: "CC0",
      sourceUrl: "https://example.org/",
      files: [{ path: "x/y.txt" }],
      records: { rows: 1 },
    };
    expect(registerDataset(ok).name).toBe("test-registry-extra");
    expect(hasDataset("test-registry-extra")).toBe(true);
    expect(() => registerDataset(ok)).toThrow(InvalidDatasetSpecError);
    expect(() => registerDataset(ok)).toThrow(/already registered/);
    expect(() => registerDataset({ ...ok, name: "Bad Name" })).toThrow(/name: must be kebab-case/);
    expect(() => registerDataset({ ...ok, name: "test-up", files: [{ path: "../etc/passwd" }] })).toThrow(/files\.0\.path/);
    expect(() => registerDataset({ ...ok, name: "test-abs", files: [{ path: "/abs" }] })).toThrow(/must be relative/);
    expect(() => registerDataset({ ...ok, name: "test-sha", files: [{ path: "a", sha256: "xyz" }] })).toThrow(/64 lowercase hex/);
    expect(() => registerDataset({ ...ok, name: "test-dup", files: [{ path: "a" }, { path: "a" }] })).toThrow(/files listed twice: a/);
    expect(hasDataset("test-dup")).toBe(false);
  });

  it("freezes registered declarations", () => {
    const spec = getDataset("medmcqa");
    expect(Object.isFrozen(spec)).toBe(true);
    expect(Object.isFrozen(spec.files[0])).toBe(true);
  });
});
