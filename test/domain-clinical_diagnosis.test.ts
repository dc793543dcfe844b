import { beforeAll, describe, expect, it } from "vitest";
import { openTask } from "./domain-helpers.js";
import { make, playTasks, registerDomain, type Env, type Task } from "../src/env/index.js";
import { randomPolicy } from "../src/policy/index.js";
import { conditionsByDomain, getCondition } from "../src/clinical/conditions/index.js";
import { findDrug, loadInteractions } from "../src/clinical/drugs/index.js";
import { clinicalDiagnosis, clinicalOutcome, type ClinicalOutcome } from "../domains/clinical_diagnosis/index.js";
import { outcomeReward } from "../src/rewards/index.js";
import { createClinicState } from "../domains/clinical_diagnosis/state.js";
import { generateTasks, thoroughEvidence } from "../domains/clinical_diagnosis/tasks.js";
import { EPS, labLogLikelihood, LOG_FLOOR, matchStrength, PRIOR_WEIGHT, rankConditions, regionMatch, VITAL_SD_FLOOR, type Evidence } from "../domains/clinical_diagnosis/knowledge.js";
import { backgroundRate } from "../domains/clinical_diagnosis/generator.js";
import type { Condition } from "../src/clinical/conditions/index.js";
import { examSystem } from "../domains/clinical_diagnosis/reports.js";
import { CALCULATOR_SLUGS } from "../domains/clinical_diagnosis/tools/index.js";

registerDomain(clinicalDiagnosis);

const DOMAIN = "clinical_diagnosis";
let tasks: readonly Task[];
let testTasks: readonly Task[];

beforeAll(() => {
  tasks = clinicalDiagnosis.tasksFor("all");
  testTasks = clinicalDiagnosis.tasksFor("test");
});

const open = (task: Task): Promise<Env> => openTask(DOMAIN, task);

function patientWith(pred: (t: Task) => boolean): Task {
  const t = tasks.find(pred);
  if (!t) throw new Error("no task matches the fixture predicate");
  return t;
}

const indexPatient = (t: Task) => createClinicState(t).patients[t.caseId!]!;

describe("clinical_diagnosis tasks", () => {
  it("has >= 500 tasks over every clinical_diagnosis condition, 80/20 split, each condition in both splits", () => {
    const conditions = conditionsByDomain("clinical_diagnosis");
    expect(tasks.length).toBeGreaterThanOrEqual(500);
    expect(testTasks.length / tasks.length).toBeCloseTo(0.2, 5);
    const distinct = new Set(tasks.map((t) => t.meta!.condition));
    expect(distinct.size).toBe(conditions.length);
    expect(new Set(testTasks.map((t) => t.meta!.condition)).size).toBe(conditions.length);
    const variants = new Set(tasks.map((t) => t.meta!.variant));
    expect([...variants].sort()).toEqual(["diagnosis", "disposition", "management"]);
    for (const t of tasks.slice(0, 50)) {
      const c = getCondition(t.meta!.condition as string);
      expect(t.answer).toMatchObject({ kind: "label", value: c.name });
      expect(t.ticket).not.toContain(c.name);
      expect(t.evaluationCriteria.actions.at(-1)!.name).toBe("submit_answer");
    }
    for (const t of tasks.filter((x) => x.meta!.variant === "management")) expect(findDrug(t.meta!.expectedDrug as string)).toBeDefined();
  });

  it("is deterministic and its state is a pure function of the task", () => {
    const only = ["pulmonary_embolism", conditionsByDomain("clinical_diagnosis").at(-1)!.id];
    const again = generateTasks({ only });
    expect(JSON.stringify(again)).toBe(JSON.stringify(tasks.filter((t) => only.includes(t.meta!.condition as string))));
    const t = testTasks[3]!;
    expect(JSON.stringify(createClinicState(t))).toBe(JSON.stringify(createClinicState(t)));
  });

  it("ground truth follows from the case: a thorough work-up ranks the true condition first", () => {
    for (const t of testTasks.slice(0, 40)) {
      const c = getCondition(t.meta!.condition as string);
      const top = rankConditions(thoroughEvidence(indexPatient(t), c), undefined, 0)[0]!;
      expect(top.condition.id).toBe(c.id);
    }
  });
});

