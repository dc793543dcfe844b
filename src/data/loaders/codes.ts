/**
 * Code systems: CMS ICD-10-CM codes, the CMS ICD-9 -> ICD-10 general equivalence mappings
 * (GEMs) for diagnoses and procedures, and the lab reference ranges derived from MIMIC-IV demo.
 */
import { DataFormatError } from "../errors.js";
import { readCsvObjects } from "../read.js";
import { resolveDataFile } from "../resolve.js";

export interface Icd10cmCode {
  /** Without the dot, upper case, e.g. "I214". */
  code: string;
  /** True for codes valid on a claim (leaf codes); false for category headers like "I21". */
  billable: boolean;
  short: string;
  long: string;
}

/** "i21.4 " -> "I214": removes dots and whitespace, upper-cases. */
export function normalizeIcd10(code: string): string {
  return code.replace(/[.\s]/g, "").toUpperCase();
}

/** Puts the dot back for display: "I214" -> "I21.4", "A00" -> "A00". */
export function formatIcd10(code: string): string {
  const c = normalizeIcd10(code);
  return c.length > 3 ? `${c.slice(0, 3)}.${c.slice(3)}` : c;
}

/** All 95,358 ICD-10-CM codes (January 2021 order file), keyed by the code without the dot. */
export async function loadIcd10cm(): Promise<Map<string, Icd10cmCode>> {
  const path = await resolveDataFile("icd10cm", "codes/icd10cm-order-Jan-2021.csv.gz");
  const rows = await readCsvObjects(path, { expectColumns: ["code", "billable", "short", "long"] });
  const out = new Map<string, Icd10cmCode>();
  rows.forEach((r, i) => {
    if (r.billable !== "0" && r.billable !== "1") throw new DataFormatError(path, `row ${i + 1}: billable "${r.billable}" is not 0/1`);
    const code = normalizeIcd10(r.code!);
    if (out.has(code)) throw new DataFormatError(path, `row ${i + 1}: duplicate code ${code}`);
    out.set(code, { code, billable: r.billable === "1", short: r.short!, long: r.long! });
  });
  return out;
}

export interface GemFlags {
  /** The ICD-10 code is only an approximate equivalent. */
  approximate: boolean;
  /** The source code has no target (icd10 is "NoDx" / "NoPCS"). */
  noMap: boolean;
  /** The target is one part of a combination that together expresses the source. */
  combination: boolean;
  /** Combination scenario number (0 when not a combination). */
  scenario: number;
  /** Choice list within the scenario (0 when not a combination). */
  choiceList: number;
}

export interface IcdGemMapping {
  /** ICD-9 code without the dot. */
  icd9: string;
  /** ICD-10 code without the dot, or "NoDx"/"NoPCS" when there is no map. */
  icd10: string;
  /** The raw five-character flag string, e.g. "10000". */
  flagString: string;
  flags: GemFlags;
  /** PCS file only: the GEM release year. */
  year?: number;
}

function parseFlags(s: string, path: string, row: number): GemFlags {
  if (!/^[01][01][01]\d\d$/.test(s)) throw new DataFormatError(path, `row ${row}: flags "${s}" are not five GEM flag digits`);
  return {
    approximate: s[0] === "1",
    noMap: s[1] === "1",
    combination: s[2] === "1",
    scenario: Number(s[3]),
    choiceList: Number(s[4]),
  };
}

/** ICD-9 -> ICD-10 mappings: "cm" diagnoses (25,342 rows) or "pcs" procedures (75,457 rows). */
export async function loadIcd9To10Mappings(kind: "cm" | "pcs" = "cm"): Promise<IcdGemMapping[]> {
  if (kind !== "cm" && kind !== "pcs") throw new Error(`GEM kind must be "cm" or "pcs", got "${String(kind)}"`);
  const path = await resolveDataFile("icd-gem", `codes/icd_${kind}_9_to_10_mapping.csv.gz`);
  const rows = await readCsvObjects(path, { expectColumns: kind === "pcs" ? ["icd_9", "icd_10", "flags", "year"] : ["icd_9", "icd_10", "flags"] });
  return rows.map((r, i) => {
    const m: IcdGemMapping = { icd9: r.icd_9!, icd10: r.icd_10!, flagString: r.flags!, flags: parseFlags(r.flags!, path, i + 1) };
    if (kind === "pcs") m.year = Number(r.year);
    return m;
  });
}

/** ICD-9 code -> its mapping rows, for lookups. */
export function indexGemByIcd9(rows: readonly IcdGemMapping[]): Map<string, IcdGemMapping[]> {
  const out = new Map<string, IcdGemMapping[]>();
  for (const r of rows) {
    const list = out.get(r.icd9);
    if (list) list.push(r);
    else out.set(r.icd9, [r]);
  }
  return out;
}

export interface LabReferenceRange {
  /** MIMIC-IV d_labitems itemid. */
  itemid: number;
  label: string;
  fluid: string;
  category: string;
  refLow: number;
  refHigh: number;
  /** Null for unitless items (e.g. specific gravity). */
  unit: string | null;
  /** Number of lab events the modal range was taken from. */
  nObs: number;
}

/** Modal reference range per lab item (224 items), ordered as in the file (most observed first). */
export async function loadLabReferenceRanges(): Promise<LabReferenceRange[]> {
  const path = await resolveDataFile("lab-reference-ranges", "codes/lab_reference_ranges_mimiciv_demo.csv");
  const rows = await readCsvObjects(path, {
    expectColumns: ["itemid", "label", "fluid", "category", "ref_low", "ref_high", "unit", "n_obs"],
  });
  return rows.map((r, i) => {
    const num = (k: string): number => {
      const n = Number(r[k]);
      if (r[k] === "" || !Number.isFinite(n)) throw new DataFormatError(path, `row ${i + 1}: ${k} "${r[k]}" is not a number`);
      return n;
    };
    return {
      itemid: num("itemid"),
      label: r.label!,
      fluid: r.fluid!,
      category: r.category!,
      refLow: num("ref_low"),
      refHigh: num("ref_high"),
      unit: r.unit === "" ? null : r.unit!,
      nObs: num("n_obs"),
    };
  });
}
