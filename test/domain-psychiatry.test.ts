import { beforeAll, describe, expect, it } from "vitest";
import { findTask, openTask, safetyCodes } from "./domain-helpers.js";
import { getCondition } from "../src/clinical/conditions/index.js";
import { defineDomain, playTasks, registerDomain, type Env, type Task } from "../src/env/index.js";
import { randomPolicy } from "../src/policy/index.js";
import { createRng } from "../src/util/rng.js";
import { psychiatry } from "../domains/psychiatry/index.js";
import type { PsychState } from "../domains/psychiatry/data-model.js";
import {
  cssrsRisk,
  distribute,
  hasCapacity,
  scoreAuditC,
  scoreBvc,
  scoreCage,
  scoreCiwa,
  scoreCows,
  scoreDast10,
  scoreGad7,
  scoreMdq,
  scoreMmse,
  scorePcl5,
  scorePhq9,
  scoreScoff,
  scoreYbocs,
} from "../domains/psychiatry/instruments.js";
import { dispositionFacts, dispositionFor, medicationProblems, prescribingFacts, safeFirstLine, severityOf } from "../domains/psychiatry/rules.js";
import { createPsychState } from "../domains/psychiatry/state.js";
import { generateTasks } from "../domains/psychiatry/tasks.js";
import { findDrug } from "../src/clinical/drugs/index.js";

registerDomain(psychiatry);
const DOMAIN = "psychiatry";
let tasks: readonly Task[];
let testTasks: readonly Task[];

beforeAll(() => {
  tasks = psychiatry.tasksFor("all");
  testTasks = psychiatry.tasksFor("test");
});

const open = (task: Task, domain = DOMAIN): Promise<Env> => openTask(domain, task);
const find = (pred: (t: Task) => boolean): Task => findTask(tasks, pred);
const patientOf = (t: Task) => createPsychState(t).patients[t.caseId!];
const codes = safetyCodes;

