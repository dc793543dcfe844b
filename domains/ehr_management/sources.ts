/**
 * The ehr_management record store: MIMIC-IV demo patients and Synthea FHIR patients turned into
 * per-patient charts, plus the ICD-10-CM code list and the CMS ICD-9 -> ICD-10 GEMs.
 *
 * Why not the async loaders of src/data: a domain's `tasks()` and `createState()` are synchronous
 * (DomainSpec), so this module locates the same declared dataset files (cache, then mirror) and
 * parses them synchronously, once per process. Column names and conventions follow
 * src/data/loaders/mimic.ts (empty cell -> null) and src/data/loaders/codes.ts (codes without dots).
 * Parsing everything takes about 1-2 s; the lab events table (108K rows) dominates.
 */
import { Buffer } from "node:buffer";
import Papa from "papaparse";
import { locateDataFile } from "../../src/data/resolve.js";
import { readText } from "../../src/data/read.js";
import type {
  Chart,
  CodedDiagnosis,
  IcuStay,
  MimicAdmission,
  MimicChart,
  ProviderOrder,
  SyntheaChart,
} from "./data-model.js";

function locate(dataset: string, rel: string): string {
  const hit = locateDataFile(dataset, rel);
  if (!hit) {
    throw new Error(
      `ehr_management needs ${rel} (dataset "${dataset}"), which is neither in the data cache nor in the mirror. ` +
        `Put the file under MEDGYM_DATA_DIR or point MEDGYM_DATA_MIRROR at a copy of the shared data, or run \`medgym data verify ${dataset}\` to see where it is expected.`,
    );
  }
  return hit.path;
}

interface Table {
  cols: Map<string, number>;
  rows: string[][];
}

function readCsv(dataset: string, rel: string): Table {
  const path = locate(dataset, rel);
  const res = Papa.parse<string[]>(readText(path), { header: false, skipEmptyLines: true });
  if (res.errors.length > 0) throw new Error(`${path}: CSV error at row ${res.errors[0]!.row}: ${res.errors[0]!.message}`);
  const [header, ...rows] = res.data;
  return { cols: new Map(header!.map((c, i) => [c, i])), rows };
}

/** Accessors for one table's rows by column name; empty cells read as null. */
function columns(t: Table) {
  const idx = (c: string) => {
    const i = t.cols.get(c);
    if (i === undefined) throw new Error(`missing column "${c}" (have ${[...t.cols.keys()].join(", ")})`);
    return i;
  };
  return {
    str: (c: string) => {
      const i = idx(c);
      return (r: string[]) => (r[i] === "" || r[i] === undefined ? null : r[i]!);
    },
    num: (c: string) => {
      const i = idx(c);
      return (r: string[]) => {
        const v = r[i];
        if (v === "" || v === undefined) return null;
        const n = Number(v);
        return Number.isFinite(n) ? n : null;
      };
    },
  };
}

const MIMIC = "mimic-iv-demo";
const mimicPath = (rel: string) => `ehr/mimic_iv_demo/${rel}`;

function req<T>(v: T | null, what: string): T {
  if (v === null) throw new Error(`MIMIC-IV demo: required value ${what} is empty`);
  return v;
}

/** "2180-05-06 22:23:00" -> epoch ms (UTC; the shifted dates are only compared with each other). */
export function mimicTime(s: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?/.exec(s);
  if (!m) throw new Error(`not a MIMIC timestamp: "${s}"`);
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
}

/** ISO 8601 with offset (Synthea) -> epoch ms. */
export function isoTime(s: string): number {
  const t = Date.parse(s);
  if (!Number.isFinite(t)) throw new Error(`not an ISO timestamp: "${s}"`);
  return t;
}

let mimicCache: Map<string, MimicChart> | undefined;
let dxTitleCache: Map<string, string> | undefined;

/** MIMIC's d_icd_diagnoses: "version|code" -> long title, for ICD-9-CM and ICD-10-CM. */
export function mimicDiagnosisTitles(): Map<string, string> {
  if (dxTitleCache) return dxTitleCache;
  const dx = readCsv(MIMIC, mimicPath("hosp/d_icd_diagnoses.csv.gz"));
  const out = new Map<string, string>();
  const c = columns(dx);
  const code = c.str("icd_code"), ver = c.str("icd_version"), title = c.str("long_title");
  for (const r of dx.rows) out.set(`${ver(r)}|${(code(r) ?? "").trim()}`, title(r) ?? "");
  dxTitleCache = out;
  return out;
}

