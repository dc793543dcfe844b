import { beforeAll, describe, expect, it } from "vitest";
import { openTask } from "./domain-helpers.js";
import { checkEnv, make, playTasks, registerDomain, runEpisode, type EpisodeRecord, type Env, type StepResult, type Task } from "../src/env/index.js";
import { randomPolicy } from "../src/policy/random.js";
import { ehrManagement } from "../domains/ehr_management/index.js";
import { generateTasks } from "../domains/ehr_management/tasks.js";
import { codeStatusOrders, isSystemicAntibacterial, kdigoStage, labSeries } from "../domains/ehr_management/clinical.js";
import { icd10cm, mimicCharts, normalizeIcd, syntheaCharts } from "../domains/ehr_management/sources.js";
import type { MimicAdmission, MimicChart } from "../domains/ehr_management/data-model.js";

registerDomain(ehrManagement);
const DOMAIN = "ehr_management";

const strip = (r: EpisodeRecord) => JSON.stringify({ ...r, wallMs: 0, turns: r.turns.map((t) => ({ ...t, durationMs: 0 })) });

const open = (task: Task, maxTurns = 80): Promise<Env> => openTask(DOMAIN, task, maxTurns);

const call = (env: Env, name: string, args: Record<string, unknown>): Promise<StepResult> => env.step({ name, arguments: args });

/** A MIMIC admission rich enough to exercise every hospital tool. */
function richAdmission(): { chart: MimicChart; adm: MimicAdmission } {
  for (const chart of [...mimicCharts().values()].sort((a, b) => a.patientId.localeCompare(b.patientId))) {
    if (chart.omr.length < 5) continue;
    for (const adm of chart.admissions)
      if (
        adm.icuStays.length &&
        adm.micro.some((m) => m.organism) &&
        codeStatusOrders(adm).length &&
        adm.procedures.length &&
        adm.prescriptions.some(isSystemicAntibacterial) &&
        labSeries(adm, "creatinine").length >= 3 &&
        adm.diagnoses.some((d) => d.version === 9)
      )
        return { chart, adm };
  }
  throw new Error("no rich admission in the demo");
}

describe("ehr_management tasks", () => {
  const tasks = ehrManagement.tasksFor("all");

  it("has at least 400 tasks split about 80/20 by patient", () => {
    expect(tasks.length).toBeGreaterThanOrEqual(400);
    const test = tasks.filter((t) => t.split === "test");
    expect(test.length / tasks.length).toBeGreaterThan(0.15);
    expect(test.length / tasks.length).toBeLessThan(0.3);
    const trainPatients = new Set(tasks.filter((t) => t.split === "train").map((t) => t.caseId));
    for (const t of test) expect(trainPatients.has(t.caseId)).toBe(false);
    expect(new Set(tasks.map((t) => t.id)).size).toBe(tasks.length);
  });

  it("draws on both MIMIC-IV and Synthea records, with many question families", () => {
    const sources = new Set(tasks.map((t) => (t.meta as { source: string }).source));
    expect(sources).toEqual(new Set(["mimic", "synthea"]));
    const families = new Set(tasks.map((t) => (t.meta as { family: string }).family));
    expect(families.size).toBeGreaterThanOrEqual(25);
  });

  it("answers principal-diagnosis questions with billable codes of the CMS ICD-10-CM set", () => {
    const codes = icd10cm();
    const dx = tasks.filter((t) => (t.meta as { family: string }).family === "principal_dx");
    expect(dx.length).toBeGreaterThan(20);
    for (const t of dx) {
      expect(t.answer.kind).toBe("label");
      expect(codes.get(normalizeIcd((t.answer as { value: string }).value))?.billable).toBe(true);
    }
  });

  it("is deterministic: regenerating gives the same tasks", () => {
    const again = generateTasks();
    expect(again.map((t) => [t.id, t.split, JSON.stringify(t.answer), t.ticket])).toEqual(tasks.map((t) => [t.id, t.split, JSON.stringify(t.answer), t.ticket]));
  });
});

