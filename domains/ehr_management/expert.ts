import type { Task, ToolCall } from "../../src/env/index.js";
import { lastObservation, scriptedPolicy, type Policy, type ScriptStep } from "../../src/policy/index.js";
import type { PolicyContext } from "../../src/policy/types.js";
import { CHARLSON_LABEL, type CharlsonCategory } from "./clinical.js";
import type { EhrTaskMeta } from "./tasks.js";

/**
 * The scripted expert: it reads the question from the task (family, admission, parameters: what
 * the ticket says) and gathers every value through the tools, parsing their text as an agent would.
 * It never reads the answer from the task.
 */
export function ehrExpert(task: Task): Policy {
  const meta = task.meta as EhrTaskMeta;
  const pid = task.caseId!;
  const h = meta.hadmId ?? "";
  const steps = PLANS[meta.family]?.(pid, h, meta);
  if (!steps) throw new Error(`ehr_management expert: no plan for family "${meta.family}"`);
  // A clinician opens the chart before answering a question about it (unless the plan starts there).
  const opens = steps[0] && typeof steps[0] === "object" && (steps[0] as ToolCall).name === "get_patient_summary";
  return reflective(`ehr_management_expert:${meta.family}`, opens ? steps : [call("get_patient_summary", { patient_id: pid }), ...steps]);
}

/**
 * Runs a script, but states the conclusion in a `think` turn before every submit_answer that does
 * not already follow one, so demonstrations show the reasoning step and not only the lookups.
 */
function reflective(name: string, steps: ScriptStep[]): Policy {
  const inner = scriptedPolicy(name, steps);
  let pending: ToolCall | null = null;
  let lastWasThink = false;
  return {
    name,
    reset(info, seed) {
      pending = null;
      lastWasThink = false;
      inner.reset?.(info, seed);
    },
    act(ctx) {
      if (pending) {
        const p = pending;
        pending = null;
        lastWasThink = false;
        return p;
      }
      const a = inner.act(ctx) as ToolCall;
      if (a.name === "submit_answer" && !lastWasThink) {
        pending = a;
        lastWasThink = true;
        return think(`Conclusion: ${String(a.arguments.rationale ?? "")} Answer: ${String(a.arguments.answer)}.`);
      }
      lastWasThink = a.name === "think";
      return a;
    },
  };
}

type Plan = (pid: string, hadm: string, meta: EhrTaskMeta) => ScriptStep[];

const call = (name: string, args: Record<string, unknown> = {}): ToolCall => ({ name, arguments: args });
const submit = (answer: string | number, rationale: string): ToolCall => call("submit_answer", { answer: String(answer), rationale });
const think = (thought: string): ToolCall => call("think", { thought });

function grab(re: RegExp, text: string, what: string): string {
  const m = re.exec(text);
  if (!m) throw new Error(`ehr_management expert: cannot read ${what} from: ${text.slice(0, 300)}`);
  return m[1]!;
}

/** "2180-05-06 23:00" etc. in record time -> ms (UTC; only differences matter). */
function t(s: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}))?/.exec(s.trim());
  if (!m) throw new Error(`ehr_management expert: bad time ${s}`);
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0));
}
const DAY = 86_400_000;

interface TrendPoint {
  time: string;
  value: number;
  flag: string | null;
}

function parseTrend(text: string): TrendPoint[] {
  const out: TrendPoint[] = [];
  for (const line of text.split("\n")) {
    const n = /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2})\s+(-?[\d.]+)/.exec(line);
    if (!n) continue;
    out.push({ time: n[1]!, value: Number(n[2]), flag: /\((H|L)[;)]/.exec(line)?.[1] ?? null });
  }
  return out;
}

const LABEL_TO_CATEGORY = new Map<string, CharlsonCategory>(Object.entries(CHARLSON_LABEL).map(([k, v]) => [v, k as CharlsonCategory]));

