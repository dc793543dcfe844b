/**
 * MIMIC-IV Clinical Database Demo 2.2 (100 patients): streaming row readers for every CSV.gz
 * table of the hosp and icu modules. The main tables have typed rows (MIMIC column names kept,
 * empty cells -> null, numeric columns -> numbers); every table can also be read as raw
 * string records. Tables are streamed (gunzip + CSV), so labevents never sits in memory whole.
 * Times stay as the source's "YYYY-MM-DD HH:MM:SS" strings (dates are shifted into 2100-2200).
 */
import { DataFormatError } from "../errors.js";
import { iterateCsvObjects, iterateCsvRecords } from "../read.js";
import { resolveDataFile } from "../resolve.js";

const ROOT = "ehr/mimic_iv_demo";

/** Every table present in the demo (icu/chartevents is absent from the mirror). */
export const MIMIC_TABLES = {
  admissions: "hosp/admissions.csv.gz",
  d_hcpcs: "hosp/d_hcpcs.csv.gz",
  d_icd_diagnoses: "hosp/d_icd_diagnoses.csv.gz",
  d_icd_procedures: "hosp/d_icd_procedures.csv.gz",
  d_labitems: "hosp/d_labitems.csv.gz",
  diagnoses_icd: "hosp/diagnoses_icd.csv.gz",
  drgcodes: "hosp/drgcodes.csv.gz",
  emar: "hosp/emar.csv.gz",
  emar_detail: "hosp/emar_detail.csv.gz",
  hcpcsevents: "hosp/hcpcsevents.csv.gz",
  labevents: "hosp/labevents.csv.gz",
  microbiologyevents: "hosp/microbiologyevents.csv.gz",
  omr: "hosp/omr.csv.gz",
  patients: "hosp/patients.csv.gz",
  pharmacy: "hosp/pharmacy.csv.gz",
  poe: "hosp/poe.csv.gz",
  poe_detail: "hosp/poe_detail.csv.gz",
  prescriptions: "hosp/prescriptions.csv.gz",
  procedures_icd: "hosp/procedures_icd.csv.gz",
  provider: "hosp/provider.csv.gz",
  services: "hosp/services.csv.gz",
  transfers: "hosp/transfers.csv.gz",
  caregiver: "icu/caregiver.csv.gz",
  d_items: "icu/d_items.csv.gz",
  datetimeevents: "icu/datetimeevents.csv.gz",
  icustays: "icu/icustays.csv.gz",
  ingredientevents: "icu/ingredientevents.csv.gz",
  inputevents: "icu/inputevents.csv.gz",
  outputevents: "icu/outputevents.csv.gz",
  procedureevents: "icu/procedureevents.csv.gz",
} as const;
export type MimicTable = keyof typeof MIMIC_TABLES;

/** Column kinds; a trailing "?" means the cell may be empty (-> null). */
type ColKind = "int" | "int?" | "float" | "float?" | "str" | "str?";
type ColValue<K extends ColKind> = K extends "int" | "float" ? number : K extends "int?" | "float?" ? number | null : K extends "str" ? string : string | null;
type Schema = Readonly<Record<string, ColKind>>;
export type RowOf<S extends Schema> = { -readonly [C in keyof S]: ColValue<S[C]> };

export const MIMIC_SCHEMAS = {
  patients: { subject_id: "int", gender: "str", anchor_age: "int", anchor_year: "int", anchor_year_group: "str", dod: "str?" },
  admissions: {
    subject_id: "int",
    hadm_id: "int",
    admittime: "str",
    dischtime: "str?",
    deathtime: "str?",
    admission_type: "str",
    admit_provider_id: "str?",
    admission_location: "str?",
    discharge_location: "str?",
    insurance: "str?",
    language: "str?",
    marital_status: "str?",
    race: "str?",
    edregtime: "str?",
    edouttime: "str?",
    hospital_expire_flag: "int",
  },
  transfers: { subject_id: "int", hadm_id: "int?", transfer_id: "int", eventtype: "str", careunit: "str?", intime: "str?", outtime: "str?" },
  diagnoses_icd: { subject_id: "int", hadm_id: "int", seq_num: "int", icd_code: "str", icd_version: "int" },
  procedures_icd: { subject_id: "int", hadm_id: "int", seq_num: "int", chartdate: "str", icd_code: "str", icd_version: "int" },
  d_icd_diagnoses: { icd_code: "str", icd_version: "int", long_title: "str" },
  d_icd_procedures: { icd_code: "str", icd_version: "int", long_title: "str" },
  labevents: {
    labevent_id: "int",
    subject_id: "int",
    hadm_id: "int?",
    specimen_id: "int",
    itemid: "int",
    order_provider_id: "str?",
    charttime: "str",
    storetime: "str?",
    value: "str?",
    valuenum: "float?",
    valueuom: "str?",
    ref_range_lower: "float?",
    ref_range_upper: "float?",
    flag: "str?",
    priority: "str?",
    comments: "str?",
  },
  d_labitems: { itemid: "int", label: "str?", fluid: "str?", category: "str?" },
  prescriptions: {
    subject_id: "int",
    hadm_id: "int",
    pharmacy_id: "int",
    poe_id: "str?",
    poe_seq: "int?",
    order_provider_id: "str?",
    starttime: "str?",
    stoptime: "str?",
    drug_type: "str",
    drug: "str",
    formulary_drug_cd: "str?",
    gsn: "str?",
    // NDCs keep leading zeros, so they stay strings.
    ndc: "str?",
    prod_strength: "str?",
    form_rx: "str?",
    // Doses can be ranges ("1-2"), so they stay strings.
    dose_val_rx: "str?",
    dose_unit_rx: "str?",
    form_val_disp: "str?",
    form_unit_disp: "str?",
    doses_per_24_hrs: "float?",
    route: "str?",
  },
  icustays: {
    subject_id: "int",
    hadm_id: "int",
    stay_id: "int",
    first_careunit: "str",
    last_careunit: "str",
    intime: "str",
    outtime: "str?",
    los: "float?",
  },
  d_items: {
    itemid: "int",
    label: "str",
    abbreviation: "str",
    linksto: "str",
    category: "str",
    unitname: "str?",
    param_type: "str",
    lownormalvalue: "float?",
    highnormalvalue: "float?",
  },
  omr: { subject_id: "int", chartdate: "str", seq_num: "int", result_name: "str", result_value: "str" },
} as const satisfies Partial<Record<MimicTable, Schema>>;