function loadMimic(): Map<string, MimicChart> {
  if (mimicCache) return mimicCache;

  const dxTitle = mimicDiagnosisTitles();
  const px = readCsv(MIMIC, mimicPath("hosp/d_icd_procedures.csv.gz"));
  const pxTitle = new Map<string, string>();
  {
    const c = columns(px);
    const code = c.str("icd_code"), ver = c.str("icd_version"), title = c.str("long_title");
    for (const r of px.rows) pxTitle.set(`${ver(r)}|${code(r)}`, title(r) ?? "");
  }
  const labItems = new Map<number, { label: string; fluid: string; category: string }>();
  {
    const t = readCsv(MIMIC, mimicPath("hosp/d_labitems.csv.gz"));
    const c = columns(t);
    const id = c.num("itemid"), label = c.str("label"), fluid = c.str("fluid"), cat = c.str("category");
    for (const r of t.rows) labItems.set(id(r)!, { label: (label(r) ?? "").trim(), fluid: fluid(r) ?? "", category: cat(r) ?? "" });
  }
  const icuItems = new Map<number, { label: string; category: string }>();
  {
    const t = readCsv(MIMIC, mimicPath("icu/d_items.csv.gz"));
    const c = columns(t);
    const id = c.num("itemid"), label = c.str("label"), cat = c.str("category");
    for (const r of t.rows) icuItems.set(id(r)!, { label: label(r) ?? "", category: cat(r) ?? "" });
  }

  const charts = new Map<string, MimicChart>();
  {
    const t = readCsv(MIMIC, mimicPath("hosp/patients.csv.gz"));
    const c = columns(t);
    const sid = c.str("subject_id"), g = c.str("gender"), age = c.num("anchor_age"), year = c.num("anchor_year"), grp = c.str("anchor_year_group"), dod = c.str("dod");
    for (const r of t.rows) {
      const id = req(sid(r), "subject_id");
      charts.set(id, {
        source: "mimic",
        patientId: id,
        sex: g(r) === "F" ? "female" : "male",
        anchorAge: req(age(r), "anchor_age"),
        anchorYear: req(year(r), "anchor_year"),
        anchorYearGroup: grp(r) ?? "",
        dod: dod(r),
        admissions: [],
        omr: [],
      });
    }
  }
  const adm = new Map<string, MimicAdmission>();
  {
    const t = readCsv(MIMIC, mimicPath("hosp/admissions.csv.gz"));
    const c = columns(t);
    const f = {
      sid: c.str("subject_id"), hadm: c.str("hadm_id"), admit: c.str("admittime"), disch: c.str("dischtime"), death: c.str("deathtime"),
      type: c.str("admission_type"), loc: c.str("admission_location"), dloc: c.str("discharge_location"), ins: c.str("insurance"),
      lang: c.str("language"), mar: c.str("marital_status"), race: c.str("race"), edin: c.str("edregtime"), edout: c.str("edouttime"),
      exp: c.str("hospital_expire_flag"),
    };
    for (const r of t.rows) {
      const chart = charts.get(req(f.sid(r), "subject_id"));
      if (!chart) continue;
      const a: MimicAdmission = {
        hadmId: req(f.hadm(r), "hadm_id"),
        admittime: req(f.admit(r), "admittime"),
        dischtime: req(f.disch(r), "dischtime"),
        deathtime: f.death(r),
        admissionType: f.type(r) ?? "",
        admissionLocation: f.loc(r),
        dischargeLocation: f.dloc(r),
        insurance: f.ins(r),
        language: f.lang(r),
        maritalStatus: f.mar(r),
        race: f.race(r),
        edregtime: f.edin(r),
        edouttime: f.edout(r),
        expired: f.exp(r) === "1",
        services: [],
        diagnoses: [],
        procedures: [],
        labs: [],
        prescriptions: [],
        icuStays: [],
        icuProcedures: [],
        icuOutputs: [],
        transfers: [],
        micro: [],
        orders: [],
        drg: [],
      };
      chart.admissions.push(a);
      adm.set(a.hadmId, a);
    }
  }
  const each = (rel: string, fn: (t: Table, a: (r: string[]) => MimicAdmission | undefined) => void) => {
    const t = readCsv(MIMIC, mimicPath(rel));
    const h = columns(t).str("hadm_id");
    fn(t, (r) => {
      const id = h(r);
      return id === null ? undefined : adm.get(id);
    });
  };

  each("hosp/diagnoses_icd.csv.gz", (t, at) => {
    const c = columns(t);
    const seq = c.num("seq_num"), code = c.str("icd_code"), ver = c.str("icd_version");
    for (const r of t.rows) {
      const a = at(r);
      if (!a) continue;
      const v = ver(r) === "10" ? 10 : 9;
      const cd = req(code(r), "icd_code").trim();
      a.diagnoses.push({ seq: req(seq(r), "seq_num"), code: cd, version: v, title: dxTitle.get(`${v}|${cd}`) ?? "(title not in dictionary)" });
    }
  });
  each("hosp/procedures_icd.csv.gz", (t, at) => {
    const c = columns(t);
    const seq = c.num("seq_num"), code = c.str("icd_code"), ver = c.str("icd_version"), date = c.str("chartdate");
    for (const r of t.rows) {
      const a = at(r);
      if (!a) continue;
      const v = ver(r) === "10" ? 10 : 9;
      const cd = req(code(r), "icd_code").trim();
      a.procedures.push({ seq: req(seq(r), "seq_num"), chartdate: date(r) ?? "", code: cd, version: v, title: pxTitle.get(`${v}|${cd}`) ?? "(title not in dictionary)" });
    }
  });
  each("hosp/labevents.csv.gz", (t, at) => {
    const c = columns(t);
    const item = c.num("itemid"), time = c.str("charttime"), value = c.str("value"), vnum = c.num("valuenum"), uom = c.str("valueuom");
    const lo = c.num("ref_range_lower"), hi = c.num("ref_range_upper"), flag = c.str("flag"), prio = c.str("priority");
    for (const r of t.rows) {
      const a = at(r);
      if (!a) continue;
      const id = req(item(r), "itemid");
      const def = labItems.get(id);
      a.labs.push({
        itemid: id,
        label: def?.label ?? `item ${id}`,
        fluid: def?.fluid ?? "",
        category: def?.category ?? "",
        charttime: req(time(r), "charttime"),
        value: value(r),
        valuenum: vnum(r),
        unit: uom(r),
        refLow: lo(r),
        refHigh: hi(r),
        flag: flag(r),
        priority: prio(r),
      });
    }
  });
  each("hosp/prescriptions.csv.gz", (t, at) => {
    const c = columns(t);
    const f = {
      drug: c.str("drug"), type: c.str("drug_type"), start: c.str("starttime"), stop: c.str("stoptime"), dose: c.str("dose_val_rx"),
      unit: c.str("dose_unit_rx"), route: c.str("route"), per24: c.num("doses_per_24_hrs"), strength: c.str("prod_strength"),
    };
    for (const r of t.rows) {
      const a = at(r);
      if (!a) continue;
      a.prescriptions.push({
        drug: req(f.drug(r), "drug").trim(),
        drugType: f.type(r) ?? "",
        starttime: f.start(r),
        stoptime: f.stop(r),
        dose: f.dose(r),
        doseUnit: f.unit(r),
        route: f.route(r),
        dosesPer24h: f.per24(r),
        prodStrength: f.strength(r),
      });
    }
  });
  each("icu/icustays.csv.gz", (t, at) => {
    const c = columns(t);
    const stay = c.str("stay_id"), first = c.str("first_careunit"), last = c.str("last_careunit"), tin = c.str("intime"), tout = c.str("outtime"), los = c.num("los");
    for (const r of t.rows) {
      const a = at(r);
      if (!a) continue;
      const s: IcuStay = { stayId: req(stay(r), "stay_id"), firstCareunit: first(r) ?? "", lastCareunit: last(r) ?? "", intime: req(tin(r), "intime"), outtime: tout(r), losDays: los(r) };
      a.icuStays.push(s);
    }
  });
  each("icu/procedureevents.csv.gz", (t, at) => {
    const c = columns(t);
    const stay = c.str("stay_id"), item = c.num("itemid"), st = c.str("starttime"), en = c.str("endtime"), val = c.num("value"), uom = c.str("valueuom");
    for (const r of t.rows) {
      const a = at(r);
      if (!a) continue;
      const def = icuItems.get(item(r) ?? -1);
      a.icuProcedures.push({ stayId: stay(r) ?? "", label: def?.label ?? `item ${item(r)}`, category: def?.category ?? "", starttime: req(st(r), "starttime"), endtime: en(r), value: val(r), unit: uom(r) });
    }
  });
  each("icu/outputevents.csv.gz", (t, at) => {
    const c = columns(t);
    const stay = c.str("stay_id"), item = c.num("itemid"), time = c.str("charttime"), val = c.num("value");
    for (const r of t.rows) {
      const a = at(r);
      const v = val(r);
      if (!a || v === null) continue;
      a.icuOutputs.push({ stayId: stay(r) ?? "", charttime: req(time(r), "charttime"), label: icuItems.get(item(r) ?? -1)?.label ?? `item ${item(r)}`, valueMl: v });
    }
  });
  each("hosp/transfers.csv.gz", (t, at) => {
    const c = columns(t);
    const ev = c.str("eventtype"), unit = c.str("careunit"), tin = c.str("intime"), tout = c.str("outtime");
    for (const r of t.rows) {
      const a = at(r);
      if (!a) continue;
      a.transfers.push({ eventtype: ev(r) ?? "", careunit: unit(r), intime: tin(r), outtime: tout(r) });
    }
  });
  each("hosp/services.csv.gz", (t, at) => {
    const c = columns(t);
    const time = c.str("transfertime"), prev = c.str("prev_service"), curr = c.str("curr_service");
    for (const r of t.rows) {
      const a = at(r);
      if (!a) continue;
      a.services.push({ transfertime: time(r) ?? "", prevService: prev(r), currService: curr(r) ?? "" });
    }
  });
  each("hosp/microbiologyevents.csv.gz", (t, at) => {
    const c = columns(t);
    const f = {
      date: c.str("chartdate"), time: c.str("charttime"), spec: c.str("spec_type_desc"), test: c.str("test_name"), org: c.str("org_name"),
      ab: c.str("ab_name"), interp: c.str("interpretation"), comments: c.str("comments"),
    };
    for (const r of t.rows) {
      const a = at(r);
      if (!a) continue;
      a.micro.push({
        chartdate: f.date(r) ?? "",
        charttime: f.time(r),
        specimen: f.spec(r) ?? "",
        test: f.test(r) ?? "",
        organism: f.org(r),
        antibiotic: f.ab(r),
        interpretation: f.interp(r),
        comments: f.comments(r)?.trim() || null,
      });
    }
  });
  each("hosp/drgcodes.csv.gz", (t, at) => {
    const c = columns(t);
    const type = c.str("drg_type"), code = c.str("drg_code"), desc = c.str("description"), sev = c.num("drg_severity"), mort = c.num("drg_mortality");
    for (const r of t.rows) {
      const a = at(r);
      if (!a) continue;
      a.drg.push({ type: type(r) ?? "", code: code(r) ?? "", description: desc(r) ?? "", severity: sev(r), mortality: mort(r) });
    }
  });
  {
    // Provider orders: only the kinds the tools show (code status, consults, nursing/general care,
    // respiratory, ADT), joined with their detail fields.
    const details = new Map<string, Record<string, string>>();
    const d = readCsv(MIMIC, mimicPath("hosp/poe_detail.csv.gz"));
    const dc = columns(d);
    const pid = dc.str("poe_id"), fname = dc.str("field_name"), fval = dc.str("field_value");
    for (const r of d.rows) {
      const id = pid(r);
      if (!id) continue;
      const rec = details.get(id) ?? {};
      rec[fname(r) ?? "detail"] = (fval(r) ?? "").trim();
      details.set(id, rec);
    }
    each("hosp/poe.csv.gz", (t, at) => {
      const c = columns(t);
      const id = c.str("poe_id"), time = c.str("ordertime"), type = c.str("order_type"), sub = c.str("order_subtype"), status = c.str("order_status");
      const keep = new Set(["General Care", "Consults", "Respiratory", "ADT orders", "Cardiology", "Radiology", "Blood Bank", "Nutrition"]);
      for (const r of t.rows) {
        const a = at(r);
        const ty = type(r) ?? "";
        if (!a || !keep.has(ty)) continue;
        const o: ProviderOrder = { ordertime: time(r) ?? "", orderType: ty, orderSubtype: sub(r), details: details.get(id(r) ?? "") ?? {}, status: status(r) };
        a.orders.push(o);
      }
    });
  }
  {
    const t = readCsv(MIMIC, mimicPath("hosp/omr.csv.gz"));
    const c = columns(t);
    const sid = c.str("subject_id"), date = c.str("chartdate"), seq = c.num("seq_num"), name = c.str("result_name"), val = c.str("result_value");
    for (const r of t.rows) {
      const chart = charts.get(sid(r) ?? "");
      if (!chart) continue;
      chart.omr.push({ chartdate: date(r) ?? "", seq: seq(r) ?? 1, name: name(r) ?? "", value: val(r) ?? "" });
    }
  }

  const byTime = (x: string | null, y: string | null) => (x ?? "").localeCompare(y ?? "");
  for (const chart of charts.values()) {
    chart.admissions.sort((p, q) => byTime(p.admittime, q.admittime));
    chart.omr.sort((p, q) => byTime(p.chartdate, q.chartdate) || p.seq - q.seq || p.name.localeCompare(q.name));
    for (const a of chart.admissions) {
      a.diagnoses.sort((p, q) => p.seq - q.seq);
      a.procedures.sort((p, q) => p.seq - q.seq);
      a.labs.sort((p, q) => byTime(p.charttime, q.charttime) || p.itemid - q.itemid);
      a.prescriptions.sort((p, q) => byTime(p.starttime, q.starttime) || p.drug.localeCompare(q.drug));
      a.icuStays.sort((p, q) => byTime(p.intime, q.intime));
      a.icuProcedures.sort((p, q) => byTime(p.starttime, q.starttime) || p.label.localeCompare(q.label));
      a.icuOutputs.sort((p, q) => byTime(p.charttime, q.charttime) || p.label.localeCompare(q.label));
      a.transfers.sort((p, q) => byTime(p.intime, q.intime));
      a.services.sort((p, q) => byTime(p.transfertime, q.transfertime));
      a.micro.sort((p, q) => byTime(p.charttime ?? p.chartdate, q.charttime ?? q.chartdate) || (p.organism ?? "").localeCompare(q.organism ?? "") || (p.antibiotic ?? "").localeCompare(q.antibiotic ?? ""));
      a.orders.sort((p, q) => byTime(p.ordertime, q.ordertime));
    }
    deepFreeze(chart);
  }
  mimicCache = charts;
  return charts;
}

