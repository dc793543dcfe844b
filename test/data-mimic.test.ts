import { describe, expect, it } from "vitest";
import {
  getDataset,
  iterateMimicTable,
  iterateMimicTableRaw,
  loadMimicDemoSubjectIds,
  loadMimicTable,
  MIMIC_SCHEMAS,
  MIMIC_TABLES,
  type MimicLabEvent,
  type MimicTable,
} from "../src/data/index.js";

async function count(table: MimicTable): Promise<number> {
  let n = 0;
  for await (const _ of iterateMimicTableRaw(table)) n++;
  return n;
}

describe("MIMIC-IV demo tables", () => {
  it("lists every CSV.gz table in the dataset", () => {
    const declared = getDataset("mimic-iv-demo")
      .files.map((f) => f.path)
      .filter((p) => p.endsWith(".csv.gz"))
      .map((p) => p.slice("ehr/mimic_iv_demo/".length))
      .sort();
    expect(Object.values(MIMIC_TABLES).sort()).toEqual(declared);
    expect(Object.keys(MIMIC_TABLES)).toHaveLength(30);
    expect(Object.keys(MIMIC_TABLES)).not.toContain("chartevents");
  });

  it("reads the first row of every table (and stops early without hanging)", async () => {
    for (const table of Object.keys(MIMIC_TABLES) as MimicTable[]) {
      const it = iterateMimicTableRaw(table);
      const first = await it.next();
      expect(first.done, table).toBe(false);
      expect(Object.keys(first.value!).length, table).toBeGreaterThan(0);
      await it.return(undefined);
    }
  });

  it("has the README's counts (lab events: 107,727, counted in the linking test below)", async () => {
    const patients = await loadMimicTable("patients");
    const admissions = await loadMimicTable("admissions");
    const icustays = await loadMimicTable("icustays");
    const prescriptions = await loadMimicTable("prescriptions");
    expect(patients).toHaveLength(100);
    expect(admissions).toHaveLength(275);
    expect(icustays).toHaveLength(140);
    expect(prescriptions).toHaveLength(18087);
    expect(await count("diagnoses_icd")).toBe(4506);
    expect(await count("d_labitems")).toBe(1622);
    expect(await count("transfers")).toBe(1190);
  });

  it("types rows: numbers, nulls for empty cells, strings kept verbatim", async () => {
    const patients = await loadMimicTable("patients");
    const p = patients.find((x) => x.subject_id === 10014729)!;
    expect(p).toEqual({ subject_id: 10014729, gender: "F", anchor_age: 21, anchor_year: 2125, anchor_year_group: "2011 - 2013", dod: null });
    expect(patients.filter((x) => x.dod !== null).length).toBeGreaterThan(0);

    const first = (await iterateMimicTable("labevents").next()).value as MimicLabEvent;
    expect(first).toEqual({
      labevent_id: 172061,
      subject_id: 10014354,
      hadm_id: 29600294,
      specimen_id: 1808066,
      itemid: 51277,
      order_provider_id: null,
      charttime: "2148-08-16 00:00:00",
      storetime: "2148-08-16 01:30:00",
      value: "15.4",
      valuenum: 15.4,
      valueuom: "%",
      ref_range_lower: 10.5,
      ref_range_upper: 15.5,
      flag: null,
      priority: "ROUTINE",
      comments: null,
    });

    const stays = await loadMimicTable("icustays");
    expect(stays.every((s) => typeof s.los === "number" && s.los! > 0)).toBe(true);
    const rx = await loadMimicTable("prescriptions");
    // NDCs keep their leading zeros.
    expect(rx.some((r) => r.ndc !== null && r.ndc.startsWith("0"))).toBe(true);
    for (const k of Object.keys(MIMIC_SCHEMAS.prescriptions)) expect(Object.keys(rx[0]!)).toContain(k);
  });

  it("links tables by their keys", async () => {
    const subjects = new Set((await loadMimicTable("patients")).map((p) => p.subject_id));
    expect([...subjects].sort()).toEqual((await loadMimicDemoSubjectIds()).sort());
    const admissions = await loadMimicTable("admissions");
    expect(admissions.every((a) => subjects.has(a.subject_id))).toBe(true);
    const hadm = new Set(admissions.map((a) => a.hadm_id));
    expect((await loadMimicTable("icustays")).every((s) => hadm.has(s.hadm_id))).toBe(true);
    const dx = await loadMimicTable("diagnoses_icd");
    expect(dx.every((d) => hadm.has(d.hadm_id) && (d.icd_version === 9 || d.icd_version === 10))).toBe(true);
    const labItems = new Set((await loadMimicTable("d_labitems")).map((d) => d.itemid));
    let labs = 0;
    let withHadm = 0;
    for await (const l of iterateMimicTable("labevents")) {
      labs++;
      if (l.hadm_id !== null) withHadm++;
      if (!labItems.has(l.itemid)) throw new Error(`lab item ${l.itemid} missing from d_labitems`);
    }
    expect(labs).toBe(107727);
    expect(withHadm).toBeLessThan(labs);
  });

  it("rejects unknown tables", async () => {
    await expect(iterateMimicTableRaw("chartevents" as MimicTable).next()).rejects.toThrow(/Unknown MIMIC-IV demo table "chartevents"/);
  });
});
