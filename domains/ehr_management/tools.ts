import { z } from "zod";
import { defineTool, ToolError, type Tool, type ToolContext } from "../../src/env/index.js";
import { getCalculator } from "../../src/clinical/calculators/index.js";
import { calculatorTool } from "../../src/tools/calculators.js";
import { thinkTool } from "../../src/tools/common.js";
import {
  AKI_LABEL,
  CHARLSON_LABEL,
  CHARLSON_WEIGHT,
  DAY,
  DRUG_CLASSES,
  HOUR,
  LAB_ITEMS,
  ageAtAdmission,
  bpCategory,
  bpReadings,
  codeStatusOrders,
  comorbidityProfile,
  generalCareOrders,
  isOutOfRange,
  isSystemicAntibacterial,
  isUnplanned,
  isUrine,
  isVteProphylaxis,
  kdigoStage,
  lace,
  labSeries,
  losCalendarDays,
  losDays,
  omrNumeric,
  round,
} from "./clinical.js";
import type { Chart, EhrState, LabEvent, MimicAdmission, MimicChart, SyntheaChart, SyntheaEncounter } from "./data-model.js";
import { formatIcd, icd10cm, icd9To10, mimicDiagnosisTitles, mimicTime, normalizeIcd, principalDiagnosis } from "./sources.js";
import { medicationSafetyFindings } from "./safety.js";

type Ctx = ToolContext<EhrState>;

/** Results shown by get_lab_trend; keeps the observation under the environment's size limit. */
export const TREND_CAP = 140;

const patientId = z.string().min(1).max(64).describe("Patient identifier: a MIMIC-IV subject_id such as 10014729, or a Synthea patient UUID");
const hadmId = z.string().min(1).max(64).describe("Hospital admission id (MIMIC hadm_id such as 24181354) or, for a Synthea record, an encounter id");
const optionalDate = (what: string) =>
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD").optional().describe(`${what} (YYYY-MM-DD, inclusive); omit for no limit`);

// ------------------------------------------------------------------ helpers

function chartOf(ctx: Ctx, id: string): Chart {
  const c = ctx.state.chart;
  if (c.patientId !== id.trim()) throw new ToolError(`No record for patient "${id}" in this worklist. Open record: patient ${c.patientId}.`);
  return c;
}

function mimicOf(ctx: Ctx, id: string, what: string): MimicChart {
  const c = chartOf(ctx, id);
  if (c.source !== "mimic") throw new ToolError(`${what} is only charted for hospital (MIMIC-IV) records; patient ${id} is an ambulatory Synthea record.`);
  return c;
}

function admissionOf(c: MimicChart, hadm: string): MimicAdmission {
  const a = c.admissions.find((x) => x.hadmId === hadm.trim());
  if (!a) throw new ToolError(`Patient ${c.patientId} has no admission "${hadm}". Admissions: ${c.admissions.map((x) => x.hadmId).join(", ")}.`);
  return a;
}

function encounterOf(c: SyntheaChart, id: string): SyntheaEncounter {
  const e = c.encounters.find((x) => x.id === id.trim());
  if (!e) throw new ToolError(`Patient ${c.patientId} has no encounter "${id}". Use get_encounter_history to list encounter ids.`);
  return e;
}

const hm = (t: string | null) => (t ? t.slice(0, 16).replace("T", " ") : "-");
const isoDay = (t: string | null) => (t ? t.slice(0, 10) : "-");
const fmtNum = (x: number) => (Number.isInteger(x) ? String(x) : String(round(x, 2)));

/** Parses "YYYY-MM-DD[ HH:MM[:SS]]" (record time, no zone) or ISO 8601 with a zone. */
export function parseTimestamp(s: string): number {
  const t = s.trim();
  if (/(Z|[+-]\d{2}:?\d{2})$/.test(t) && t.includes("T")) {
    const v = Date.parse(t);
    if (Number.isFinite(v)) return v;
  }
  try {
    return mimicTime(t);
  } catch {
    throw new ToolError(`"${s}" is not a timestamp; use YYYY-MM-DD HH:MM (record time) or ISO 8601.`);
  }
}

function withinDates(date: string, start?: string, end?: string): boolean {
  const d = date.slice(0, 10);
  return (!start || d >= start) && (!end || d <= end);
}

function labLine(l: LabEvent): string {
  const ref = l.refLow !== null || l.refHigh !== null ? `ref ${l.refLow ?? ""}-${l.refHigh ?? ""}` : "";
  const flag = isOutOfRange(l) ? (l.valuenum! < (l.refLow ?? -Infinity) ? "L" : "H") : "";
  const note = [flag, ref].filter(Boolean).join("; ");
  return `${hm(l.charttime)}  ${l.valuenum ?? l.value ?? "-"}${l.unit ? ` ${l.unit}` : ""}${note ? ` (${note})` : ""}`;
}

function syntheaAge(c: SyntheaChart, at?: string): number {
  const ref = at ? new Date(at) : c.deceased ? new Date(c.deceased) : new Date(lastActivity(c));
  const b = new Date(c.birthDate);
  let age = ref.getUTCFullYear() - b.getUTCFullYear();
  if (ref.getUTCMonth() < b.getUTCMonth() || (ref.getUTCMonth() === b.getUTCMonth() && ref.getUTCDate() < b.getUTCDate())) age--;
  return age;
}

function lastActivity(c: SyntheaChart): string {
  return c.encounters.length ? c.encounters[c.encounters.length - 1]!.start : c.birthDate;
}

// ------------------------------------------------------------------ read tools

export const getPatientSummary = defineTool({
  name: "get_patient_summary",
  description: "Demographics and an overview of the record: age, sex, death date, number of admissions or encounters, key counts.",
  kind: "read",
  parameters: z.object({ patient_id: patientId }),
  execute({ patient_id }, ctx: Ctx) {
    const c = chartOf(ctx, patient_id);
    if (c.source === "mimic") {
      const last = c.admissions[c.admissions.length - 1];
      const first = c.admissions[0];
      return [
        `Patient ${c.patientId} (MIMIC-IV): ${c.sex}, ${c.anchorAge} y in anchor year ${c.anchorYear} (dates are shifted; anchor year group ${c.anchorYearGroup}).`,
        `Date of death: ${c.dod ?? "none recorded"}.`,
        `Hospital admissions: ${c.admissions.length}${first ? ` (first ${isoDay(first.admittime)}, last ${isoDay(last!.admittime)})` : ""}.`,
        last ? `Latest admission details: insurance ${last.insurance ?? "-"}, language ${last.language ?? "-"}, marital status ${last.maritalStatus ?? "-"}, race ${last.race ?? "-"}.` : "",
        `Outpatient measurements (OMR): ${c.omr.length}. Allergy list: not part of this extract.`,
      ]
        .filter(Boolean)
        .join("\n");
    }
    const active = c.conditions.filter((x) => x.clinicalStatus === "active").length;
    const meds = c.medications.filter((m) => m.status === "active").length;
    return [
      `Patient ${c.patientId} (Synthea): ${c.name}, ${c.sex}, born ${c.birthDate}${c.deceased ? `, died ${isoDay(c.deceased)} at age ${syntheaAge(c)}` : `, age ${syntheaAge(c)} at the last encounter (${isoDay(lastActivity(c))})`}.`,
      `Race ${c.race ?? "-"}, ethnicity ${c.ethnicity ?? "-"}, marital status ${c.maritalStatus ?? "-"}, language ${c.language ?? "-"}, ${c.city ?? "-"}, ${c.state ?? "-"}.`,
      `Encounters: ${c.encounters.length} (inpatient ${c.encounters.filter((e) => e.class === "IMP").length}, emergency ${c.encounters.filter((e) => e.class === "EMER").length}).`,
      `Conditions: ${c.conditions.length} recorded, ${active} active. Medication requests: ${c.medications.length}, ${meds} active. Allergies: ${c.allergies.length}. Immunizations: ${c.immunizations.length}. Notes: ${c.notes.length}.`,
    ].join("\n");
  },
});