// ---------------------------------------------------------------- Synthea FHIR

interface Fhir {
  resourceType: string;
  id: string;
  [k: string]: unknown;
}

function readNdjson(rel: string): Fhir[] {
  const path = locate("synthea-fhir", rel);
  return readText(path)
    .split("\n")
    .filter((l) => l.trim())
    .map((l, i) => {
      try {
        return JSON.parse(l) as Fhir;
      } catch (e) {
        throw new Error(`${path}: line ${i + 1} is not JSON (${(e as Error).message})`);
      }
    });
}

type J = Record<string, any>;
const ref = (r: unknown): string | null => {
  const s = (r as J | undefined)?.reference;
  return typeof s === "string" ? s.slice(s.indexOf("/") + 1) : null;
};
const codeText = (c: unknown): string => {
  const cc = c as J | undefined;
  return (cc?.text as string | undefined) ?? (cc?.coding?.[0]?.display as string | undefined) ?? "";
};
const firstCode = (c: unknown): string => ((c as J | undefined)?.coding?.[0]?.code as string | undefined) ?? "";

/** Synthea appends digits to generated names ("Sumiko254"); a chart shows the plain name. */
const cleanName = (s: string) => s.replace(/\d+/g, "");

let syntheaCache: Map<string, SyntheaChart> | undefined;

