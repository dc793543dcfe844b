import { getCondition, type Pathway } from "../../src/clinical/conditions/index.js";
import { generatePatient, type GeneratedPatient } from "../../src/clinical/patients/index.js";
import { getCalculator } from "../../src/clinical/calculators/index.js";
import { createRng, type Rng } from "../../src/util/rng.js";
import type { PathwayCase, PathwayFacts, PhaseSpec } from "./data-model.js";

/**
 * Seeded pathway cases: one generated patient per case (from the condition profile), with the
 * pathway-critical facts (ECG, CT, potassium, last known well, lactate, echo, ...) drawn so that each
 * phase has a clear, rule-derived ground truth. Pure function of (pathway, condition, seed, id).
 */
const u = (rng: Rng, lo: number, hi: number, digits = 0) => {
  const f = 10 ** digits;
  return Math.round((lo + rng.next() * (hi - lo)) * f) / f;
};

export const mapOf = (sbp: number, dbp: number) => Math.round((sbp + 2 * dbp) / 3);

/** ESI rule of the policy: 1 if unstable, 3 for a stable febrile child, else 2. */
export function esiTruth(p: GeneratedPatient, f: PathwayFacts, pathway: Pathway): string {
  if (p.vitals.sbp < 90 || p.vitals.spo2 < 88 || f.gcs <= 8) return "esi_1";
  return pathway === "pediatric_kawasaki" ? "esi_3" : "esi_2";
}

export function qsofa(p: GeneratedPatient, f: PathwayFacts): number {
  return (p.vitals.rr >= 22 ? 1 : 0) + (p.vitals.sbp <= 100 ? 1 : 0) + (f.gcs < 15 ? 1 : 0);
}

/** SIRS from the bedside vital signs only (temperature, heart rate, respiratory rate). */
export function sirsVitals(p: GeneratedPatient): number {
  const t = p.vitals.tempC;
  return (t > 38 || t < 36 ? 1 : 0) + (p.vitals.hr > 90 ? 1 : 0) + (p.vitals.rr > 20 ? 1 : 0);
}

export function wellsPe(p: GeneratedPatient, f: PathwayFacts): number {
  return (f.dvtSigns ? 3 : 0) + (f.alternativeLikely ? 0 : 3) + (p.vitals.hr > 100 ? 1.5 : 0) + 1.5 /* surgery < 4 weeks */ + (f.hemoptysis ? 1 : 0) + (f.malignancy ? 1 : 0);
}

export function crcl(p: GeneratedPatient): number {
  const r = getCalculator("cockcroft_gault").compute({ sex: p.sex, ageYears: p.age, weightKg: p.weightKg, creatinineMgDl: p.labs.creatinine ?? 1 });
  return Number(r.value);
}

export const THROMBOLYTICS = ["alteplase", "tenecteplase"];
export const ANTICOAGULANTS = ["heparin", "enoxaparin", "apixaban", "rivaroxaban", "warfarin", "dabigatran", "fondaparinux", ...THROMBOLYTICS];

/** The thrombolysis checklist: every item with its verdict. */
export function thrombolysisChecklist(c: { patient: GeneratedPatient; facts: PathwayFacts; conditionId: string }): { item: string; ok: boolean }[] {
  const { patient: p, facts: f } = c;
  return [
    { item: `CT head: ${f.ct === "hemorrhage" ? "haemorrhage present" : "no haemorrhage"}`, ok: f.ct !== "hemorrhage" },
    { item: `time since last known well ${f.lastKnownWellHours} h (limit 4.5 h)`, ok: (f.lastKnownWellHours ?? 99) < 4.5 },
    { item: `deficit ${f.deficitsResolved ? "fully resolved" : "persisting"}`, ok: !f.deficitsResolved },
    { item: `platelets ${p.labs.platelets} x10^9/L (>= 100)`, ok: (p.labs.platelets ?? 0) >= 100 },
    { item: `INR ${p.labs.inr} (<= 1.7)`, ok: (p.labs.inr ?? 1) <= 1.7 },
    { item: `anticoagulant at home: ${f.homeMeds.filter((m) => ANTICOAGULANTS.includes(m)).join(", ") || "none"}`, ok: !f.homeMeds.some((m) => ANTICOAGULANTS.includes(m)) },
    { item: `major surgery in the last 14 days: ${f.recentMajorSurgeryDays !== undefined ? `yes (${f.recentMajorSurgeryDays} days ago)` : "no"}`, ok: f.recentMajorSurgeryDays === undefined },
    { item: `glucose ${f.fingerstickGlucose} mg/dL (>= 50)`, ok: (f.fingerstickGlucose ?? 100) >= 50 },
  ];
}