export const getAdmissionHistory = defineTool({
  name: "get_admission_history",
  description: "Every hospital admission of the patient (or inpatient and emergency encounters for a Synthea record) with times, type, ED registration and disposition.",
  kind: "read",
  parameters: z.object({ patient_id: patientId }),
  execute({ patient_id }, ctx: Ctx) {
    const c = chartOf(ctx, patient_id);
    if (c.source === "mimic") {
      const lines = c.admissions.map(
        (a, i) =>
          `${i + 1}. hadm_id ${a.hadmId}: admitted ${hm(a.admittime)}, discharged ${hm(a.dischtime)} (${fmtNum(round(losDays(a), 2))} d); type ${a.admissionType}; ED registration ${a.edregtime ? hm(a.edregtime) : "none"}; discharge to ${a.dischargeLocation ?? (a.expired ? "DIED" : "not recorded")}${a.expired ? "; died in hospital" : ""}.`,
      );
      return `Admissions of patient ${c.patientId} (${c.admissions.length}, oldest first):\n${lines.join("\n")}`;
    }
    const enc = c.encounters.filter((e) => e.class === "IMP" || e.class === "EMER");
    if (enc.length === 0) return `Patient ${c.patientId} has no inpatient or emergency encounters; use get_encounter_history for ambulatory visits.`;
    return `Inpatient and emergency encounters of ${c.patientId} (${enc.length}, oldest first):\n${enc
      .map((e, i) => `${i + 1}. ${e.id}: ${e.class} ${e.type}, ${isoDay(e.start)} to ${isoDay(e.end)}${e.reason ? `, reason: ${e.reason}` : ""}`)
      .join("\n")}`;
  },
});

export const getAdmissionInfo = defineTool({
  name: "get_admission_info",
  description: "Details of one admission: admit/discharge times, length of stay, admission type and acuity, ED times, services, care-unit transfers, disposition.",
  kind: "read",
  parameters: z.object({ patient_id: patientId, hadm_id: hadmId }),
  execute({ patient_id, hadm_id }, ctx: Ctx) {
    const c = chartOf(ctx, patient_id);
    if (c.source === "synthea") {
      const e = encounterOf(c, hadm_id);
      return `Encounter ${e.id} (${e.class}, ${e.type}): ${hm(e.start)} to ${hm(e.end)} at ${e.location ?? "-"} with ${e.provider ?? "-"}${e.reason ? `; reason: ${e.reason}` : ""}. Patient age ${syntheaAge(c, e.start)}.`;
    }
    const a = admissionOf(c, hadm_id);
    const transfers = a.transfers.filter((t) => t.eventtype !== "discharge" && t.careunit).map((t) => `${t.careunit} (${hm(t.intime)})`);
    return [
      `Admission ${a.hadmId} of patient ${c.patientId}, age ${ageAtAdmission(c, a)} at admission.`,
      `Admitted ${hm(a.admittime)} from ${a.admissionLocation ?? "-"}; discharged ${hm(a.dischtime)} to ${a.dischargeLocation ?? (a.expired ? "DIED" : "not recorded")}.`,
      `Length of stay: ${fmtNum(round(losDays(a), 2))} days (${losCalendarDays(a)} calendar days, admission date to discharge date).`,
      `Admission type: ${a.admissionType} -> ${isUnplanned(a) ? "unplanned (acute/emergent)" : "planned (elective)"} admission.`,
      `ED: ${a.edregtime ? `registered ${hm(a.edregtime)}, left ${hm(a.edouttime)}` : "not admitted through the ED"}.`,
      `Services: ${a.services.map((s) => `${s.currService} (${hm(s.transfertime)})`).join(" -> ") || "-"}.`,
      `Care units: ${transfers.join(" -> ") || "-"}.`,
      `In-hospital death: ${a.expired ? `yes (${hm(a.deathtime)})` : "no"}. Insurance ${a.insurance ?? "-"}, language ${a.language ?? "-"}.`,
    ].join("\n");
  },
});

export const getAdmissionDiagnoses = defineTool({
  name: "get_admission_diagnoses",
  description: "Coded diagnoses of an admission in billing sequence (seq 1 = principal), with ICD version, code and title. For a Synthea encounter: conditions recorded at it.",
  kind: "read",
  parameters: z.object({ patient_id: patientId, hadm_id: hadmId }),
  execute({ patient_id, hadm_id }, ctx: Ctx) {
    const c = chartOf(ctx, patient_id);
    if (c.source === "synthea") {
      const e = encounterOf(c, hadm_id);
      const conds = c.conditions.filter((x) => x.encounterId === e.id);
      if (conds.length === 0) return `No conditions recorded at encounter ${e.id}.`;
      return `Conditions recorded at encounter ${e.id} (SNOMED CT):\n${conds.map((x) => `- ${x.display} [${x.code}], ${x.clinicalStatus}, onset ${isoDay(x.onset)}`).join("\n")}`;
    }
    const a = admissionOf(c, hadm_id);
    if (a.diagnoses.length === 0) return `No coded diagnoses for admission ${a.hadmId}.`;
    return `Coded diagnoses of admission ${a.hadmId} (${a.diagnoses.length}):\n${a.diagnoses
      .map((d) => `${d.seq}. ICD-${d.version} ${formatIcd(d.code, d.version)} - ${d.title}${d.seq === 1 ? " (principal)" : ""}`)
      .join("\n")}`;
  },
});

export const lookupIcdCode = defineTool({
  name: "lookup_icd_code",
  description: "Look up an ICD-10-CM code in the CMS code set (title, billable or header), or search titles by words. ICD-9-CM codes can be looked up with version 9.",
  kind: "read",
  parameters: z.object({
    code: z.string().min(1).max(10).optional().describe("Code with or without the dot, e.g. I50.23 or I5023"),
    search: z.string().min(3).max(100).optional().describe("Words to find in code titles, e.g. 'acute kidney failure'"),
    version: z.union([z.literal(9), z.literal(10)]).optional().describe("ICD version of `code`: 10 (default, CMS ICD-10-CM 2021) or 9 (ICD-9-CM)"),
  }),
  execute({ code, search, version }) {
    if (!code && !search) throw new ToolError("Give a `code` to look up or `search` words.");
    const out: string[] = [];
    if (code) {
      const k = normalizeIcd(code);
      if (version === 9) {
        const t = mimicDiagnosisTitles().get(`9|${k}`);
        if (!t) throw new ToolError(`ICD-9-CM ${code} is not a diagnosis code in the dictionary.`);
        out.push(`ICD-9-CM ${formatIcd(k, 9)}: ${t}.`);
      } else {
        const e = icd10cm().get(k);
        if (e) {
          const kids = e.billable ? [] : [...icd10cm().values()].filter((x) => x.code.startsWith(k) && x.code.length === k.length + 1).slice(0, 12);
          out.push(`ICD-10-CM ${formatIcd(k, 10)}: ${e.long} (${e.billable ? "billable" : "header, not billable; use a more specific code"}).`);
          if (kids.length) out.push(`More specific codes: ${kids.map((x) => `${formatIcd(x.code, 10)} ${x.short}`).join("; ")}.`);
        } else {
          const parent = [k.slice(0, 4), k.slice(0, 3)].map((p) => icd10cm().get(p)).find(Boolean);
          throw new ToolError(`${code} is not in the CMS ICD-10-CM code set${parent ? `; its parent ${formatIcd(parent.code, 10)} is "${parent.long}"` : ""}.`);
        }
      }
    }
    if (search) {
      const words = search.toLowerCase().split(/\s+/).filter((w) => w.length > 1);
      const hits = [...icd10cm().values()].filter((e) => e.billable && words.every((w) => e.long.toLowerCase().includes(w)));
      hits.sort((a, b) => a.long.length - b.long.length || a.code.localeCompare(b.code));
      out.push(hits.length ? `Billable ICD-10-CM codes matching "${search}" (${hits.length}${hits.length > 15 ? ", first 15" : ""}):\n${hits.slice(0, 15).map((e) => `- ${formatIcd(e.code, 10)} ${e.long}`).join("\n")}` : `No billable ICD-10-CM title contains all of: ${words.join(", ")}.`);
    }
    return out.join("\n");
  },
});

export const mapIcd9ToIcd10 = defineTool({
  name: "map_icd9_to_icd10",
  description: "Translate an ICD-9-CM diagnosis code to ICD-10-CM with the CMS general equivalence mappings (GEMs), flagging approximate and combination maps.",
  kind: "read",
  parameters: z.object({ icd9_code: z.string().min(3).max(8).describe("ICD-9-CM diagnosis code with or without the dot, e.g. 428.0 or 4280") }),
  execute({ icd9_code }) {
    const k = normalizeIcd(icd9_code);
    const rows = icd9To10().get(k);
    if (!rows) throw new ToolError(`ICD-9-CM ${icd9_code} has no entry in the GEM file (check the code with lookup_icd_code version 9).`);
    const title = mimicDiagnosisTitles().get(`9|${k}`);
    const lines = rows.map((r) => {
      if (r.noMap) return "- no ICD-10-CM equivalent (NoDx)";
      const e = icd10cm().get(r.icd10);
      const flags = [r.approximate ? "approximate" : "exact", r.combination ? `combination scenario ${r.scenario}, choice list ${r.choiceList}` : ""].filter(Boolean).join(", ");
      return `- ${formatIcd(r.icd10, 10)} ${e ? e.long : "(not in the 2021 CMS code set)"} [${flags}${e ? `; ${e.billable ? "billable" : "header"}` : ""}]`;
    });
    return `ICD-9-CM ${formatIcd(k, 9)}${title ? ` (${title})` : ""} maps to:\n${lines.join("\n")}`;
  },
});