function loadSynthea(): Map<string, SyntheaChart> {
  if (syntheaCache) return syntheaCache;
  const charts = new Map<string, SyntheaChart>();
  for (const p of readNdjson("fhir/Patient.000.ndjson") as J[]) {
    const ext = (url: string) => (p.extension as J[] | undefined)?.find((e) => String(e.url).endsWith(url));
    const name = p.name?.[0] ?? {};
    charts.set(p.id, {
      source: "synthea",
      patientId: p.id,
      name: cleanName([...(name.given ?? []), name.family ?? ""].join(" ").trim()),
      sex: p.gender === "female" ? "female" : "male",
      birthDate: p.birthDate,
      deceased: p.deceasedDateTime ?? null,
      race: ext("us-core-race")?.extension?.find((e: J) => e.url === "text")?.valueString ?? null,
      ethnicity: ext("us-core-ethnicity")?.extension?.find((e: J) => e.url === "text")?.valueString ?? null,
      maritalStatus: codeText(p.maritalStatus) || null,
      language: codeText(p.communication?.[0]?.language) || null,
      city: p.address?.[0]?.city ?? null,
      state: p.address?.[0]?.state ?? null,
      encounters: [],
      conditions: [],
      medications: [],
      procedures: [],
      allergies: [],
      immunizations: [],
      notes: [],
    });
  }
  const of = (r: J, key = "subject") => charts.get(ref(r[key]) ?? "");
  for (const e of readNdjson("fhir/Encounter.000.ndjson") as J[]) {
    const c = of(e);
    if (!c) continue;
    c.encounters.push({
      id: e.id,
      class: e.class?.code ?? "",
      type: codeText(e.type?.[0]),
      start: e.period?.start ?? "",
      end: e.period?.end ?? null,
      reason: e.reasonCode?.[0] ? codeText(e.reasonCode[0]) : null,
      location: e.location?.[0]?.location?.display ?? null,
      provider: e.participant?.[0]?.individual?.display ? cleanName(e.participant[0].individual.display) : null,
    });
  }
  for (const x of readNdjson("fhir/Condition.000.ndjson") as J[]) {
    const c = of(x);
    if (!c) continue;
    c.conditions.push({
      code: firstCode(x.code),
      display: codeText(x.code),
      clinicalStatus: firstCode(x.clinicalStatus),
      category: codeText(x.category?.[0]),
      onset: x.onsetDateTime ?? null,
      abatement: x.abatementDateTime ?? null,
      encounterId: ref(x.encounter),
    });
  }
  for (const x of readNdjson("fhir/MedicationRequest.000.ndjson") as J[]) {
    const c = of(x);
    if (!c) continue;
    const dose = x.dosageInstruction?.[0];
    const rep = dose?.timing?.repeat;
    c.medications.push({
      rxnorm: firstCode(x.medicationCodeableConcept),
      display: codeText(x.medicationCodeableConcept),
      status: x.status ?? "",
      authoredOn: x.authoredOn ?? "",
      reason: x.reasonReference?.[0]?.display ?? null,
      encounterId: ref(x.encounter),
      dosage: rep ? `${dose?.doseAndRate?.[0]?.doseQuantity?.value ?? 1} dose(s) ${rep.frequency ?? 1}x per ${rep.period ?? 1} ${rep.periodUnit ?? "d"}${dose?.asNeededBoolean ? " as needed" : ""}` : dose?.asNeededBoolean ? "as needed" : null,
    });
  }
  for (const x of readNdjson("fhir/Procedure.000.ndjson") as J[]) {
    const c = of(x);
    if (!c) continue;
    c.procedures.push({
      code: firstCode(x.code),
      display: codeText(x.code),
      start: x.performedPeriod?.start ?? x.performedDateTime ?? "",
      end: x.performedPeriod?.end ?? null,
      encounterId: ref(x.encounter),
      reason: x.reasonReference?.[0]?.display ?? null,
    });
  }
  for (const x of readNdjson("fhir/AllergyIntolerance.000.ndjson") as J[]) {
    const c = of(x, "patient");
    if (!c) continue;
    c.allergies.push({
      substance: codeText(x.code),
      category: (x.category?.[0] as string | undefined) ?? "",
      criticality: x.criticality ?? null,
      clinicalStatus: firstCode(x.clinicalStatus),
      recorded: x.recordedDate ?? "",
      reactions: ((x.reaction as J[] | undefined) ?? []).flatMap((r) => (r.manifestation as J[] | undefined ?? []).map((m) => codeText(m))).filter(Boolean),
    });
  }
  for (const x of readNdjson("fhir/Immunization.000.ndjson") as J[]) {
    const c = of(x, "patient");
    if (!c) continue;
    c.immunizations.push({ cvx: firstCode(x.vaccineCode), display: codeText(x.vaccineCode), date: x.occurrenceDateTime ?? "", encounterId: ref(x.encounter) });
  }
  for (const x of readNdjson("fhir/DocumentReference.000.ndjson") as J[]) {
    const c = of(x);
    if (!c) continue;
    const data = x.content?.[0]?.attachment?.data as string | undefined;
    c.notes.push({
      encounterId: ref(x.context?.encounter?.[0]),
      date: x.date ?? "",
      type: codeText(x.type),
      text: data ? Buffer.from(data, "base64").toString("utf8").trim() : "",
    });
  }
  const t = (s: string | null) => (s ? isoTime(s) : 0);
  for (const c of charts.values()) {
    c.encounters.sort((p, q) => t(p.start) - t(q.start) || p.id.localeCompare(q.id));
    c.conditions.sort((p, q) => t(p.onset) - t(q.onset) || p.display.localeCompare(q.display));
    c.medications.sort((p, q) => t(p.authoredOn) - t(q.authoredOn) || p.display.localeCompare(q.display));
    c.procedures.sort((p, q) => t(p.start) - t(q.start) || p.display.localeCompare(q.display));
    c.allergies.sort((p, q) => p.substance.localeCompare(q.substance));
    c.immunizations.sort((p, q) => t(p.date) - t(q.date) || p.display.localeCompare(q.display));
    c.notes.sort((p, q) => t(p.date) - t(q.date));
    deepFreeze(c);
  }
  syntheaCache = charts;
  return charts;
}

