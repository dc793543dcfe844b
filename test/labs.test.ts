import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { ANALYTE_UNITS } from "../src/clinical/conditions/schema.js";
import { LabDataError, formatLabValue, getLab, interpretLab, loadLabs, parseLabFile } from "../src/clinical/labs/index.js";

const labs = loadLabs();

/** The keys and units the brief fixes for the shared catalogue. */
const REQUIRED: Record<string, string> = {
  wbc: "10^9/L",
  hemoglobin: "g/dL",
  platelets: "10^9/L",
  sodium: "mmol/L",
  potassium: "mmol/L",
  chloride: "mmol/L",
  bicarbonate: "mmol/L",
  bun: "mg/dL",
  creatinine: "mg/dL",
  glucose: "mg/dL",
  calcium: "mg/dL",
  albumin: "g/dL",
  total_bilirubin: "mg/dL",
  ast: "U/L",
  alt: "U/L",
  alk_phos: "U/L",
  lipase: "U/L",
  troponin_i: "ng/mL",
  bnp: "pg/mL",
  lactate: "mmol/L",
  crp: "mg/L",
  procalcitonin: "ng/mL",
  d_dimer: "µg/mL FEU",
  inr: "ratio",
  ptt: "s",
  tsh: "mIU/L",
  free_t4: "ng/dL",
  hba1c: "%",
  ph: "arterial pH",
  pco2: "mmHg",
  po2: "mmHg",
  ketones_beta_hydroxybutyrate: "mmol/L",
  ammonia: "µmol/L",
  ck: "U/L",
  esr: "mm/h",
  ferritin: "ng/mL",
  urine_hcg: "qualitative (0/1)",
  serum_hcg: "mIU/mL",
  magnesium: "mg/dL",
  phosphate: "mg/dL",
  uric_acid: "mg/dL",
  ldh: "U/L",
  fibrinogen: "mg/dL",
  urinalysis_leukocyte_esterase: "qualitative (0/1)",
  urinalysis_nitrite: "qualitative (0/1)",
  csf_wbc: "cells/µL",
};

describe("lab catalogue: coverage and shape", () => {
  it("has every required analyte with the required unit", () => {
    for (const [key, unit] of Object.entries(REQUIRED)) expect(getLab(key).unit, key).toBe(unit);
  });

  it("agrees with the analyte units the condition profiles are written in", () => {
    for (const [key, unit] of Object.entries(ANALYTE_UNITS)) expect(getLab(key).unit, key).toBe(unit);
  });

  it("has unique keys, ordered limits and a source for every analyte", () => {
    expect(new Set(labs.map((l) => l.key)).size).toBe(labs.length);
    for (const l of labs) {
      expect(l.low, l.key).toBeLessThanOrEqual(l.high);
      if (l.criticalLow !== undefined) expect(l.criticalLow, l.key).toBeLessThan(l.low);
      if (l.criticalHigh !== undefined) expect(l.criticalHigh, l.key).toBeGreaterThan(l.high);
      expect(["mimic-iv-demo", "project"]).toContain(l.source);
    }
  });

  it("marks the qualitative analytes as such", () => {
    for (const key of ["urine_hcg", "urinalysis_leukocyte_esterase", "urinalysis_nitrite"]) expect(getLab(key).scale).toBe("qualitative");
  });

  it("rejects malformed catalogues", () => {
    const row = (extra: string) => `labs:\n  - { key: k, name: K, unit: u, low: 1, high: 2, panel: bmp, specimen: serum, source: project${extra} }\n`;
    expect(() => parseLabFile(row(", criticalLow: 1"))).toThrow(LabDataError);
    expect(() => parseLabFile(row(", criticalHigh: 2"))).toThrow(/criticalHigh/);
    expect(() => parseLabFile(row("").replace("source: project", "source: mimic-iv-demo"))).toThrow(/mimicItemId/);
    expect(() => parseLabFile(row("") + row("").replace("labs:\n", ""))).toThrow(/duplicate key/);
  });
});

const mirror = process.env.MEDGYM_DATA_MIRROR ?? resolve(fileURLToPath(new URL("..", import.meta.url)), "..", "shared", "data");
const csvPath = resolve(mirror, "codes", "lab_reference_ranges_mimiciv_demo.csv");