export const getLabResults = defineTool({
  name: "get_lab_results",
  description: "Overview of an admission's laboratory results: per analyte the number of results, first, last, minimum and maximum value, unit, reference range and abnormal count.",
  kind: "read",
  parameters: z.object({
    patient_id: patientId,
    hadm_id: hadmId,
    category: z.string().min(3).max(40).optional().describe("Only this lab category, e.g. Chemistry, Hematology, Blood Gas"),
  }),
  execute({ patient_id, hadm_id, category }, ctx: Ctx) {
    const c = mimicOf(ctx, patient_id, "Laboratory data");
    const a = admissionOf(c, hadm_id);
    const rows = a.labs.filter((l) => l.valuenum !== null && (!category || l.category.toLowerCase() === category.toLowerCase()));
    if (rows.length === 0) {
      const cats = [...new Set(a.labs.map((l) => l.category))].sort();
      return `No numeric lab results${category ? ` in category "${category}"` : ""} for admission ${a.hadmId}.${cats.length ? ` Categories present: ${cats.join(", ")}.` : ""}`;
    }
    const groups = new Map<number, LabEvent[]>();
    for (const l of rows) groups.set(l.itemid, [...(groups.get(l.itemid) ?? []), l]);
    const ordered = [...groups.values()].sort((p, q) => p[0]!.category.localeCompare(q[0]!.category) || p[0]!.label.localeCompare(q[0]!.label));
    const shown = ordered.slice(0, 60);
    const lines = shown.map((g) => {
      const f = g[0]!;
      const vals = g.map((l) => l.valuenum!);
      const ref = f.refLow !== null || f.refHigh !== null ? `, ref ${f.refLow ?? ""}-${f.refHigh ?? ""}` : "";
      return `${f.label} (${f.fluid}${f.unit ? `, ${f.unit}` : ""}${ref}): n=${g.length}; first ${f.valuenum} (${hm(f.charttime)}); last ${g[g.length - 1]!.valuenum}; min ${Math.min(...vals)}; max ${Math.max(...vals)}; abn ${g.filter(isOutOfRange).length}`;
    });
    const more = ordered.length > shown.length ? `\n... ${ordered.length - shown.length} more analytes; filter by category or use get_lab_trend.` : "";
    return `Lab results of admission ${a.hadmId} (${rows.length} numeric results, ${groups.size} analytes):\n${lines.join("\n")}${more}`;
  },
});

function resolveLab(a: MimicAdmission, lab: string): LabEvent[] {
  const key = lab.trim().toLowerCase().replace(/[\s-]+/g, "_");
  if (LAB_ITEMS[key]) return labSeries(a, key);
  const byLabel = a.labs.filter((l) => l.label.toLowerCase() === lab.trim().toLowerCase() && l.valuenum !== null);
  if (byLabel.length) {
    // Several fluids can share a label (blood vs urine creatinine); blood is the default.
    const blood = byLabel.filter((l) => l.fluid === "Blood");
    return blood.length ? blood : byLabel;
  }
  const labels = [...new Set(a.labs.map((l) => l.label))].filter((l) => l.toLowerCase().includes(lab.trim().toLowerCase())).slice(0, 8);
  throw new ToolError(
    `No results for "${lab}" in admission ${a.hadmId}. Use a lab name such as ${Object.keys(LAB_ITEMS).slice(0, 12).join(", ")}${labels.length ? `, or one of the labels charted here: ${labels.join(", ")}` : ""}.`,
  );
}

export const getLabTrend = defineTool({
  name: "get_lab_trend",
  description: "Time series of one analyte during an admission (all results in time order with flags and reference ranges), e.g. creatinine, potassium, lactate, hemoglobin.",
  kind: "read",
  parameters: z.object({
    patient_id: patientId,
    hadm_id: hadmId,
    lab: z.string().min(2).max(60).describe("Analyte: a name such as creatinine, potassium, sodium, lactate, hemoglobin, wbc, troponin_t, inr, or a charted lab label"),
  }),
  execute({ patient_id, hadm_id, lab }, ctx: Ctx) {
    const c = mimicOf(ctx, patient_id, "Laboratory data");
    const a = admissionOf(c, hadm_id);
    const series = resolveLab(a, lab);
    if (series.length === 0) return `${lab}: no results during admission ${a.hadmId}.`;
    const f = series[0]!;
    const vals = series.map((l) => l.valuenum!);
    const cap = TREND_CAP;
    const lines = series.slice(0, cap).map(labLine);
    return [
      `${f.label} (${f.fluid}, ${f.unit ?? "no unit"}) during admission ${a.hadmId}: ${series.length} results; min ${Math.min(...vals)}, max ${Math.max(...vals)}.`,
      ...lines,
      series.length > cap ? `... ${series.length - cap} later results not shown.` : "",
    ]
      .filter(Boolean)
      .join("\n");
  },
});

export const getVitalSigns = defineTool({
  name: "get_vital_signs",
  description: "Charted outpatient measurements (OMR): blood pressure, weight, height and BMI with dates. Inpatient bedside vitals are not part of this extract.",
  kind: "read",
  parameters: z.object({ patient_id: patientId, start_date: optionalDate("First date"), end_date: optionalDate("Last date") }),
  execute({ patient_id, start_date, end_date }, ctx: Ctx) {
    const c = chartOf(ctx, patient_id);
    if (c.source === "synthea") return `No vital-sign observations are recorded in ${c.patientId}'s Synthea extract (it carries no Observation resources).`;
    const rows = c.omr.filter((m) => withinDates(m.chartdate, start_date, end_date));
    if (rows.length === 0) return `No outpatient measurements for ${c.patientId}${start_date || end_date ? ` between ${start_date ?? "the start"} and ${end_date ?? "now"}` : ""}.`;
    const byDate = new Map<string, string[]>();
    for (const m of rows) byDate.set(m.chartdate, [...(byDate.get(m.chartdate) ?? []), `${m.name} ${m.value}`]);
    const lines = [...byDate].map(([d, xs]) => `${d}: ${xs.join("; ")}`);
    const cap = 60;
    return `Outpatient measurements of ${c.patientId} (${rows.length}, by date):\n${lines.slice(-cap).join("\n")}${lines.length > cap ? `\n(${lines.length - cap} earlier dates not shown; narrow the dates)` : ""}`;
  },
});

export const detectVitalAlerts = defineTool({
  name: "detect_vital_alerts",
  description: "Screen the outpatient measurements for alerts: blood pressure in the stage 2 (>= 140/90) or crisis (>= 180/120) range, BMI >= 40 or < 18.5, weight change of 5% or more within 6 months.",
  kind: "read",
  parameters: z.object({ patient_id: patientId, start_date: optionalDate("First date"), end_date: optionalDate("Last date") }),
  execute({ patient_id, start_date, end_date }, ctx: Ctx) {
    const c = chartOf(ctx, patient_id);
    if (c.source === "synthea") return `No vital-sign observations to screen in ${c.patientId}'s Synthea extract.`;
    const bp = bpReadings(c).filter((b) => withinDates(b.date, start_date, end_date));
    const bmi = omrNumeric(c, "BMI").filter((b) => withinDates(b.date, start_date, end_date));
    const wt = omrNumeric(c, "Weight (Lbs)").filter((b) => withinDates(b.date, start_date, end_date));
    const alerts: string[] = [];
    const crisis = bp.filter((b) => bpCategory(b) === "crisis");
    const stage2 = bp.filter((b) => bpCategory(b) === "stage 2");
    for (const b of crisis) alerts.push(`${b.date}: BP ${b.sbp}/${b.dbp} in the hypertensive crisis range (>= 180/120)`);
    for (const b of stage2) alerts.push(`${b.date}: BP ${b.sbp}/${b.dbp} in the stage 2 hypertension range (>= 140/90)`);
    for (const b of bmi) if (b.value >= 40 || b.value < 18.5) alerts.push(`${b.date}: BMI ${b.value} (${b.value >= 40 ? "class III obesity" : "underweight"})`);
    for (let i = 1; i < wt.length; i++) {
      const prev = wt.slice(0, i).filter((w) => mimicTime(wt[i]!.date) - mimicTime(w.date) <= 183 * DAY);
      if (prev.length === 0) continue;
      const ref = prev[0]!;
      const change = (wt[i]!.value - ref.value) / ref.value;
      if (Math.abs(change) >= 0.05) alerts.push(`${wt[i]!.date}: weight ${wt[i]!.value} lb, ${change > 0 ? "+" : ""}${round(change * 100, 1)}% since ${ref.date}`);
    }
    alerts.sort();
    const header = `Screened ${bp.length} BP, ${bmi.length} BMI and ${wt.length} weight measurements of ${c.patientId}${start_date || end_date ? ` (${start_date ?? "start"} to ${end_date ?? "end"})` : ""}. BP readings in the stage 2 range: ${stage2.length}; in the crisis range: ${crisis.length}.`;
    return alerts.length ? `${header}\nAlerts (${alerts.length}):\n${alerts.map((x) => `- ${x}`).join("\n")}` : `${header}\nNo alerts.`;
  },
});

