import { beforeAll, describe, expect, it } from "vitest";
import { findTask, openTask, safetyCodes } from "./domain-helpers.js";
import { getCondition } from "../src/clinical/conditions/index.js";
import { playTasks, registerDomain, type Env, type Task } from "../src/env/index.js";
import { randomPolicy } from "../src/policy/index.js";
import { obstetrics } from "../domains/obstetrics/index.js";
import { antiDFor, consistentWithLabel, factsOf, indicatedInterventions, inductionMethod, obCategory } from "../domains/obstetrics/rules.js";
import { antiDDose, bestGestationalAge, biophysicalProfile, bishopScore, ctgCategory, modifiedBpp, ogttAbnormal, redatingThreshold, rhigVials } from "../domains/obstetrics/scores.js";
import { createObState } from "../domains/obstetrics/state.js";
import { generateTasks } from "../domains/obstetrics/tasks.js";
import { parseDate } from "../src/clinical/calculators/obstetrics.js";

registerDomain(obstetrics);
const DOMAIN = "obstetrics";
let tasks: readonly Task[];
let testTasks: readonly Task[];

beforeAll(() => {
  tasks = obstetrics.tasksFor("all");
  testTasks = obstetrics.tasksFor("test");
});

const open = (task: Task): Promise<Env> => openTask(DOMAIN, task);
const find = (pred: (t: Task) => boolean): Task => findTask(tasks, pred);
const patientOf = (t: Task) => createObState(t).patients[t.caseId!];
const codes = safetyCodes;

describe("obstetric scores (worked examples)", () => {
  it("Bishop score", () => {
    expect(bishopScore({ dilationCm: 2, effacementPct: 50, station: -2, consistency: "medium", position: "mid" })).toMatchObject({ total: 5, favourable: false });
    expect(bishopScore({ dilationCm: 4, effacementPct: 80, station: 0, consistency: "soft", position: "anterior" })).toMatchObject({ total: 11, favourable: true });
    expect(bishopScore({ dilationCm: 0, effacementPct: 0, station: -3, consistency: "firm", position: "posterior" }).total).toBe(0);
    expect(bishopScore({ dilationCm: 6, effacementPct: 90, station: 2, consistency: "soft", position: "anterior" }).total).toBe(13);
  });

  it("biophysical profile, modified BPP and NICHD categories", () => {
    expect(biophysicalProfile({ nstReactive: true, breathing: true, movements: true, tone: true, deepestPocketCm: 4, afiCm: 12 })).toEqual({ total: 10, interpretation: "normal" });
    expect(biophysicalProfile({ nstReactive: true, breathing: true, movements: true, tone: true, deepestPocketCm: 1.5, afiCm: 4 }).total).toBe(8);
    expect(biophysicalProfile({ nstReactive: true, breathing: true, movements: true, tone: true, deepestPocketCm: 1.5, afiCm: 4 }).interpretation).toMatch(/oligohydramnios/);
    expect(biophysicalProfile({ nstReactive: false, breathing: false, movements: true, tone: true, deepestPocketCm: 3, afiCm: 9 }).total).toBe(6);
    expect(modifiedBpp(true, 8).normal).toBe(true);
    expect(modifiedBpp(true, 5).normal).toBe(false);
    const normal = { baselineFhr: 140, variability: "moderate" as const, accelerations: true, decelerations: "none" as const, sinusoidal: false };
    expect(ctgCategory(normal)).toBe(1);
    expect(ctgCategory({ ...normal, decelerations: "early" })).toBe(1);
    expect(ctgCategory({ ...normal, baselineFhr: 170 })).toBe(2);
    expect(ctgCategory({ ...normal, variability: "minimal", decelerations: "late_recurrent" })).toBe(2);
    expect(ctgCategory({ ...normal, variability: "absent", decelerations: "late_recurrent" })).toBe(3);
    expect(ctgCategory({ ...normal, variability: "absent", baselineFhr: 95, decelerations: "prolonged" })).toBe(3);
    expect(ctgCategory({ ...normal, sinusoidal: true })).toBe(3);
  });

  it("Carpenter-Coustan, ACOG redating and anti-D dosing", () => {
    expect(ogttAbnormal([96, 181, 150, 120])).toBe(2);
    expect(ogttAbnormal([94, 179, 154, 139])).toBe(0);
    expect(redatingThreshold(8 * 7)).toBe(5);
    expect(redatingThreshold(10 * 7)).toBe(7);
    expect(redatingThreshold(30 * 7)).toBe(21);
    // LMP 01/01, scan on 03/12 says 8w0d; LMP gives 10w0d: 14 days apart at an 8-week scan -> redate.
    const today = parseDate("06/03/2025");
    const r = bestGestationalAge(today, parseDate("01/01/2025"), { date: parseDate("03/12/2025"), gaDays: 56 });
    expect(r).toMatchObject({ method: "ultrasound", difference: 14, threshold: 5, gaDays: 56 + 83 });
    const keep = bestGestationalAge(today, parseDate("01/01/2025"), { date: parseDate("03/12/2025"), gaDays: 68 });
    expect(keep).toMatchObject({ method: "LMP", gaDays: today - parseDate("01/01/2025") });
    expect(rhigVials(0.6)).toEqual({ bleedMl: 30, vials: 2 });
    expect(rhigVials(1.0)).toEqual({ bleedMl: 50, vials: 3 });
    expect(rhigVials(0.1)).toEqual({ bleedMl: 5, vials: 1 });
    expect(antiDDose(8, 0)).toBe(50);
    expect(antiDDose(15, 0)).toBe(300);
    expect(antiDDose(30, 0.6)).toBe(600);
  });
});