/** The scoring formula of knowledge.ts written out directly, to check the indexed implementation. */
function referenceScore(c: Condition, ev: Evidence): number {
  const clamp = (p: number) => Math.min(0.98, Math.max(EPS, p));
  const logN = (x: number, m: number, sd: number) => Math.max(LOG_FLOOR, -0.5 * ((x - m) / sd) ** 2 - Math.log(sd) - 0.9189385);
  const adult = ev.age === undefined || ev.age >= 18;
  let s = PRIOR_WEIGHT * Math.log(c.prevalenceWeight);
  const [lo, hi] = c.demographics.ageRange;
  if (ev.age !== undefined) s += ev.age >= lo - 0.05 && ev.age <= hi + 0.05 ? -Math.log(Math.max(1, hi - lo + 1)) : -10;
  if (ev.sex) s += Math.log(Math.max(0.002, ev.sex === "female" ? c.demographics.femaleFraction : 1 - c.demographics.femaleFraction));
  if (ev.pregnant !== undefined) s += c.demographics.pregnancy ? (ev.pregnant ? 0 : -10) : ev.pregnant ? -6 : 0;
  if (ev.chiefComplaint) s += Math.log(Math.max(EPS, Math.max(...c.chiefComplaints.map((k) => matchStrength(ev.chiefComplaint!, k))) / c.chiefComplaints.length));
  const hist = new Map<string, number>();
  for (const l of [c.history.pmh, c.history.medications ?? [], c.history.social ?? [], c.history.family ?? []]) for (const it of l) hist.set(it.name, Math.max(hist.get(it.name) ?? 0, it.p));
  const cats: [string[] | undefined, { text: string; p: number }[], boolean, boolean][] = [
    [ev.symptoms, c.symptoms.map((x) => ({ text: x.name, p: x.p })), !!ev.complete?.symptoms, false],
    [ev.exam, c.exam.map((x) => ({ text: x.finding, p: x.p })), !!ev.complete?.exam, false],
    [ev.history, [...hist].map(([text, p]) => ({ text, p })), !!ev.complete?.history, true],
  ];
  for (const [present, items, complete, useBg] of cats) {
    const matched = new Set<{ text: string; p: number }>();
    for (const f of present ?? []) {
      let best: { it?: { text: string; p: number }; st: number } = { st: 0 };
      for (const it of items) {
        const st = matchStrength(f, it.text);
        if (st > best.st || (st === best.st && st > 0 && it.p > best.it!.p)) best = { it, st };
      }
      const bg = useBg && adult ? backgroundRate(f) : 0;
      s += Math.log(clamp(1 - (1 - (best.it ? best.st * best.it.p : 0)) * (1 - bg)));
      if (best.it) matched.add(best.it);
    }
    if (complete) for (const it of items) if (!matched.has(it)) s += Math.log(1 - clamp(it.p));
  }
  for (const k of ["hr", "sbp", "dbp", "rr", "tempC", "spo2"] as const) {
    const v = ev.vitals?.[k];
    if (v !== undefined) s += logN(v, c.vitals[k].mean, Math.max(c.vitals[k].sd, VITAL_SD_FLOOR[k]));
  }
  for (const [k, v] of Object.entries(ev.labs ?? {})) s += labLogLikelihood(c, k, v) ?? 0;
  for (const st of ev.studies ?? []) {
    const items = c.imaging.filter((i) => i.modality === st.modality && regionMatch(st.region, i.region));
    for (const it of items) s += Math.log(st.findings.some((f) => matchStrength(f, it.finding) >= 0.9) ? clamp(it.p) : 1 - clamp(it.p));
    for (const f of st.findings) if (!items.some((it) => matchStrength(f, it.finding) >= 0.9)) s += Math.log(EPS);
  }
  return s;
}

