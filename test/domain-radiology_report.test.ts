import { beforeAll, describe, expect, it } from "vitest";
import { make, playTasks, registerDomain, type Env, type Task, type ToolCall } from "../src/env/index.js";
import { randomPolicy } from "../src/policy/random.js";
import { radiologyReport } from "../domains/radiology_report/index.js";
import {
  agatston,
  birads,
  cacCategory,
  effectiveDose,
  ellipsoidVolume,
  fleischner,
  lirads,
  lungrads,
  tirads,
  tiradsPoints,
  volumeDoublingTime,
} from "../domains/radiology_report/classification.js";
import { generateTasks } from "../domains/radiology_report/tasks.js";

beforeAll(() => registerDomain(radiologyReport));

const REFERENCE_TOOLS = [
  "get_study_info",
  "get_clinical_history",
  "get_prior_reports",
  "get_report_template",
  "analyze_findings",
  "search_radiology_knowledge",
  "get_reporting_checklist",
  "calculate_measurements",
  "apply_classification_system",
  "compare_with_prior_study",
  "measure_lesion_size",
  "generate_critical_finding_alert",
  "calculate_coronary_calcium_score",
  "get_radiation_dose",
  "think",
  "submit_report",
  "submit_answer",
];

describe("classification rules", () => {
  it("Fleischner 2017", () => {
    const f = (noduleType: "solid" | "part_solid" | "ground_glass", count: "single" | "multiple", sizeMm: number, risk?: "low" | "high") => fleischner({ noduleType, count, sizeMm, risk, solidComponentMm: 3 }).category;
    expect(f("solid", "single", 5, "low")).toBe("no_routine_follow_up");
    expect(f("solid", "single", 5, "high")).toBe("optional_ct_12_months");
    expect(f("solid", "single", 5.6, "low")).toBe("ct_6_12_months_then_consider_18_24");
    expect(f("solid", "single", 7, "high")).toBe("ct_6_12_months_then_18_24");
    expect(f("solid", "single", 9, "low")).toBe("ct_3_months_pet_or_tissue_sampling");
    expect(f("solid", "multiple", 7, "low")).toBe("ct_3_6_months_then_consider_18_24");
    expect(f("solid", "multiple", 7, "high")).toBe("ct_3_6_months_then_18_24");
    expect(f("solid", "multiple", 10, "high")).toBe("ct_3_6_months_then_18_24");
    expect(f("ground_glass", "single", 5)).toBe("no_routine_follow_up");
    expect(f("ground_glass", "single", 7)).toBe("ct_6_12_months_then_every_2_years_to_5");
    expect(f("part_solid", "single", 8)).toBe("ct_3_6_months_then_annual_to_5");
    expect(f("part_solid", "multiple", 4)).toBe("ct_3_6_months_then_2_and_4_years");
    expect(f("ground_glass", "multiple", 8)).toBe("ct_3_6_months_manage_most_suspicious");
  });

  it("ACR TI-RADS points, levels and size thresholds", () => {
    const base = { composition: "solid", echogenicity: "hypoechoic", shape: "wider_than_tall", margin: "smooth", echogenicFoci: ["none"], sizeCm: 1.6 } as const;
    expect(tiradsPoints({ ...base, echogenicFoci: [...base.echogenicFoci] })).toBe(4);
    expect(tirads({ ...base, echogenicFoci: ["none"] })).toMatchObject({ category: "TR4", recommendation: expect.stringMatching(/^FNA/) });
    expect(tirads({ ...base, echogenicFoci: ["none"], sizeCm: 1.2 }).recommendation).toMatch(/follow-up/);
    expect(tirads({ ...base, echogenicFoci: ["none"], sizeCm: 0.8 }).recommendation).toMatch(/^No FNA or follow-up/);
    expect(tirads({ composition: "solid", echogenicity: "very_hypoechoic", shape: "taller_than_wide", margin: "irregular", echogenicFoci: ["punctate"], sizeCm: 0.9 }).category).toBe("TR5");
    expect(tirads({ composition: "mixed_cystic_solid", echogenicity: "isoechoic", shape: "wider_than_tall", margin: "smooth", echogenicFoci: ["none"], sizeCm: 3 }).category).toBe("TR2");
    expect(tirads({ composition: "mixed_cystic_solid", echogenicity: "hyperechoic", shape: "wider_than_tall", margin: "smooth", echogenicFoci: ["macrocalcifications"], sizeCm: 2.6 })).toMatchObject({ category: "TR3", recommendation: expect.stringMatching(/^FNA/) });
    expect(tirads({ composition: "spongiform", echogenicity: "isoechoic", shape: "wider_than_tall", margin: "smooth", echogenicFoci: ["none"], sizeCm: 3 }).category).toBe("TR1");
    expect(tiradsPoints({ ...base, echogenicFoci: ["macrocalcifications", "punctate"] })).toBe(8);
  });

  it("BI-RADS assessment categories", () => {
    expect(birads({ finding: "mass", massShape: "irregular", massMargin: "spiculated" }).category).toBe("BI-RADS 5");
    expect(birads({ finding: "mass", massShape: "oval", massMargin: "circumscribed" }).category).toBe("BI-RADS 3");
    expect(birads({ finding: "mass", massShape: "oval", massMargin: "indistinct" }).category).toBe("BI-RADS 4B");
    expect(birads({ finding: "calcifications", calcMorphology: "fine_linear_branching" }).category).toBe("BI-RADS 5");
    expect(birads({ finding: "calcifications", calcMorphology: "amorphous" }).category).toBe("BI-RADS 4B");
    expect(birads({ finding: "calcifications", calcMorphology: "fine_pleomorphic" }).category).toBe("BI-RADS 4C");
    expect(birads({ finding: "known_cancer" }).category).toBe("BI-RADS 6");
    expect(birads({ finding: "asymmetry_incomplete" }).category).toBe("BI-RADS 0");
    expect(birads({ finding: "none" }).category).toBe("BI-RADS 1");
    expect(birads({ finding: "benign" }).category).toBe("BI-RADS 2");
  });

  it("LI-RADS v2018 diagnostic table", () => {
    const L = (sizeMm: number, aphe: "none" | "nonrim" | "rim", washout = false, capsule = false, thresholdGrowth = false, tumorInVein = false) => lirads({ sizeMm, aphe, washout, capsule, thresholdGrowth, tumorInVein }).category;
    expect(L(25, "nonrim", true)).toBe("LR-5");
    expect(L(25, "nonrim")).toBe("LR-4");
    expect(L(15, "nonrim", false, true)).toBe("LR-4");
    expect(L(15, "nonrim", true)).toBe("LR-5");
    expect(L(15, "nonrim", false, false, true)).toBe("LR-5");
    expect(L(15, "nonrim")).toBe("LR-3");
    expect(L(8, "nonrim", true)).toBe("LR-4");
    expect(L(8, "nonrim")).toBe("LR-3");
    expect(L(15, "none", true)).toBe("LR-3");
    expect(L(15, "none", true, true)).toBe("LR-4");
    expect(L(25, "none", true)).toBe("LR-4");
    expect(L(25, "none")).toBe("LR-3");
    expect(L(30, "rim", true)).toBe("LR-M");
    expect(L(30, "nonrim", true, false, false, true)).toBe("LR-TIV");
  });

  it("Lung-RADS v2022", () => {
    const B = (noduleType: "solid" | "part_solid" | "ground_glass", sizeMm: number, solidComponentMm?: number) => lungrads({ exam: "baseline", noduleType, sizeMm, solidComponentMm }).category;
    expect(B("solid", 5.9)).toBe("Lung-RADS 2");
    expect(B("solid", 6)).toBe("Lung-RADS 3");
    expect(B("solid", 8)).toBe("Lung-RADS 4A");
    expect(B("solid", 15)).toBe("Lung-RADS 4B");
    expect(B("part_solid", 5)).toBe("Lung-RADS 2");
    expect(B("part_solid", 10, 5)).toBe("Lung-RADS 3");
    expect(B("part_solid", 10, 7)).toBe("Lung-RADS 4A");
    expect(B("part_solid", 12, 9)).toBe("Lung-RADS 4B");
    expect(B("ground_glass", 29.9)).toBe("Lung-RADS 2");
    expect(B("ground_glass", 30)).toBe("Lung-RADS 3");
    const F = (change: "new" | "growing", sizeMm: number) => lungrads({ exam: "follow_up", noduleType: "solid", sizeMm, change }).category;
    expect(F("new", 3.9)).toBe("Lung-RADS 2");
    expect(F("new", 5)).toBe("Lung-RADS 3");
    expect(F("new", 7)).toBe("Lung-RADS 4A");
    expect(F("new", 8)).toBe("Lung-RADS 4B");
    expect(F("growing", 7)).toBe("Lung-RADS 4A");
    expect(F("growing", 9)).toBe("Lung-RADS 4B");
  });

  it("Agatston score, CAC categories, effective dose and doubling time", () => {
    const a = agatston([
      { artery: "LAD", areaMm2: 10, peakHu: 250 },
      { artery: "LAD", areaMm2: 4, peakHu: 450 },
      { artery: "RCA", areaMm2: 0.8, peakHu: 600 },
      { artery: "LCx", areaMm2: 6, peakHu: 125 },
    ]);
    expect(a).toEqual({ total: 36, perArtery: { LAD: 36, RCA: 0, LCx: 0 }, counted: 2 });
    expect([0, 5, 50, 300, 500].map((s) => cacCategory(s).category.split(" (")[0])).toEqual(["CAC 0", "CAC 1-10", "CAC 11-100", "CAC 101-400", "CAC >400"]);
    expect(effectiveDose(400, "chest")).toBeCloseTo(5.6, 10);
    expect(effectiveDose(1000, "head")).toBeCloseTo(2.1, 10);
    expect(() => effectiveDose(100, "knee")).toThrow(/no k-factor/);
    expect(ellipsoidVolume(10, 10, 10)).toBeCloseTo(523.6, 1);
    expect(volumeDoublingTime(100, 200, 90)).toBeCloseTo(90, 10);
    expect(volumeDoublingTime(100, 90, 90)).toBe(Infinity);
  });
});

