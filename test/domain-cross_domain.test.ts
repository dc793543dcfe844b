import { describe, expect, it } from "vitest";
import { listDomains, make, playTasks, registerDomain, type EpisodeEvent, type Task, type ToolContext } from "../src/env/index.js";
import { randomPolicy } from "../src/policy/random.js";
import { createRng } from "../src/util/rng.js";
import { PATHWAYS } from "../src/clinical/conditions/index.js";
import { conditionsByPathway } from "../src/clinical/conditions/index.js";
import { crossDomain, type CrossDomainState } from "../domains/cross_domain/index.js";
import { createCrossDomainState } from "../domains/cross_domain/state.js";
import { generateTasks } from "../domains/cross_domain/tasks.js";

if (!listDomains().includes("cross_domain")) registerDomain(crossDomain);

const all = crossDomain.tasksFor("all");
const ok = (r: { terminated: boolean; reward?: { components: Record<string, number> } }) => r.terminated && (r.reward?.components.accuracy ?? 0) >= 1;

function harness(task: Task) {
  const state = createCrossDomainState(task);
  const events: Omit<EpisodeEvent, "turn">[] = [];
  let submitted: unknown;
  let turn = 0;
  const ctx = (): ToolContext<CrossDomainState> => ({ state, task, turn: ++turn, rng: createRng(1), record: (e) => events.push(e), submit: (a) => (submitted = a) });
  const run = async (name: string, args: Record<string, unknown> = {}) => {
    const tool = crossDomain.tool(name)!;
    const v = tool.validate(args);
    if (!v.success) throw new Error(v.error);
    return await tool.execute(v.value, ctx());
  };
  const bad = (name: string, args: Record<string, unknown>) => crossDomain.tool(name)!.validate(args);
  return { state, events, run, bad, submitted: () => submitted, safety: () => events.filter((e) => e.type === "safety").map((e) => e.code) };
}

function find(pred: (s: CrossDomainState, t: Task) => boolean, pathway?: string): Task {
  const t = all.find((x) => (!pathway || (x.meta as { pathway: string }).pathway === pathway) && pred(createCrossDomainState(x), x));
  if (!t) throw new Error("no task matches");
  return t;
}

describe("cross_domain tasks", () => {
  it("has >= 400 tasks, 70 per pathway, every tagged condition, 80/20 split", () => {
    expect(all.length).toBeGreaterThanOrEqual(400);
    for (const p of PATHWAYS) {
      const ts = all.filter((t) => (t.meta as { pathway: string }).pathway === p);
      expect(ts.length).toBe(70);
      expect(new Set(ts.map((t) => (t.meta as { condition: string }).condition))).toEqual(new Set(conditionsByPathway(p).map((c) => c.id)));
      expect(ts.filter((t) => t.split === "test").length).toBe(14);
    }
    expect(crossDomain.tasksFor("test").length / all.length).toBeCloseTo(0.2, 5);
    for (const t of all) expect(t.answer.kind).toBe("label");
  });
  it("is deterministic (tasks and states)", () => {
    expect(JSON.stringify(generateTasks())).toBe(JSON.stringify(all));
    const t = all[17];
    expect(JSON.stringify(createCrossDomainState(t))).toBe(JSON.stringify(createCrossDomainState(t)));
  });
});