export const getMedicationOrders = defineTool({
  name: "get_medication_orders",
  description: "Medication orders of an admission grouped by drug, dose and route (first start, last stop, number of orders); optional drug-class or name filter. Synthea: medication requests (all, or those of one encounter).",
  kind: "read",
  parameters: z.object({
    patient_id: patientId,
    hadm_id: hadmId.optional().describe("Admission (MIMIC, required) or encounter (Synthea, optional) id"),
    drug_class: z.enum(Object.keys(DRUG_CLASSES) as [string, ...string[]]).optional().describe("Only drugs of this class"),
    name_contains: z.string().min(2).max(40).optional().describe("Only drugs whose name contains this text"),
    for_condition: z.string().min(3).max(80).optional().describe("Synthea records: only requests whose stated reason contains this text"),
  }),
  execute({ patient_id, hadm_id, drug_class, name_contains, for_condition }, ctx: Ctx) {
    const c = chartOf(ctx, patient_id);
    const nameOk = (s: string) => !name_contains || s.toLowerCase().includes(name_contains.toLowerCase());
    if (c.source === "synthea") {
      if (drug_class) throw new ToolError("drug_class filtering is only available for hospital (MIMIC-IV) orders; use name_contains.");
      const reasonOk = (r: string | null) => !for_condition || (r ?? "").toLowerCase().includes(for_condition.toLowerCase());
      const meds = c.medications.filter((m) => (!hadm_id || m.encounterId === hadm_id.trim()) && nameOk(m.display) && reasonOk(m.reason));
      if (meds.length === 0) return `No medication requests${hadm_id ? ` at encounter ${hadm_id}` : ""}${name_contains ? ` matching "${name_contains}"` : ""}${for_condition ? ` for "${for_condition}"` : ""}.`;
      const cap = 40;
      const sorted = [...meds].sort((p, q) => (p.status === q.status ? q.authoredOn.localeCompare(p.authoredOn) : p.status === "active" ? -1 : q.status === "active" ? 1 : 0));
      return `Medication requests of ${c.patientId} (${meds.length}${meds.length > cap ? `, active first then most recent, first ${cap}` : ""}):\n${sorted
        .slice(0, cap)
        .map((m) => `- ${isoDay(m.authoredOn)} ${m.display} [RxNorm ${m.rxnorm}] status ${m.status}${m.reason ? `; for ${m.reason}` : ""}${m.dosage ? `; ${m.dosage}` : ""}`)
        .join("\n")}`;
    }
    if (!hadm_id) throw new ToolError("hadm_id is required for a hospital record; list admissions with get_admission_history.");
    if (for_condition) throw new ToolError("for_condition applies to Synthea medication requests; hospital orders carry no indication. Use drug_class or name_contains.");
    const a = admissionOf(c, hadm_id);
    const rx = a.prescriptions.filter((p) => (!drug_class || DRUG_CLASSES[drug_class]!(p)) && nameOk(p.drug) && p.drugType !== "BASE");
    if (rx.length === 0) return `No medication orders in admission ${a.hadmId}${drug_class ? ` of class ${drug_class}` : ""}${name_contains ? ` matching "${name_contains}"` : ""}.`;
    const groups = new Map<string, typeof rx>();
    for (const p of rx) {
      const k = `${p.drug}|${p.dose ?? ""}|${p.doseUnit ?? ""}|${p.route ?? ""}`;
      groups.set(k, [...(groups.get(k) ?? []), p]);
    }
    const lines = [...groups.values()]
      .map((g) => {
        const p = g[0]!;
        const starts = g.map((x) => x.starttime).filter((x): x is string => !!x).sort();
        const stops = g.map((x) => x.stoptime).filter((x): x is string => !!x).sort();
        const dose = `${p.dose ?? "-"}${p.doseUnit ? ` ${p.doseUnit}` : ""}`;
        // Orders without a start time sort last: they cannot be "first".
        return { first: starts[0] ?? "9999", text: `${p.drug} | ${dose} | ${p.route ?? "-"} | ${p.dosesPer24h ? `${p.dosesPer24h}x/24h` : "-"} | first start ${hm(starts[0] ?? null)} | last stop ${hm(stops[stops.length - 1] ?? null)} | ${g.length} order${g.length > 1 ? "s" : ""}` };
      })
      .sort((p, q) => p.first.localeCompare(q.first) || p.text.localeCompare(q.text));
    const cap = 60;
    return `Medication orders of admission ${a.hadmId}${drug_class ? ` (class ${drug_class})` : ""} (${rx.length} orders, ${lines.length} distinct, by first start):\n${lines
      .slice(0, cap)
      .map((l) => `- ${l.text}`)
      .join("\n")}${lines.length > cap ? `\n... ${lines.length - cap} more; filter by drug_class or name_contains.` : ""}`;
  },
});

export const getProcedures = defineTool({
  name: "get_procedures",
  description: "Procedures of an admission: ICD-coded procedures in sequence (with dates) and ICU procedure events (lines, ventilation, imaging). Synthea: procedures at one encounter.",
  kind: "read",
  parameters: z.object({ patient_id: patientId, hadm_id: hadmId }),
  execute({ patient_id, hadm_id }, ctx: Ctx) {
    const c = chartOf(ctx, patient_id);
    if (c.source === "synthea") {
      const e = encounterOf(c, hadm_id);
      const ps = c.procedures.filter((p) => p.encounterId === e.id);
      return ps.length ? `Procedures at encounter ${e.id} (SNOMED CT):\n${ps.map((p) => `- ${hm(p.start)} ${p.display} [${p.code}]${p.reason ? `; for ${p.reason}` : ""}`).join("\n")}` : `No procedures at encounter ${e.id}.`;
    }
    const a = admissionOf(c, hadm_id);
    const coded = a.procedures.map((p) => `${p.seq}. ${p.chartdate} ${p.version === 9 ? "ICD-9-CM (vol. 3)" : "ICD-10-PCS"} ${p.code} - ${p.title}`);
    const icu = a.icuProcedures.map((p) => {
      const dur = p.endtime ? ` for ${fmtNum(round((mimicTime(p.endtime) - mimicTime(p.starttime)) / HOUR, 1))} h` : "";
      return `- ${hm(p.starttime)} ${p.label} (${p.category})${dur}`;
    });
    return [
      `Coded procedures of admission ${a.hadmId}: ${coded.length ? `\n${coded.join("\n")}` : "none"}`,
      `ICU procedure events: ${icu.length ? `\n${icu.slice(0, 40).join("\n")}${icu.length > 40 ? `\n... ${icu.length - 40} more` : ""}` : "none"}`,
    ].join("\n");
  },
});