describe("psychiatric instruments (worked examples)", () => {
  it("PHQ-9, GAD-7, MMSE, Y-BOCS bands", () => {
    expect(scorePhq9([2, 2, 1, 2, 1, 1, 2, 1, 0])).toEqual({ total: 12, band: "moderate", item9: 0 });
    expect(scorePhq9([3, 3, 3, 3, 3, 3, 3, 3, 3])).toMatchObject({ total: 27, band: "severe", item9: 3 });
    expect(scorePhq9([2, 2, 2, 2, 2, 2, 2, 1, 0]).band).toBe("moderately severe");
    expect(scorePhq9([1, 1, 1, 1, 0, 0, 0, 0, 0]).band).toBe("minimal");
    expect(() => scorePhq9([4, 0, 0, 0, 0, 0, 0, 0, 0])).toThrow(/item 1/);
    expect(scoreGad7([3, 3, 2, 2, 2, 2, 1])).toEqual({ total: 15, band: "severe" });
    expect(scoreGad7([1, 1, 1, 1, 1, 0, 0]).band).toBe("mild");
    expect(scoreMmse([5, 5, 3, 5, 3, 2, 1, 3, 1, 1, 1])).toEqual({ total: 30, band: "no cognitive impairment" });
    expect(scoreMmse([3, 4, 3, 2, 1, 2, 1, 2, 1, 1, 0]).total).toBe(20);
    expect(scoreMmse([3, 4, 3, 2, 1, 2, 1, 2, 1, 1, 0]).band).toBe("moderate");
    expect(scoreYbocs([3, 3, 2, 2, 2, 3, 3, 2, 2, 2])).toEqual({ total: 24, band: "severe" });
  });

  it("PCL-5, CAGE, AUDIT-C, DAST-10, MDQ, SCOFF", () => {
    const pcl = scorePcl5([3, 3, 2, 3, 2, 3, 2, 1, 2, 2, 3, 2, 2, 2, 2, 1, 3, 3, 2, 3]);
    expect(pcl.total).toBe(46);
    expect(pcl.probable).toBe(true);
    expect(pcl.dsmPattern).toBe(true);
    expect(scorePcl5(Array(20).fill(1))).toMatchObject({ total: 20, probable: false, dsmPattern: false });
    expect(scoreCage([true, false, true, false])).toEqual({ score: 2, significant: true });
    expect(scoreAuditC([2, 1, 0], "female")).toEqual({ total: 3, positive: true });
    expect(scoreAuditC([2, 1, 0], "male").positive).toBe(false);
    expect(scoreDast10(4)).toBe("moderate level");
    expect(scoreMdq([...Array(8).fill(true), ...Array(5).fill(false)], true, "serious problem").positive).toBe(true);
    expect(scoreMdq([...Array(8).fill(true), ...Array(5).fill(false)], true, "minor problem").positive).toBe(false);
    expect(scoreScoff([true, true, false, false, false])).toEqual({ score: 2, positive: true });
  });

  it("CIWA-Ar, COWS, C-SSRS, Brøset, capacity", () => {
    expect(scoreCiwa([2, 3, 2, 3, 2, 1, 0, 1, 1, 0])).toEqual({ total: 15, band: "moderate" });
    expect(scoreCiwa([4, 4, 4, 4, 3, 0, 0, 0, 0, 0]).band).toBe("severe");
    expect(scoreCows([2, 1, 3, 2, 2, 2, 2, 1, 1, 2, 0])).toEqual({ total: 18, band: "moderate" });
    const none = { wishDead: false, activeThoughts: false, method: false, intent: false, planWithIntent: false, behavior: "never" as const };
    expect(cssrsRisk(none)).toBe("none");
    expect(cssrsRisk({ ...none, wishDead: true })).toBe("low");
    expect(cssrsRisk({ ...none, wishDead: true, activeThoughts: true, method: true })).toBe("moderate");
    expect(cssrsRisk({ ...none, behavior: "lifetime" })).toBe("moderate");
    expect(cssrsRisk({ ...none, wishDead: true, activeThoughts: true, intent: true })).toBe("high");
    expect(cssrsRisk({ ...none, behavior: "past_3_months" })).toBe("high");
    expect(scoreBvc([true, true, true, false, false, false])).toEqual({ score: 3, risk: "high" });
    expect(hasCapacity({ communicatesChoice: true, understands: true, appreciates: false, reasons: true })).toBe(false);
  });

  it("item generation hits the chosen total and respects pinned items", () => {
    const rng = createRng(7);
    for (const total of [0, 5, 13, 26]) {
      const items = distribute(total, Array(9).fill(3), rng, { 8: Math.min(2, total) });
      expect(items.reduce((a, b) => a + b, 0)).toBe(total);
      expect(items[8]).toBe(Math.min(2, total));
      expect(items.every((v) => v >= 0 && v <= 3)).toBe(true);
    }
  });
});

describe("psychiatry tasks", () => {
  it("has >= 400 tasks, an exact 80/20 split and every question in both splits", () => {
    expect(tasks.length).toBeGreaterThanOrEqual(400);
    expect(testTasks.length / tasks.length).toBeCloseTo(0.2, 5);
    expect(new Set(tasks.map((t) => t.id)).size).toBe(tasks.length);
    for (const split of ["train", "test"] as const) expect(new Set(psychiatry.tasksFor(split).map((t) => t.meta!.question))).toEqual(new Set(["diagnosis", "severity", "disposition", "medication"]));
    expect(new Set(tasks.filter((t) => t.meta!.question === "disposition").map((t) => t.answer.value)).size).toBe(6);
  });

  it("ground truth follows from the generated case", () => {
    for (const t of tasks.slice(0, 140)) {
      const p = patientOf(t);
      const c = getCondition(p.conditionId);
      if (t.meta!.question === "severity") expect(t.answer.value).toBe(severityOf(p)!.band);
      if (t.meta!.question === "disposition") expect(t.answer.value).toBe(dispositionFor(c, dispositionFacts(p)));
      if (t.meta!.question === "medication") {
        const safe = safeFirstLine(c, prescribingFacts(p, c));
        expect(safe.length).toBeGreaterThan(0);
        expect(t.answer.value).toBe(safe[0].name);
        // the complicating factor makes at least one first-line drug unsafe
        expect((t.meta!.unsafe as string[]).length).toBeGreaterThan(0);
      }
      if (t.meta!.question === "diagnosis") expect(t.answer.value).toBe(c.name);
    }
  });

  it("is deterministic and its state is a pure function of the task", () => {
    expect(JSON.stringify(generateTasks(20))).toBe(JSON.stringify(generateTasks(20)));
    const t = testTasks[0];
    expect(JSON.stringify(createPsychState(t))).toBe(JSON.stringify(createPsychState(t)));
  });
});