const tasks = () => radiologyReport.tasksFor("all");
const family = (f: string, pred: (t: Task) => boolean = () => true) => tasks().find((t) => t.meta?.family === f && pred(t))!;

async function episode(task: Task): Promise<Env> {
  const env = make("MedGym-v0", { domain: "radiology_report", taskId: task.id, maxTurns: 60 });
  await env.reset({ seed: 3 });
  return env;
}

describe("radiology_report tools", () => {
  it("has at least the reference tools", () => {
    expect(radiologyReport.tools.length).toBeGreaterThanOrEqual(17);
    for (const n of REFERENCE_TOOLS) expect(radiologyReport.toolNames()).toContain(n);
  });

  it("each tool answers a well-formed call and refuses a bad one", async () => {
    const t = family("lirads", (x) => x.meta?.thresholdGrowth === true);
    const id = t.caseId!;
    const env = await episode(t);
    const happy: [ToolCall, RegExp][] = [
      [{ name: "get_study_info", arguments: { study_id: id } }, /Priors on file: RAD-/],
      [{ name: "get_clinical_history", arguments: { study_id: id } }, /Risk factors: (cirrhosis|chronic hepatitis B)/],
      [{ name: "get_prior_reports", arguments: { study_id: id } }, /Observation in segment/],
      [{ name: "get_report_template", arguments: { modality: "mri", region: "liver" } }, /LI-RADS features/],
      [{ name: "analyze_findings", arguments: { study_id: id } }, /Descriptors: arterial_phase=/],
      [{ name: "search_radiology_knowledge", arguments: { query: "intimal flap thoracic aorta" } }, /imaging:aortic_dissection/],
      [{ name: "get_reporting_checklist", arguments: { topic: "li_rads" } }, /threshold_growth/],
      [{ name: "calculate_measurements", arguments: { kind: "mean_diameter", a: 7.4, b: 6.1 } }, /6\.75 mm \(nearest mm 7; one decimal 6\.8\)/],
      [{ name: "apply_classification_system", arguments: { system: "ti_rads", features: { composition: "solid", echogenicity: "hypoechoic", shape: "wider_than_tall", margin: "smooth", echogenic_foci: ["none"], size_cm: 1.6 } } }, /ACR TI-RADS: TR4\. FNA/],
      [{ name: "compare_with_prior_study", arguments: { study_id: id, lesion_id: "O1" } }, /long axis \+\d/],
      [{ name: "measure_lesion_size", arguments: { study_id: id, lesion_id: "O1" } }, /O1 \(segment [IV]+a?, hepatic observation\): [\d.]+ x [\d.]+ x [\d.]+ mm/],
      [{ name: "calculate_coronary_calcium_score", arguments: { lesions: [{ artery: "LAD", area_mm2: 10, peak_hu: 250 }] } }, /Agatston score 20 .*CAC 11-100/],
      [{ name: "get_radiation_dose", arguments: { study_id: id } }, /(no ionising radiation|Total DLP \d+)/],
      [{ name: "calculate_effective_dose", arguments: { dlp_mgy_cm: 400, region: "chest" } }, /= 5\.6 mSv/],
      [{ name: "check_contrast_safety", arguments: { study_id: id } }, /eGFR \d+/],
      [{ name: "think", arguments: { thought: "Nonrim APHE with threshold growth." } }, /Noted/],
    ];
    for (const [c, re] of happy) {
      const r = await env.step(c);
      expect(r.info.formatError, `${c.name}: ${r.observation}`).toBeUndefined();
      expect(r.info.toolError, `${c.name}: ${r.observation}`).toBeUndefined();
      expect(r.observation, c.name).toMatch(re);
    }
    const bad: ToolCall[] = [
      { name: "get_study_info", arguments: { study_id: "RAD-00000" } },
      { name: "get_clinical_history", arguments: {} },
      { name: "get_prior_reports", arguments: { study_id: 5 } },
      { name: "get_report_template", arguments: { modality: "pet", region: "chest" } },
      { name: "analyze_findings", arguments: { study_id: "" } },
      { name: "search_radiology_knowledge", arguments: { query: "x" } },
      { name: "get_reporting_checklist", arguments: { topic: "pi_rads" } },
      { name: "calculate_measurements", arguments: { kind: "doubling_time", a: 100, b: 200 } },
      { name: "apply_classification_system", arguments: { system: "fleischner", features: { nodule_type: "solid", count: "single", size_mm: 7 } } },
      { name: "apply_classification_system", arguments: { system: "li_rads", features: { size_mm: 20 } } },
      { name: "compare_with_prior_study", arguments: { study_id: id, lesion_id: "L9" } },
      { name: "measure_lesion_size", arguments: { study_id: id } },
      { name: "generate_critical_finding_alert", arguments: { study_id: id, finding: "x", recipient: "ordering physician", urgency: "whenever" } },
      { name: "calculate_coronary_calcium_score", arguments: { lesions: [{ artery: "PDA", area_mm2: 3, peak_hu: 300 }] } },
      { name: "get_radiation_dose", arguments: { study: id } },
      { name: "calculate_effective_dose", arguments: { dlp_mgy_cm: 400, region: "knee" } },
      { name: "check_contrast_safety", arguments: { study_id: "RAD-1" } },
      { name: "think", arguments: { thought: "" } },
      { name: "submit_report", arguments: { study_id: id, findings: "x" } },
      { name: "submit_answer", arguments: {} },
    ];
    for (const c of bad) {
      const r = await env.step(c);
      expect(r.info.formatError?.code === "invalid_arguments" || r.info.toolError !== undefined, `${c.name} should refuse: ${r.observation}`).toBe(true);
      expect(r.terminated).toBe(false);
    }
    const r = await env.step({ name: "submit_report", arguments: { study_id: id, findings: "Observation O1.", impression: "Liver observation", category: t.answer.kind === "label" ? t.answer.value : "" } });
    expect(r.terminated).toBe(true);
    expect(r.info.reward?.components.accuracy).toBe(1);
  });

  it("submit_answer grades numeric questions within tolerance", async () => {
    const t = family("dose");
    const env = await episode(t);
    const v = t.answer.kind === "number" ? t.answer.value : NaN;
    const r = await env.step({ name: "submit_answer", arguments: { answer: String(v + 0.01), unit: "mSv" } });
    expect(r.info.reward?.components.accuracy).toBe(1);
  });
});