export const getIcuStays = defineTool({
  name: "get_icu_stays",
  description: "ICU stays of an admission: stay id, first and last care unit, in and out times, length of stay in days.",
  kind: "read",
  parameters: z.object({ patient_id: patientId, hadm_id: hadmId }),
  execute({ patient_id, hadm_id }, ctx: Ctx) {
    const a = admissionOf(mimicOf(ctx, patient_id, "ICU data"), hadm_id);
    if (a.icuStays.length === 0) return `Admission ${a.hadmId} has no ICU stay.`;
    const total = a.icuStays.reduce((s, x) => s + (x.losDays ?? 0), 0);
    return `ICU stays of admission ${a.hadmId} (${a.icuStays.length}; total ${fmtNum(round(total, 2))} ICU days):\n${a.icuStays
      .map((s, i) => `${i + 1}. stay ${s.stayId}: ${s.firstCareunit}${s.lastCareunit !== s.firstCareunit ? ` -> ${s.lastCareunit}` : ""}, in ${hm(s.intime)}, out ${hm(s.outtime)}, ${s.losDays === null ? "?" : fmtNum(round(s.losDays, 2))} d`)
      .join("\n")}`;
  },
});

export const getMicrobiologyResults = defineTool({
  name: "get_microbiology_results",
  description: "Cultures and other microbiology tests of an admission: specimen, test, organism isolated and antibiotic susceptibilities.",
  kind: "read",
  parameters: z.object({ patient_id: patientId, hadm_id: hadmId }),
  execute({ patient_id, hadm_id }, ctx: Ctx) {
    const a = admissionOf(mimicOf(ctx, patient_id, "Microbiology"), hadm_id);
    if (a.micro.length === 0) return `No microbiology specimens in admission ${a.hadmId}.`;
    const tests = new Map<string, { time: string; specimen: string; test: string; orgs: Map<string, string[]>; comment: string | null }>();
    for (const m of a.micro) {
      const k = `${m.charttime ?? m.chartdate}|${m.specimen}|${m.test}`;
      const t = tests.get(k) ?? { time: m.charttime ?? m.chartdate, specimen: m.specimen, test: m.test, orgs: new Map(), comment: m.comments };
      if (m.organism) {
        const s = t.orgs.get(m.organism) ?? [];
        if (m.antibiotic) s.push(`${m.antibiotic} ${m.interpretation ?? "?"}`);
        t.orgs.set(m.organism, s);
      }
      tests.set(k, t);
    }
    const lines = [...tests.values()].map((t) => {
      const orgs = [...t.orgs].map(([o, s]) => `${o}${s.length ? ` (susceptibilities: ${s.join(", ")})` : ""}`);
      return `- ${hm(t.time)} ${t.specimen}, ${t.test}: ${orgs.length ? `GROWTH ${orgs.join("; ")}` : (t.comment ?? "no growth reported").slice(0, 100)}`;
    });
    const cap = 40;
    return `Microbiology of admission ${a.hadmId} (${tests.size} tests):\n${lines.slice(0, cap).join("\n")}${lines.length > cap ? `\n... ${lines.length - cap} more` : ""}`;
  },
});

export const getNursingAssessments = defineTool({
  name: "get_nursing_assessments",
  description: "Nursing documentation of an admission: ICU outputs (urine by 24-hour block from ICU admission, drains) and nursing care orders (restraints, urinary catheters, wound care, monitoring).",
  kind: "read",
  parameters: z.object({ patient_id: patientId, hadm_id: hadmId }),
  execute({ patient_id, hadm_id }, ctx: Ctx) {
    const a = admissionOf(mimicOf(ctx, patient_id, "Nursing documentation"), hadm_id);
    const out: string[] = [`Nursing documentation of admission ${a.hadmId}:`];
    for (const s of a.icuStays) {
      const t0 = mimicTime(s.intime);
      const rows = a.icuOutputs.filter((o) => o.stayId === s.stayId);
      const urine = rows.filter(isUrine);
      const blocks = new Map<number, number>();
      for (const o of urine) {
        const b = Math.floor((mimicTime(o.charttime) - t0) / DAY);
        blocks.set(b, (blocks.get(b) ?? 0) + o.valueMl);
      }
      const other = new Map<string, number>();
      for (const o of rows.filter((r) => !isUrine(r))) other.set(o.label, (other.get(o.label) ?? 0) + o.valueMl);
      const blockText = [...blocks].sort((p, q) => p[0] - q[0]).slice(0, 10).map(([b, v]) => `ICU hours ${b * 24}-${b * 24 + 24}: ${fmtNum(round(v, 1))} mL`);
      out.push(
        `ICU stay ${s.stayId} (${s.firstCareunit}, from ${hm(s.intime)}): urine output ${blockText.length ? blockText.join("; ") : "not charted"}.${other.size ? ` Other outputs (stay total): ${[...other].map(([k, v]) => `${k} ${fmtNum(round(v, 1))} mL`).join(", ")}.` : ""}`,
      );
    }
    if (a.icuStays.length === 0) out.push("No ICU stay: no intake/output charting in this extract.");
    const kinds = ["Tubes/Drains", "Restraints", "Vitals/Monitoring", "Wound Care", "Activity", "Therapeutic devices/DVT/Prophylaxis"];
    for (const k of kinds) {
      const os = generalCareOrders(a, k);
      if (!os.length) continue;
      const details = [...new Set(os.map((o) => Object.values(o.details).join(" ").trim()).filter(Boolean))].slice(0, 4);
      out.push(`${k} orders: ${os.length} (first ${hm(os[0]!.ordertime)})${details.length ? `; ${details.join("; ")}` : ""}.`);
    }
    return out.join("\n");
  },
});

/** The first result of each analyte within `hours` of admission (what an admission score uses). */
function admissionValue(a: MimicAdmission, analyte: string, hours = 24): LabEvent | undefined {
  const t0 = mimicTime(a.admittime);
  const first = labSeries(a, analyte)[0];
  return first && mimicTime(first.charttime) - t0 <= hours * HOUR ? first : undefined;
}

export const getClinicalScores = defineTool({
  name: "get_clinical_scores",
  description: "Scores computed from the first laboratory results of an admission (within 24 h of admission): eGFR (CKD-EPI 2021), anion gap, MELD-Na when bilirubin, INR, creatinine and sodium are all available. Shows the inputs used.",
  kind: "read",
  parameters: z.object({ patient_id: patientId, hadm_id: hadmId }),
  execute({ patient_id, hadm_id }, ctx: Ctx) {
    const c = mimicOf(ctx, patient_id, "Admission scores");
    const a = admissionOf(c, hadm_id);
    const age = ageAtAdmission(c, a);
    const v = (k: string) => admissionValue(a, k);
    const cr = v("creatinine"), na = v("sodium"), cl = v("chloride"), hco3 = v("bicarbonate"), bili = v("total_bilirubin"), inr = v("inr");
    const out = [`Admission scores for ${a.hadmId} (first results within 24 h of admission; age ${age}, ${c.sex}):`];
    if (cr) {
      const r = getCalculator("ckd_epi_2021").compute({ sex: c.sex, ageYears: age, creatinineMgDl: cr.valuenum! });
      out.push(`- eGFR (CKD-EPI 2021): ${round(Number(r.value), 1)} mL/min/1.73 m2 (creatinine ${cr.valuenum} mg/dL at ${hm(cr.charttime)})`);
    } else out.push("- eGFR: no creatinine within 24 h of admission");
    if (na && cl && hco3) {
      const r = getCalculator("anion_gap").compute({ sodiumMmolL: na.valuenum!, chlorideMmolL: cl.valuenum!, bicarbonateMmolL: hco3.valuenum! });
      out.push(`- Anion gap: ${r.value} mEq/L (Na ${na.valuenum}, Cl ${cl.valuenum}, HCO3 ${hco3.valuenum})`);
    } else out.push("- Anion gap: sodium, chloride or bicarbonate missing within 24 h");
    if (cr && na && bili && inr) {
      const r = getCalculator("meld_na").compute({ creatinineMgDl: cr.valuenum!, bilirubinMgDl: bili.valuenum!, inr: inr.valuenum!, sodiumMmolL: na.valuenum! });
      out.push(`- MELD-Na: ${r.value} (creatinine ${cr.valuenum}, bilirubin ${bili.valuenum}, INR ${inr.valuenum}, sodium ${na.valuenum})`);
    } else out.push("- MELD-Na: not computable (needs bilirubin, INR, creatinine and sodium within 24 h)");
    return out.join("\n");
  },
});

