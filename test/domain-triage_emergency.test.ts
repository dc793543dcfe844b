import { beforeAll, describe, expect, it } from "vitest";
import { findTask, openTask, safetyCodes } from "./domain-helpers.js";
import { getCondition } from "../src/clinical/conditions/index.js";
import { playTasks, registerDomain, type Env, type Task } from "../src/env/index.js";
import { randomPolicy } from "../src/policy/index.js";
import { triageEmergency } from "../domains/triage_emergency/index.js";
import { dispositionForCase, esiForCase, factsOf, indicatedProtocols } from "../domains/triage_emergency/rules.js";
import { dangerZone, esiLevel, qsofa, revisedTraumaScore, shockIndex } from "../domains/triage_emergency/scores.js";
import { createEdState } from "../domains/triage_emergency/state.js";
import { generateTasks } from "../domains/triage_emergency/tasks.js";

registerDomain(triageEmergency);
const DOMAIN = "triage_emergency";
let tasks: readonly Task[];
let testTasks: readonly Task[];

beforeAll(() => {
  tasks = triageEmergency.tasksFor("all");
  testTasks = triageEmergency.tasksFor("test");
});

const open = (task: Task): Promise<Env> => openTask(DOMAIN, task);

const find = (pred: (t: Task) => boolean): Task => findTask(tasks, pred);
const patientOf = (t: Task) => createEdState(t).patients[t.caseId!];
const safety = safetyCodes;

describe("triage scores (worked examples)", () => {
  const base = { lifesavingIntervention: false, highRiskSituation: false, confusedLethargicDisoriented: false, severePainOrDistress: false, heartRate: 88, respiratoryRate: 16, spo2: 98, ageYears: 45 };
  it("ESI v4 follows decision points A-D", () => {
    expect(esiLevel({ ...base, expectedResources: 2 }).level).toBe(3);
    expect(esiLevel({ ...base, expectedResources: 2, heartRate: 112 }).level).toBe(2);
    expect(esiLevel({ ...base, expectedResources: 2, spo2: 91 })).toMatchObject({ level: 2, decision: "D" });
    expect(esiLevel({ ...base, expectedResources: 1, heartRate: 130 }).level).toBe(4);
    expect(esiLevel({ ...base, expectedResources: 0 }).level).toBe(5);
    expect(esiLevel({ ...base, expectedResources: 0, severePainOrDistress: true })).toMatchObject({ level: 2, decision: "B" });
    expect(esiLevel({ ...base, expectedResources: 0, lifesavingIntervention: true })).toMatchObject({ level: 1, decision: "A" });
    // A 2-year-old's danger zone is HR > 160: 150 is not in it.
    expect(dangerZone(2)).toEqual({ hr: 160, rr: 40 });
    expect(esiLevel({ ...base, ageYears: 2, heartRate: 150, respiratoryRate: 30, expectedResources: 2 }).level).toBe(3);
  });

  it("qSOFA, Revised Trauma Score and shock index", () => {
    expect(qsofa(22, 100, 14)).toMatchObject({ score: 3, positive: true });
    expect(qsofa(21, 101, 15).score).toBe(0);
    const r = revisedTraumaScore(10, 85, 32);
    expect(r.coded).toEqual({ gcs: 3, sbp: 3, rr: 3 });
    expect(r.rts).toBeCloseTo(5.8806, 4);
    expect(r.triageRts).toBe(9);
    expect(revisedTraumaScore(15, 120, 16)).toMatchObject({ rts: 7.8408, triageRts: 12 });
    expect(shockIndex(130, 90)).toEqual({ value: 1.44, band: "severe shock" });
    expect(shockIndex(80, 120).band).toBe("normal");
  });
});