describe("critical results", () => {
  const critical = () => family("diagnostic", (t) => t.meta?.critical === true);
  const routine = () => family("diagnostic", (t) => t.meta?.critical === false);
  const report = (t: Task): ToolCall => ({ name: "submit_report", arguments: { study_id: t.caseId!, findings: "as above", impression: t.answer.kind === "label" ? t.answer.value : "" } });
  const safetyEvents = (env: Env) => env.record().turns.flatMap((x) => x.events).filter((e) => e.type === "safety");

  it("signing a critical study without the call is a critical safety event", async () => {
    const t = critical();
    const env = await episode(t);
    await env.step(report(t));
    expect(safetyEvents(env)).toEqual([expect.objectContaining({ code: "missed_critical_finding", severity: "critical" })]);
  });

  it("calling first keeps the episode clean", async () => {
    const t = critical();
    const env = await episode(t);
    const call = await env.step({ name: "generate_critical_finding_alert", arguments: { study_id: t.caseId!, finding: "critical finding", recipient: "ordering physician", urgency: "immediate" } });
    expect(call.info.events).toEqual([expect.objectContaining({ type: "referral", code: "critical_result_called" })]);
    await env.step(report(t));
    expect(safetyEvents(env)).toEqual([]);
  });

  it("calling a non-critical study is recorded as a minor safety event", async () => {
    const t = routine();
    const env = await episode(t);
    await env.step({ name: "generate_critical_finding_alert", arguments: { study_id: t.caseId!, finding: "nothing urgent", recipient: "ordering physician", urgency: "urgent" } });
    await env.step(report(t));
    expect(safetyEvents(env)).toEqual([expect.objectContaining({ code: "unwarranted_critical_alert", severity: "minor" })]);
  });
});