export const getComorbidityProfile = defineTool({
  name: "get_comorbidity_profile",
  description: "Charlson comorbidity categories found in an admission's ICD codes (Quan 2005 coding algorithms), the codes behind each, and the comorbidity points without the age component.",
  kind: "read",
  parameters: z.object({ patient_id: patientId, hadm_id: hadmId }),
  execute({ patient_id, hadm_id }, ctx: Ctx) {
    const c = mimicOf(ctx, patient_id, "Coded comorbidities");
    const a = admissionOf(c, hadm_id);
    const p = comorbidityProfile(a.diagnoses);
    if (p.categories.size === 0) return `No Charlson comorbidity among the ${a.diagnoses.length} codes of admission ${a.hadmId}. Comorbidity points (without age): 0.`;
    const lines = [...p.categories].map(([cat, ds]) => {
      const superseded = !p.effective.includes(cat);
      return `- ${CHARLSON_LABEL[cat]} (${CHARLSON_WEIGHT[cat]} pt${CHARLSON_WEIGHT[cat] > 1 ? "s" : ""})${superseded ? " [superseded by the more severe form]" : ""}: ${ds.map((d) => formatIcd(d.code, d.version)).join(", ")}`;
    });
    return `Charlson comorbidities in admission ${a.hadmId} (Quan 2005):\n${lines.join("\n")}\nComorbidity points (without age): ${p.points}.`;
  },
});

export const getQualityIndicators = defineTool({
  name: "get_quality_indicators",
  description: "Inpatient quality indicators of an admission: pharmacologic VTE prophylaxis, time to first antibiotic, cultures before antibiotics, urinary catheter and restraint orders, code status documentation, ICU use and in-hospital death.",
  kind: "read",
  parameters: z.object({ patient_id: patientId, hadm_id: hadmId }),
  execute({ patient_id, hadm_id }, ctx: Ctx) {
    const c = mimicOf(ctx, patient_id, "Quality indicators");
    const a = admissionOf(c, hadm_id);
    const t0 = mimicTime(a.admittime);
    const withStart = (p: { starttime: string | null }) => p.starttime !== null;
    const vte = a.prescriptions.filter(isVteProphylaxis).filter(withStart).sort((p, q) => p.starttime!.localeCompare(q.starttime!))[0];
    const abx = a.prescriptions.filter(isSystemicAntibacterial).filter(withStart).sort((p, q) => p.starttime!.localeCompare(q.starttime!))[0];
    const blood = a.micro.filter((m) => /BLOOD CULTURE/i.test(m.specimen)).map((m) => m.charttime ?? m.chartdate).sort()[0];
    const cs = codeStatusOrders(a);
    const foley = generalCareOrders(a, "Tubes/Drains").filter((o) => /urinary catheter|foley/i.test(Object.values(o.details).join(" ")));
    const restraints = generalCareOrders(a, "Restraints");
    const h = (t: string) => fmtNum(round((mimicTime(t) - t0) / HOUR, 1));
    return [
      `Quality indicators for admission ${a.hadmId}:`,
      `- Pharmacologic VTE prophylaxis: ${vte ? `${vte.drug} | ${vte.dose ?? "-"} ${vte.doseUnit ?? ""} ${vte.route} | first ordered ${hm(vte.starttime)} (${h(vte.starttime!)} h after admission)` : "none ordered"}`,
      `- First systemic antibiotic: ${abx ? `${abx.drug} at ${hm(abx.starttime)} (${h(abx.starttime!)} h after admission)` : "none"}`,
      `- Blood culture: ${blood ? `first drawn ${hm(blood)}${abx ? (blood <= abx.starttime! ? " (before the first antibiotic)" : " (after the first antibiotic)") : ""}` : "none"}`,
      `- Code status documented: ${cs.length ? `yes, first ${hm(cs[0]!.time)} (${h(cs[0]!.time)} h after admission)` : "no"}`,
      `- Indwelling urinary catheter orders: ${foley.length}; restraint orders: ${restraints.length}`,
      `- ICU stay: ${a.icuStays.length ? "yes" : "no"}; in-hospital death: ${a.expired ? "yes" : "no"}`,
    ].join("\n");
  },
});

export const getDischargeSummary = defineTool({
  name: "get_discharge_summary",
  description: "Discharge summary. Hospital records: assembled from the coded record (dates, services, principal and secondary diagnoses, procedures, ICU course, DRG, disposition). Synthea: the clinical note of the encounter.",
  kind: "read",
  parameters: z.object({ patient_id: patientId, hadm_id: hadmId }),
  execute({ patient_id, hadm_id }, ctx: Ctx) {
    const c = chartOf(ctx, patient_id);
    if (c.source === "synthea") {
      const e = encounterOf(c, hadm_id);
      const n = c.notes.find((x) => x.encounterId === e.id);
      return n ? `${n.type} (${hm(n.date)}), encounter ${e.id}:\n${n.text.slice(0, 2500)}${n.text.length > 2500 ? "\n[note truncated]" : ""}` : `No note filed for encounter ${e.id}.`;
    }
    const a = admissionOf(c, hadm_id);
    const p = principalDiagnosis(a);
    const secondary = a.diagnoses.filter((d) => d !== p).slice(0, 12);
    const drg = a.drg.find((d) => d.type === "APR") ?? a.drg[0];
    return [
      `DISCHARGE SUMMARY - admission ${a.hadmId}, patient ${c.patientId} (${c.sex}, ${ageAtAdmission(c, a)} y)`,
      `Admitted ${hm(a.admittime)} (${a.admissionType}); discharged ${hm(a.dischtime)}; length of stay ${fmtNum(round(losDays(a), 1))} d.`,
      `Service(s): ${a.services.map((s) => s.currService).join(", ") || "-"}.`,
      `Principal diagnosis: ${p ? `${p.title} (ICD-${p.version} ${formatIcd(p.code, p.version)})` : "not coded"}.`,
      `Secondary diagnoses: ${secondary.length ? secondary.map((d) => d.title).join("; ") : "none"}${a.diagnoses.length - 1 > secondary.length ? `; +${a.diagnoses.length - 1 - secondary.length} more` : ""}.`,
      `Procedures: ${a.procedures.length ? a.procedures.map((x) => x.title).join("; ") : "none"}.`,
      `ICU course: ${a.icuStays.length ? a.icuStays.map((s) => `${s.firstCareunit} ${s.losDays === null ? "" : `${fmtNum(round(s.losDays, 1))} d`}`).join(", ") : "none"}.`,
      drg ? `DRG (${drg.type}) ${drg.code}: ${drg.description}.` : "DRG: not assigned.",
      `Discharge disposition: ${a.dischargeLocation ?? (a.expired ? "DIED" : "not recorded")}${a.expired ? ` (died ${hm(a.deathtime)})` : ""}.`,
    ].join("\n");
  },
});

export const getCodeStatus = defineTool({
  name: "get_code_status",
  description: "Code status (resuscitation preference) orders of an admission, oldest first; the latest one is in force.",
  kind: "read",
  parameters: z.object({ patient_id: patientId, hadm_id: hadmId }),
  execute({ patient_id, hadm_id }, ctx: Ctx) {
    const a = admissionOf(mimicOf(ctx, patient_id, "Code status"), hadm_id);
    const cs = codeStatusOrders(a);
    if (cs.length === 0) return `No code status order in admission ${a.hadmId}.`;
    return `Code status orders of admission ${a.hadmId} (${cs.length}):\n${cs.map((x) => `- ${hm(x.time)}: ${x.raw} [${x.label}]`).join("\n")}\nIn force at discharge: ${cs[cs.length - 1]!.label}.`;
  },
});

export const checkAllergies = defineTool({
  name: "check_allergies",
  description: "Recorded allergies and intolerances (substance, category, criticality, reactions); with `drug`, also whether that drug conflicts with a recorded allergy.",
  kind: "read",
  parameters: z.object({ patient_id: patientId, drug: z.string().min(2).max(160).optional().describe("A drug (or the full order text) to check against the allergy list") }),
  execute({ patient_id, drug }, ctx: Ctx) {
    const c = chartOf(ctx, patient_id);
    if (c.source === "mimic") return `The MIMIC-IV demo extract carries no allergy list for ${c.patientId}; confirm allergies with the patient or pharmacy before ordering.`;
    const list = c.allergies.length
      ? c.allergies.map((x) => `- ${x.substance} (${x.category}${x.criticality ? `, criticality ${x.criticality}` : ""}, ${x.clinicalStatus}, recorded ${isoDay(x.recorded)})${x.reactions.length ? `: ${x.reactions.join(", ")}` : ""}`).join("\n")
      : "No known allergies.";
    let check = "";
    if (drug) {
      const f = medicationSafetyFindings(ctx.state, null, drug).filter((x) => x.code === "allergy_conflict");
      check = `\nCheck for ${drug}: ${f.length ? f.map((x) => x.detail).join(" ") : "no conflict with a recorded allergy."}`;
    }
    return `Allergies of ${c.patientId} (${c.allergies.length}):\n${list}${check}`;
  },
});

