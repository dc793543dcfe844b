import { describe, expect, it } from "vitest";
import {
  formatIcd10,
  indexGemByIcd9,
  loadIcd10cm,
  loadIcd9To10Mappings,
  loadLabReferenceRanges,
  normalizeIcd10,
} from "../src/data/index.js";

describe("ICD-10-CM", () => {
  it("normalises and formats codes", () => {
    expect(normalizeIcd10("I21.4")).toBe("I214");
    expect(normalizeIcd10(" i21.4 ")).toBe("I214");
    expect(normalizeIcd10("e11.65")).toBe("E1165");
    expect(normalizeIcd10("A00")).toBe("A00");
    expect(formatIcd10("I214")).toBe("I21.4");
    expect(formatIcd10("s72.001a")).toBe("S72.001A");
    expect(formatIcd10("A00")).toBe("A00");
  });

  it("loads 95,358 codes keyed without the dot", async () => {
    const codes = await loadIcd10cm();
    expect(codes.size).toBe(95358);
    expect(codes.get("I214")).toEqual({
      code: "I214",
      billable: true,
      short: "Non-ST elevation (NSTEMI) myocardial infarction",
      long: "Non-ST elevation (NSTEMI) myocardial infarction",
    });
    expect(codes.get(normalizeIcd10("I21.4"))).toBe(codes.get("I214"));
    expect(codes.get("A00")).toMatchObject({ billable: false, short: "Cholera" });
    expect(codes.get("I21.4")).toBeUndefined();
    let billable = 0;
    const malformed: string[] = [];
    for (const c of codes.values()) {
      if (c.billable) billable++;
      if (!/^[A-Z][0-9A-Z]{2,6}$/.test(c.code)) malformed.push(c.code);
    }
    expect(malformed).toEqual([]);
    expect(billable).toBe(72621);
    expect(codes.size - billable).toBe(22737);
  });
});

describe("ICD-9 to ICD-10 GEMs", () => {
  it("loads the diagnosis and procedure mappings with decoded flags", async () => {
    const cm = await loadIcd9To10Mappings("cm");
    const pcs = await loadIcd9To10Mappings("pcs");
    expect(cm).toHaveLength(25342);
    expect(pcs).toHaveLength(75457);
    expect(cm[0]).toEqual({
      icd9: "0010",
      icd10: "A000",
      flagString: "00000",
      flags: { approximate: false, noMap: false, combination: false, scenario: 0, choiceList: 0 },
    });
    const noMap = cm.filter((m) => m.flags.noMap);
    expect(noMap).toHaveLength(433);
    expect(noMap.every((m) => m.icd10 === "NoDx")).toBe(true);
    expect(pcs.filter((m) => m.flags.noMap).every((m) => m.icd10 === "NoPCS")).toBe(true);
    const combos = cm.filter((m) => m.flags.combination);
    expect(combos.every((m) => m.flags.scenario >= 1 && m.flags.choiceList >= 1)).toBe(true);
    expect(pcs[0]!.year).toBe(2018);
    expect(cm[0]!.year).toBeUndefined();
    const index = indexGemByIcd9(cm);
    expect(index.get("0010")!.map((m) => m.icd10)).toEqual(["A000"]);
    expect(index.size).toBeLessThan(cm.length);
  });

  it("rejects an unknown GEM kind", async () => {
    await expect(loadIcd9To10Mappings("hcpcs" as never)).rejects.toThrow('GEM kind must be "cm" or "pcs", got "hcpcs"');
  });
});

describe("lab reference ranges", () => {
  it("loads 224 items with numeric ranges", async () => {
    const ranges = await loadLabReferenceRanges();
    expect(ranges).toHaveLength(224);
    expect(ranges[0]).toEqual({ itemid: 50971, label: "Potassium", fluid: "Blood", category: "Chemistry", refLow: 3.3, refHigh: 5.1, unit: "mEq/L", nObs: 2755 });
    expect(ranges.find((r) => r.label === "Sodium")).toMatchObject({ refLow: 133, refHigh: 145, unit: "mEq/L" });
    expect(ranges.filter((r) => r.unit === null)).toHaveLength(2);
    expect(ranges.every((r) => r.refLow <= r.refHigh && r.nObs > 0)).toBe(true);
    expect(new Set(ranges.map((r) => r.itemid)).size).toBe(224);
  });
});