describe("obstetrics tasks", () => {
  it("has >= 400 tasks, an exact 80/20 split and every question in both splits", () => {
    expect(tasks.length).toBeGreaterThanOrEqual(400);
    expect(testTasks.length / tasks.length).toBeCloseTo(0.2, 5);
    expect(new Set(tasks.map((t) => t.id)).size).toBe(tasks.length);
    for (const split of ["train", "test"] as const) expect(new Set(obstetrics.tasksFor(split).map((t) => t.meta!.question))).toEqual(new Set(["diagnosis", "management", "dating", "rh", "induction", "medication"]));
  });

  it("ground truth follows from the generated case", () => {
    for (const t of tasks.slice(0, 160)) {
      const p = patientOf(t);
      const c = getCondition(p.conditionId);
      const cat = obCategory(c);
      expect(consistentWithLabel(p, cat)).toBe(true);
      if (t.meta!.question === "management") expect(t.answer.value).toBe(indicatedInterventions(cat, factsOf(p)).join(", "));
      if (t.meta!.question === "rh") expect(t.answer.value).toBe(antiDFor(p, cat));
      if (t.meta!.question === "induction") {
        const m = inductionMethod(p)!;
        expect(t.answer.value).toBe(`bishop ${m.score}: ${m.method}`);
      }
      if (t.meta!.question === "dating") {
        const g = bestGestationalAge(p.dating!.today, p.dating!.lmp, p.dating!.ultrasound, p.dating!.lmpCertain).gaDays;
        expect(t.answer.value).toBe(`${Math.floor(g / 7)} weeks ${g % 7} days`);
      }
    }
    // Severe preeclampsia cases meet a severe feature without HELLP criteria.
    const pe = tasks.filter((t) => t.meta!.condition === "severe_preeclampsia").map(patientOf);
    expect(pe.length).toBeGreaterThan(0);
    for (const p of pe) expect(p.vitals.sbp >= 160 || p.vitals.dbp >= 110 || (p.labs.platelets ?? 300) < 100 || (p.labs.creatinine ?? 0) > 1.1 || Math.max(p.labs.ast ?? 0, p.labs.alt ?? 0) > 80 || /headache|visual|scotoma|edema/i.test(p.symptoms.join(" "))).toBe(true);
  });

  it("is deterministic and its state is a pure function of the task", () => {
    expect(JSON.stringify(generateTasks(24))).toBe(JSON.stringify(generateTasks(24)));
    const t = testTasks[0];
    expect(JSON.stringify(createObState(t))).toBe(JSON.stringify(createObState(t)));
  });
});