// ---------------------------------------------------------------- code systems

export interface Icd10Entry {
  code: string;
  billable: boolean;
  short: string;
  long: string;
}

let icd10Cache: Map<string, Icd10Entry> | undefined;

/** CMS ICD-10-CM (January 2021), keyed by the code without the dot. */
export function icd10cm(): Map<string, Icd10Entry> {
  if (icd10Cache) return icd10Cache;
  const t = readCsv("icd10cm", "codes/icd10cm-order-Jan-2021.csv.gz");
  const c = columns(t);
  const code = c.str("code"), bill = c.str("billable"), short = c.str("short"), long = c.str("long");
  const out = new Map<string, Icd10Entry>();
  for (const r of t.rows) {
    const k = normalizeIcd(code(r) ?? "");
    if (k) out.set(k, { code: k, billable: bill(r) === "1", short: short(r) ?? "", long: long(r) ?? "" });
  }
  icd10Cache = out;
  return out;
}

export interface GemRow {
  icd10: string;
  approximate: boolean;
  noMap: boolean;
  combination: boolean;
  scenario: number;
  choiceList: number;
}

let gemCache: Map<string, GemRow[]> | undefined;

/** CMS ICD-9-CM -> ICD-10-CM general equivalence mappings, keyed by the ICD-9 code without the dot. */
export function icd9To10(): Map<string, GemRow[]> {
  if (gemCache) return gemCache;
  const t = readCsv("icd-gem", "codes/icd_cm_9_to_10_mapping.csv.gz");
  const c = columns(t);
  const a = c.str("icd_9"), b = c.str("icd_10"), fl = c.str("flags");
  const out = new Map<string, GemRow[]>();
  for (const r of t.rows) {
    const f = fl(r) ?? "00000";
    const row: GemRow = { icd10: b(r) ?? "", approximate: f[0] === "1", noMap: f[1] === "1", combination: f[2] === "1", scenario: Number(f[3]), choiceList: Number(f[4]) };
    const k = normalizeIcd(a(r) ?? "");
    out.set(k, [...(out.get(k) ?? []), row]);
  }
  gemCache = out;
  return out;
}