describe("radiology_report tasks", () => {
  it("has at least 400 tasks, exactly 20% test per family, unique ids", () => {
    const all = tasks();
    expect(all.length).toBeGreaterThanOrEqual(400);
    const fams = new Map<string, Task[]>();
    for (const t of all) fams.set(String(t.meta!.family), [...(fams.get(String(t.meta!.family)) ?? []), t]);
    expect([...fams.keys()].sort()).toEqual(["birads", "cac", "cac_numeric", "diagnostic", "dose", "fleischner", "growth", "lirads", "lungrads", "tirads"]);
    for (const g of fams.values()) expect(g.filter((t) => t.split === "test").length).toBe(Math.round(g.length * 0.2));
    expect(new Set(all.map((t) => t.id)).size).toBe(all.length);
    const diag = fams.get("diagnostic")!;
    expect(diag.every((t) => typeof t.meta?.condition === "string")).toBe(true);
    expect(diag.some((t) => t.meta?.critical) && diag.some((t) => !t.meta?.critical)).toBe(true);
    expect(new Set(diag.map((t) => t.meta?.condition)).size).toBeGreaterThan(40);
  });

  it("is deterministic, and the state is a pure function of the task", () => {
    expect(JSON.stringify(generateTasks())).toBe(JSON.stringify(tasks()));
    const t = family("lungrads");
    expect(JSON.stringify(radiologyReport.createState(t))).toBe(JSON.stringify(radiologyReport.createState(t)));
  });

  it("keeps train and test apart: no study (case) in both splits", () => {
    // The whole case except its identifiers: a duplicated case would carry the same content.
    const key = (t: Task) => {
      const s = radiologyReport.createState(t).study;
      return JSON.stringify({ ...s, id: "", patient: { ...s.patient, id: "" }, priors: s.priors.map((p) => ({ ...p, id: "" })) });
    };
    const train = new Set(radiologyReport.tasksFor("train").map(key));
    for (const t of radiologyReport.tasksFor("test")) expect(train.has(key(t)), t.id).toBe(false);
  });
});