describe("psychiatry tools", () => {
  it("offers >= 20 tools with the reference names", () => {
    const names = psychiatry.toolNames();
    expect(names.length).toBeGreaterThanOrEqual(20);
    for (const n of ["get_patient_presentation", "get_psychiatric_history", "perform_mental_status_exam", "administer_phq9", "administer_gad7", "administer_mmse", "administer_pcl5", "administer_cage", "assess_suicide_risk", "assess_violence_risk", "assess_capacity", "screen_substance_use", "screen_eating_disorder", "get_current_medications", "check_drug_interactions", "get_social_history", "review_treatment_guidelines", "get_involuntary_hold_criteria", "think", "submit_answer"]) {
      expect(names).toContain(n);
    }
  });

  it("every tool works on good arguments and refuses bad ones", async () => {
    const task = find((t) => t.meta!.question === "diagnosis" && t.meta!.category === "depression");
    const pid = { patient_id: task.caseId };
    const patientTools = ["get_patient_presentation", "get_psychiatric_history", "perform_mental_status_exam", "administer_phq9", "administer_gad7", "administer_mmse", "administer_pcl5", "administer_cage", "administer_mdq", "administer_ybocs", "administer_ciwa_ar", "administer_cows", "assess_suicide_risk", "assess_violence_risk", "screen_substance_use", "screen_eating_disorder", "get_current_medications", "get_social_history", "get_medical_workup"];
    const happy: Record<string, Record<string, unknown>> = {
      ...Object.fromEntries(patientTools.map((n) => [n, pid])),
      assess_capacity: { ...pid, decision: "psychiatric admission" },
      check_drug_interactions: { drugs: ["phenelzine", "sertraline"] },
      review_treatment_guidelines: { diagnosis: "generalized anxiety disorder" },
      get_involuntary_hold_criteria: {},
      calculate_qtc_bazett: { qtMs: 400, heartRateBpm: 60 },
      prescribe_medication: { ...pid, drug: "sertraline", dose: "50 mg daily" },
      think: { thought: "ok" },
    };
    const expectText: Record<string, RegExp> = {
      administer_phq9: /PHQ-9 total \d+\/27/,
      check_drug_interactions: /CONTRAINDICATED/,
      review_treatment_guidelines: /- Escitalopram \| .*pregnancy category/,
      calculate_qtc_bazett: /400/,
      assess_suicide_risk: /C-SSRS risk level: (none|low|moderate|high)/,
    };
    const env = await open(task);
    for (const tool of psychiatry.toolNames().filter((n) => n !== "submit_answer")) {
      const good = await env.step({ name: tool, arguments: happy[tool] });
      expect(good.info.formatError, tool).toBeUndefined();
      expect(good.info.toolError, tool).toBeUndefined();
      if (expectText[tool]) expect(good.observation, tool).toMatch(expectText[tool]);
      const bad = await env.step({ name: tool, arguments: { ...happy[tool], bogus_argument: 1 } });
      expect(bad.info.formatError?.code, tool).toBe("invalid_arguments");
      if ("patient_id" in happy[tool]) {
        const unknown = await env.step({ name: tool, arguments: { ...happy[tool], patient_id: "PS-0000" } });
        expect(unknown.info.toolError, tool).toMatch(/No patient "PS-0000"/);
      }
    }
    expect((await env.step({ name: "check_drug_interactions", arguments: { drugs: ["sertraline", "notadrug"] } })).info.toolError).toMatch(/Not on the formulary: notadrug/);
    expect((await env.step({ name: "review_treatment_guidelines", arguments: { diagnosis: "zzz unknown" } })).info.toolError).toMatch(/No guideline summary/);
    expect((await env.step({ name: "submit_answer", arguments: { severity: "mild" } })).info.toolError).toMatch(/asks for the diagnosis/);
    expect((await env.step({ name: "submit_answer", arguments: { diagnosis: "major depressive disorder" } })).terminated).toBe(true);
  });
});