export function normalizeIcd(code: string): string {
  return code.replace(/[.\s]/g, "").toUpperCase();
}

/** "I214" -> "I21.4" (ICD-10-CM); ICD-9 diagnosis codes: "4280" -> "428.0", "V707" -> "V70.7", "E8859" -> "E885.9". */
export function formatIcd(code: string, version: 9 | 10): string {
  const c = normalizeIcd(code);
  if (version === 10) return c.length > 3 ? `${c.slice(0, 3)}.${c.slice(3)}` : c;
  const head = c.startsWith("E") ? 4 : 3;
  return c.length > head ? `${c.slice(0, head)}.${c.slice(head)}` : c;
}

// ---------------------------------------------------------------- public

export function mimicCharts(): ReadonlyMap<string, MimicChart> {
  return loadMimic();
}

export function syntheaCharts(): ReadonlyMap<string, SyntheaChart> {
  return loadSynthea();
}

export function getChart(patientId: string): Chart | undefined {
  return loadMimic().get(patientId) ?? loadSynthea().get(patientId);
}

/** ICD-10 principal diagnoses need a primary-code title; exported for the task generator. */
export function principalDiagnosis(a: MimicAdmission): CodedDiagnosis | undefined {
  return a.diagnoses.find((d) => d.seq === 1) ?? a.diagnoses[0];
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object" && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}