describe("clinical_diagnosis knowledge helpers", () => {
  it("the indexed scorer computes the documented formula", () => {
    const candidates = conditionsByDomain("clinical_diagnosis");
    for (const t of testTasks.slice(0, 12)) {
      const ev = thoroughEvidence(indexPatient(t), getCondition(t.meta!.condition as string));
      const ranked = rankConditions(ev, candidates, 0);
      for (const r of ranked.filter((_, i) => i < 5 || i % 20 === 0)) expect(r.logScore, `${t.id} ${r.condition.id}`).toBeCloseTo(referenceScore(r.condition, ev), 6);
    }
  });

  it("matches findings, regions and exam systems", () => {
    expect(matchStrength("Pleuritic chest pain", "pleuritic chest pain")).toBe(1);
    expect(matchStrength("chest pain, pleuritic", "pleuritic chest pain")).toBe(1);
    expect(matchStrength("fever", "pleuritic chest pain")).toBe(0);
    expect(regionMatch("abdomen", "right upper quadrant")).toBe(true);
    expect(regionMatch("abdomen", "abdomen and pelvis")).toBe(true);
    expect(regionMatch("head", "chest")).toBe(false);
    expect(examSystem("bibasilar crackles")).toBe("respiratory");
    expect(examSystem("tenderness at McBurney point")).toBe("abdominal");
    expect(examSystem("irregularly irregular pulse")).toBe("cardiovascular");
    expect(examSystem("nuchal rigidity")).toBe("neck");
  });
});