const KAWASAKI_CRITERIA = ["bilateral non-exudative conjunctival injection", "red cracked lips / strawberry tongue", "polymorphous rash", "oedema and erythema of hands and feet", "unilateral cervical lymphadenopathy >= 1.5 cm"];

export function generateCase(pathway: Pathway, conditionId: string, seed: number, caseId: string): PathwayCase {
  const cond = getCondition(conditionId);
  const rng = createRng(seed);
  const p = generatePatient(cond, rng.fork("patient"), { id: caseId, baselinePanel: [...BASE, "inr", "lactate"] });
  const r = rng.fork("facts");
  const f: PathwayFacts = { gcs: 15, setting: "Emergency department", homeMeds: p.history.medications.map((m) => m.toLowerCase()) };
  const allergic = (subs: string[]) => p.allergies.some((a) => subs.includes(a.substance));
  const phases: PhaseSpec[] = [];
  let disposition = cond.disposition as string;
  const triage = () => phases.push({ id: "triage", setting: "ED triage (triage_emergency)", question: "Assign the triage acuity (ESI level).", options: ["esi_1", "esi_2", "esi_3", "esi_4", "esi_5"], truth: esiTruth(p, f, pathway) });

  switch (pathway) {
    case "acute_chest_pain": {
      f.ecg = conditionId === "stemi" ? "st_elevation" : r.chance(0.5) ? "st_depression" : "nonspecific";
      p.labs.troponin_i = conditionId === "unstable_angina" ? u(r, 0.004, 0.03, 3) : conditionId === "stemi" ? u(r, 0.3, 25, 2) : u(r, 0.1, 6, 2);
      if (r.chance(0.25)) p.allergies = [{ substance: "aspirin", reaction: "angioedema" }];
      if (p.vitals.sbp < 92 && p.vitals.sbp >= 88) p.vitals.sbp = 96;
      triage();
      const dx = f.ecg === "st_elevation" ? "stemi" : p.labs.troponin_i > 0.04 ? "nstemi" : "unstable_angina";
      phases.push({ id: "workup", setting: "Diagnostic work-up (clinical_diagnosis)", question: "Classify the acute coronary syndrome from the ECG and troponin.", options: ["stemi", "nstemi", "unstable_angina", "non_cardiac_chest_pain"], truth: dx });
      phases.push({ id: "antithrombotic", setting: "Drug safety check (drug_interaction)", question: "Choose the loading antiplatelet after the allergy and interaction check (then anticoagulate with heparin).", options: ["aspirin", "clopidogrel", "no_antiplatelet"], truth: allergic(["aspirin", "nsaids"]) ? "clopidogrel" : "aspirin" });
      disposition = dx === "stemi" ? "cath_lab" : "telemetry";
      break;
    }
    case "dka": {
      const dka = conditionId === "diabetic_ketoacidosis";
      Object.assign(p.labs, dka
        ? { ph: u(r, 6.85, 7.25, 2), bicarbonate: u(r, 4, 16), ketones_beta_hydroxybutyrate: u(r, 3.5, 9, 1), glucose: u(r, 280, 650), sodium: u(r, 128, 138), chloride: u(r, 94, 104) }
        : { ph: u(r, 7.31, 7.42, 2), bicarbonate: u(r, 19, 26), ketones_beta_hydroxybutyrate: u(r, 0.1, 1.2, 1), glucose: u(r, 700, 1200), sodium: u(r, 140, 156), chloride: u(r, 100, 112) });
      p.labs.potassium = r.chance(0.25) ? u(r, 2.6, 3.1, 1) : u(r, 3.5, 6.2, 1);
      f.gcs = dka ? r.int(13, 15) : r.int(10, 14);
      triage();
      phases.push({ id: "workup", setting: "Diagnostic work-up (clinical_diagnosis)", question: "Name the hyperglycaemic emergency from pH, bicarbonate, ketones and the anion gap.", options: ["dka", "hhs", "lactic_acidosis"], truth: p.labs.ph! < 7.3 && p.labs.ketones_beta_hydroxybutyrate! >= 3 ? "dka" : "hhs" });
      phases.push({ id: "electrolytes", setting: "Insulin/potassium protocol (drug_interaction)", question: "Insulin/potassium protocol: start the insulin infusion or replace potassium first (K < 3.3 mmol/L)?", options: ["start_insulin_infusion", "replace_potassium_first"], truth: p.labs.potassium < 3.3 ? "replace_potassium_first" : "start_insulin_infusion" });
      disposition = dka && p.labs.ph! >= 7.0 ? "step_down" : "icu";
      break;
    }
    case "stroke_code": {
      f.lastKnownWellHours = r.chance(0.6) ? u(r, 0.5, 4.0, 1) : u(r, 5, 12, 1);
      f.deficits = r.shuffle(["right arm weakness", "right facial droop", "expressive aphasia", "left hemiparesis", "left visual field loss", "dysarthria", "left-sided neglect"]).slice(0, r.int(2, 4));
      f.deficitsResolved = conditionId === "transient_ischemic_attack";
      f.fingerstickGlucose = r.int(80, 190);
      f.ct = conditionId === "intracerebral_hemorrhage" ? "hemorrhage" : "no_hemorrhage";
      f.gcs = conditionId === "intracerebral_hemorrhage" ? r.int(6, 14) : r.int(13, 15);
      p.labs.inr = u(r, 0.9, 1.2, 1);
      p.labs.platelets = r.int(150, 380);
      f.homeMeds = f.homeMeds.filter((m) => !ANTICOAGULANTS.includes(m));
      if (r.chance(0.25)) {
        const k = r.int(0, 3);
        if (k === 0) f.homeMeds.push("apixaban");
        else if (k === 1) p.labs.platelets = r.int(50, 90);
        else if (k === 2) { f.homeMeds.push("warfarin"); p.labs.inr = u(r, 2.0, 3.5, 1); }
        else f.recentMajorSurgeryDays = r.int(3, 12);
      }
      triage();
      phases.push({ id: "imaging", setting: "Stroke imaging (radiology_report)", question: "Read the non-contrast CT head: haemorrhage or not?", options: ["hemorrhage", "no_hemorrhage"], truth: f.ct });
      const eligible = thrombolysisChecklist({ patient: p, facts: f, conditionId }).every((x) => x.ok);
      phases.push({ id: "reperfusion", setting: "Thrombolysis decision (drug_interaction)", question: "Thrombolysis eligibility: give IV thrombolysis or not?", options: ["thrombolysis", "no_thrombolysis"], truth: eligible ? "thrombolysis" : "no_thrombolysis" });
      disposition = f.ct === "hemorrhage" || eligible ? "icu" : f.deficitsResolved ? "observation" : "stroke_unit";
      break;
    }
    case "sepsis_bundle": {
      const sick = cond.disposition === "icu" ? 0.7 : 0.25;
      const hypotensive = r.chance(sick);
      p.vitals.sbp = hypotensive ? r.int(68, 88) : r.int(100, 142);
      p.vitals.dbp = hypotensive ? r.int(38, Math.min(55, p.vitals.sbp - 20)) : r.int(58, 85);
      p.labs.lactate = hypotensive ? u(r, 2.5, 7.5, 1) : r.chance(0.2) ? u(r, 4.2, 6.5, 1) : u(r, 0.8, 3.6, 1);
      f.gcs = r.chance(0.35) ? r.int(12, 14) : 15;
      const fluids = hypotensive || p.labs.lactate >= 4;
      const refractory = fluids && r.chance(hypotensive ? 0.55 : 0.2);
      f.mapAfterFluids = refractory ? r.int(50, 62) : r.int(68, 84);
      f.lactateAfterFluids = refractory ? u(r, 3.5, 8, 1) : u(r, 1.0, 2.8, 1);
      phases.push({ id: "screening", setting: "Sepsis screening (triage_emergency)", question: "Sepsis screen: positive if SIRS (temp, HR, RR) >= 2 or qSOFA >= 2.", options: ["screen_positive", "screen_negative"], truth: sirsVitals(p) >= 2 || qsofa(p, f) >= 2 ? "screen_positive" : "screen_negative" });
      phases.push({ id: "bundle", setting: "Hour-1 bundle (ehr_management orders)", question: "Hour-1 bundle: is a 30 mL/kg crystalloid bolus indicated (SBP < 90 / MAP < 65 or lactate >= 4)?", options: ["fluids_30ml_kg", "no_bolus_needed"], truth: fluids ? "fluids_30ml_kg" : "no_bolus_needed" });
      phases.push({ id: "reassessment", setting: "Reassessment after fluids (triage_emergency)", question: "After the bolus: vasopressors if MAP stays < 65 mmHg?", options: ["start_vasopressors", "no_vasopressors"], truth: f.mapAfterFluids < 65 ? "start_vasopressors" : "no_vasopressors" });
      disposition = cond.disposition === "or" ? "or" : f.mapAfterFluids < 65 || p.labs.lactate >= 4 ? "icu" : "ward";
      break;
    }
    case "postop_pe": {
      const massive = conditionId === "massive_pulmonary_embolism";
      f.setting = "Surgical ward";
      f.surgery = r.pick(["total hip arthroplasty", "total knee arthroplasty", "open colectomy", "radical cystectomy", "spinal fusion", "abdominal hysterectomy"]);
      f.postopDay = r.int(1, 12);
      f.dvtSigns = r.chance(0.4);
      f.hemoptysis = r.chance(0.15);
      f.malignancy = r.chance(0.25);
      f.alternativeLikely = r.chance(0.3);
      f.activeBleeding = r.chance(0.15);
      p.vitals.sbp = massive ? r.int(66, 86) : r.int(100, 145);
      p.vitals.dbp = massive ? r.int(38, 52) : r.int(60, 88);
      p.labs.creatinine = r.chance(0.2) ? u(r, 2.8, 4.5, 1) : u(r, 0.6, 1.1, 1);
      p.labs.hemoglobin = f.activeBleeding ? u(r, 6.8, 8.2, 1) : u(r, 9.5, 13.5, 1);
      triage();
      phases.push({ id: "risk", setting: "Risk stratification (clinical_diagnosis)", question: "Wells PE score: PE likely (> 4 -> CTPA) or unlikely (<= 4 -> D-dimer first)?", options: ["pe_likely", "pe_unlikely"], truth: wellsPe(p, f) > 4 ? "pe_likely" : "pe_unlikely" });
      const choice = f.activeBleeding ? "ivc_filter" : massive || crcl(p) < 30 ? "unfractionated_heparin" : "enoxaparin";
      phases.push({ id: "anticoagulation", setting: "Anticoagulation choice (drug_interaction)", question: "Choose the treatment after the CTPA, renal function and bleeding check.", options: ["enoxaparin", "unfractionated_heparin", "apixaban", "systemic_thrombolysis", "ivc_filter"], truth: choice });
      disposition = massive ? "icu" : "step_down";
      break;
    }
    case "pediatric_kawasaki": {
      const misc = conditionId === "mis_c";
      f.setting = "Paediatric emergency department";
      f.feverDays = r.int(5, 10);
      f.kawasakiCriteria = r.shuffle(KAWASAKI_CRITERIA).slice(0, misc ? r.int(2, 4) : r.chance(0.55) ? r.int(4, 5) : r.int(2, 3));
      f.echo = misc ? "ventricular_dysfunction" : r.chance(0.2) ? "coronary_aneurysm" : "normal_coronaries";
      f.coronaryZ = f.echo === "coronary_aneurysm" ? u(r, 2.6, 8, 1) : u(r, -0.5, 1.9, 1);
      f.ejectionFraction = f.echo === "ventricular_dysfunction" ? r.int(30, 48) : r.int(58, 70);
      if (misc) { p.vitals.sbp = r.chance(0.5) ? r.int(70, 86) : r.int(92, 110); p.vitals.dbp = Math.min(p.vitals.dbp, p.vitals.sbp - 25); }
      else if (p.vitals.sbp < 92) p.vitals.sbp = r.int(92, 110);
      p.vitals.spo2 = Math.max(p.vitals.spo2, 92);
      p.allergies = p.allergies.filter((a) => !["aspirin", "nsaids"].includes(a.substance));
      triage();
      phases.push({ id: "criteria", setting: "Paediatric diagnosis (clinical_diagnosis)", question: "Fever >= 5 days with >= 4 of 5 principal criteria = complete Kawasaki; fewer = incomplete.", options: ["complete_kawasaki", "incomplete_kawasaki", "not_kawasaki"], truth: f.kawasakiCriteria.length >= 4 ? "complete_kawasaki" : "incomplete_kawasaki" });
      phases.push({ id: "echo", setting: "Echocardiography (radiology_report)", question: "Echo result: coronary aneurysm (z >= 2.5), ventricular dysfunction (EF < 55%) or normal?", options: ["coronary_aneurysm", "ventricular_dysfunction", "normal_coronaries"], truth: f.echo });
      phases.push({ id: "treatment", setting: "Treatment (drug_interaction)", question: "IVIG + aspirin; add corticosteroids for high risk (aneurysm or ventricular dysfunction).", options: ["ivig_aspirin", "ivig_aspirin_steroids"], truth: f.echo === "normal_coronaries" ? "ivig_aspirin" : "ivig_aspirin_steroids" });
      disposition = f.echo === "ventricular_dysfunction" || p.vitals.sbp < 90 ? "icu" : "ward";
      break;
    }
  }
  return { caseId, pathway, conditionId, patient: p, facts: f, phases, disposition };
}

const BASE = ["wbc", "hemoglobin", "platelets", "sodium", "potassium", "chloride", "bicarbonate", "bun", "creatinine", "glucose", "calcium"];