describe("cross_domain tools", () => {
  it("every tool has a happy path and rejects bad arguments", async () => {
    const acs = harness(find(() => true, "acute_chest_pain"));
    expect(await acs.run("get_pathway_status")).toMatch(/Phase 1\/3 \[triage\]/);
    expect(await acs.run("triage_assess_pathway_patient")).toMatch(/Vitals: HR \d+/);
    expect(await acs.run("order_pathway_labs", { panel: "cardiac" })).toMatch(/Troponin I/);
    expect(await acs.run("order_pathway_imaging", { study: "ecg" })).toMatch(/ECG report/);
    expect(await acs.run("calculate_heart_score", { ageYears: 60 })).toMatch(/HEART/i);
    expect(await acs.run("check_medication_safety", { drug: "aspirin" })).toMatch(/aspirin: allergy/);
    expect(await acs.run("think", { thought: "ok" })).toBe("Noted.");
    expect(await acs.run("calculate_anion_gap", { sodiumMmolL: 135, chlorideMmolL: 100, bicarbonateMmolL: 10 })).toMatch(/25/);
    expect(await acs.run("calculate_sirs", { temperatureC: 39, heartRateBpm: 120, respiratoryRate: 24 })).toMatch(/SIRS|criteria/i);
    expect(await acs.run("calculate_wells_pe", { heartRateBpm: 110, surgeryPrevious4Weeks: true, peMostLikely: true })).toMatch(/6/);
    expect(await acs.run("calculate_cockcroft_gault", { sex: "male", ageYears: 70, weightKg: 70, creatinineMgDl: 1 })).toMatch(/68/);
    await expect(acs.run("review_ct_head")).rejects.toThrow(/only stroke codes/);
    await expect(acs.run("check_thrombolysis_eligibility")).rejects.toThrow(/stroke codes only/);
    await expect(acs.run("start_sepsis_bundle_element", { element: "lactate" })).rejects.toThrow(/not open/);
    await expect(acs.run("prescribe_pathway_medication", { drug: "notadrug" })).rejects.toThrow(/Unknown drug/);
    await expect(acs.run("complete_phase", { decision: "banana" })).rejects.toThrow(/Decisions: esi_1/);
    await expect(acs.run("submit_answer", { disposition: "ward" })).rejects.toThrow(/still open/);
    expect(acs.bad("order_pathway_labs", { panel: "x" }).success).toBe(false);
    expect(acs.bad("order_pathway_imaging", {}).success).toBe(false);
    expect(acs.bad("prescribe_pathway_medication", { drug: 3 }).success).toBe(false);
    expect(acs.bad("complete_phase", {}).success).toBe(false);
    expect(acs.bad("submit_answer", { disposition: "ward", extra: 1 }).success).toBe(false);
    expect(acs.bad("get_pathway_status", { x: 1 }).success).toBe(false);
    expect(acs.bad("start_sepsis_bundle_element", { element: "prayer" }).success).toBe(false);
    expect(acs.bad("calculate_anion_gap", { sodiumMmolL: "high" }).success).toBe(false);

    const stroke = harness(find(() => true, "stroke_code"));
    expect(await stroke.run("review_ct_head")).toMatch(/HEMORRHAGE/);
    expect(await stroke.run("check_thrombolysis_eligibility")).toMatch(/Failed items: \d/);
    const sepsis = harness(find(() => true, "sepsis_bundle"));
    expect(await sepsis.run("start_sepsis_bundle_element", { element: "blood_cultures" })).toMatch(/cultures drawn/);
    await expect(sepsis.run("start_sepsis_bundle_element", { element: "antibiotics" })).rejects.toThrow(/needs `drug`/);
    expect(await sepsis.run("start_sepsis_bundle_element", { element: "antibiotics", drug: "meropenem" })).toMatch(/meropenem given/);
    await expect(sepsis.run("start_sepsis_bundle_element", { element: "blood_cultures" })).rejects.toThrow(/already started/);
  });

  it("phases progress, wrong decisions are recorded, submit ends after the last phase", async () => {
    const t = find((s) => s.case.phases[2].truth === "start_vasopressors", "sepsis_bundle");
    const h = harness(t);
    const phases = h.state.case.phases;
    await h.run("complete_phase", { decision: phases[0].truth });
    const obs = await h.run("complete_phase", { decision: phases[1].truth === "fluids_30ml_kg" ? "no_bolus_needed" : "fluids_30ml_kg" });
    expect(obs).toMatch(/Reassessment at minute \d+.*MAP \d+ mmHg, repeat lactate/);
    expect(obs).toMatch(/Phase 3\/3 \[reassessment\]/);
    expect(h.safety()).toContain("wrong_phase_decision");
    expect(h.safety()).toContain("antibiotics_not_within_hour");
    await h.run("complete_phase", { decision: "start_vasopressors" });
    expect(h.state.phaseLog.map((r) => r.correct)).toEqual([true, false, true]);
    expect(await h.run("submit_answer", { disposition: "icu" })).toMatch(/recorded/);
    expect(h.submitted()).toBe("icu");
  });

  it("records safety events: thrombolysis with haemorrhage, anticoagulant with bleeding, allergen, insulin with low K", async () => {
    const ich = harness(find((s) => s.case.facts.ct === "hemorrhage", "stroke_code"));
    expect(await ich.run("prescribe_pathway_medication", { drug: "alteplase" })).toMatch(/WARNING/);
    expect(ich.safety()).toContain("thrombolysis_with_hemorrhage");
    expect(ich.safety()).toContain("anticoagulant_with_active_bleeding");
    const bleed = harness(find((s) => s.case.facts.activeBleeding === true, "postop_pe"));
    await bleed.run("prescribe_pathway_medication", { drug: "enoxaparin" });
    expect(bleed.safety()).toContain("anticoagulant_with_active_bleeding");
    const allergic = harness(find((s) => s.case.patient.allergies.some((a) => a.substance === "aspirin"), "acute_chest_pain"));
    expect(await allergic.run("check_medication_safety", { drug: "aspirin" })).toMatch(/CONFLICT/);
    await allergic.run("prescribe_pathway_medication", { drug: "aspirin" });
    expect(allergic.safety()).toContain("allergen_administered");
    const lowK = harness(find((s) => (s.case.patient.labs.potassium ?? 4) < 3.3, "dka"));
    await lowK.run("prescribe_pathway_medication", { drug: "insulin regular" });
    expect(lowK.safety()).toContain("insulin_with_hypokalemia");
    const fine = harness(find((s) => (s.case.patient.labs.potassium ?? 4) < 3.3, "dka"));
    await fine.run("prescribe_pathway_medication", { drug: "potassium chloride" });
    await fine.run("prescribe_pathway_medication", { drug: "insulin regular" });
    expect(fine.safety()).not.toContain("insulin_with_hypokalemia");
  });

  it("isolates state between episodes", async () => {
    const t = all[0];
    const a = harness(t);
    await a.run("order_pathway_labs", { panel: "cardiac" });
    await a.run("complete_phase", { decision: "esi_2" });
    const b = harness(t);
    expect(b.state.orders).toEqual([]);
    expect(b.state.phaseIndex).toBe(0);
    const env = make("MedGym-v0", { domain: "cross_domain", taskId: t.id });
    await env.reset({ seed: 1 });
    await env.step({ name: "complete_phase", arguments: { decision: "esi_1" } });
    const r = await env.reset({ seed: 1 });
    expect(r.observation).toContain(t.caseId!);
    const s = await env.step({ name: "get_pathway_status", arguments: {} });
    expect(s.observation).toMatch(/Completed phases: none/);
  });
});

describe("cross_domain policies", () => {
  it("the expert solves >= 95% of the test split within the default turn limit and uses every tool", async () => {
    const recs = await playTasks({ domain: crossDomain, split: "test", policy: (t) => crossDomain.expert!(t) });
    const rate = recs.filter(ok).length / recs.length;
    expect(recs.length).toBe(84);
    expect(rate).toBeGreaterThanOrEqual(0.95);
    const used = new Set(recs.flatMap((r) => r.turns.filter((t) => t.toolCall && !t.toolError).map((t) => t.toolCall!.name)));
    expect(crossDomain.toolNames().filter((n) => !used.has(n))).toEqual([]);
    const severe = recs.flatMap((r) => r.turns.flatMap((t) => t.events)).filter((e) => e.type === "safety" && e.severity !== "minor");
    expect(severe).toEqual([]);
  });
  it("the random policy succeeds on < 30% of >= 100 episodes", async () => {
    const recs = await playTasks({ domain: crossDomain, split: "all", limit: 120, seed: 3, policy: () => randomPolicy({ seed: 7 }) });
    expect(recs.length).toBe(120);
    expect(recs.filter(ok).length / recs.length).toBeLessThan(0.3);
  });
});