export type TypedMimicTable = keyof typeof MIMIC_SCHEMAS;
export type MimicRow<T extends TypedMimicTable> = RowOf<(typeof MIMIC_SCHEMAS)[T]>;

export type MimicPatient = MimicRow<"patients">;
export type MimicAdmission = MimicRow<"admissions">;
export type MimicTransfer = MimicRow<"transfers">;
export type MimicDiagnosisIcd = MimicRow<"diagnoses_icd">;
export type MimicProcedureIcd = MimicRow<"procedures_icd">;
export type MimicIcdDiagnosisDef = MimicRow<"d_icd_diagnoses">;
export type MimicIcdProcedureDef = MimicRow<"d_icd_procedures">;
export type MimicLabEvent = MimicRow<"labevents">;
export type MimicLabItem = MimicRow<"d_labitems">;
export type MimicPrescription = MimicRow<"prescriptions">;
export type MimicIcuStay = MimicRow<"icustays">;
export type MimicItemDef = MimicRow<"d_items">;
export type MimicOmr = MimicRow<"omr">;

function mimicFile(table: MimicTable): string {
  const rel = MIMIC_TABLES[table];
  if (!rel) throw new Error(`Unknown MIMIC-IV demo table "${String(table)}"; tables: ${Object.keys(MIMIC_TABLES).join(", ")}`);
  return `${ROOT}/${rel}`;
}

/** Raw rows of any table: column -> cell text, empty cells as null. */
export async function* iterateMimicTableRaw(table: MimicTable): AsyncGenerator<Record<string, string | null>> {
  const path = await resolveDataFile("mimic-iv-demo", mimicFile(table));
  for await (const { header, fields } of iterateCsvRecords(path)) {
    const out: Record<string, string | null> = {};
    header.columns.forEach((c, i) => (out[c] = fields[i] === "" ? null : fields[i]!));
    yield out;
  }
}

function convert(kind: ColKind, cell: string | undefined, col: string, path: string, rowNo: number): string | number | null {
  if (cell === undefined) throw new DataFormatError(path, `row ${rowNo}: no column "${col}"`);
  const nullable = kind.endsWith("?");
  if (cell === "") {
    if (nullable) return null;
    throw new DataFormatError(path, `row ${rowNo}: required column "${col}" is empty`);
  }
  const base = nullable ? kind.slice(0, -1) : kind;
  if (base === "str") return cell;
  const n = Number(cell);
  if (!Number.isFinite(n) || (base === "int" && !Number.isInteger(n))) {
    throw new DataFormatError(path, `row ${rowNo}: column "${col}" = "${cell}" is not ${base === "int" ? "an integer" : "a number"}`);
  }
  return n;
}

/** Typed rows of one of the main tables (see MIMIC_SCHEMAS), streamed. */
export async function* iterateMimicTable<T extends TypedMimicTable>(table: T): AsyncGenerator<MimicRow<T>> {
  const schema = MIMIC_SCHEMAS[table] as Schema;
  if (!schema) throw new Error(`No typed schema for MIMIC table "${table}"; use iterateMimicTableRaw`);
  const path = await resolveDataFile("mimic-iv-demo", mimicFile(table));
  const cols = Object.entries(schema);
  let idx: number[] | null = null;
  let rowNo = 0;
  for await (const { header, fields } of iterateCsvRecords(path, { expectColumns: cols.map(([c]) => c) })) {
    idx ??= cols.map(([c]) => header.index.get(c)!);
    rowNo++;
    const out: Record<string, string | number | null> = {};
    for (let k = 0; k < cols.length; k++) {
      const [c, kind] = cols[k]!;
      out[c] = convert(kind, fields[idx[k]!], c, path, rowNo);
    }
    yield out as MimicRow<T>;
  }
}

/** All typed rows of a main table in memory (fine for everything in the demo, labevents included). */
export async function loadMimicTable<T extends TypedMimicTable>(table: T): Promise<MimicRow<T>[]> {
  const out: MimicRow<T>[] = [];
  for await (const row of iterateMimicTable(table)) out.push(row);
  return out;
}

/** Row count of any table, streamed. */
export async function countMimicRows(table: MimicTable): Promise<number> {
  let n = 0;
  for await (const _ of iterateMimicTableRaw(table)) n++;
  return n;
}

/** The 100 subject_ids included in the demo (demo_subject_id.csv). */
export async function loadMimicDemoSubjectIds(): Promise<number[]> {
  const path = await resolveDataFile("mimic-iv-demo", `${ROOT}/demo_subject_id.csv`);
  const out: number[] = [];
  let rowNo = 0;
  for await (const row of iterateCsvObjects(path, { expectColumns: ["subject_id"] })) {
    out.push(convert("int", row.subject_id, "subject_id", path, ++rowNo) as number);
  }
  return out;
}