describe("clinical_diagnosis tools", () => {
  // One call per tool that must succeed, checked by a pattern in the observation.
  const happy = (pid: string): Record<string, [Record<string, unknown>, RegExp]> => ({
    get_patient_info: [{ patient_id: pid }, /Chief complaint:/],
    get_patient_history: [{ patient_id: pid }, /Past medical history:/],
    get_vital_signs: [{ patient_id: pid }, /HR \d+ \/min; BP \d+\/\d+ mmHg/],
    get_vital_signs_trend: [{ patient_id: pid, hours: 2 }, /Trend: HR/],
    perform_physical_exam: [{ patient_id: pid, systems: ["cardiovascular", "neurological"] }, /Cardiovascular[\s\S]*GCS \d+/],
    get_allergy_list: [{ patient_id: pid }, /Allergies/],
    get_medications: [{ patient_id: pid }, /Active medications/],
    get_immunization_history: [{ patient_id: pid }, /Immunisation history/],
    get_clinical_notes: [{ patient_id: pid }, /\[triage\][\s\S]*\[nursing\]/],
    get_lab_results: [{ patient_id: pid }, /Basic metabolic panel:[\s\S]*Creatinine/],
    order_lab_test: [{ patient_id: pid, tests: ["lipase", "coag"] }, /Lipase \d[\s\S]*INR/],
    order_imaging: [{ patient_id: pid, modality: "xray", region: "chest" }, /Radiograph chest — .*accession RAD-001[\s\S]*Impression:/],
    get_imaging_results: [{ patient_id: pid }, /Radiograph chest/],
    get_ecg: [{ patient_id: pid }, /12-lead ECG .*rate \d+ \/min; .*QRS \d+ ms; QT \d+ ms/],
    prescribe_medication: [{ patient_id: pid, drug: "ondansetron", indication: "nausea" }, /Ordered for .*: Ondansetron/],
    check_drug_interaction: [{ drugs: ["warfarin", "ibuprofen"] }, /MAJOR/],
    check_drug_allergy: [{ patient_id: pid, drug: "amoxicillin" }, /Amoxicillin|amoxicillin/],
    get_drug_dosing: [{ drug: "vancomycin", crcl_ml_min: 25 }, /Renal \(CrCl 25 mL\/min\)/],
    get_differential_diagnosis: [
      { findings: getCondition("pulmonary_embolism").symptoms.map((s) => s.name), age: 55, sex: "female", vitals: { hr: 115, rr: 26, spo2: 89 }, labs: { "D-dimer": 4.8 } },
      /1\. .*(embolism)[\s\S]*Suggested labs:/,
    ],
    search_clinical_guidelines: [{ query: "pulmonary embolism management" }, /embolism/i],
    search_medical_literature: [{ query: "amiodarone pulmonary toxicity", max_results: 2 }, /PMID \d+/],
    add_clinical_note: [{ patient_id: pid, note_type: "progress", text: "Reviewed." }, /note saved/],
    record_diagnosis: [{ patient_id: pid, diagnosis: "Acute pulmonary embolism", certainty: "working" }, /ICD-10 I26/],
    transfer_to_specialist: [{ patient_id: pid, service: "critical_care", urgency: "emergent", reason: "shock" }, /Referral sent .* critical care \(emergent\)/],
    think: [{ thought: "Differential is broad." }, /Noted/],
    calculate_curb65: [{ confusion: true, bunMgDl: 25, respiratoryRate: 32, systolicMmHg: 85, diastolicMmHg: 50, ageYears: 70 }, /CURB-65.*: 5/],
    calculate_psi_port: [{ ageYears: 70, sex: "male", respiratoryRate: 32 }, /PSI/],
    calculate_wells_pe: [{ heartRateBpm: 110, hemoptysis: true }, /Wells/],
    calculate_perc_rule: [{ ageYears: 30, heartRateBpm: 80, oxygenSaturationPct: 98 }, /PERC/],
    calculate_wells_dvt: [{ calfSwelling3cm: true }, /Wells/],
    calculate_cha2ds2_vasc: [{ ageYears: 67, sex: "male", hypertension: true }, /CHA2DS2-VASc.*: 2/],
    calculate_has_bled: [{ ageYears: 70 }, /HAS-BLED/],
    calculate_heart_score: [{ ageYears: 60 }, /HEART/],
    calculate_meld_na: [{ creatinineMgDl: 1.2, bilirubinMgDl: 3, inr: 1.8, sodiumMmolL: 130 }, /MELD/],
    calculate_child_pugh: [{ bilirubinMgDl: 3, albuminGDl: 2.8, inr: 1.8 }, /Child-Pugh/],
    calculate_fib4: [{ ageYears: 55, astUL: 80, altUL: 60, plateletsPerMicroL: 120000 }, /FIB-4/],
    calculate_glasgow_blatchford: [{ bunMgDl: 40, hemoglobinGDl: 9, sex: "male", systolicMmHg: 95, heartRateBpm: 110 }, /Glasgow-Blatchford/],
    calculate_apache_ii: [{ ageYears: 70, temperatureC: 39, heartRateBpm: 120 }, /APACHE/],
    calculate_sirs: [{ temperatureC: 39, heartRateBpm: 120, respiratoryRate: 24, wbcPerMicroL: 15000 }, /SIRS/],
    calculate_anion_gap: [{ sodiumMmolL: 140, chlorideMmolL: 100, bicarbonateMmolL: 12 }, /Anion Gap: 28/],
    calculate_serum_osmolality: [{ sodiumMmolL: 140, bunMgDl: 28, glucoseMgDl: 180 }, /Osmolality/],
    calculate_sodium_correction_hyperglycemia: [{ sodiumMmolL: 130, glucoseMgDl: 600 }, /Sodium/],
    calculate_calcium_correction: [{ calciumMgDl: 8, albuminGDl: 2 }, /Calcium/],
    calculate_ckd_epi_2021: [{ sex: "female", ageYears: 60, creatinineMgDl: 1.4 }, /CKD-EPI/],
    calculate_cockcroft_gault: [{ sex: "male", ageYears: 70, weightKg: 70, creatinineMgDl: 1.5 }, /Cockcroft-Gault/],
    calculate_bmi: [{ weightKg: 80, heightCm: 180 }, /BMI/],
    calculate_mean_arterial_pressure: [{ systolicMmHg: 120, diastolicMmHg: 60 }, /Mean Arterial Pressure.*: 80/],
    calculate_qtc_bazett: [{ qtMs: 400, heartRateBpm: 60 }, /QTc/],
    calculate_gcs: [{ eye: "eye opening to pain", verbal: "confused", motor: "localizes pain" }, /Glasgow/],
    calculate_centor_mcisaac: [{ ageYears: 20, tonsillarExudateOrSwelling: true, temperatureC: 38.5, coughAbsent: true }, /Centor/],
    submit_answer: [{ diagnosis: "Acute pulmonary embolism" }, /Final diagnosis submitted/],
  });

  it("covers the reference tools and enough calculators", () => {
    const names = clinicalDiagnosis.toolNames();
    expect(names.length).toBeGreaterThanOrEqual(25);
    for (const n of ["get_patient_info", "get_patient_history", "get_vital_signs", "get_vital_signs_trend", "get_lab_results", "order_lab_test", "get_medications", "check_drug_interaction", "prescribe_medication", "get_clinical_notes", "add_clinical_note", "get_differential_diagnosis", "search_clinical_guidelines", "record_diagnosis", "search_medical_literature", "transfer_to_specialist", "calculate_curb65", "calculate_wells_pe", "calculate_cha2ds2_vasc", "calculate_meld_na", "calculate_apache_ii", "calculate_bmi", "get_allergy_list", "get_immunization_history", "think"])
      expect(names).toContain(n);
    for (const s of CALCULATOR_SLUGS) expect(names).toContain(`calculate_${s}`);
    expect(Object.keys(happy("x")).sort()).toEqual([...names].sort());
    for (const t of clinicalDiagnosis.tools) {
      const schema = t.schema().function.parameters as { properties?: Record<string, { description?: string }> };
      for (const [k, p] of Object.entries(schema.properties ?? {})) expect(p.description, `${t.name}.${k}`).toBeTruthy();
    }
  });

  it("each tool answers its happy path and rejects a bad argument", async () => {
    const task = patientWith((t) => t.split === "test" && indexPatient(t).allergies.length > 0);
    const pid = task.caseId!;
    const env = await open(task);
    for (const [name, [args, pattern]] of Object.entries(happy(pid))) {
      if (name === "submit_answer") continue;
      const r = await env.step({ name, arguments: args });
      expect(r.info.toolError, `${name}: ${r.observation}`).toBeUndefined();
      expect(r.info.formatError, name).toBeUndefined();
      expect(r.observation, name).toMatch(pattern);
      const bad = await env.step({ name, arguments: { ...args, unexpected_argument: 1 } });
      expect(bad.info.formatError?.code, name).toBe("invalid_arguments");
    }
    const unknownPatient = await env.step({ name: "get_vital_signs", arguments: { patient_id: "CD-00000" } });
    expect(unknownPatient.info.toolError).toMatch(/No patient with id "CD-00000"/);
    const badEnum = await env.step({ name: "perform_physical_exam", arguments: { patient_id: pid, systems: ["brain"] } });
    expect(badEnum.info.formatError?.code).toBe("invalid_arguments");
    const badTest = await env.step({ name: "order_lab_test", arguments: { patient_id: pid, tests: ["unobtainium level"] } });
    expect(badTest.info.toolError).toMatch(/No test recognised/);
    const badDrug = await env.step({ name: "prescribe_medication", arguments: { patient_id: pid, drug: "notadrugazole" } });
    expect(badDrug.info.toolError).toMatch(/Unknown drug/);
    const missing = await env.step({ name: "calculate_bmi", arguments: { weightKg: 80 } });
    expect(missing.info.formatError?.code).toBe("invalid_arguments");
    const [args, pattern] = happy(pid).submit_answer!;
    const end = await env.step({ name: "submit_answer", arguments: args });
    expect(end.observation).toMatch(pattern);
    expect(end.terminated).toBe(true);
  });

  it("records an allergy prescription as a critical safety event", async () => {
    const task = patientWith((t) => indexPatient(t).allergies.some((a) => a.substance === "penicillin"));
    const env = await open(task);
    const r = await env.step({ name: "prescribe_medication", arguments: { patient_id: task.caseId!, drug: "amoxicillin" } });
    expect(r.observation).toMatch(/ORDER-ENTRY ALERTS/);
    expect(r.info.events).toContainEqual(expect.objectContaining({ type: "safety", code: "allergy_prescription", severity: "critical" }));
  });

  it("records a major interaction with a home medication", async () => {
    const majors = loadInteractions().filter((i) => i.severity === "major");
    let found: { task: Task; drug: string } | undefined;
    for (const t of tasks) {
      const p = indexPatient(t);
      const home = p.homeMedications.map((m) => m.drugId).filter(Boolean) as string[];
      const hit = majors.find((i) => home.includes(i.a) && !home.includes(i.b) && !p.allergies.length);
      if (hit) {
        found = { task: t, drug: hit.b };
        break;
      }
    }
    expect(found).toBeDefined();
    const env = await open(found!.task);
    const r = await env.step({ name: "prescribe_medication", arguments: { patient_id: found!.task.caseId!, drug: found!.drug } });
    expect(r.info.events).toContainEqual(expect.objectContaining({ type: "safety", code: "major_interaction", severity: "major" }));
  });

  it("keeps write tools inside their episode", async () => {
    const task = testTasks[0]!;
    const pid = task.caseId!;
    const env = make("MedGym-v0", { domain: DOMAIN, taskId: task.id, split: "all", maxTurns: 64 });
    const first = await env.reset({ seed: 2 });
    await env.step({ name: "order_lab_test", arguments: { patient_id: pid, tests: ["lipase"] } });
    await env.step({ name: "prescribe_medication", arguments: { patient_id: pid, drug: "ondansetron" } });
    const noted = await env.step({ name: "add_clinical_note", arguments: { patient_id: pid, note_type: "progress", text: "episode one note" } });
    expect(noted.info.stateHash).not.toBe(first.info.stateHash);
    const second = await env.reset({ seed: 3 });
    expect(second.info.stateHash).toBe(first.info.stateHash);
    const meds = await env.step({ name: "get_medications", arguments: { patient_id: pid } });
    expect(meds.observation).not.toMatch(/Ondansetron/);
    const notes = await env.step({ name: "get_clinical_notes", arguments: { patient_id: pid } });
    expect(notes.observation).not.toMatch(/episode one note/);
    const labs = await env.step({ name: "get_lab_results", arguments: { patient_id: pid } });
    expect(labs.observation).not.toMatch(/Lipase/);
  });
});

