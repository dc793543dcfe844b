import type { Pathway } from "../../src/clinical/conditions/index.js";
import type { Action, Task } from "../../src/env/index.js";
import { lastObservation, type Policy, type PolicyContext } from "../../src/policy/index.js";

interface Step {
  act: () => Action | null;
  /** Reads the observation this step's action produced. */
  parse?: (obs: string) => void;
}

const num = (re: RegExp, s: string, what: string): number => {
  const m = s.match(re);
  if (!m) throw new Error(`cross_domain expert: could not read ${what} from "${s.slice(0, 200)}"`);
  return Number(m[1]);
};
const call = (name: string, args: Record<string, unknown> = {}): Action => ({ name, arguments: args });

/**
 * The scripted expert: reads every fact through the tools (triage, labs, imaging, checklists,
 * calculators, pharmacy checks), applies the pathway rules of policy.md and closes each phase. It
 * reads only the task's pathway (meta) and never the ground truth.
 */
export function crossDomainExpert(task: Task): Policy {
  const pathway = (task.meta as { pathway: Pathway }).pathway;
  const t = { hr: 0, sbp: 0, dbp: 0, map: 0, rr: 0, spo2: 0, temp: 0, gcs: 15, age: 0, sex: "male", weight: 0, allergies: "", text: "" };
  const v: Record<string, number | string | boolean> = {};
  const parseTriage = (o: string) => {
    t.text = o;
    t.hr = num(/HR (\d+)/, o, "HR");
    t.sbp = num(/BP (\d+)\//, o, "SBP");
    t.dbp = num(/BP \d+\/(\d+)/, o, "DBP");
    t.map = num(/MAP (\d+)/, o, "MAP");
    t.rr = num(/RR (\d+)/, o, "RR");
    t.spo2 = num(/SpO2 (\d+)/, o, "SpO2");
    t.temp = num(/Temp ([\d.]+)/, o, "temp");
    t.gcs = num(/GCS (\d+)/, o, "GCS");
    t.age = num(/, ([\d.]+) y /, o, "age");
    t.sex = /y female/.test(o) ? "female" : "male";
    t.weight = num(/([\d.]+) kg/, o, "weight");
    t.allergies = o.match(/Allergies: ([^.]*)\./)?.[1] ?? "";
  };
  const esi = () => (t.sbp < 90 || t.spo2 < 88 || t.gcs <= 8 ? "esi_1" : pathway === "pediatric_kawasaki" ? "esi_3" : "esi_2");
  const complete = (decision: () => string) => ({ act: () => call("complete_phase", { decision: decision() }) });
  const triage: Step = { act: () => call("triage_assess_pathway_patient"), parse: parseTriage };
  let steps: Step[] = [];

  switch (pathway) {
    case "acute_chest_pain":
      steps = [
        triage,
        complete(esi),
        { act: () => call("order_pathway_labs", { panel: "cardiac" }), parse: (o) => (v.trop = num(/Troponin I ([\d.]+)/, o, "troponin")) },
        { act: () => call("order_pathway_imaging", { study: "ecg" }), parse: (o) => (v.stemi = /ST elevation >=/.test(o)) },
        {
          act: () => call("calculate_heart_score", { history: "highly suspicious", ecg: v.stemi ? "significant st deviation" : "normal", ageYears: t.age, troponin: (v.trop as number) > 0.12 ? "> 3x normal limit" : (v.trop as number) > 0.04 ? "1-3x normal limit" : "<= normal limit" }),
        },
        complete(() => (v.stemi ? "stemi" : (v.trop as number) > 0.04 ? "nstemi" : "unstable_angina")),
        { act: () => call("check_medication_safety", { drug: "aspirin" }), parse: (o) => (v.antiplatelet = /allergy CONFLICT/.test(o) ? "clopidogrel" : "aspirin") },
        { act: () => call("prescribe_pathway_medication", { drug: v.antiplatelet as string, dose: v.antiplatelet === "aspirin" ? "324 mg PO chewed" : "600 mg PO" }) },
        { act: () => call("prescribe_pathway_medication", { drug: "heparin", dose: "60 units/kg IV bolus then infusion" }) },
        complete(() => v.antiplatelet as string),
        { act: () => call("submit_answer", { disposition: v.stemi ? "cath_lab" : "telemetry" }) },
      ];
      break;
    case "dka":
      steps = [
        { act: () => call("get_pathway_status") },
        triage,
        complete(esi),
        {
          act: () => call("order_pathway_labs", { panel: "metabolic" }),
          parse: (o) => {
            v.ph = num(/pH ([\d.]+)/, o, "pH");
            v.ket = num(/hydroxybutyrate ([\d.]+)/i, o, "ketones");
            v.k = num(/Potassium ([\d.]+)/, o, "K");
            v.na = num(/Sodium ([\d.]+)/, o, "Na");
            v.cl = num(/Chloride ([\d.]+)/, o, "Cl");
            v.hco3 = num(/Bicarbonate ([\d.]+)/, o, "HCO3");
          },
        },
        { act: () => call("calculate_anion_gap", { sodiumMmolL: v.na, chlorideMmolL: v.cl, bicarbonateMmolL: v.hco3 }) },
        complete(() => ((v.ph as number) < 7.3 && (v.ket as number) >= 3 ? "dka" : "hhs")),
        { act: () => ((v.k as number) < 3.3 ? call("prescribe_pathway_medication", { drug: "potassium chloride", dose: "20 mEq/h IV" }) : call("prescribe_pathway_medication", { drug: "insulin regular", dose: "0.1 units/kg/h IV" })) },
        complete(() => ((v.k as number) < 3.3 ? "replace_potassium_first" : "start_insulin_infusion")),
        { act: () => call("think", { thought: `pH ${v.ph}, ketones ${v.ket}, K ${v.k}.` }) },
        { act: () => call("submit_answer", { disposition: (v.ph as number) < 7.3 && (v.ket as number) >= 3 && (v.ph as number) >= 7.0 ? "step_down" : "icu" }) },
      ];
      break;
    case "stroke_code":
      steps = [
        triage,
        complete(esi),
        { act: () => call("review_ct_head"), parse: (o) => (v.bleed = /HEMORRHAGE PRESENT/.test(o)) },
        complete(() => (v.bleed ? "hemorrhage" : "no_hemorrhage")),
        { act: () => call("check_thrombolysis_eligibility"), parse: (o) => (v.lyse = num(/Failed items: (\d+)/, o, "failed items") === 0) },
        { act: () => (v.lyse ? call("prescribe_pathway_medication", { drug: "alteplase", dose: "0.9 mg/kg IV" }) : null) },
        complete(() => (v.lyse ? "thrombolysis" : "no_thrombolysis")),
        { act: () => call("submit_answer", { disposition: v.bleed || v.lyse ? "icu" : /fully resolved/.test(t.text) ? "observation" : "stroke_unit" }) },
      ];
      break;
    case "sepsis_bundle": {
      const sirs = () => (t.temp > 38 || t.temp < 36 ? 1 : 0) + (t.hr > 90 ? 1 : 0) + (t.rr > 20 ? 1 : 0);
      const qsofa = () => (t.rr >= 22 ? 1 : 0) + (t.sbp <= 100 ? 1 : 0) + (t.gcs < 15 ? 1 : 0);
      const fluids = () => t.sbp < 90 || t.map < 65 || (v.lactate as number) >= 4;
      steps = [
        triage,
        { act: () => call("calculate_sirs", { temperatureC: t.temp, heartRateBpm: t.hr, respiratoryRate: t.rr }) },
        complete(() => (sirs() >= 2 || qsofa() >= 2 ? "screen_positive" : "screen_negative")),
        { act: () => call("start_sepsis_bundle_element", { element: "lactate" }), parse: (o) => (v.lactate = num(/Lactate ([\d.]+)/, o, "lactate")) },
        { act: () => call("start_sepsis_bundle_element", { element: "blood_cultures" }) },
        { act: () => call("start_sepsis_bundle_element", { element: "antibiotics", drug: /penicillin|cephalosporin/.test(t.allergies) ? "levofloxacin" : "piperacillin-tazobactam" }) },
        { act: () => (fluids() ? call("start_sepsis_bundle_element", { element: "fluids_30ml_kg" }) : null) },
        { ...complete(() => (fluids() ? "fluids_30ml_kg" : "no_bolus_needed")), parse: (o) => (v.map2 = num(/MAP (\d+) mmHg, repeat/, o, "repeat MAP")) },
        { act: () => ((v.map2 as number) < 65 ? call("start_sepsis_bundle_element", { element: "vasopressors" }) : null) },
        complete(() => ((v.map2 as number) < 65 ? "start_vasopressors" : "no_vasopressors")),
        { act: () => call("submit_answer", { disposition: /source control needed: yes/.test(t.text) ? "or" : (v.map2 as number) < 65 || (v.lactate as number) >= 4 ? "icu" : "ward" }) },
      ];
      break;
    }
    case "postop_pe": {
      const yes = (label: string) => new RegExp(`${label}: (yes|active)`).test(t.text);
      const choice = () => (yes("Drain/wound bleeding") ? "ivc_filter" : t.sbp < 90 || (v.crcl as number) < 30 ? "unfractionated_heparin" : "enoxaparin");
      steps = [
        triage,
        complete(esi),
        {
          act: () => call("calculate_wells_pe", { dvtSigns: yes("Unilateral calf swelling"), peMostLikely: !yes("Alternative diagnosis as likely as PE"), heartRateBpm: t.hr, surgeryPrevious4Weeks: true, hemoptysis: yes("Haemoptysis"), malignancy: yes("Active malignancy") }),
          parse: (o) => (v.wells = num(/Wells[^:]*: ([\d.]+)/, o, "Wells")),
        },
        complete(() => ((v.wells as number) > 4 ? "pe_likely" : "pe_unlikely")),
        { act: () => call("order_pathway_imaging", { study: "ctpa" }) },
        { act: () => call("order_pathway_labs", { panel: "renal_coagulation" }), parse: (o) => (v.cr = num(/Creatinine ([\d.]+)/, o, "creatinine")) },
        { act: () => call("calculate_cockcroft_gault", { sex: t.sex, ageYears: t.age, weightKg: t.weight, creatinineMgDl: v.cr }), parse: (o) => (v.crcl = num(/\): ([\d.]+) mL\/min/, o, "CrCl")) },
        { act: () => (choice() === "ivc_filter" ? call("check_medication_safety", { drug: "heparin" }) : call("prescribe_pathway_medication", { drug: choice() === "enoxaparin" ? "enoxaparin" : "heparin", dose: choice() === "enoxaparin" ? "1 mg/kg SC q12h" : "80 units/kg IV bolus then infusion" })) },
        complete(choice),
        { act: () => call("submit_answer", { disposition: t.sbp < 90 ? "icu" : "step_down" }) },
      ];
      break;
    }
    case "pediatric_kawasaki": {
      const high = () => (v.z as number) >= 2.5 || (v.ef as number) < 55;
      steps = [
        triage,
        complete(esi),
        complete(() => (num(/criteria present \((\d)\/5\)/, t.text, "criteria") >= 4 && num(/Fever for (\d+) days/, t.text, "fever days") >= 5 ? "complete_kawasaki" : "incomplete_kawasaki")),
        { act: () => call("order_pathway_labs", { panel: "inflammatory" }) },
        { act: () => call("order_pathway_imaging", { study: "echo" }), parse: (o) => { v.ef = num(/LVEF (\d+)/, o, "EF"); v.z = num(/z-score (-?[\d.]+)/, o, "z"); } },
        complete(() => ((v.z as number) >= 2.5 ? "coronary_aneurysm" : (v.ef as number) < 55 ? "ventricular_dysfunction" : "normal_coronaries")),
        { act: () => call("prescribe_pathway_medication", { drug: "ivig", dose: "2 g/kg IV over 12 h" }) },
        { act: () => call("prescribe_pathway_medication", { drug: "aspirin", dose: "high dose 80-100 mg/kg/day" }) },
        { act: () => (high() ? call("prescribe_pathway_medication", { drug: "methylprednisolone", dose: "2 mg/kg/day IV" }) : null) },
        complete(() => (high() ? "ivig_aspirin_steroids" : "ivig_aspirin")),
        { act: () => call("submit_answer", { disposition: (v.ef as number) < 55 || t.sbp < 90 ? "icu" : "ward" }) },
      ];
      break;
    }
  }

  let i = 0;
  let pending: Step | undefined;
  return {
    name: "cross_domain_expert",
    reset() {
      i = 0;
      pending = undefined;
    },
    act(ctx: PolicyContext) {
      if (pending?.parse) pending.parse(lastObservation(ctx));
      pending = undefined;
      while (i < steps.length) {
        const s = steps[i++];
        const a = s.act();
        if (a) {
          pending = s;
          return a;
        }
      }
      throw new Error("cross_domain expert: script exhausted before the episode ended");
    },
  };
}