describe.skipIf(!existsSync(csvPath))("lab catalogue: MIMIC-IV demo provenance", () => {
  interface Row {
    itemid: string;
    label: string;
    ref_low: string;
    ref_high: string;
    unit: string;
  }
  const rows = new Map<number, Row>();
  if (existsSync(csvPath)) {
    const parsed = Papa.parse<Row>(readFileSync(csvPath, "utf8"), { header: true, skipEmptyLines: true });
    for (const r of parsed.data) rows.set(Number(r.itemid), r);
  }

  it("every mimic-iv-demo range equals the CSV range times the declared unit factor", () => {
    const mimic = labs.filter((l) => l.source === "mimic-iv-demo");
    expect(mimic.length).toBeGreaterThanOrEqual(30);
    for (const l of mimic) {
      const row = rows.get(l.mimicItemId!);
      expect(row, `${l.key} itemid ${l.mimicItemId}`).toBeDefined();
      const f = l.mimicToUnitFactor ?? 1;
      expect(l.low, `${l.key} low`).toBeCloseTo(Number(row!.ref_low) * f, 9);
      expect(l.high, `${l.key} high`).toBeCloseTo(Number(row!.ref_high) * f, 9);
      expect(row!.unit.trim(), `${l.key} unit`).toBe(l.mimicUnit!.trim());
    }
  });

  it("records the MIMIC itemid even where the project chose its own range", () => {
    const hcg = getLab("serum_hcg");
    expect(hcg.source).toBe("project");
    expect(rows.get(hcg.mimicItemId!)?.label).toBe("Human Chorionic Gonadotropin");
  });

  it("converts D-dimer from ng/mL FEU to µg/mL FEU", () => {
    const dd = getLab("d_dimer");
    expect(rows.get(dd.mimicItemId!)?.unit).toBe("ng/mL FEU");
    expect(dd.high).toBeCloseTo(0.5, 9);
  });
});

describe("interpretLab", () => {
  it("puts boundary values in the less severe category", () => {
    expect(interpretLab("potassium", 3.3)).toBe("normal");
    expect(interpretLab("potassium", 3.29)).toBe("low");
    expect(interpretLab("potassium", 2.8)).toBe("low");
    expect(interpretLab("potassium", 2.79)).toBe("critical_low");
    expect(interpretLab("potassium", 5.1)).toBe("normal");
    expect(interpretLab("potassium", 5.11)).toBe("high");
    expect(interpretLab("potassium", 6.2)).toBe("high");
    expect(interpretLab("potassium", 6.21)).toBe("critical_high");
    expect(interpretLab("sodium", 120)).toBe("low");
    expect(interpretLab("sodium", 119)).toBe("critical_low");
    expect(interpretLab("lactate", 4.1)).toBe("critical_high");
  });

  it("holds the boundary rule for every quantitative analyte", () => {
    for (const l of labs.filter((x) => x.scale === "quantitative")) {
      const eps = Math.max(Math.abs(l.high - l.low) * 1e-6, 1e-9);
      expect(interpretLab(l.key, l.low), l.key).toBe("normal");
      expect(interpretLab(l.key, l.high), l.key).toBe("normal");
      expect(interpretLab(l.key, l.high + eps), l.key).toBe("high");
      expect(interpretLab(l.key, l.low - eps), l.key).toBe("low");
      if (l.criticalHigh !== undefined) {
        expect(interpretLab(l.key, l.criticalHigh), l.key).toBe("high");
        expect(interpretLab(l.key, l.criticalHigh + eps), l.key).toBe("critical_high");
      }
      if (l.criticalLow !== undefined) {
        expect(interpretLab(l.key, l.criticalLow), l.key).toBe("low");
        expect(interpretLab(l.key, l.criticalLow - eps), l.key).toBe("critical_low");
      }
    }
  });

  it("reads qualitative results as negative (normal) or positive (high)", () => {
    expect(interpretLab("urine_hcg", 0)).toBe("normal");
    expect(interpretLab("urine_hcg", 1)).toBe("high");
    expect(interpretLab("urinalysis_nitrite", 1)).toBe("high");
  });

  it("rejects unknown keys and non-finite values", () => {
    expect(() => interpretLab("potasium", 4)).toThrow(/Did you mean: potassium/);
    expect(() => interpretLab("potassium", Number.NaN)).toThrow(/finite/);
  });
});

describe("formatLabValue", () => {
  it("writes one compact line with flag and reference range", () => {
    expect(formatLabValue("potassium", 6.1)).toBe("Potassium 6.1 mmol/L (H; ref 3.3-5.1)");
    expect(formatLabValue("potassium", 7)).toBe("Potassium 7 mmol/L (HH; ref 3.3-5.1)");
    expect(formatLabValue("sodium", 140)).toBe("Sodium 140 mmol/L (ref 133-145)");
    expect(formatLabValue("glucose", 38)).toBe("Glucose 38 mg/dL (LL; ref 70-100)");
    expect(formatLabValue("inr", 2.5)).toBe("INR 2.5 (H; ref 0.9-1.1)");
    expect(formatLabValue("ph", 7.21)).toBe("pH 7.21 (L; ref 7.35-7.45)");
    expect(formatLabValue("d_dimer", 1.2)).toBe("D-dimer 1.2 µg/mL FEU (H; ref 0-0.5)");
    expect(formatLabValue("urine_hcg", 1)).toBe("Urine hCG Positive (A; ref Negative)");
    expect(formatLabValue("urinalysis_nitrite", 0)).toBe("Urinalysis nitrite Negative (ref Negative)");
  });

  it("does not print floating-point noise", () => {
    expect(formatLabValue("creatinine", 0.1 + 0.2)).toBe("Creatinine 0.3 mg/dL (L; ref 0.5-1.2)");
  });
});
