import type { Condition } from "../../src/clinical/conditions/index.js";
import { findDrug } from "../../src/clinical/drugs/index.js";
import { loadLabs } from "../../src/clinical/labs/index.js";
import type { Action, Task } from "../../src/env/index.js";
import { flowPolicy, type Policy, type PolicyFlow } from "../../src/policy/index.js";
import { posteriorBy, type ObservedFindings, type RankedCondition } from "../../src/tools/differential-likelihood.js";
import type { CtgDeceleration, CtgVariability } from "./data-model.js";
import { PROFILE_ANALYTES, rankOb, REPORTED_MODALITIES } from "./knowledge.js";
import { indicatedInterventions, obCategory, SENSITISING, type ObCategory, type ObFacts } from "./rules.js";
import { antiDDose } from "./scores.js";
import { obstetricConditions, type ObQuestion } from "./tools.js";

/**
 * The scripted obstetric expert. It takes the history and dates the pregnancy before anything
 * else, examines mother and fetus with the tools that fit the gestation (fetal assessment and CTG
 * from 24 weeks, gynaecological assessment and hCG early or when not pregnant), keeps a differential
 * over the domain's profiles, and applies the unit protocols: magnesium, anti-D with a
 * Kleihauer-Betke test from 20 weeks, gestational-age thresholds, the Bishop score. It never reads
 * the answer from the task.
 */