describe("psychiatry safety and state", () => {
  it("flags sending home an actively suicidal patient and an unwarranted hold", async () => {
    const high = find((t) => t.meta!.question === "disposition" && t.meta!.suicideRisk === "high" && t.answer.value === "voluntary_psychiatric_admission");
    let env = await open(high);
    let end = await env.step({ name: "submit_answer", arguments: { disposition: "routine_outpatient_follow_up" } });
    expect(end.info.events).toContainEqual(expect.objectContaining({ code: "discharged_actively_suicidal_patient", severity: "critical" }));
    env = await open(high);
    end = await env.step({ name: "submit_answer", arguments: { disposition: "involuntary_psychiatric_admission" } });
    expect(codes(end.info.events)).toContain("unwarranted_involuntary_hold");
  });

  it("flags unsafe prescriptions: a serotonergic MAOI combination and a teratogen in pregnancy", async () => {
    // Fixture domain: the same tools and state, with hand-built cases.
    const mdd = find((t) => t.meta!.condition === "major_depressive_disorder");
    const bipolar = find((t) => t.meta!.condition === "bipolar_mania");
    const fixtures: Task[] = [
      { ...mdd, id: "psych_fixture-maoi", domain: "psych_fixture", meta: { ...mdd.meta, question: "medication", caseOptions: { factor: { kind: "interaction", drug: "phenelzine" }, notTaking: ["sertraline"] } } },
      { ...bipolar, id: "psych_fixture-pregnant", domain: "psych_fixture", meta: { ...bipolar.meta, question: "medication", caseOptions: { factor: { kind: "pregnancy", weeks: 10 }, notTaking: ["lithium", "valproic_acid"] } } },
    ];
    registerDomain(defineDomain<PsychState>({ ...psychiatry, name: "psych_fixture", tasks: () => fixtures }), { override: true });
    let env = await open(fixtures[0], "psych_fixture");
    const meds = await env.step({ name: "get_current_medications", arguments: { patient_id: fixtures[0].caseId } });
    expect(meds.observation).toMatch(/Phenelzine/);
    let rx = await env.step({ name: "prescribe_medication", arguments: { patient_id: fixtures[0].caseId, drug: "sertraline" } });
    expect(rx.info.events).toContainEqual(expect.objectContaining({ type: "safety", code: "serotonergic_combination", severity: "critical" }));
    env = await open(fixtures[1], "psych_fixture");
    rx = await env.step({ name: "prescribe_medication", arguments: { patient_id: fixtures[1].caseId, drug: "valproate" } });
    expect(rx.info.events).toContainEqual(expect.objectContaining({ code: "teratogenic_drug_in_pregnancy", severity: "major" }));
    const p = createPsychState(fixtures[1]).patients[fixtures[1].caseId!];
    expect(medicationProblems(findDrug("olanzapine")!, prescribingFacts(p, getCondition("bipolar_mania")))).toEqual([]);
  });

  it("write tools change only their own episode's state", async () => {
    const t = find((x) => x.meta!.question === "medication");
    const a = await open(t);
    const b = await open(t);
    const before = a.record().initialStateHash;
    const w = await a.step({ name: "prescribe_medication", arguments: { patient_id: t.caseId, drug: "sertraline" } });
    expect(w.info.stateHash).not.toBe(before);
    expect((await b.step({ name: "get_current_medications", arguments: { patient_id: t.caseId } })).info.stateHash).toBe(before);
    expect(createPsychState(t).prescriptions).toEqual([]);
  });
});

describe("psychiatry policies", () => {
  it("the expert solves >= 95% of the test split", async () => {
    const recs = await playTasks({ domain: psychiatry, policy: (t) => psychiatry.expert!(t), split: "test" });
    const ok = recs.filter((r) => r.reward?.components.accuracy === 1).length;
    expect(recs.length).toBe(testTasks.length);
    expect(ok / recs.length).toBeGreaterThanOrEqual(0.95);
  });

  it("the random policy stays below 30% (>= 100 episodes)", async () => {
    const rp = randomPolicy({ seed: 3 });
    const recs = await playTasks({ domain: psychiatry, policy: () => rp, split: "all", limit: 120, seed: 11 });
    const ok = recs.filter((r) => r.reward?.components.accuracy === 1).length;
    expect(ok / recs.length).toBeLessThan(0.3);
  });
});