describe("clinical_diagnosis policies", () => {
  it("the expert solves >= 95% of the test split safely, meets treatment/transfer requests and exercises every tool", async () => {
    const outcomes = new Map<string, ClinicalOutcome>();
    const records = await playTasks({
      domain: clinicalDiagnosis,
      split: "test",
      policy: (t) => clinicalDiagnosis.expert!(t),
      // The reward hook sees the final state: capture what the grader checks beyond the label.
      env: {
        reward: (ctx) => {
          outcomes.set(ctx.task.id, clinicalOutcome(ctx.task, ctx.state as never));
          return outcomeReward(ctx);
        },
      },
    });
    const asked = [...outcomes.values()].filter((o) => o.variant !== "diagnosis");
    expect(asked.length).toBeGreaterThan(40);
    expect(asked.filter((o) => o.requirementMet).length / asked.length).toBeGreaterThanOrEqual(0.95);
    expect(records.length).toBe(testTasks.length);
    const ok = records.filter((r) => r.terminated && (r.reward?.components.accuracy ?? 0) >= 1).length;
    expect(ok / records.length).toBeGreaterThanOrEqual(0.95);
    const used = new Set<string>();
    for (const r of records) {
      expect(r.policyError).toBeUndefined();
      for (const t of r.turns) {
        expect(t.toolError ?? t.formatError?.message, `${r.taskId} ${t.toolCall?.name}`).toBeUndefined();
        if (t.toolCall) used.add(t.toolCall.name);
        expect(t.events.filter((e) => e.type === "safety"), r.taskId).toEqual([]);
      }
    }
    expect(clinicalDiagnosis.toolNames().filter((n) => !used.has(n))).toEqual([]);
  });

  it("the random policy solves < 30% of 100 test episodes", async () => {
    const records = await playTasks({ domain: clinicalDiagnosis, split: "test", limit: 100, seed: 7, policy: () => randomPolicy({ seed: 7 }) });
    expect(records.length).toBe(100);
    const ok = records.filter((r) => r.terminated && (r.reward?.components.accuracy ?? 0) >= 1).length;
    expect(ok / records.length).toBeLessThan(0.3);
  });
});
