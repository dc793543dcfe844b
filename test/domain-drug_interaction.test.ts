import { describe, expect, it } from "vitest";
import { openTask } from "./domain-helpers.js";
import { checkEnv, make, playTasks, registerDomain, runEpisode, type EpisodeRecord, type Env, type StepResult, type Task } from "../src/env/index.js";
import { randomPolicy } from "../src/policy/random.js";
import { checkInteraction, getDrug, hepaticAdjustment, renalAdjustment } from "../src/clinical/drugs/index.js";
import { drugInteraction } from "../domains/drug_interaction/index.js";
import { generateTasks } from "../domains/drug_interaction/tasks.js";
import { clearCaseCache, buildCase } from "../domains/drug_interaction/generator.js";
import { allDrugs, crclOf, maxDaily, usualRegimen } from "../domains/drug_interaction/catalog.js";

registerDomain(drugInteraction);
const DOMAIN = "drug_interaction";
const all = () => drugInteraction.tasksFor("all");
const family = (t: Task) => (t.meta as { family: string }).family;
const params = (t: Task) => (t.meta as { params: Record<string, unknown> }).params;
const first = (f: string) => all().find((t) => family(t) === f)!;
const esc = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A pair of the table with the given severity (the table grows; tests read it rather than hard-code it). */
function pairOf(severity: string): [string, string] {
  const ids = allDrugs().map((d) => d.id);
  for (let i = 0; i < ids.length; i++)
    for (let j = i + 1; j < ids.length; j++) if (checkInteraction(ids[i]!, ids[j]!)?.severity === severity) return [ids[i]!, ids[j]!];
  throw new Error(`no ${severity} pair in the drug table`);
}

/** A drug with a simple-fraction renal rule, a clearance inside that rule's band, and the adjusted daily dose. */
function renalDrug(): { id: string; crcl: number; daily: number } {
  for (const d of allDrugs()) {
    const reg = usualRegimen(d);
    const rule = d.renal.find((r) => r.factor && !r.avoid);
    if (!reg || !rule) continue;
    const crcl = rule.crclBelow - 1;
    const applied = renalAdjustment(d.id, crcl);
    if (applied?.factor && !applied.avoid) return { id: d.id, crcl, daily: Math.round(reg.daily * applied.factor * 10000) / 10000 };
  }
  throw new Error("no renally adjusted drug");
}

const hepaticAvoid = () => allDrugs().find((d) => hepaticAdjustment(d.id, "C").avoid)!.id;

const strip = (r: EpisodeRecord) => JSON.stringify({ ...r, wallMs: 0, turns: r.turns.map((t) => ({ ...t, durationMs: 0 })) });

const open = (task: Task, maxTurns = 60): Promise<Env> => openTask(DOMAIN, task, maxTurns);
const call = (env: Env, name: string, args: Record<string, unknown>): Promise<StepResult> => env.step({ name, arguments: args });

describe("drug_interaction tasks", () => {
  it("has at least 400 tasks, about 20% in the test split, every family in both splits", () => {
    const tasks = all();
    expect(tasks.length).toBeGreaterThanOrEqual(400);
    const test = tasks.filter((t) => t.split === "test").length / tasks.length;
    expect(test).toBeGreaterThan(0.15);
    expect(test).toBeLessThan(0.25);
    expect(new Set(tasks.map((t) => t.id)).size).toBe(tasks.length);
    const families = [...new Set(tasks.map(family))];
    expect(families.length).toBeGreaterThanOrEqual(15);
    for (const f of families) expect(tasks.some((t) => family(t) === f && t.split === "test"), f).toBe(true);
  });

  it("every task names its patient's condition profile and a patient case that rebuilds", () => {
    for (const t of all()) {
      expect((t.meta as { condition: string }).condition).toMatch(/^[a-z0-9_]+$/);
      expect(buildCase(family(t), t.caseSeed!, t.caseId!)?.patient.id).toBe(t.caseId);
    }
  });

  it("is deterministic: regenerating from scratch gives the same tasks", () => {
    const before = all().map((t) => [t.id, t.split, JSON.stringify(t.answer), t.ticket]);
    clearCaseCache();
    expect(generateTasks().map((t) => [t.id, t.split, JSON.stringify(t.answer), t.ticket])).toEqual(before);
  });
});