describe("obstetrics tools", () => {
  it("offers >= 20 tools with the reference names", () => {
    const names = obstetrics.toolNames();
    expect(names.length).toBeGreaterThanOrEqual(20);
    for (const n of ["get_patient_presentation", "get_prenatal_labs", "get_obstetric_history", "assess_fetal_status", "assess_labor_progress", "assess_preterm_risk", "calculate_bishop_score", "calculate_gestational_age", "calculate_modified_bpp", "get_biophysical_profile", "check_medication_safety", "get_risk_assessment", "check_ob_protocol", "get_gyn_assessment", "order_labs", "interpret_ctg", "screen_gestational_diabetes", "check_rh_status", "think", "submit_answer"]) {
      expect(names).toContain(n);
    }
  });

  it("every tool works on good arguments and refuses bad ones", async () => {
    const task = find((t) => t.meta!.question === "management" && t.meta!.condition === "preterm_labor");
    const pid = { patient_id: task.caseId };
    const patientTools = ["get_patient_presentation", "get_prenatal_labs", "get_obstetric_history", "assess_fetal_status", "assess_labor_progress", "assess_preterm_risk", "get_biophysical_profile", "get_risk_assessment", "get_gyn_assessment", "check_rh_status"];
    const happy: Record<string, Record<string, unknown>> = {
      ...Object.fromEntries(patientTools.map((n) => [n, pid])),
      calculate_bishop_score: { dilation_cm: 2, effacement_pct: 50, station: -2, consistency: "medium", position: "mid" },
      calculate_gestational_age: { lastMenstrualPeriod: "01/01/2025", currentDate: "06/03/2025" },
      calculate_estimated_due_date: { lastMenstrualPeriod: "01/01/2025" },
      calculate_dating_by_ultrasound: { lmp: "01/01/2025", ultrasound_date: "03/12/2025", ultrasound_ga_weeks: 8, ultrasound_ga_days: 0, current_date: "06/03/2025" },
      calculate_modified_bpp: { nst_reactive: true, afi_cm: 9 },
      check_medication_safety: { drug: "labetalol" },
      check_ob_protocol: { topic: "magnesium_sulfate" },
      order_labs: { ...pid, panels: ["cbc", "kleihauer_betke"] },
      interpret_ctg: { baseline_fhr: 140, variability: "moderate", accelerations: true, decelerations: "none" },
      screen_gestational_diabetes: { ogtt_fasting: 96, ogtt_1h: 181, ogtt_2h: 150, ogtt_3h: 120 },
      calculate_rhig_dose: { fetal_cells_pct: 0.6 },
      order_medication: { ...pid, drug: "betamethasone", dose: "12 mg IM" },
      think: { thought: "ok" },
    };
    const expectText: Record<string, RegExp> = {
      calculate_bishop_score: /Bishop score 5\/13.*unfavourable/,
      calculate_gestational_age: /'21 weeks', '6 days'/,
      calculate_dating_by_ultrasound: /Dating by ultrasound.*\n.*19 weeks 6 days/,
      calculate_modified_bpp: /normal/,
      interpret_ctg: /Category I:/,
      screen_gestational_diabetes: /GESTATIONAL DIABETES/,
      calculate_rhig_dose: /2 vial\(s\) of 300 µg = 600 µg/,
      order_labs: /KLEIHAUER-BETKE: fetal cells/,
      check_medication_safety: /Pregnancy category C/,
    };
    const env = await open(task);
    for (const tool of obstetrics.toolNames().filter((n) => n !== "submit_answer")) {
      const good = await env.step({ name: tool, arguments: happy[tool] });
      expect(good.info.formatError, tool).toBeUndefined();
      expect(good.info.toolError, tool).toBeUndefined();
      if (expectText[tool]) expect(good.observation, tool).toMatch(expectText[tool]);
      const bad = await env.step({ name: tool, arguments: { ...happy[tool], bogus_argument: 1 } });
      expect(bad.info.formatError?.code, tool).toBe("invalid_arguments");
      if ("patient_id" in happy[tool]) {
        const unknown = await env.step({ name: tool, arguments: { ...happy[tool], patient_id: "OB-0000" } });
        expect(unknown.info.toolError, tool).toMatch(/No patient "OB-0000"/);
      }
    }
    expect((await env.step({ name: "check_medication_safety", arguments: { drug: "notadrug" } })).info.toolError).toMatch(/not on the formulary/);
    expect((await env.step({ name: "screen_gestational_diabetes", arguments: { ogtt_fasting: 90 } })).info.toolError).toMatch(/all four OGTT values/);
    expect((await env.step({ name: "check_ob_protocol", arguments: { topic: "zzz" } })).info.toolError).toMatch(/No protocol or diagnosis/);
    expect((await env.step({ name: "submit_answer", arguments: { diagnosis: "placenta previa" } })).info.toolError).toMatch(/asks for the management/);
    expect((await env.step({ name: "submit_answer", arguments: { interventions: ["tocolysis"] } })).terminated).toBe(true);
  });
});