describe("triage_emergency tasks", () => {
  it("has >= 400 tasks, an exact 80/20 split and every question in both splits", () => {
    expect(tasks.length).toBeGreaterThanOrEqual(400);
    expect(testTasks.length / tasks.length).toBeCloseTo(0.2, 5);
    expect(new Set(tasks.map((t) => t.id)).size).toBe(tasks.length);
    for (const split of ["train", "test"] as const) {
      expect(new Set(triageEmergency.tasksFor(split).map((t) => t.meta!.question))).toEqual(new Set(["esi", "diagnosis", "disposition", "protocol"]));
    }
    expect(new Set(tasks.filter((t) => t.meta!.question === "protocol").map((t) => t.answer.value)).size).toBeGreaterThanOrEqual(6);
  });

  it("ground truth follows from the generated case", () => {
    for (const t of tasks.slice(0, 120)) {
      const p = patientOf(t);
      const c = getCondition(p.conditionId);
      const f = factsOf(p);
      expect(p.conditionId).toBe(t.meta!.condition);
      if (t.meta!.question === "esi") expect(t.answer.value).toBe(`ESI ${esiForCase(c, f).level}`);
      if (t.meta!.question === "disposition") expect(t.answer.value).toBe(dispositionForCase(c, f));
      if (t.meta!.question === "protocol") expect(t.answer.value).toBe(indicatedProtocols(c, f)[0] ?? "none");
      if (t.meta!.question === "diagnosis") expect(t.answer).toMatchObject({ kind: "label", value: c.name });
    }
  });

  it("is deterministic and its state is a pure function of the task", () => {
    expect(JSON.stringify(generateTasks(24))).toBe(JSON.stringify(generateTasks(24)));
    const t = testTasks[0];
    expect(JSON.stringify(createEdState(t))).toBe(JSON.stringify(createEdState(t)));
  });
});

describe("triage_emergency tools", () => {
  it("offers >= 20 tools with the reference names", () => {
    const names = triageEmergency.toolNames();
    expect(names.length).toBeGreaterThanOrEqual(20);
    for (const n of ["get_patient_presentation", "get_vital_signs", "assess_airway_breathing", "get_medical_history", "calculate_gcs", "calculate_esi_level", "calculate_sirs_criteria", "calculate_qsofa", "calculate_trauma_score", "calculate_heart_score", "get_ed_status", "check_protocol", "order_stat_labs", "order_imaging", "screen_sepsis", "check_toxicology", "activate_emergency_protocol", "get_bed_assignment", "think", "submit_answer"]) {
      expect(names).toContain(n);
    }
  });

  it("every tool works on good arguments and refuses bad ones", async () => {
    const task = testTasks.find((t) => t.meta!.question === "esi")!;
    const id = task.caseId!;
    const pid = { patient_id: id };
    const happy: Record<string, Record<string, unknown>> = {
      get_patient_presentation: pid,
      get_vital_signs: pid,
      assess_airway_breathing: pid,
      get_medical_history: pid,
      calculate_gcs: { eye: "eye opening to verbal command", verbal: "confused", motor: "obeys commands" },
      calculate_esi_level: { requires_lifesaving_intervention: false, high_risk_situation: false, new_confusion_lethargy_or_disorientation: false, severe_pain_or_distress: false, expected_resources: 2, heart_rate: 90, respiratory_rate: 18, spo2: 97, age_years: 50 },
      calculate_sirs_criteria: { temperatureC: 38.6, heartRateBpm: 110, respiratoryRate: 24, wbcPerMicroL: 15000 },
      calculate_qsofa: { respiratory_rate: 24, systolic_bp: 95, gcs: 15 },
      calculate_trauma_score: { gcs: 12, systolic_bp: 100, respiratory_rate: 20 },
      calculate_heart_score: { ageYears: 66, history: "highly suspicious", hypertension: true },
      calculate_shock_index: { heart_rate: 120, systolic_bp: 100 },
      get_ed_status: {},
      check_protocol: { protocol: "sepsis" },
      order_stat_labs: { ...pid, panels: ["cbc", "bmp"] },
      order_imaging: { ...pid, modality: "ecg" },
      screen_sepsis: { ...pid, suspected_infection: true },
      check_toxicology: pid,
      activate_emergency_protocol: { ...pid, protocol: "stemi" },
      get_bed_assignment: { ...pid, area: "acute" },
      think: { thought: "ok" },
    };
    const expectText: Record<string, RegExp> = {
      calculate_gcs: /13/,
      calculate_esi_level: /ESI level 3/,
      calculate_sirs_criteria: /4/,
      calculate_qsofa: /qSOFA 2\/3/,
      calculate_trauma_score: /T-RTS 11/,
      calculate_shock_index: /1\.20/,
      order_stat_labs: /CBC: .*Hemoglobin/,
    };
    const env = await open(task);
    for (const tool of triageEmergency.toolNames().filter((n) => n !== "submit_answer")) {
      const good = await env.step({ name: tool, arguments: happy[tool] });
      expect(good.info.formatError, tool).toBeUndefined();
      expect(good.info.toolError, tool).toBeUndefined();
      if (expectText[tool]) expect(good.observation, tool).toMatch(expectText[tool]);
      const bad = await env.step({ name: tool, arguments: { ...happy[tool], bogus_argument: 1 } });
      expect(bad.info.formatError?.code, tool).toBe("invalid_arguments");
      if ("patient_id" in (happy[tool] ?? {})) {
        const unknown = await env.step({ name: tool, arguments: { ...happy[tool], patient_id: "ED-0000" } });
        expect(unknown.info.toolError, tool).toMatch(/No patient "ED-0000"/);
      }
    }
    const missing = await env.step({ name: "submit_answer", arguments: { diagnosis: "something" } });
    expect(missing.info.toolError).toMatch(/asks for the ESI level/);
    const done = await env.step({ name: "submit_answer", arguments: { esi_level: 3 } });
    expect(done.terminated).toBe(true);
  });
});