export const getImmunizations = defineTool({
  name: "get_immunizations",
  description: "Immunization history (vaccine, CVX code, date), optionally filtered by vaccine name.",
  kind: "read",
  parameters: z.object({ patient_id: patientId, vaccine: z.string().min(2).max(160).optional().describe("Only vaccines whose name contains this text, e.g. influenza, Td, HPV") }),
  execute({ patient_id, vaccine }, ctx: Ctx) {
    const c = chartOf(ctx, patient_id);
    if (c.source === "mimic") return `No immunization records in the MIMIC-IV demo extract for ${c.patientId}.`;
    const xs = c.immunizations.filter((x) => !vaccine || x.display.toLowerCase().includes(vaccine.toLowerCase()));
    if (xs.length === 0) return `No immunizations${vaccine ? ` matching "${vaccine}"` : ""} for ${c.patientId}.`;
    return `Immunizations of ${c.patientId}${vaccine ? ` matching "${vaccine}"` : ""} (${xs.length}, oldest first):\n${xs.map((x) => `- ${isoDay(x.date)} ${x.display} [CVX ${x.cvx}]`).join("\n")}`;
  },
});

export const getProblemList = defineTool({
  name: "get_problem_list",
  description: "Problem list: recorded conditions with SNOMED CT codes, clinical status, onset and resolution dates. Hospital records: the diagnoses coded across all admissions.",
  kind: "read",
  parameters: z.object({
    patient_id: patientId,
    status: z.enum(["active", "resolved", "all"]).optional().describe("Which conditions to list (default all)"),
    contains: z.string().min(2).max(60).optional().describe("Only conditions whose name contains this text"),
  }),
  execute({ patient_id, status, contains }, ctx: Ctx) {
    const c = chartOf(ctx, patient_id);
    const match = (s: string) => !contains || s.toLowerCase().includes(contains.toLowerCase());
    if (c.source === "mimic") {
      const seen = new Map<string, string>();
      for (const a of c.admissions) for (const d of a.diagnoses) if (match(d.title)) seen.set(`${d.title}`, `${d.title} (ICD-${d.version} ${formatIcd(d.code, d.version)}), first coded ${isoDay(a.admittime)}`);
      if (seen.size === 0) return `No coded problems${contains ? ` matching "${contains}"` : ""} for ${c.patientId}.`;
      const xs = [...seen.values()];
      return `Problems coded across ${c.admissions.length} admissions of ${c.patientId} (${xs.length}):\n${xs.slice(0, 60).map((x) => `- ${x}`).join("\n")}${xs.length > 60 ? `\n... ${xs.length - 60} more; use contains.` : ""}`;
    }
    const want = status ?? "all";
    const xs = c.conditions.filter((x) => (want === "all" || x.clinicalStatus === want) && match(x.display));
    if (xs.length === 0) return `No ${want === "all" ? "" : `${want} `}conditions${contains ? ` matching "${contains}"` : ""} for ${c.patientId}.`;
    const cap = 60;
    return `Conditions of ${c.patientId} (${xs.length}${want === "all" ? "" : `, ${want}`}, by onset):\n${xs
      .slice(0, cap)
      .map((x) => `- ${isoDay(x.onset)} ${x.display} [SNOMED ${x.code}] ${x.clinicalStatus}${x.abatement ? `, resolved ${isoDay(x.abatement)}` : ""}`)
      .join("\n")}${xs.length > cap ? `\n... ${xs.length - cap} more; use contains or status.` : ""}`;
  },
});

export const getEncounterHistory = defineTool({
  name: "get_encounter_history",
  description: "All encounters of a Synthea record (ambulatory, emergency, inpatient, home health, virtual) with ids, dates, types and reasons; filter by class or year.",
  kind: "read",
  parameters: z.object({
    patient_id: patientId,
    encounter_class: z.enum(["AMB", "EMER", "IMP", "HH", "VR"]).optional().describe("AMB ambulatory, EMER emergency, IMP inpatient, HH home health, VR virtual"),
    year: z.number().int().min(1900).max(2100).optional().describe("Only encounters starting in this calendar year"),
  }),
  execute({ patient_id, encounter_class, year }, ctx: Ctx) {
    const c = chartOf(ctx, patient_id);
    if (c.source === "mimic") throw new ToolError("Hospital (MIMIC-IV) records list admissions, not encounters: use get_admission_history.");
    const xs = c.encounters.filter((e) => (!encounter_class || e.class === encounter_class) && (!year || e.start.startsWith(String(year))));
    if (xs.length === 0) return `No ${encounter_class ?? ""} encounters${year ? ` in ${year}` : ""} for ${c.patientId}.`.replace("  ", " ");
    const cap = 50;
    const shown = xs.length > cap ? xs.slice(-cap) : xs;
    return `Encounters of ${c.patientId}${encounter_class ? ` (class ${encounter_class})` : ""}${year ? ` in ${year}` : ""}: ${xs.length}${xs.length > cap ? ` (most recent ${cap} shown)` : ""}\n${shown
      .map((e) => `- ${isoDay(e.start)} ${e.class} ${e.type}${e.reason ? ` (reason: ${e.reason})` : ""} [${e.id}]`)
      .join("\n")}`;
  },
});

export const getClinicalNotes = defineTool({
  name: "get_clinical_notes",
  description: "Clinical notes of a Synthea record: list note dates and types, or read the note of one encounter or date.",
  kind: "read",
  parameters: z.object({
    patient_id: patientId,
    encounter_id: z.string().min(1).max(64).optional().describe("Read the note of this encounter"),
    date: optionalDate("Read the note(s) written on this date"),
  }),
  execute({ patient_id, encounter_id, date }, ctx: Ctx) {
    const c = chartOf(ctx, patient_id);
    if (c.source === "mimic") return `The MIMIC-IV demo has no free-text notes for ${c.patientId}; use get_discharge_summary for the structured summary.`;
    const xs = c.notes.filter((n) => (!encounter_id || n.encounterId === encounter_id.trim()) && (!date || n.date.startsWith(date)));
    if (!encounter_id && !date) {
      return `Notes of ${c.patientId} (${c.notes.length}, most recent 30): ${c.notes
        .slice(-30)
        .map((n) => `${isoDay(n.date)} [${n.encounterId}]`)
        .join("; ")}. Read one with encounter_id or date.`;
    }
    if (xs.length === 0) return `No note${encounter_id ? ` for encounter ${encounter_id}` : ""}${date ? ` on ${date}` : ""}.`;
    return xs
      .slice(0, 2)
      .map((n) => `${n.type} (${hm(n.date)}), encounter ${n.encounterId}:\n${n.text.slice(0, 2500)}${n.text.length > 2500 ? "\n[note truncated]" : ""}`)
      .join("\n\n");
  },
});

// ------------------------------------------------------------------ calculators

export const calculateTimeInterval = defineTool({
  name: "calculate_time_interval",
  description: "Elapsed time between two timestamps (e.g. discharge to readmission, admission to first dose) in hours and days.",
  kind: "read",
  category: "calculator",
  parameters: z.object({
    start: z.string().min(10).max(40).describe("Earlier time: YYYY-MM-DD HH:MM (record time) or ISO 8601"),
    end: z.string().min(10).max(40).describe("Later time, same formats"),
  }),
  execute({ start, end }) {
    const ms = parseTimestamp(end) - parseTimestamp(start);
    const sign = ms < 0 ? " (end is before start)" : "";
    return `From ${start} to ${end}: ${fmtNum(round(ms / HOUR, 2))} hours = ${fmtNum(round(ms / DAY, 2))} days${sign}.`;
  },
});