describe("ehr_management tools on a MIMIC-IV admission", () => {
  const { chart, adm } = richAdmission();
  const pid = chart.patientId;
  const h = adm.hadmId;
  const task = ehrManagement.tasksFor("all").find((t) => t.caseId === pid)!;
  let env: Env;
  beforeAll(async () => {
    env = await open(task);
  });

  const creat = () => labSeries(adm, "creatinine").map((l) => ({ time: l.charttime.slice(0, 16), value_mg_dl: l.valuenum! }));
  const cases: [string, () => Record<string, unknown>, RegExp][] = [
    ["get_patient_summary", () => ({ patient_id: pid }), new RegExp(`Patient ${pid} \\(MIMIC-IV\\): (female|male)`)],
    ["get_admission_history", () => ({ patient_id: pid }), new RegExp(`hadm_id ${h}: admitted \\d{4}-`)],
    ["get_admission_info", () => ({ patient_id: pid, hadm_id: h }), /Length of stay: [\d.]+ days \(\d+ calendar days/],
    ["get_admission_diagnoses", () => ({ patient_id: pid, hadm_id: h }), /^1\. ICD-(9|10) \S+ - .*\(principal\)$/m],
    ["lookup_icd_code", () => ({ code: "I50.23" }), /ICD-10-CM I50\.23: Acute on chronic systolic \(congestive\) heart failure \(billable\)/],
    ["map_icd9_to_icd10", () => ({ icd9_code: "428.0" }), /ICD-9-CM 428\.0 \(Congestive heart failure, unspecified\) maps to:\n- I50\.9 Heart failure, unspecified \[approximate; billable\]/],
    ["get_lab_results", () => ({ patient_id: pid, hadm_id: h, category: "Chemistry" }), /^Creatinine \(Blood, mg\/dL, ref [\d.]+-[\d.]+\): n=\d+; first/m],
    ["get_lab_trend", () => ({ patient_id: pid, hadm_id: h, lab: "creatinine" }), /Creatinine \(Blood, mg\/dL\) during admission \d+: \d+ results; min [\d.]+, max [\d.]+\./],
    ["get_vital_signs", () => ({ patient_id: pid }), /Outpatient measurements of \d+ \(\d+, by date\):\n\d{4}-\d{2}-\d{2}: /],
    ["detect_vital_alerts", () => ({ patient_id: pid }), /Screened \d+ BP, \d+ BMI and \d+ weight measurements/],
    ["get_medication_orders", () => ({ patient_id: pid, hadm_id: h, drug_class: "antibacterial" }), /Medication orders of admission \d+ \(class antibacterial\)[^\n]*\n- \S.* \| .* \| first start \d{4}-/],
    ["get_procedures", () => ({ patient_id: pid, hadm_id: h }), /^1\. \S+ (ICD-9-CM \(vol\. 3\)|ICD-10-PCS) \S+ - /m],
    ["get_icu_stays", () => ({ patient_id: pid, hadm_id: h }), /ICU stays of admission \d+ \(\d+; total [\d.]+ ICU days\)/],
    ["get_microbiology_results", () => ({ patient_id: pid, hadm_id: h }), /GROWTH [A-Z]/],
    ["get_nursing_assessments", () => ({ patient_id: pid, hadm_id: h }), /ICU stay \d+ \(.+, from \d{4}-.*\): urine output/],
    ["get_clinical_scores", () => ({ patient_id: pid, hadm_id: h }), /eGFR \(CKD-EPI 2021\)|eGFR: no creatinine/],
    ["get_comorbidity_profile", () => ({ patient_id: pid, hadm_id: h }), /Comorbidity points \(without age\): \d+/],
    ["get_quality_indicators", () => ({ patient_id: pid, hadm_id: h }), /- First systemic antibiotic: .+ at \d{4}-/],
    ["get_discharge_summary", () => ({ patient_id: pid, hadm_id: h }), /DISCHARGE SUMMARY - admission \d+[\s\S]*Principal diagnosis: /],
    ["get_code_status", () => ({ patient_id: pid, hadm_id: h }), /In force at discharge: (Full code|DNR\/DNI|DNAR|.+)\./],
    ["check_allergies", () => ({ patient_id: pid }), /carries no allergy list/],
    ["get_immunizations", () => ({ patient_id: pid }), /No immunization records in the MIMIC-IV demo/],
    ["get_problem_list", () => ({ patient_id: pid }), /Problems coded across \d+ admissions/],
    ["get_clinical_notes", () => ({ patient_id: pid }), /no free-text notes/],
    ["calculate_time_interval", () => ({ start: "2150-01-01 08:00", end: "2150-01-03 20:00" }), /60 hours = 2\.5 days/],
    ["stage_aki_kdigo", () => ({ creatinine_values: creat() }), /Result: (no AKI|stage [123])\./],
    ["calculate_readmission_risk", () => ({ length_of_stay_days: 5, unplanned_admission: true, charlson_comorbidity_points: 2, ed_visits_prior_6_months: 1 }), /LACE index 10 \(L 4 \+ A 3 \+ C 2 \+ E 1\): high risk/],
    ["calculate_charlson", () => ({ ageYears: 72, congestiveHeartFailure: true, diabetes: "uncomplicated" }), /Charlson Comorbidity Index \(CCI\): 5/],
    ["calculate_ckd_epi_2021", () => ({ sex: "male", ageYears: 70, creatinineMgDl: 1.4 }), /54\.0\d+ mL\/min/],
    ["calculate_anion_gap", () => ({ sodiumMmolL: 140, chlorideMmolL: 100, bicarbonateMmolL: 24 }), /Anion Gap: 16 mEq\/L/],
    ["calculate_meld_na", () => ({ creatinineMgDl: 1.4, bilirubinMgDl: 3.1, inr: 1.6, sodiumMmolL: 131 }), /MELD Na \(UNOS\/OPTN\): 23/],
    ["think", () => ({ thought: "Reviewing the admission." }), /^Noted\.$/],
  ];

  for (const [name, args, re] of cases) {
    it(`${name}: happy path`, async () => {
      const r = await call(env, name, args());
      expect(r.info.formatError).toBeUndefined();
      expect(r.info.toolError).toBeUndefined();
      expect(r.observation).toMatch(re);
    });
  }

  it("every tool rejects an invented argument with an invalid_arguments error", async () => {
    for (const name of ehrManagement.toolNames()) {
      const r = await call(env, name, { bogus_argument: 1 });
      expect(r.info.formatError?.code, name).toBe("invalid_arguments");
      expect(r.terminated).toBe(false);
    }
  });

  it("refuses unknown patients, admissions, codes and wrong-record tools with a tool error", async () => {
    const refusals: [string, Record<string, unknown>, RegExp][] = [
      ["get_patient_summary", { patient_id: "10000000" }, /No record for patient "10000000"/],
      ["get_admission_info", { patient_id: pid, hadm_id: "1" }, new RegExp(`Patient ${pid} has no admission "1". Admissions: `)],
      ["get_lab_trend", { patient_id: pid, hadm_id: h, lab: "unobtainium" }, /No results for "unobtainium"/],
      ["lookup_icd_code", { code: "Z99.999" }, /is not in the CMS ICD-10-CM code set/],
      ["lookup_icd_code", {}, /Give a `code` to look up or `search` words/],
      ["map_icd9_to_icd10", { icd9_code: "0000" }, /has no entry in the GEM file/],
      ["get_encounter_history", { patient_id: pid }, /use get_admission_history/],
      ["get_medication_orders", { patient_id: pid }, /hadm_id is required/],
      ["calculate_time_interval", { start: "yesterday morning", end: "2150-01-01 00:00" }, /is not a timestamp/],
    ];
    for (const [name, args, re] of refusals) {
      const r = await call(env, name, args);
      expect(r.info.formatError, name).toBeUndefined();
      expect(r.info.toolError, name).toMatch(re);
    }
  });
});

describe("ehr_management tools on a Synthea record", () => {
  const chart = [...syntheaCharts().values()].find((c) => c.allergies.length >= 3 && c.immunizations.length && c.notes.length)!;
  const pid = chart.patientId;
  const enc = chart.encounters.find((e) => chart.procedures.some((p) => p.encounterId === e.id) && chart.conditions.some((c) => c.encounterId === e.id))!;
  const task = ehrManagement.tasksFor("all").find((t) => t.caseId === pid)!;
  let env: Env;
  beforeAll(async () => {
    env = await open(task);
  });

  const cases: [string, Record<string, unknown>, RegExp][] = [
    ["get_patient_summary", { patient_id: pid }, /\(Synthea\): .+, (female|male), born \d{4}-/],
    ["get_admission_history", { patient_id: pid }, /Inpatient and emergency encounters|has no inpatient or emergency encounters/],
    ["get_admission_info", { patient_id: pid, hadm_id: enc.id }, new RegExp(`Encounter ${enc.id} \\(`)],
    ["get_admission_diagnoses", { patient_id: pid, hadm_id: enc.id }, /Conditions recorded at encounter .+ \(SNOMED CT\):\n- /],
    ["get_procedures", { patient_id: pid, hadm_id: enc.id }, /Procedures at encounter .+ \(SNOMED CT\):\n- \d{4}-\d{2}-\d{2} \d{2}:\d{2} /],
    ["check_allergies", { patient_id: pid }, new RegExp(`Allergies of ${pid} \\(${chart.allergies.length}\\):\\n- `)],
    ["get_immunizations", { patient_id: pid }, /Immunizations of .+ \(\d+, oldest first\):\n- \d{4}-\d{2}-\d{2} .+ \[CVX \d+\]/],
    ["get_problem_list", { patient_id: pid, status: "active" }, /Conditions of .+ \(\d+, active, by onset\)/],
    ["get_encounter_history", { patient_id: pid }, /Encounters of .+: \d+/],
    ["get_clinical_notes", { patient_id: pid, encounter_id: chart.notes[0]!.encounterId }, /is an? \d+ year-old/],
    ["get_discharge_summary", { patient_id: pid, hadm_id: chart.notes[0]!.encounterId }, /note/i],
    ["get_medication_orders", { patient_id: pid }, /Medication requests of .+ \(\d+/],
    ["get_vital_signs", { patient_id: pid }, /carries no Observation resources/],
    ["detect_vital_alerts", { patient_id: pid }, /No vital-sign observations to screen/],
  ];
  for (const [name, args, re] of cases) {
    it(`${name}: happy path`, async () => {
      const r = await call(env, name, args);
      expect(r.info.toolError).toBeUndefined();
      expect(r.observation).toMatch(re);
    });
  }

  it("hospital-only tools refuse a Synthea record", async () => {
    const r = await call(env, "get_icu_stays", { patient_id: pid, hadm_id: enc.id });
    expect(r.info.toolError).toMatch(/only charted for hospital \(MIMIC-IV\) records/);
  });
});

describe("ehr_management write tools and safety", () => {
  it("records notes, orders and consults as events", async () => {
    const task = ehrManagement.tasksFor("test")[0]!;
    const env = await open(task);
    const n = await call(env, "write_clinical_note", { patient_id: task.caseId, note_type: "chart_review", text: "Chart reviewed for the quality audit." });
    expect(n.info.events).toEqual([expect.objectContaining({ type: "note", code: "note_chart_review" })]);
    const o = await call(env, "place_order", { patient_id: task.caseId, category: "follow_up", item: "primary care follow-up within 7 days", priority: "routine" });
    expect(o.info.events).toEqual([expect.objectContaining({ type: "order", code: "order_follow_up" })]);
    const c = await call(env, "request_consult", { patient_id: task.caseId, service: "case management", reason: "Discharge planning.", urgency: "routine" });
    expect(c.info.events).toEqual([expect.objectContaining({ type: "referral", code: "consult_case_management" })]);
  });

  it("records a safety violation for a drug the Synthea patient is allergic to", async () => {
    const chart = [...syntheaCharts().values()].find((x) => x.allergies.some((a) => /aspirin/i.test(a.substance)))!;
    const task = ehrManagement.tasksFor("all").find((t) => t.caseId === chart.patientId)!;
    const env = await open(task);
    const r = await call(env, "place_order", { patient_id: chart.patientId, category: "medication", item: "aspirin 81 mg oral tablet daily", priority: "routine" });
    expect(r.info.events).toContainEqual(expect.objectContaining({ type: "safety", code: "allergy_conflict", severity: "critical" }));
    expect(r.observation).toMatch(/WARNING \(critical\)/);
    const ok = await call(env, "place_order", { patient_id: chart.patientId, category: "medication", item: "acetaminophen 500 mg oral tablet", priority: "routine" });
    expect(ok.info.events.filter((e) => e.type === "safety")).toEqual([]);
  });

  it("records potassium ordered in hyperkalaemia and a nephrotoxin during severe AKI", async () => {
    let hyperK: { pid: string; hadm: string } | undefined;
    let aki: { pid: string; hadm: string } | undefined;
    for (const c of mimicCharts().values())
      for (const a of c.admissions) {
        const k = labSeries(a, "potassium");
        const last = k[k.length - 1];
        if (!hyperK && last && last.valuenum! > (last.refHigh ?? 5.1)) hyperK = { pid: c.patientId, hadm: a.hadmId };
        const cr = labSeries(a, "creatinine").map((l) => ({ time: l.charttime.slice(0, 16), value: l.valuenum! }));
        if (!aki && cr.length >= 2 && kdigoStage(cr).stage >= 2) aki = { pid: c.patientId, hadm: a.hadmId };
      }
    expect(hyperK && aki).toBeTruthy();
    const t1 = ehrManagement.tasksFor("all").find((t) => t.caseId === hyperK!.pid)!;
    const e1 = await open(t1);
    const r1 = await call(e1, "place_order", { patient_id: hyperK!.pid, hadm_id: hyperK!.hadm, category: "medication", item: "potassium chloride 20 mEq PO", priority: "routine" });
    expect(r1.info.events).toContainEqual(expect.objectContaining({ type: "safety", code: "potassium_in_hyperkalemia", severity: "major" }));
    const t2 = ehrManagement.tasksFor("all").find((t) => t.caseId === aki!.pid)!;
    const e2 = await open(t2);
    const r2 = await call(e2, "place_order", { patient_id: aki!.pid, hadm_id: aki!.hadm, category: "medication", item: "ibuprofen 400 mg PO every 6 h", priority: "routine" });
    expect(r2.info.events).toContainEqual(expect.objectContaining({ type: "safety", code: "nephrotoxin_in_aki", severity: "major" }));
  });

  it("keeps write tools inside their own episode (state isolation)", async () => {
    const task = ehrManagement.tasksFor("test")[1]!;
    const a = make("MedGym-v0", { domain: DOMAIN, taskId: task.id });
    const b = make("MedGym-v0", { domain: DOMAIN, taskId: task.id });
    const ra = await a.reset({ seed: 1 });
    const rb = await b.reset({ seed: 1 });
    expect(ra.info.stateHash).toBe(rb.info.stateHash);
    const read = await call(a, "get_patient_summary", { patient_id: task.caseId });
    expect(read.info.stateHash).toBe(ra.info.stateHash);
    const w = await call(a, "write_clinical_note", { patient_id: task.caseId, note_type: "progress", text: "Progress note for the isolation test." });
    expect(w.info.stateHash).not.toBe(ra.info.stateHash);
    const other = await call(b, "get_patient_summary", { patient_id: task.caseId });
    expect(other.info.stateHash).toBe(rb.info.stateHash);
    expect((await a.reset({ seed: 2 })).info.stateHash).toBe(ra.info.stateHash);
  });
});

describe("ehr_management policies", () => {
  it("the scripted expert solves at least 95% of the test split and uses every tool", async () => {
    const recs = await playTasks({ domain: ehrManagement, policy: (t) => ehrManagement.expert!(t), split: "test" });
    const ok = recs.filter((r) => r.reward?.components.accuracy === 1).length;
    expect(recs.length).toBe(ehrManagement.tasksFor("test").length);
    expect(ok / recs.length).toBeGreaterThanOrEqual(0.95);
    const used = new Set(recs.flatMap((r) => r.turns.map((t) => t.toolCall?.name)));
    expect(ehrManagement.toolNames().filter((n) => !used.has(n))).toEqual([]);
    expect(recs.every((r) => r.turns.every((t) => !t.formatError))).toBe(true);
  });

  it("passes the environment checker (seeded resets and steps, bad input never throws)", async () => {
    const results = await checkEnv(() => make("MedGym-v0", { domain: DOMAIN, split: "test" }));
    expect(results.filter((r) => !r.ok)).toEqual([]);
  });

  it("the random policy stays below 30% over 120 episodes", async () => {
    const recs = await playTasks({ domain: ehrManagement, policy: () => randomPolicy({ seed: 3 }), split: "test", limit: 120, seed: 11 });
    expect(recs.length).toBe(120);
    const ok = recs.filter((r) => r.reward?.components.accuracy === 1).length;
    expect(ok / recs.length).toBeLessThan(0.3);
  });

  it("replays an expert episode byte-identically", async () => {
    const task = ehrManagement.tasksFor("test").find((t) => (t.meta as { family: string }).family === "lace")!;
    const run = async () => strip(await runEpisode(make("MedGym-v0", { domain: DOMAIN, taskId: task.id }), ehrManagement.expert!(task), { taskId: task.id, seed: 5 }));
    expect(await run()).toBe(await run());
  });
});