const items = (line: string | undefined): string[] => {
  const body = (line ?? "").replace(/\.$/, "").trim();
  return !body || body === "none" ? [] : body.split("; ").map((s) => s.trim());
};
const field = (text: string, label: string): string | undefined => text.split("\n").find((l) => l.startsWith(`${label}:`))?.slice(label.length + 1).trim();
const num = (re: RegExp, s: string): number => {
  const m = s.match(re);
  if (!m) throw new Error(`obstetrics expert: cannot read ${re} from "${s.slice(0, 200)}"`);
  return Number(m[1]);
};
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function parsePresentation(text: string) {
  const head = text.split("\n")[0];
  const age = num(/, (\d+) y female/, head);
  const other = field(text, "Other imaging") ?? "";
  return {
    age,
    pregnant: /; pregnant,/.test(head),
    postpartum: /; postpartum/.test(head),
    complaint: (field(text, "Chief complaint") ?? "").replace(/\.$/, ""),
    symptoms: items(field(text, "Symptoms")),
    exam: items(field(text, "Examination")),
    vitals: { hr: num(/HR (\d+)/, text), sbp: num(/BP (\d+)\//, text), dbp: num(/BP \d+\/(\d+)/, text), rr: num(/RR (\d+)/, text), tempC: num(/Temp ([\d.]+)/, text), spo2: num(/SpO2 (\d+)/, text) },
    otherImaging: /^none/.test(other) ? [] : items(other).map((s) => ({ modality: s.slice(0, s.indexOf(" ")).toLowerCase(), finding: s.slice(s.indexOf(":") + 1).trim() })),
  };
}

export function parseHistory(text: string) {
  const today = text.match(/Today's date: (\d\d\/\d\d\/\d{4})/)?.[1];
  const lmp = text.match(/Last menstrual period: (\d\d\/\d\d\/\d{4}) \((certain|uncertain)/);
  const us = text.match(/Dating ultrasound on (\d\d\/\d\d\/\d{4}): crown-rump length consistent with (\d+) weeks (\d) days/);
  return {
    pmh: items(field(text, "Past medical and obstetric history")),
    medications: items(field(text, "Medications")?.split(". Allergies:")[0]),
    social: items(field(text, "Social")?.split(". Family:")[0]),
    family: items(text.match(/Family: (.*)$/m)?.[1]),
    priorCesarean: /Prior cesarean delivery: yes/.test(text),
    today,
    lmp: lmp?.[1],
    lmpCertain: lmp?.[2] !== "uncertain",
    ultrasound: us ? { date: us[1], weeks: Number(us[2]), days: Number(us[3]) } : undefined,
  };
}

export function parseLabs(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const lab of loadLabs()) {
    const m = text.match(new RegExp(`(?:: |; )${escape(lab.name)} (Positive|Negative|-?[\\d.]+)`));
    if (m) out[lab.key] = lab.scale === "qualitative" ? (m[1] === "Positive" ? 1 : 0) : Number(m[1]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

type Flow = PolicyFlow;

export function obstetricsExpert(task: Task): Policy {
  return flowPolicy("obstetrics_expert", (ctx) => flow(task, ctx.info.maxTurns));
}

const HYPERTENSIVE: ReadonlySet<ObCategory> = new Set(["severe_preeclampsia", "hellp", "eclampsia"]);
const PRETERM: ReadonlySet<ObCategory> = new Set(["preterm_labor", "pprom"]);

function* flow(task: Task, maxTurns: number): Flow {
  const id = task.caseId!;
  const question = (task.meta?.question ?? "diagnosis") as ObQuestion;
  const pid = { patient_id: id };
  let turns = 0;
  const call = (name: string, args: Record<string, unknown> = {}): Action => {
    turns++;
    return { name, arguments: args };
  };

  if (question === "medication") {
    const c = obstetricConditions().find((x) => task.ticket.includes(`has ${x.name}.`));
    const options = [...task.ticket.matchAll(/([A-D])\) (.+?)(?=  [A-D]\)|\. Check)/g)].map((m) => ({ letter: m[1], drug: m[2].trim() }));
    const protocol: string = yield call("check_ob_protocol", { topic: c?.name ?? "antepartum_hemorrhage" });
    const first = new Set(items(field(protocol, "First-line drugs")).map((n) => findDrug(n)?.id ?? n));
    const avoid = new Set(items(field(protocol, "Avoid")).map((n) => findDrug(n)?.id ?? n));
    let pick = options[0]?.letter ?? "A";
    for (const o of options) {
      yield call("check_medication_safety", { drug: o.drug });
      const drugId = findDrug(o.drug)?.id ?? o.drug;
      if (first.has(drugId) && !avoid.has(drugId)) pick = o.letter;
    }
    return call("submit_answer", { medication_choice: pick });
  }

  const pres = parsePresentation(yield call("get_patient_presentation", pid));
  const hist = parseHistory(yield call("get_obstetric_history", pid));

  // Date the pregnancy (best obstetric estimate) whenever there is one to date.
  let gaDays: number | undefined;
  function* date(): Generator<Action, void, string> {
    if (!pres.pregnant || !hist.today || !hist.lmp) return;
    if (hist.ultrasound) {
      const out: string = yield call("calculate_dating_by_ultrasound", { lmp: hist.lmp, ultrasound_date: hist.ultrasound.date, ultrasound_ga_weeks: hist.ultrasound.weeks, ultrasound_ga_days: hist.ultrasound.days, current_date: hist.today, lmp_certain: hist.lmpCertain });
      const m = out.match(/Gestational age on [\d/]+: (\d+) weeks (\d) days/)!;
      gaDays = Number(m[1]) * 7 + Number(m[2]);
    } else {
      const out: string = yield call("calculate_gestational_age", { lastMenstrualPeriod: hist.lmp, currentDate: hist.today });
      const m = out.match(/'(\d+) weeks', '(\d+) days'/)!;
      gaDays = Number(m[1]) * 7 + Number(m[2]);
    }
  }

  if (question === "dating") {
    yield* date();
    if (hist.lmp && turns + 2 <= maxTurns) yield call("calculate_estimated_due_date", { lastMenstrualPeriod: hist.lmp });
    const g = gaDays ?? 0;
    return call("submit_answer", { ga_weeks: Math.floor(g / 7), ga_days: g % 7 });
  }

  if (question === "induction") {
    yield* date();
    const cx = yield call("assess_labor_progress", pid);
    const m = cx.match(/dilation ([\d.]+) cm; effacement (\d+) %; station ([+-]?\d+); consistency (\w+); position (\w+)/)!;
    const bishopOut: string = yield call("calculate_bishop_score", { dilation_cm: Number(m[1]), effacement_pct: Number(m[2]), station: Number(m[3]), consistency: m[4], position: m[5] });
    const score = num(/Bishop score (\d+)/, bishopOut);
    const bpp: string = yield call("get_biophysical_profile", pid);
    const afi = bpp.match(/AFI ([\d.]+) cm/);
    if (afi) yield call("calculate_modified_bpp", { nst_reactive: /Non-stress test: reactive/.test(bpp), afi_cm: Number(afi[1]) });
    yield call("check_ob_protocol", { topic: "induction_of_labor" });
    return call("submit_answer", { bishop_score: score, induction_method: score >= 8 ? "oxytocin induction" : "cervical ripening", rationale: hist.priorCesarean ? "prior cesarean: balloon rather than misoprostol" : undefined });
  }

  // Diagnosis, management and Rh: examine, work up, rank.
  const labs: Record<string, number> = {};
  const ultrasound: string[] = [];
  let ctgFinding: string[] = [];
  let ctgFeatures: { baseline: number; variability: CtgVariability; accelerations: boolean; decelerations: CtgDeceleration } | undefined;
  let gyn = "";
  if (pres.pregnant) yield* date();
  if (pres.pregnant && (gaDays ?? 0) >= 20 * 7) {
    const fs: string = yield call("assess_fetal_status", pid);
    ultrasound.push(...items(field(fs, "Obstetric ultrasound")).filter((x) => x !== "no additional findings"));
    const ctg = fs.match(/CTG: baseline (\d+) bpm; variability (\w+); accelerations (present|absent); decelerations ([\w ]+); sinusoidal/);
    if (ctg) {
      ctgFeatures = { baseline: Number(ctg[1]), variability: ctg[2] as CtgVariability, accelerations: ctg[3] === "present", decelerations: ctg[4].replace(" ", "_") as CtgDeceleration };
      const summary = field(fs, "Tracing summary")?.replace(/\.$/, "");
      ctgFinding = summary && summary !== "no abnormality described" ? [summary] : [];
    }
  } else {
    gyn = yield call("get_gyn_assessment", pid);
    ultrasound.push(...items(field(gyn, "Pelvic/transvaginal ultrasound")).filter((x) => x !== "normal uterus and adnexa"));
    const hcg = gyn.match(/hCG: ([\d.]+) mIU\/mL/);
    if (hcg && pres.pregnant) labs.serum_hcg = Number(hcg[1]);
  }
  const observation = (): ObservedFindings => {
    const pl: Record<string, number> = {};
    for (const [k, v] of Object.entries(labs)) if (PROFILE_ANALYTES.has(k)) pl[k] = v;
    const modalities: string[] = [...REPORTED_MODALITIES, ...(ctgFeatures ? ["ctg"] : [])];
    return {
      age: pres.age,
      sex: "female",
      pregnant: pres.pregnant,
      chiefComplaint: pres.complaint,
      symptoms: pres.symptoms,
      exam: pres.exam,
      pmh: hist.pmh,
      medications: hist.medications,
      social: hist.social,
      family: hist.family,
      vitals: { hr: pres.vitals.hr, sbp: pres.vitals.sbp, rr: pres.vitals.rr, tempC: pres.vitals.tempC, spo2: pres.vitals.spo2 },
      labs: pl,
      imaging: modalities.map((m) => ({
        modality: m,
        findings: m === "ultrasound" ? ultrasound : m === "ctg" ? ctgFinding : pres.otherImaging.filter((i) => i.modality === m).map((i) => i.finding),
      })),
    };
  };
  let ranked: RankedCondition[] = rankOb(observation());
  const mass = (pred: (c: Condition) => boolean) => ranked.filter((r) => pred(r.condition)).reduce((s, r) => s + r.posterior, 0);

  // Labs that separate the leading candidates (hypertensive work-up, haemorrhage, infection, pregnancy hormone).
  const panels = new Set<string>(["cbc"]);
  for (const r of ranked.slice(0, 6)) {
    if (r.posterior < 0.01) continue;
    for (const key of Object.keys(r.condition.labs)) {
      if (["ast", "alt", "creatinine", "total_bilirubin", "sodium", "potassium", "glucose", "bicarbonate", "chloride", "bun", "calcium"].includes(key)) panels.add("cmp");
      if (["ldh"].includes(key)) panels.add("hemolysis");
      if (["uric_acid"].includes(key)) panels.add("uric_acid");
      if (["inr", "fibrinogen", "d_dimer", "ptt"].includes(key)) panels.add("coagulation");
      if (["crp", "lactate"].includes(key)) panels.add("inflammatory");
      if (["serum_hcg"].includes(key) && !labs.serum_hcg) panels.add("quantitative_hcg");
      if (["tsh", "free_t4"].includes(key)) panels.add("thyroid");
      if (["bnp", "troponin_i"].includes(key)) panels.add("cardiac");
      if (["magnesium"].includes(key)) panels.add("magnesium");
      if (["urinalysis_leukocyte_esterase", "urinalysis_nitrite"].includes(key)) panels.add("urinalysis");
    }
  }
  if (mass((c) => HYPERTENSIVE.has(obCategory(c))) > 0.01) panels.add("urine_protein");
  Object.assign(labs, parseLabs(yield call("order_labs", { ...pid, panels: [...panels].slice(0, 8) })));
  ranked = rankOb(observation());
  const top = ranked[0].condition;
  const cat = obCategory(top);

  if (question === "diagnosis") {
    const prenatal: string = yield call("get_prenatal_labs", pid);
    if (cat === "gdm" || mass((c) => obCategory(c) === "gdm") > 0.05) {
      const o = prenatal.match(/fasting (\d+), 1 h (\d+), 2 h (\d+), 3 h (\d+)/);
      const g = prenatal.match(/glucose challenge: (\d+) mg\/dL/);
      if (o) yield call("screen_gestational_diabetes", { ogtt_fasting: Number(o[1]), ogtt_1h: Number(o[2]), ogtt_2h: Number(o[3]), ogtt_3h: Number(o[4]) });
      else if (g) yield call("screen_gestational_diabetes", { gct_1h: Number(g[1]) });
    } else if (PRETERM.has(cat) && turns + 3 <= maxTurns) yield call("assess_preterm_risk", pid);
    else if (HYPERTENSIVE.has(cat) && turns + 3 <= maxTurns) yield call("get_risk_assessment", pid);
    if (turns + 2 <= maxTurns) yield call("think", { thought: `Leading diagnosis ${top.name} (${(ranked[0].posterior * 100).toFixed(0)} %); next ${ranked.slice(1, 3).map((r) => r.condition.name).join(", ")}.` });
    return call("submit_answer", { diagnosis: top.name });
  }

  const rhText: string = yield call("check_rh_status", pid);
  const rhNeg = /Rh\(D\) NEGATIVE/.test(rhText);
  const sensitised = /already alloimmunised/.test(rhText);
  const weeks = gaDays === undefined ? undefined : Math.floor(gaDays / 7);

  // Anti-D: how much this woman needs now.
  function* antiD(category: ObCategory): Generator<Action, number, string> {
    if (!rhNeg || sensitised || weeks === undefined) return 0;
    if (!SENSITISING.has(category)) return weeks >= 26 && weeks <= 30 ? 300 : 0;
    if (weeks < 20) return antiDDose(weeks, 0);
    const kb = num(/fetal cells ([\d.]+) %/, yield call("order_labs", { ...pid, panels: ["kleihauer_betke"] }));
    return num(/= (\d+) µg/, yield call("calculate_rhig_dose", { fetal_cells_pct: kb }));
  }

  if (question === "rh") {
    const dose = yield* antiD(cat);
    if (turns + 3 <= maxTurns) yield call("check_ob_protocol", { topic: "rh_immunoprophylaxis" });
    if (dose > 0) yield call("order_medication", { ...pid, drug: "rho_d_immune_globulin", dose: `${dose} micrograms IM` });
    return call("submit_answer", { anti_d_dose_mcg: dose });
  }

  // Management.
  const prenatal: string = cat === "gdm" || PRETERM.has(cat) ? yield call("get_prenatal_labs", pid) : "";
  const gbs = (prenatal.match(/Group B streptococcus \(35-37 week swab\): (positive|negative|not done)/)?.[1] ?? "not done") as ObFacts["gbs"];
  let ctgCategory: 1 | 2 | 3 | undefined;
  if (ctgFeatures) {
    const out: string = yield call("interpret_ctg", { baseline_fhr: ctgFeatures.baseline, variability: ctgFeatures.variability, accelerations: ctgFeatures.accelerations, decelerations: ctgFeatures.decelerations });
    ctgCategory = /Category III/.test(out) ? 3 : /Category II/.test(out) ? 2 : 1;
  }
  if (cat === "gdm") {
    const o = prenatal.match(/fasting (\d+), 1 h (\d+), 2 h (\d+), 3 h (\d+)/);
    if (o && turns + 4 <= maxTurns) yield call("screen_gestational_diabetes", { ogtt_fasting: Number(o[1]), ogtt_1h: Number(o[2]), ogtt_2h: Number(o[3]), ogtt_3h: Number(o[4]) });
  }
  const smbg = prenatal.match(/\((\d+) of (\d+) above 95\).*\((\d+) of \d+ above 140\)/);
  const facts: ObFacts = {
    gaWeeks: weeks,
    sbp: pres.vitals.sbp,
    dbp: pres.vitals.dbp,
    hr: pres.vitals.hr,
    rhNegativeUnsensitized: rhNeg && !sensitised,
    ctgCategory,
    gbs,
    serumHcg: labs.serum_hcg,
    peritonealSigns: pres.exam.some((e) => /peritoneal signs/i.test(e)),
    hemoperitoneum: ultrasound.some((u) => /morison/i.test(u)),
    fetalCardiacActivity: /embryonic cardiac activity present/.test(gyn),
    glucoseTargetsMet: !smbg || (Number(smbg[1]) <= Number(smbg[2]) / 3 && Number(smbg[3]) <= Number(smbg[2]) / 3),
  };
  const post = [...posteriorBy(ranked, (c) => indicatedInterventions(obCategory(c), facts).join(",")).entries()].sort((a, b) => b[1] - a[1]);
  const set = post[0][0].split(",").filter(Boolean);
  const reserve = 1 + (set.includes("magnesium_sulfate") ? 1 : 0) + (set.includes("anti_d_immunoglobulin") ? 3 : 0);
  if (turns + reserve + 1 <= maxTurns) yield call("check_ob_protocol", { topic: top.name });
  if (set.includes("magnesium_sulfate")) yield call("order_medication", { ...pid, drug: "magnesium_sulfate", dose: "4 g IV load then 1 g/h" });
  if (set.includes("anti_d_immunoglobulin")) {
    const dose = yield* antiD(cat);
    yield call("order_medication", { ...pid, drug: "rho_d_immune_globulin", dose: `${dose || 300} micrograms IM` });
  }
  if (turns + 2 <= maxTurns) yield call("think", { thought: `${top.name} at ${weeks ?? "?"} weeks; CTG category ${ctgCategory ?? "n/a"}; plan: ${set.join(", ")}.` });
  return call("submit_answer", { interventions: set });
}