export const stageAkiKdigo = defineTool({
  name: "stage_aki_kdigo",
  description:
    "KDIGO acute kidney injury stage from serum creatinine values: AKI when a value is >= 0.3 mg/dL above the lowest of the previous 48 h or >= 1.5x the lowest of the previous 7 days; stage by the ratio to that baseline (2.0-2.9x stage 2; >= 3x or >= 4.0 mg/dL stage 3).",
  kind: "read",
  category: "calculator",
  parameters: z.object({
    creatinine_values: z
      .array(
        z.object({
          time: z.string().min(10).max(40).describe("Result time, YYYY-MM-DD HH:MM"),
          value_mg_dl: z.number().positive().max(30).describe("Serum creatinine, mg/dL"),
        }),
      )
      .min(2)
      .max(400)
      .describe("Every creatinine result of the period, any order"),
  }),
  execute({ creatinine_values }) {
    for (const v of creatinine_values) parseTimestamp(v.time);
    const r = kdigoStage(creatinine_values.map((v) => ({ time: v.time, value: v.value_mg_dl })));
    if (r.stage === 0) return `KDIGO (creatinine criteria): no AKI across ${creatinine_values.length} values. Result: ${AKI_LABEL[0]}.`;
    const w = r.worst!;
    return `KDIGO (creatinine criteria): AKI first met at ${r.onset}. Worst: ${w.value} mg/dL at ${w.time}, ${fmtNum(round(w.value / w.baseline7d, 2))}x the 7-day baseline ${w.baseline7d} (rise ${fmtNum(round(w.value - w.min48h, 2))} mg/dL over the 48-h minimum). Result: ${AKI_LABEL[r.stage]}.`;
  },
});

export const calculateReadmissionRisk = defineTool({
  name: "calculate_readmission_risk",
  description: "LACE index for 30-day readmission or death: Length of stay, Acuity of admission, Charlson comorbidity points, Emergency department visits in the previous 6 months. >= 10 is high risk.",
  kind: "read",
  category: "calculator",
  parameters: z.object({
    length_of_stay_days: z.number().min(0).max(365).describe("Length of stay in calendar days (admission date to discharge date)"),
    unplanned_admission: z.boolean().describe("true for an acute/emergent (unplanned) admission"),
    charlson_comorbidity_points: z.number().int().min(0).max(40).describe("Charlson comorbidity points without the age component"),
    ed_visits_prior_6_months: z.number().int().min(0).max(100).describe("Emergency department visits in the 6 months before this admission"),
  }),
  execute(a) {
    const r = lace({ losDays: a.length_of_stay_days, unplanned: a.unplanned_admission, charlson: a.charlson_comorbidity_points, edVisits: a.ed_visits_prior_6_months });
    return `LACE index ${r.score} (L ${r.parts.L} + A ${r.parts.A} + C ${r.parts.C} + E ${r.parts.E}): ${r.risk} risk of 30-day readmission or death${r.risk === "high" ? "; arrange early follow-up (within 7 days) and transitional care" : ""}.`;
  },
});

// ------------------------------------------------------------------ write tools

const encounterArg = z.string().min(1).max(64).optional().describe("Admission or encounter id the entry belongs to");

export const writeClinicalNote = defineTool({
  name: "write_clinical_note",
  description: "File a note in the patient's record (chart review, progress, discharge, care-coordination note).",
  kind: "write",
  parameters: z.object({
    patient_id: patientId,
    hadm_id: encounterArg,
    note_type: z.enum(["chart_review", "progress", "discharge", "care_coordination", "quality_review"]).describe("Kind of note"),
    text: z.string().min(10).max(4000).describe("The note text"),
  }),
  execute({ patient_id, hadm_id, note_type, text }, ctx: Ctx) {
    const c = chartOf(ctx, patient_id);
    if (hadm_id) checkEncounter(c, hadm_id);
    ctx.state.notes.push({ patientId: c.patientId, encounterId: hadm_id ?? null, noteType: note_type, text, turn: ctx.turn });
    ctx.record({ type: "note", code: `note_${note_type}`, detail: `${c.patientId}${hadm_id ? `/${hadm_id}` : ""}: ${text.slice(0, 80)}` });
    return `${note_type.replace("_", " ")} note filed for ${c.patientId}${hadm_id ? ` (${hadm_id})` : ""}; ${ctx.state.notes.length} note(s) filed this session.`;
  },
});

function checkEncounter(c: Chart, id: string): void {
  if (c.source === "mimic") admissionOf(c, id);
  else encounterOf(c, id);
}

export const placeOrder = defineTool({
  name: "place_order",
  description: "Place an order: lab, imaging, medication, nursing, diet or a follow-up appointment. Medication orders are checked against allergies, potassium and kidney function.",
  kind: "write",
  parameters: z.object({
    patient_id: patientId,
    hadm_id: encounterArg,
    category: z.enum(["lab", "imaging", "medication", "nursing", "diet", "follow_up"]).describe("Order category"),
    item: z.string().min(2).max(120).describe("What is ordered, e.g. 'basic metabolic panel', 'potassium chloride 20 mEq PO', 'primary care follow-up within 7 days'"),
    details: z.string().max(500).optional().describe("Dose, timing, indication or instructions"),
    priority: z.enum(["routine", "urgent", "stat"]).describe("Order priority"),
  }),
  execute({ patient_id, hadm_id, category, item, details, priority }, ctx: Ctx) {
    const c = chartOf(ctx, patient_id);
    if (hadm_id) checkEncounter(c, hadm_id);
    const warnings: string[] = [];
    if (category === "medication") {
      for (const f of medicationSafetyFindings(ctx.state, hadm_id ?? null, item)) {
        ctx.record({ type: "safety", code: f.code, severity: f.severity, detail: f.detail });
        warnings.push(`WARNING (${f.severity}): ${f.detail}`);
      }
    }
    ctx.state.orders.push({ patientId: c.patientId, encounterId: hadm_id ?? null, category, item, details: details ?? "", priority, turn: ctx.turn });
    ctx.record({ type: "order", code: `order_${category}`, detail: `${c.patientId}: ${item.slice(0, 80)} (${priority})` });
    return [`Order placed for ${c.patientId}: [${category}, ${priority}] ${item}${details ? ` - ${details}` : ""}.`, ...warnings].join("\n");
  },
});

export const requestConsult = defineTool({
  name: "request_consult",
  description: "Request a consult from another service (e.g. nephrology, case management, social work, pharmacy, palliative care).",
  kind: "write",
  parameters: z.object({
    patient_id: patientId,
    hadm_id: encounterArg,
    service: z.string().min(3).max(60).describe("Consulting service, e.g. nephrology, case management"),
    reason: z.string().min(5).max(500).describe("Question for the consultant"),
    urgency: z.enum(["routine", "urgent", "emergent"]).describe("How soon the consult is needed"),
  }),
  execute({ patient_id, hadm_id, service, reason, urgency }, ctx: Ctx) {
    const c = chartOf(ctx, patient_id);
    if (hadm_id) checkEncounter(c, hadm_id);
    ctx.state.consults.push({ patientId: c.patientId, encounterId: hadm_id ?? null, service, reason, urgency, turn: ctx.turn });
    ctx.record({ type: "referral", code: `consult_${service.toLowerCase().replace(/[^a-z]+/g, "_")}`, detail: `${c.patientId}: ${reason.slice(0, 80)} (${urgency})` });
    return `${urgency} ${service} consult requested for ${c.patientId}.`;
  },
});

export const submitAnswer = defineTool({
  name: "submit_answer",
  description: "Submit the final answer to the ticket's question. Ends the episode.",
  kind: "terminal",
  parameters: z.object({
    answer: z.string().min(1).max(200).describe("Only the requested value: a number without units, an ICD-10-CM code, an id, a name as charted, a date (YYYY-MM-DD), or 'none'"),
    rationale: z.string().max(2000).optional().describe("Brief justification"),
  }),
  execute({ answer }, ctx: Ctx) {
    ctx.submit(answer.trim());
    return `Answer submitted: ${answer.trim()}.`;
  },
});

export const EHR_TOOLS: Tool<EhrState>[] = [
  getPatientSummary,
  getAdmissionHistory,
  getAdmissionInfo,
  getAdmissionDiagnoses,
  lookupIcdCode,
  mapIcd9ToIcd10,
  getLabResults,
  getLabTrend,
  getVitalSigns,
  detectVitalAlerts,
  getMedicationOrders,
  getProcedures,
  getIcuStays,
  getMicrobiologyResults,
  getNursingAssessments,
  getClinicalScores,
  getComorbidityProfile,
  getQualityIndicators,
  getDischargeSummary,
  getCodeStatus,
  checkAllergies,
  getImmunizations,
  getProblemList,
  getEncounterHistory,
  getClinicalNotes,
  calculateTimeInterval,
  stageAkiKdigo,
  calculateReadmissionRisk,
  calculatorTool<EhrState>("charlson"),
  calculatorTool<EhrState>("ckd_epi_2021"),
  calculatorTool<EhrState>("anion_gap"),
  calculatorTool<EhrState>("meld_na"),
  writeClinicalNote,
  placeOrder,
  requestConsult,
  thinkTool<EhrState>(),
  submitAnswer,
] as Tool<EhrState>[];