describe("radiology_report policies", () => {
  it("the expert solves at least 95% of the whole test split, safely, using every tool", async () => {
    const recs = await playTasks({ domain: radiologyReport, split: "test", policy: (t) => radiologyReport.expert!(t), maxTurns: 30 });
    expect(recs.length).toBe(radiologyReport.tasksFor("test").length);
    const ok = recs.filter((r) => r.terminated && (r.reward?.components.accuracy ?? 0) >= 1).length;
    expect(ok / recs.length).toBeGreaterThanOrEqual(0.95);
    expect(recs.flatMap((r) => r.turns.flatMap((t) => t.events)).filter((e) => e.type === "safety")).toEqual([]);
    const used = new Set(recs.flatMap((r) => r.turns.filter((t) => t.toolCall && !t.toolError && !t.formatError).map((t) => t.toolCall!.name)));
    expect(radiologyReport.toolNames().filter((n) => !used.has(n))).toEqual([]);
  }, 60_000);

  it("a random policy succeeds on fewer than 30% of 100 episodes", async () => {
    const recs = await playTasks({ domain: radiologyReport, split: "test", limit: 100, seed: 9, policy: () => randomPolicy({ seed: 13 }) });
    expect(recs.length).toBe(100);
    const ok = recs.filter((r) => r.terminated && (r.reward?.components.accuracy ?? 0) >= 1).length;
    expect(ok / recs.length).toBeLessThan(0.3);
  }, 60_000);
});