function charlsonArgsFromProfile(text: string, age: number): Record<string, unknown> {
  const cats = new Set<CharlsonCategory>();
  for (const line of text.split("\n")) {
    const m = /^- (.+?) \(\d+ pts?\)( \[superseded)?/.exec(line);
    if (!m || m[2]) continue;
    const cat = LABEL_TO_CATEGORY.get(m[1]!);
    if (!cat) throw new Error(`ehr_management expert: unknown comorbidity label ${m[1]}`);
    cats.add(cat);
  }
  const has = (c: CharlsonCategory) => cats.has(c);
  return {
    ageYears: age,
    myocardialInfarction: has("myocardialInfarction"),
    congestiveHeartFailure: has("congestiveHeartFailure"),
    peripheralVascularDisease: has("peripheralVascularDisease"),
    cerebrovascularAccidentOrTia: has("cerebrovascularAccidentOrTia"),
    dementia: has("dementia"),
    chronicPulmonaryDisease: has("chronicPulmonaryDisease"),
    connectiveTissueDisease: has("connectiveTissueDisease"),
    pepticUlcerDisease: has("pepticUlcerDisease"),
    liverDisease: has("severeLiverDisease") ? "moderate to severe" : has("mildLiverDisease") ? "mild" : "none",
    diabetes: has("diabetesEndOrgan") ? "end-organ damage" : has("diabetesUncomplicated") ? "uncomplicated" : "none or diet-controlled",
    hemiplegia: has("hemiplegia"),
    moderateToSevereCkd: has("renalDisease"),
    solidTumor: has("metastaticSolidTumor") ? "metastatic" : has("solidTumor") ? "localized" : "none",
    leukemia: has("leukemia"),
    lymphoma: has("lymphoma"),
    aids: has("aids"),
  };
}

const valueOf = (calcText: string) => grab(/^[^\n]*?: (-?[\d.]+)/, calcText, "calculator value");

const PLANS: Record<string, Plan> = {
  principal_dx(pid, hadm) {
    let code = "";
    let version = 10;
    return [
      call("get_admission_diagnoses", { patient_id: pid, hadm_id: hadm }),
      (ctx) => {
        const o = lastObservation(ctx);
        const m = /^\d+\. ICD-(9|10) (\S+) - .*\(principal\)$/m.exec(o) ?? /^\d+\. ICD-(9|10) (\S+) - /m.exec(o);
        if (!m) throw new Error(`ehr_management expert: no principal diagnosis in ${o.slice(0, 200)}`);
        version = Number(m[1]);
        code = m[2]!;
        return version === 9 ? call("map_icd9_to_icd10", { icd9_code: code }) : call("lookup_icd_code", { code });
      },
      (ctx) => {
        if (version === 9) {
          const o = lastObservation(ctx);
          code = grab(/^- (\S+) .*; billable\]$/m, o, "billable GEM target");
          return call("lookup_icd_code", { code });
        }
        return think(`Principal diagnosis is coded in ICD-10-CM as ${code}; checking it is billable.`);
      },
      (ctx) => {
        const o = version === 9 ? lastObservation(ctx) : ctx.messages.filter((m) => m.role === "tool").map((m) => m.content).find((c) => c.startsWith("ICD-10-CM")) ?? "";
        if (!/\(billable\)/.test(o)) throw new Error(`ehr_management expert: ${code} is not billable: ${o.slice(0, 200)}`);
        return submit(code, `Principal diagnosis (sequence 1) of admission ${hadm}${version === 9 ? ", translated from ICD-9-CM with the CMS GEMs" : ""}: ${code}.`);
      },
    ];
  },

  los(pid, hadm) {
    return [
      call("get_admission_info", { patient_id: pid, hadm_id: hadm }),
      (ctx) => {
        const los = grab(/Length of stay: ([\d.]+) days/, lastObservation(ctx), "length of stay");
        return submit(los, `Admission to discharge: ${los} days.`);
      },
    ];
  },

  readmission(pid, hadm) {
    let discharge = "";
    let next: { id: string; admit: string } | null = null;
    return [
      call("get_admission_history", { patient_id: pid }),
      (ctx) => {
        const rows = [...lastObservation(ctx).matchAll(/^\d+\. hadm_id (\d+): admitted (\S+ \S+), discharged (\S+ \S+)/gm)].map((m) => ({ id: m[1]!, admit: m[2]!, disch: m[3]! }));
        const me = rows.find((r) => r.id === hadm);
        if (!me) throw new Error(`ehr_management expert: admission ${hadm} not in history`);
        discharge = me.disch;
        next = rows.filter((r) => r.id !== hadm && t(r.admit) >= t(me.disch)).sort((p, q) => t(p.admit) - t(q.admit))[0] ?? null;
        return next ? call("calculate_time_interval", { start: discharge, end: next.admit }) : think(`No admission after the discharge of ${hadm} (${discharge}).`);
      },
      (ctx) => {
        if (!next) return submit("none", "No later admission in the record.");
        const days = Number(grab(/= (-?[\d.]+) days/, lastObservation(ctx), "interval"));
        return days <= 30 ? submit(next.id, `Readmitted as ${next.id} ${days} days after discharge.`) : submit("none", `Next admission ${next.id} came ${days} days after discharge, beyond 30 days.`);
      },
    ];
  },

  icu_los(pid, hadm) {
    return [
      call("get_icu_stays", { patient_id: pid, hadm_id: hadm }),
      (ctx) => {
        const v = grab(/total ([\d.]+) ICU days/, lastObservation(ctx), "ICU days");
        return submit(v, `Sum of ICU stay lengths: ${v} days.`);
      },
    ];
  },

  aki_stage(pid, hadm) {
    let stage = "";
    return [
      call("get_lab_trend", { patient_id: pid, hadm_id: hadm, lab: "creatinine" }),
      (ctx) => {
        const pts = parseTrend(lastObservation(ctx));
        return call("stage_aki_kdigo", { creatinine_values: pts.map((p) => ({ time: p.time, value_mg_dl: p.value })) });
      },
      (ctx) => {
        const o = lastObservation(ctx);
        stage = grab(/Result: (no AKI|stage [123])\./, o, "KDIGO stage");
        return call("write_clinical_note", {
          patient_id: pid,
          hadm_id: hadm,
          note_type: "chart_review",
          text: `AKI review of admission ${hadm} by KDIGO creatinine criteria: ${stage}. ${o.replace(/^KDIGO \(creatinine criteria\): /, "")}`,
        });
      },
      () =>
        stage === "stage 3"
          ? call("request_consult", { patient_id: pid, hadm_id: hadm, service: "nephrology", reason: "KDIGO stage 3 acute kidney injury on chart review; advise on cause, renal replacement and drug dosing.", urgency: "urgent" })
          : think(`KDIGO result ${stage}; no nephrology consult needed below stage 3.`),
      () => submit(stage, `Worst KDIGO creatinine stage during admission ${hadm}: ${stage}.`),
    ];
  },

  lab_extreme(pid, hadm, meta) {
    const analyte = String(meta.params!.analyte);
    const which = String(meta.params!.which);
    return [
      call("get_lab_trend", { patient_id: pid, hadm_id: hadm, lab: analyte }),
      (ctx) => {
        const v = grab(which === "max" ? /max (-?[\d.]+)\./ : /min (-?[\d.]+),/, lastObservation(ctx), `${which} ${analyte}`);
        return submit(v, `${which === "max" ? "Highest" : "Lowest"} ${analyte} during the admission: ${v}.`);
      },
    ];
  },

  first_abnormal_potassium(pid, hadm) {
    return [
      call("get_lab_trend", { patient_id: pid, hadm_id: hadm, lab: "potassium" }),
      (ctx) => {
        const first = parseTrend(lastObservation(ctx)).find((p) => p.flag);
        return first ? submit(first.value, `First out-of-range potassium ${first.value} (${first.flag}) at ${first.time}.`) : submit("none", "All potassium results within range.");
      },
    ];
  },

  first_antibiotic(pid, hadm) {
    return [
      call("get_medication_orders", { patient_id: pid, hadm_id: hadm, drug_class: "antibacterial" }),
      (ctx) => {
        const line = grab(/^- (.+)$/m, lastObservation(ctx), "first antibacterial");
        const drug = line.split(" | ")[0]!;
        return submit(drug, `Earliest-starting systemic antibacterial: ${line}.`);
      },
    ];
  },

  charlson(pid, hadm) {
    let age = 0;
    return [
      call("get_admission_info", { patient_id: pid, hadm_id: hadm }),
      (ctx) => {
        age = Number(grab(/age (\d+) at admission/, lastObservation(ctx), "age"));
        return call("get_comorbidity_profile", { patient_id: pid, hadm_id: hadm });
      },
      (ctx) => call("calculate_charlson", charlsonArgsFromProfile(lastObservation(ctx), age)),
      (ctx) => {
        const v = valueOf(lastObservation(ctx));
        return submit(v, `Age-adjusted Charlson index ${v} (age ${age} plus coded comorbidities).`);
      },
    ];
  },

  lace(pid, hadm) {
    let days = 0;
    let unplanned = false;
    let points = 0;
    let ed = 0;
    let score = 0;
    return [
      call("get_admission_info", { patient_id: pid, hadm_id: hadm }),
      (ctx) => {
        const o = lastObservation(ctx);
        days = Number(grab(/\((\d+) calendar days/, o, "calendar days"));
        unplanned = /-> unplanned/.test(o);
        return call("get_comorbidity_profile", { patient_id: pid, hadm_id: hadm });
      },
      (ctx) => {
        points = Number(grab(/Comorbidity points \(without age\): (\d+)/, lastObservation(ctx), "comorbidity points"));
        return call("get_admission_history", { patient_id: pid });
      },
      (ctx) => {
        const rows = [...lastObservation(ctx).matchAll(/^\d+\. hadm_id (\d+): admitted (\S+ \S+),.*ED registration (none|\S+ \S+);/gm)].map((m) => ({ id: m[1]!, admit: m[2]!, ed: m[3]! }));
        const me = rows.find((r) => r.id === hadm);
        if (!me) throw new Error(`ehr_management expert: admission ${hadm} not in history`);
        const start = t(me.admit);
        ed = rows.filter((r) => r.id !== hadm && r.ed !== "none" && t(r.ed) < start && start - t(r.ed) <= 182 * DAY).length;
        return call("calculate_readmission_risk", { length_of_stay_days: days, unplanned_admission: unplanned, charlson_comorbidity_points: points, ed_visits_prior_6_months: ed });
      },
      (ctx) => {
        score = Number(grab(/LACE index (\d+)/, lastObservation(ctx), "LACE"));
        return score >= 10
          ? call("place_order", { patient_id: pid, hadm_id: hadm, category: "follow_up", item: "primary care follow-up appointment within 7 days of discharge", details: `LACE ${score}: high readmission risk`, priority: "urgent" })
          : think(`LACE ${score} (<10): standard discharge follow-up.`);
      },
      () =>
        score >= 10
          ? call("request_consult", { patient_id: pid, hadm_id: hadm, service: "case management", reason: `High readmission risk (LACE ${score}); transitional care and discharge planning.`, urgency: "routine" })
          : think(`LOS ${days} d, ${unplanned ? "unplanned" : "planned"}, Charlson points ${points}, ${ed} prior ED visit(s).`),
      () => submit(score, `LACE ${score}: LOS ${days} calendar days, ${unplanned ? "unplanned" : "planned"} admission, Charlson ${points}, ${ed} ED visit(s) in 182 days.`),
    ];
  },

  code_status(pid, hadm) {
    return [
      call("get_code_status", { patient_id: pid, hadm_id: hadm }),
      (ctx) => {
        const v = grab(/In force at discharge: (.+)\.$/m, lastObservation(ctx), "code status");
        return submit(v, `Latest code status order: ${v}.`);
      },
    ];
  },

  first_organism(pid, hadm) {
    return [
      call("get_microbiology_results", { patient_id: pid, hadm_id: hadm }),
      (ctx) => {
        const growth = grab(/GROWTH (.+)$/m, lastObservation(ctx), "positive culture");
        const org = growth.split(/ \(susceptibilities|; /)[0]!.trim();
        return submit(org, `Earliest positive specimen grew ${org}.`);
      },
    ];
  },

  first_procedure(pid, hadm) {
    return [
      call("get_procedures", { patient_id: pid, hadm_id: hadm }),
      (ctx) => {
        const code = grab(/^1\. \S+ (?:ICD-9-CM \(vol\. 3\)|ICD-10-PCS) (\S+) - /m, lastObservation(ctx), "procedure 1");
        return submit(code, `Sequence-1 procedure code ${code}.`);
      },
    ];
  },

  urine_output_24h(pid, hadm) {
    return [
      call("get_nursing_assessments", { patient_id: pid, hadm_id: hadm }),
      (ctx) => {
        const v = grab(/ICU hours 0-24: ([\d.]+) mL/, lastObservation(ctx), "24-h urine output");
        return submit(v, `Urine output in the first 24 ICU hours: ${v} mL.`);
      },
    ];
  },

  disposition(pid, hadm) {
    return [
      call("get_discharge_summary", { patient_id: pid, hadm_id: hadm }),
      (ctx) => {
        const v = grab(/Discharge disposition: (.+?)(?: \(died [^)]*\))?\.$/m, lastObservation(ctx), "disposition");
        return submit(v, `Discharge disposition: ${v}.`);
      },
    ];
  },

  vte_prophylaxis_timing(pid, hadm) {
    return [
      call("get_quality_indicators", { patient_id: pid, hadm_id: hadm }),
      (ctx) => {
        const v = grab(/VTE prophylaxis: .*\((-?[\d.]+) h after admission\)/, lastObservation(ctx), "VTE timing");
        return submit(v, `First pharmacologic VTE prophylaxis ${v} h after admission.`);
      },
    ];
  },

  admission_egfr(pid, hadm) {
    let sex = "";
    let age = 0;
    return [
      call("get_patient_summary", { patient_id: pid }),
      (ctx) => {
        sex = grab(/\(MIMIC-IV\): (female|male)/, lastObservation(ctx), "sex");
        return call("get_admission_info", { patient_id: pid, hadm_id: hadm });
      },
      (ctx) => {
        age = Number(grab(/age (\d+) at admission/, lastObservation(ctx), "age"));
        return call("get_lab_results", { patient_id: pid, hadm_id: hadm, category: "Chemistry" });
      },
      (ctx) => {
        const cr = Number(grab(/^Creatinine \(Blood[^)]*\): n=\d+; first ([\d.]+)/m, lastObservation(ctx), "first creatinine"));
        return call("calculate_ckd_epi_2021", { sex, ageYears: age, creatinineMgDl: cr });
      },
      (ctx) => {
        const v = Math.round(Number(valueOf(lastObservation(ctx))) * 10) / 10;
        return submit(v, `CKD-EPI 2021 eGFR from the first creatinine: ${v} mL/min/1.73 m2.`);
      },
    ];
  },

  admission_anion_gap(pid, hadm) {
    const first: Record<string, number> = {};
    const read = (ctx: PolicyContext, k: string) => {
      const p = parseTrend(lastObservation(ctx))[0];
      if (!p) throw new Error(`ehr_management expert: no ${k} result`);
      first[k] = p.value;
    };
    const trend = (lab: string) => call("get_lab_trend", { patient_id: pid, hadm_id: hadm, lab });
    return [
      trend("sodium"),
      (ctx) => {
        read(ctx, "na");
        return trend("chloride");
      },
      (ctx) => {
        read(ctx, "cl");
        return trend("bicarbonate");
      },
      (ctx) => {
        read(ctx, "hco3");
        return call("calculate_anion_gap", { sodiumMmolL: first.na, chlorideMmolL: first.cl, bicarbonateMmolL: first.hco3 });
      },
      (ctx) => {
        const v = valueOf(lastObservation(ctx));
        return submit(v, `Anion gap ${v} mEq/L from the first panel (Na ${first.na}, Cl ${first.cl}, HCO3 ${first.hco3}).`);
      },
    ];
  },

  admission_meld_na(pid, hadm) {
    return [
      call("get_clinical_scores", { patient_id: pid, hadm_id: hadm }),
      (ctx) => {
        const m = /MELD-Na: \d+ \(creatinine ([\d.]+), bilirubin ([\d.]+), INR ([\d.]+), sodium ([\d.]+)\)/.exec(lastObservation(ctx));
        if (!m) throw new Error("ehr_management expert: MELD-Na inputs not shown");
        return call("calculate_meld_na", { creatinineMgDl: Number(m[1]), bilirubinMgDl: Number(m[2]), inr: Number(m[3]), sodiumMmolL: Number(m[4]) });
      },
      (ctx) => {
        const v = valueOf(lastObservation(ctx));
        return submit(v, `MELD-Na on admission: ${v}.`);
      },
    ];
  },

  recent_bmi(pid, _hadm, meta) {
    return [
      call("get_vital_signs", { patient_id: pid, end_date: String(meta.params!.end_date) }),
      (ctx) => {
        const all = [...lastObservation(ctx).matchAll(/BMI \(kg\/m2\) ([\d.]+)/g)];
        if (!all.length) throw new Error("ehr_management expert: no BMI");
        const v = all[all.length - 1]![1]!;
        return submit(v, `Most recent BMI on or before the admission date: ${v}.`);
      },
    ];
  },

  bp_alerts(pid, _hadm, meta) {
    return [
      call("detect_vital_alerts", { patient_id: pid, start_date: String(meta.params!.start_date), end_date: String(meta.params!.end_date) }),
      (ctx) => {
        const o = lastObservation(ctx);
        const n = Number(grab(/stage 2 range: (\d+)/, o, "stage 2 count")) + Number(grab(/crisis range: (\d+)/, o, "crisis count"));
        return submit(n, `${n} readings >= 140/90 in the year before admission.`);
      },
    ];
  },

  // ---------------------------------------------------------------- Synthea

  condition_onset(pid, _h, meta) {
    const name = String(meta.params!.condition);
    return [
      call("get_problem_list", { patient_id: pid, contains: name }),
      (ctx) => {
        const line = lastObservation(ctx)
          .split("\n")
          .map((l) => /^- (\S+) (.+?) \[SNOMED/.exec(l))
          .find((m) => m && m[2]!.replace(/\s*\(disorder\)$/, "") === name);
        if (!line) throw new Error(`ehr_management expert: ${name} not on the problem list`);
        return submit(line[1]!, `${name} first recorded ${line[1]}.`);
      },
    ];
  },

  active_condition_count(pid) {
    return [
      call("get_problem_list", { patient_id: pid, status: "active" }),
      (ctx) => {
        const o = lastObservation(ctx);
        const n = /^No active conditions/.test(o) ? "0" : grab(/\((\d+), active/, o, "active count");
        return submit(n, `${n} active conditions on the problem list.`);
      },
    ];
  },

  immunization_count(pid, _h, meta) {
    const v = String(meta.params!.vaccine);
    return [
      call("get_immunizations", { patient_id: pid, vaccine: v }),
      (ctx) => {
        const n = lastObservation(ctx).split("\n").filter((l) => /^- \S+ (.+) \[CVX/.exec(l)?.[1] === v).length;
        return submit(n, `${n} dose(s) of ${v}.`);
      },
    ];
  },

  immunization_last_date(pid, _h, meta) {
    const v = String(meta.params!.vaccine);
    return [
      call("get_immunizations", { patient_id: pid, vaccine: v }),
      (ctx) => {
        const dates = lastObservation(ctx)
          .split("\n")
          .map((l) => /^- (\S+) (.+) \[CVX/.exec(l))
          .filter((m) => m?.[2] === v)
          .map((m) => m![1]!);
        if (!dates.length) throw new Error(`ehr_management expert: no dose of ${v}`);
        return submit(dates[dates.length - 1]!, `Most recent ${v}: ${dates[dates.length - 1]}.`);
      },
    ];
  },

  medication_for_condition(pid, _h, meta) {
    const cond = String(meta.params!.condition);
    return [
      call("get_medication_orders", { patient_id: pid, for_condition: cond }),
      (ctx) => {
        const drug = grab(/^- \S+ (.+?) \[RxNorm/m, lastObservation(ctx), "medication");
        return submit(drug, `Prescribed for ${cond}: ${drug}.`);
      },
    ];
  },

  encounter_count(pid, _h, meta) {
    const y = Number(meta.params!.year);
    return [
      call("get_encounter_history", { patient_id: pid, year: y }),
      (ctx) => {
        const n = grab(new RegExp(`in ${y}: (\\d+)`), lastObservation(ctx), "encounter count");
        return submit(n, `${n} encounters in ${y}.`);
      },
    ];
  },

  allergy_count(pid) {
    return [
      call("check_allergies", { patient_id: pid }),
      (ctx) => {
        const n = grab(/^Allergies of \S+ \((\d+)\)/m, lastObservation(ctx), "allergy count");
        return submit(n, `${n} allergies recorded.`);
      },
    ];
  },

  allergy_checked_order(pid, _h, meta) {
    const request = String(meta.params!.request);
    let conflict: string | null = null;
    return [
      call("check_allergies", { patient_id: pid, drug: request }),
      (ctx) => {
        const o = lastObservation(ctx);
        conflict = /: no conflict with a recorded allergy\./.test(o) ? null : grab(/^Check for .+?: (.+?) is a recorded allergy/m, o, "conflicting allergen");
        return conflict
          ? think(`${request} conflicts with the recorded allergy to ${conflict}; it must not be ordered. The prescriber needs an alternative.`)
          : call("place_order", { patient_id: pid, category: "medication", item: request, details: "Allergy list checked: no conflict.", priority: "routine" });
      },
      () => (conflict ? submit(conflict, `Not ordered: recorded allergy to ${conflict}.`) : submit("no conflict", `No recorded allergy conflicts with ${request}; order placed.`)),
    ];
  },

  note_stated_age(pid, _h, meta) {
    const enc = String(meta.params!.encounter);
    return [
      call("get_clinical_notes", { patient_id: pid, encounter_id: enc }),
      (ctx) => {
        const age = grab(/is an? (\d+) year-old/, lastObservation(ctx), "age in the note");
        return submit(age, `The note of ${enc} describes a ${age}-year-old.`);
      },
    ];
  },

  encounter_reason(pid, _h, meta) {
    const date = String(meta.params!.date);
    const cls = String(meta.params!.class);
    return [
      call("get_admission_history", { patient_id: pid }),
      (ctx) => {
        const m = lastObservation(ctx)
          .split("\n")
          .map((l) => /^\d+\. \S+: (\S+) .*?, (\S+) to \S+, reason: (.+)$/.exec(l))
          .find((x) => x && x[1] === cls && x[2] === date);
        if (!m) throw new Error(`ehr_management expert: no ${cls} encounter on ${date}`);
        return submit(m[3]!, `Reason for the ${cls} encounter of ${date}: ${m[3]}.`);
      },
    ];
  },

  encounter_procedure(pid, _h, meta) {
    const enc = String(meta.params!.encounter);
    return [
      call("get_procedures", { patient_id: pid, hadm_id: enc }),
      (ctx) => {
        const p = grab(/^- \S+ \S+ (.+?) \[\d+\]/m, lastObservation(ctx), "procedure");
        return submit(p, `Procedure at ${enc}: ${p}.`);
      },
    ];
  },

  encounter_diagnosis(pid, _h, meta) {
    const enc = String(meta.params!.encounter);
    return [
      call("get_admission_diagnoses", { patient_id: pid, hadm_id: enc }),
      (ctx) => {
        const d = grab(/^- (.+?) \[\d+\], /m, lastObservation(ctx), "condition");
        return submit(d, `Condition recorded at ${enc}: ${d}.`);
      },
    ];
  },

  age_at_death(pid) {
    return [
      call("get_patient_summary", { patient_id: pid }),
      (ctx) => {
        const a = grab(/died \S+ at age (\d+)/, lastObservation(ctx), "age at death");
        return submit(a, `Died at age ${a}.`);
      },
    ];
  },
};

/** Families the expert can solve (the task generator's families). */
export const EXPERT_FAMILIES = Object.keys(PLANS);