describe("drug_interaction tools", () => {
  // Each row: the family whose patient the call needs, the tool, its arguments, what the answer looks like.
  const rows: [string, string, (t: Task) => Record<string, unknown>, RegExp][] = [
    ["child_pugh", "get_patient_info", (t) => ({ patient_id: t.caseId }), /RX-\d+ .+: \d+ y (female|male), weight [\d.]+ kg, height [\d.]+ cm\.[\s\S]*Liver: cirrhosis; ascites (absent|slight|moderate)/],
    ["most_severe_pair", "get_patient_medications", (t) => ({ patient_id: t.caseId }), /Active medications of RX-\d+ \(\d+\):\n- .+ \[[a-z0-9_]+\] \(.+\): [\d.]+ \S+ /],
    ["tdm_dose", "get_patient_labs", (t) => ({ patient_id: t.caseId }), /Creatinine [\d.]+ mg\/dL \(.*ref 0\.5-1\.2\)[\s\S]*: [\d.]+ \S+ \(target [\d.]+-[\d.]+ /],
    ["qtc_risk", "get_ecg", (t) => ({ patient_id: t.caseId }), /ECG RX-\d+: sinus \w+, heart rate \d+\/min, QT \d+ ms/],
    ["dose_excess", "get_drug_info", () => ({ drug: "warfarin" }), new RegExp(`^Warfarin \\[warfarin\\] \\(.*\\): ${esc(getDrug("warfarin").class)}`)],
    ["dose_excess", "search_drugs_by_class", () => ({ query: "statin" }), /Drugs matching "statin" \(\d+\):\n- Atorvastatin \[atorvastatin\]/],
    ["safe_alternative_interaction", "search_alternatives", (t) => ({ drug: String(params(t).proposed), patient_id: t.caseId }), /Alternatives to .+ screened for RX-\d+:\n- .+ screen: (PASS|FAIL)/],
    ["dose_excess", "check_interaction", () => ({ drug_a: pairOf("contraindicated")[0], drug_b: pairOf("contraindicated")[1] }), /: CONTRAINDICATED \((pharmacokinetic|pharmacodynamic|mixed); /],
    ["dose_excess", "check_all_interactions", () => ({ drugs: [...pairOf("major"), "acetaminophen"] }), /\(\d+ pairs, most severe first\):\n- .+ \[[a-z0-9_]+\] \+ .+ \[[a-z0-9_]+\]: major/],
    ["dose_excess", "calculate_interaction_severity_score", () => ({ drugs: pairOf("major") }), /Interaction severity score: 5 /],
    ["dose_excess", "check_cyp450_metabolism", () => ({ drug: "clarithromycin" }), /Inhibits: .*CYP3A4 \(strong\)/],
    ["qtc_risk", "check_qt_risk", (t) => ({ patient_id: t.caseId, proposed_drug: String(params(t).proposed) }), /QT-prolonging drugs including .+: .+ \([2-9]\)\./],
    ["serotonergic_count", "check_serotonergic_load", (t) => ({ patient_id: t.caseId, proposed_drug: String(params(t).proposed) }), /Count: [2-9]\./],
    ["safe_alternative_allergy", "check_allergy_cross_reactivity", (t) => ({ patient_id: t.caseId, drug: String(params(t).proposed) }), /- (same class|same drug|cross reactive): /],
    ["dose_excess", "check_pregnancy_safety", () => ({ drug: "warfarin" }), new RegExp(`^Warfarin: pregnancy category ${getDrug("warfarin").pregnancy.category} - `)],
    ["dose_excess", "check_food_interactions", () => ({ drugs: ["warfarin", "linezolid"] }), /^Warfarin: .+\nLinezolid: .*tyramine/i],
    ["dose_excess", "get_pharmacokinetics", () => ({ drug: "digoxin" }), new RegExp(`^Digoxin: half-life ${getDrug("digoxin").pharmacokinetics.halfLifeH} h;`)],
    ["renal_dose", "check_dosage", (t) => ({ drug: "ibuprofen", dose: 800, unit: "mg", doses_per_day: 6, patient_id: t.caseId }), /4800 mg\/day[\s\S]*Maximum daily dose [\d.]+ mg: EXCEEDED by [\d.]+ mg[\s\S]*Renal \(CrCl [\d.]+ mL\/min\)/],
    ["dose_excess", "calculate_renal_dose_adjustment", () => ({ drug: renalDrug().id, crcl_ml_min: renalDrug().crcl }), new RegExp(`Adjusted total daily dose: ${esc(String(renalDrug().daily))} `)],
    ["dose_excess", "calculate_hepatic_dose_adjustment", () => ({ drug: hepaticAvoid(), child_pugh_class: "C" }), /, Child-Pugh C: AVOID\./],
    ["dose_excess", "check_therapeutic_drug_monitoring", () => ({ drug: "vancomycin", measured_level: 45, parameter: "trough" }), /Level 45 .+ for vancomycin trough: ABOVE the target [\d.]+-[\d.]+ \(midpoint [\d.]+\)/],
    ["dose_excess", "calculate_dose_for_target_level", () => ({ current_daily_dose: 2000, measured_level: 25, target_level: 15 }), /= 1200 per day/],
    ["safe_alternative_renal", "screen_new_prescription", (t) => ({ patient_id: t.caseId, drug: String(params(t).proposed) }), /: FAIL\.\n- renal_avoid: CrCl [\d.]+ mL\/min is below/],
    ["dose_excess", "search_ddi_literature", () => ({ drug_a: "amiodarone", drug_b: "digoxin" }), /DDI corpus evidence for Amiodarone \+ Digoxin:\n- \[(mechanism|effect|advise|int|unspecified); /],
    ["dose_excess", "calculate_cockcroft_gault", () => ({ sex: "male", ageYears: 70, weightKg: 80, creatinineMgDl: 1.8 }), /43\.2\d* mL\/min/],
    ["dose_excess", "calculate_child_pugh", () => ({ bilirubinMgDl: 2.5, albuminGDl: 3.0, inr: 1.8, ascites: "slight" }), /Child-Pugh Score for Cirrhosis Mortality: 9 points/],
    ["dose_excess", "calculate_qtc_bazett", () => ({ qtMs: 420, heartRateBpm: 88 }), /QTc Bazett Calculator: 508\.6/],
    ["dose_excess", "calculate_qtc_fridericia", () => ({ qtMs: 420, heartRateBpm: 88 }), /QTc Fridericia Calculator: 477\.1/],
    ["dose_excess", "calculate_mme", () => ({ opioids: [{ drug: "OxyCODONE", dose: 10, doseUnit: "mg", dosesPerDay: 4 }] }), /Calculator: 60 MME\/day/],
    ["dose_excess", "think", () => ({ thought: "Check the interaction list first." }), /^Noted\.$/],
  ];
  for (const [fam, tool, args, re] of rows) {
    it(`${tool}: happy path`, async () => {
      const t = first(fam);
      const r = await call(await open(t), tool, args(t));
      expect(r.info.formatError).toBeUndefined();
      expect(r.info.toolError).toBeUndefined();
      expect(r.observation).toMatch(re);
    });
  }

  it("every tool rejects an invented argument with an invalid_arguments error", async () => {
    const env = await open(first("dose_excess"), 80);
    for (const name of drugInteraction.toolNames()) {
      const r = await call(env, name, { bogus_argument: 1 });
      expect(r.info.formatError?.code, name).toBe("invalid_arguments");
    }
  });

  it("refuses unknown drugs, unknown patients and impossible orders with a tool error", async () => {
    const t = first("most_severe_pair");
    const env = await open(t);
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ["get_drug_info", { drug: "warfarinn" }, /Unknown drug "warfarinn". Did you mean: warfarin/],
      ["get_patient_medications", { patient_id: "RX-0001" }, /No patient "RX-0001"/],
      ["check_interaction", { drug_a: "warfarin", drug_b: "Coumadin" }, /Give two different drugs/],
      ["search_drugs_by_class", { query: "zzzzz" }, /No formulary drug has "zzzzz"/],
      ["check_dosage", { drug: "warfarin", dose: 5, unit: "units", doses_per_day: 1 }, /cannot be converted/],
      ["check_therapeutic_drug_monitoring", { drug: "metoprolol", measured_level: 3 }, /has no target range/],
      ["discontinue_medication", { patient_id: t.caseId, drug: "alteplase", reason: "test" }, /is not an active medication/],
    ];
    for (const [name, args, re] of cases) {
      const r = await call(env, name, args);
      expect(r.info.formatError, name).toBeUndefined();
      expect(r.info.toolError, name).toMatch(re);
    }
  });
});

describe("drug_interaction write tools and safety", () => {
  const prescribeUsual = async (t: Task, drugId: string) => {
    const env = await open(t);
    const reg = usualRegimen(getDrug(drugId));
    const d = getDrug(drugId).adultDose;
    return call(env, "prescribe_medication", { patient_id: t.caseId, drug: drugId, dose: reg?.dose ?? d.amount, unit: reg?.unit ?? d.unit, doses_per_day: reg?.dosesPerDay ?? 1, indication: "test" });
  };
  const safety = (r: StepResult) => r.info.events.filter((e) => e.type === "safety").map((e) => `${e.code}:${e.severity}`);

  it("records an interaction when the proposed drug interacts with the list", async () => {
    const t = first("safe_alternative_interaction");
    const r = await prescribeUsual(t, String(params(t).proposed));
    expect(safety(r).some((s) => /^interaction_(major:major|contraindicated:critical)$/.test(s))).toBe(true);
  });

  it("records an allergy conflict as critical", async () => {
    const t = first("safe_alternative_allergy");
    expect(safety(await prescribeUsual(t, String(params(t).proposed)))).toContain("allergy_conflict:critical");
  });

  it("records a pregnancy category D or X prescription", async () => {
    const t = first("safe_alternative_pregnancy");
    expect(safety(await prescribeUsual(t, String(params(t).proposed))).some((s) => /^pregnancy_category_(d:major|x:critical)$/.test(s))).toBe(true);
  });

  it("records a renally unadjusted dose, and accepts the adjusted one", async () => {
    const t = first("renal_dose");
    const drug = String(params(t).drug);
    expect(safety(await prescribeUsual(t, drug))).toContain("renal_dose_not_adjusted:major");
    const env = await open(t);
    const reg = usualRegimen(getDrug(drug))!;
    const answer = (t.answer as { value: number }).value;
    const r = await call(env, "prescribe_medication", { patient_id: t.caseId, drug, dose: answer / reg.dosesPerDay, unit: reg.unit, doses_per_day: reg.dosesPerDay, indication: "test" });
    expect(safety(r)).toEqual([]);
    expect(r.info.events).toContainEqual(expect.objectContaining({ type: "order", code: "prescription" }));
  });

  it("records a dose above the maximum daily dose", async () => {
    const t = first("dose_excess");
    const env = await open(t);
    const active = buildCase(family(t), t.caseSeed!, t.caseId!)!.medications.map((m) => m.drugId);
    const d = allDrugs().find((x) => usualRegimen(x) && maxDaily(x) !== null && !active.includes(x.id))!;
    const reg = usualRegimen(d)!;
    const r = await call(env, "prescribe_medication", { patient_id: t.caseId, drug: d.id, dose: maxDaily(d)!, unit: reg.unit, doses_per_day: 2, indication: "test" });
    expect(safety(r)).toContain("dose_above_maximum:major");
  });

  it("discontinue and monitoring orders are recorded; writes stay inside their episode", async () => {
    const t = first("deprescribe");
    const a = make("MedGym-v0", { domain: DOMAIN, taskId: t.id });
    const b = make("MedGym-v0", { domain: DOMAIN, taskId: t.id });
    const ra = await a.reset({ seed: 1 });
    const rb = await b.reset({ seed: 1 });
    expect(ra.info.stateHash).toBe(rb.info.stateHash);
    const drug = (await call(a, "get_patient_medications", { patient_id: t.caseId })).observation.match(/\[([a-z0-9_]+)\]/)![1]!;
    const stop = await call(a, "discontinue_medication", { patient_id: t.caseId, drug, reason: "interaction burden" });
    expect(stop.info.events).toEqual([expect.objectContaining({ type: "order", code: "discontinuation" })]);
    expect(stop.info.stateHash).not.toBe(ra.info.stateHash);
    const mon = await call(a, "recommend_monitoring", { patient_id: t.caseId, parameter: "serum potassium", timing: "in 3 days", reason: "test" });
    expect(mon.info.events).toEqual([expect.objectContaining({ type: "order", code: "monitoring" })]);
    const other = await call(b, "get_patient_medications", { patient_id: t.caseId });
    expect(other.observation).toContain(`[${drug}]`);
    expect(other.observation).not.toContain("Discontinued");
    expect(other.info.stateHash).toBe(rb.info.stateHash);
    expect((await a.reset({ seed: 2 })).info.stateHash).toBe(ra.info.stateHash);
  });

  it("clearance used by the tools is the Cockcroft-Gault value of the generated patient", () => {
    const c = buildCase("renal_dose", first("renal_dose").caseSeed!, first("renal_dose").caseId!)!;
    expect(crclOf(c.patient)).toBeGreaterThan(5);
    expect(crclOf(c.patient)).toBeLessThan(120);
  });
});

describe("drug_interaction policies", () => {
  it("the scripted expert solves at least 95% of the test split and uses every tool", async () => {
    const recs = await playTasks({ domain: drugInteraction, policy: (t) => drugInteraction.expert!(t), split: "test" });
    expect(recs.length).toBe(drugInteraction.tasksFor("test").length);
    const ok = recs.filter((r) => r.reward?.components.accuracy === 1).length;
    expect(ok / recs.length).toBeGreaterThanOrEqual(0.95);
    const used = new Set(recs.flatMap((r) => r.turns.map((t) => t.toolCall?.name)));
    expect(drugInteraction.toolNames().filter((n) => !used.has(n))).toEqual([]);
    // The expert never trips a safety rule.
    expect(recs.flatMap((r) => r.turns.flatMap((t) => t.events.filter((e) => e.type === "safety")))).toEqual([]);
  });

  it("passes the environment checker (seeded resets and steps, bad input never throws)", async () => {
    const results = await checkEnv(() => make("MedGym-v0", { domain: DOMAIN, split: "test" }));
    expect(results.filter((r) => !r.ok)).toEqual([]);
  });

  it("the random policy stays below 30% over 120 episodes", async () => {
    const recs = await playTasks({ domain: drugInteraction, policy: () => randomPolicy({ seed: 3 }), split: "all", limit: 120, seed: 11 });
    expect(recs.length).toBe(120);
    expect(recs.filter((r) => r.reward?.components.accuracy === 1).length / recs.length).toBeLessThan(0.3);
  });

  it("replays an expert episode byte-identically", async () => {
    const task = drugInteraction.tasksFor("test").find((t) => family(t).startsWith("safe_alternative_"))!;
    const run = async () => strip(await runEpisode(make("MedGym-v0", { domain: DOMAIN, taskId: task.id }), drugInteraction.expert!(task), { taskId: task.id, seed: 5 }));
    expect(await run()).toBe(await run());
  });
});