describe("obstetrics safety and state", () => {
  it("flags a digital examination with placenta previa and a teratogen in pregnancy", async () => {
    const t = find((x) => x.meta!.condition === "placenta_previa" && patientOf(x).cervix !== undefined);
    const env = await open(t);
    const exam = await env.step({ name: "assess_labor_progress", arguments: { patient_id: t.caseId } });
    expect(exam.info.events).toContainEqual(expect.objectContaining({ code: "digital_exam_with_placenta_previa", severity: "critical" }));
    const rx = await env.step({ name: "order_medication", arguments: { patient_id: t.caseId, drug: "warfarin" } });
    expect(rx.info.events).toContainEqual(expect.objectContaining({ code: "teratogenic_drug_in_pregnancy", severity: "critical" }));
    const miso = await env.step({ name: "order_medication", arguments: { patient_id: t.caseId, drug: "misoprostol" } });
    expect(codes(miso.info.events)).toContain("contraindicated_in_condition");
  });

  it("flags missed magnesium and missed anti-D at submission", async () => {
    const pe = find((x) => x.meta!.question === "management" && ["severe_preeclampsia", "hellp", "eclampsia"].includes(x.meta!.condition as string));
    let env = await open(pe);
    let end = await env.step({ name: "submit_answer", arguments: { interventions: pe.meta!.interventions } });
    expect(end.reward).toBeGreaterThan(0);
    expect(end.info.events).toContainEqual(expect.objectContaining({ code: "missed_magnesium_prophylaxis", severity: "critical" }));
    const rh = find((x) => x.meta!.question === "rh" && (x.meta!.dose as number) > 0);
    env = await open(rh);
    end = await env.step({ name: "submit_answer", arguments: { anti_d_dose_mcg: rh.meta!.dose } });
    expect(codes(end.info.events)).toContain("missed_anti_d");
  });

  it("write tools change only their own episode's state", async () => {
    const t = testTasks[2];
    const a = await open(t);
    const b = await open(t);
    const before = a.record().initialStateHash;
    const w = await a.step({ name: "order_labs", arguments: { patient_id: t.caseId, panels: ["cbc"] } });
    expect(w.info.stateHash).not.toBe(before);
    expect((await b.step({ name: "get_obstetric_history", arguments: { patient_id: t.caseId } })).info.stateHash).toBe(before);
    expect(createObState(t).orders).toEqual([]);
  });
});

describe("obstetrics policies", () => {
  it("the expert solves >= 95% of the test split", async () => {
    const recs = await playTasks({ domain: obstetrics, policy: (t) => obstetrics.expert!(t), split: "test" });
    const ok = recs.filter((r) => r.reward?.components.accuracy === 1).length;
    expect(recs.length).toBe(testTasks.length);
    expect(ok / recs.length).toBeGreaterThanOrEqual(0.95);
  });

  it("the random policy stays below 30% (>= 100 episodes)", async () => {
    const rp = randomPolicy({ seed: 3 });
    const recs = await playTasks({ domain: obstetrics, policy: () => rp, split: "all", limit: 120, seed: 11 });
    const ok = recs.filter((r) => r.reward?.components.accuracy === 1).length;
    expect(ok / recs.length).toBeLessThan(0.3);
  });
});