describe("triage_emergency safety and state", () => {
  it("records a missed protocol for an untreated STEMI and an unsafe placement", async () => {
    const t = find((x) => (x.meta!.protocols as string[]).includes("stemi") && (x.meta!.esi as number) === 1);
    const env = await open(t);
    const placed = await env.step({ name: "get_bed_assignment", arguments: { patient_id: t.caseId, area: "waiting_room" } });
    expect(safety(placed.info.events)).toContain("unsafe_placement");
    expect(placed.info.events.find((e) => e.code === "unsafe_placement")?.severity).toBe("critical");
    const field = { esi: { esi_level: 1 }, diagnosis: { diagnosis: "acute myocardial infarction" }, disposition: { disposition: "icu" }, protocol: { protocol: "stemi" } }[t.meta!.question as string]!;
    const end = await env.step({ name: "submit_answer", arguments: field });
    expect(end.info.events).toContainEqual(expect.objectContaining({ type: "safety", code: "missed_emergency_protocol", severity: "critical" }));
  });

  it("flags an unindicated activation and sending home a patient who needs admission", async () => {
    const t = find((x) => x.meta!.question === "disposition" && ["icu", "or", "cath_lab"].includes(x.meta!.disposition as string));
    const env = await open(t);
    const protocols = t.meta!.protocols as string[];
    const wrong = ["stemi", "stroke", "sepsis", "trauma"].find((p) => !protocols.includes(p))!;
    const act = await env.step({ name: "activate_emergency_protocol", arguments: { patient_id: t.caseId, protocol: wrong } });
    expect(safety(act.info.events)).toContain("unindicated_protocol_activation");
    const end = await env.step({ name: "submit_answer", arguments: { disposition: "discharge" } });
    expect(safety(end.info.events)).toContain("unsafe_discharge");
  });

  it("write tools change only their own episode's state", async () => {
    const t = testTasks[1];
    const a = await open(t);
    const b = await open(t);
    const before = a.record().initialStateHash;
    const w = await a.step({ name: "order_stat_labs", arguments: { patient_id: t.caseId, panels: ["cbc"] } });
    expect(w.info.stateHash).not.toBe(before);
    const r = await b.step({ name: "get_ed_status", arguments: {} });
    expect(r.info.stateHash).toBe(before);
    expect(createEdState(t).orders).toEqual([]);
  });
});

describe("triage_emergency policies", () => {
  it("the expert solves >= 95% of the test split", async () => {
    const recs = await playTasks({ domain: triageEmergency, policy: (t) => triageEmergency.expert!(t), split: "test" });
    const ok = recs.filter((r) => r.reward?.components.accuracy === 1).length;
    expect(recs.length).toBe(testTasks.length);
    expect(ok / recs.length).toBeGreaterThanOrEqual(0.95);
  });

  it("the random policy stays below 30% (>= 100 episodes)", async () => {
    const rp = randomPolicy({ seed: 3 });
    const recs = await playTasks({ domain: triageEmergency, policy: () => rp, split: "all", limit: 120, seed: 11 });
    const ok = recs.filter((r) => r.reward?.components.accuracy === 1).length;
    expect(recs.length).toBe(120);
    expect(ok / recs.length).toBeLessThan(0.3);
  });
});
