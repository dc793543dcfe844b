/**
 * Critical care: Glasgow Coma Scale, SOFA (Vincent 1996), APACHE II (Knaus 1985) and SIRS criteria
 * (ACCP/SCCM 1992).
 */

import { z } from "zod";
import { meanArterialPressure } from "./body.js";
import { pickOption, type EntityBag } from "./entities.js";
import { CalculatorInputError, ScoreSheet, defineCalculator, fmt, zAge, zFlag, zNonNeg, zPos } from "./types.js";

// ---------------------------------------------------------------------------------------------
// GCS

const EYE = ["eyes open spontaneously", "eye opening to verbal command", "eye opening to pain", "no eye opening", "not testable"] as const;
const VERBAL = ["oriented", "confused", "inappropriate words", "incomprehensible sounds", "no verbal response", "not testable"] as const;
const MOTOR = ["obeys commands", "localizes pain", "withdrawal from pain", "flexion to pain", "extension to pain", "no motor response", "not testable"] as const;

/** Points by option index; "not testable" takes the component's best score, per the MedCalc-Bench method. */
const EYE_PTS = [4, 3, 2, 1, 4];
const VERBAL_PTS = [5, 4, 3, 2, 1, 5];
const MOTOR_PTS = [6, 5, 4, 3, 2, 1, 6];

export const glasgowComaScale = defineCalculator({
  id: 21,
  name: "Glasgow Coma Score (GCS)",
  slug: "gcs",
  category: "severity",
  outputType: "integer",
  inputs: z.object({
    eye: z.enum(EYE).describe("best eye response"),
    verbal: z.enum(VERBAL).describe("best verbal response"),
    motor: z.enum(MOTOR).describe("best motor response"),
  }),
  compute({ eye, verbal, motor }) {
    const s = new ScoreSheet();
    const untestable = " (not testable: best score assumed)";
    s.add(EYE_PTS[EYE.indexOf(eye)], `Eye: ${eye}${eye === "not testable" ? untestable : ""}`);
    s.add(VERBAL_PTS[VERBAL.indexOf(verbal)], `Verbal: ${verbal}${verbal === "not testable" ? untestable : ""}`);
    s.add(MOTOR_PTS[MOTOR.indexOf(motor)], `Motor: ${motor}${motor === "not testable" ? untestable : ""}`);
    return s.result("GCS");
  },
  fromMedcalc: (e) => ({
    eye: pickOption(e.string("Best eye response"), EYE, { spontaneous: "eyes open spontaneously", "eyes open spontaneously": "eyes open spontaneously", "to pain": "eye opening to pain", "to verbal command": "eye opening to verbal command", none: "no eye opening" }, "GCS eye response"),
    verbal: pickOption(e.string("Best verbal response"), VERBAL, { none: "no verbal response", "inappropriate words": "inappropriate words" }, "GCS verbal response"),
    motor: pickOption(e.string("Best motor response"), MOTOR, { "localizes to pain": "localizes pain", "withdraws from pain": "withdrawal from pain", "abnormal flexion": "flexion to pain", none: "no motor response" }, "GCS motor response"),
  }),
});

// ---------------------------------------------------------------------------------------------
// SOFA

export const sofa = defineCalculator({
  id: 43,
  name: "Sequential Organ Failure Assessment (SOFA) Score",
  slug: "sofa",
  category: "risk",
  outputType: "integer",
  inputs: z.object({
    pao2MmHg: zPos("PaO2, mm Hg"),
    fio2Pct: z.number().min(21).max(100).describe("FiO2 as a percentage (21-100)"),
    mechanicalVentilation: zFlag("on mechanical ventilation"),
    cpap: zFlag("on continuous positive airway pressure"),
    plateletsPerMicroL: zNonNeg("platelet count per µL"),
    gcs: z.number().min(3).max(15).default(15).describe("Glasgow Coma Scale (15 if not reported)"),
    bilirubinMgDl: zNonNeg("total bilirubin, mg/dL"),
    mapMmHg: zPos("mean arterial pressure, mm Hg").optional(),
    hypotension: zFlag("hypotension (MAP < 70 mm Hg) when MAP is not given"),
    dopamine: zNonNeg("dopamine, µg/kg/min").default(0),
    dobutamine: zNonNeg("dobutamine, µg/kg/min").default(0),
    epinephrine: zNonNeg("epinephrine, µg/kg/min").default(0),
    norepinephrine: zNonNeg("norepinephrine, µg/kg/min").default(0),
    creatinineMgDl: zNonNeg("creatinine, mg/dL").optional(),
    urineOutputMlPerDay: zNonNeg("urine output, mL/day").optional(),
  }),
  compute(i) {
    const s = new ScoreSheet();
    const ratio = i.pao2MmHg / (i.fio2Pct / 100);
    const supported = i.mechanicalVentilation || i.cpap;
    let resp = ratio >= 400 ? 0 : ratio >= 300 ? 1 : ratio >= 200 ? 2 : 2;
    // Scores 3 and 4 need respiratory support; without it the respiratory score stops at 2.
    if (supported && ratio < 200) resp = ratio < 100 ? 4 : 3;
    s.add(resp, `PaO2/FiO2 = ${fmt(i.pao2MmHg)} / ${fmt(i.fio2Pct / 100, 2)} = ${fmt(ratio, 1)} mm Hg, respiratory support ${supported ? "yes" : "no"}`);

    const plt = i.plateletsPerMicroL / 1000;
    s.add(plt >= 150 ? 0 : plt >= 100 ? 1 : plt >= 50 ? 2 : plt >= 20 ? 3 : 4, `Platelets ${fmt(plt, 1)} x10³/µL`);

    s.add(i.gcs >= 15 ? 0 : i.gcs >= 13 ? 1 : i.gcs >= 10 ? 2 : i.gcs >= 6 ? 3 : 4, `GCS ${fmt(i.gcs)}`);

    const b = i.bilirubinMgDl;
    s.add(b < 1.2 ? 0 : b < 2 ? 1 : b < 6 ? 2 : b < 12 ? 3 : 4, `Bilirubin ${fmt(b)} mg/dL`);

    let cv = 0;
    let cvWhy: string;
    if (i.dopamine > 15 || i.epinephrine > 0.1 || i.norepinephrine > 0.1) {
      cv = 4;
      cvWhy = "dopamine > 15 or epinephrine > 0.1 or norepinephrine > 0.1 µg/kg/min";
    } else if (i.dopamine > 5 || i.epinephrine > 0 || i.norepinephrine > 0) {
      cv = 3;
      cvWhy = "dopamine > 5 or epinephrine <= 0.1 or norepinephrine <= 0.1 µg/kg/min";
    } else if (i.dopamine > 0 || i.dobutamine > 0) {
      cv = 2;
      cvWhy = "dopamine <= 5 or any dobutamine";
    } else if ((i.mapMmHg !== undefined && i.mapMmHg < 70) || (i.mapMmHg === undefined && i.hypotension)) {
      cv = 1;
      cvWhy = i.mapMmHg !== undefined ? `MAP ${fmt(i.mapMmHg)} < 70 mm Hg` : "hypotension (MAP < 70 mm Hg)";
    } else {
      cvWhy = "no hypotension, no vasopressors";
    }
    s.add(cv, `Cardiovascular: ${cvWhy}`);

    if (i.creatinineMgDl === undefined && i.urineOutputMlPerDay === undefined) {
      throw new CalculatorInputError("SOFA", "missing required input: creatinineMgDl or urineOutputMlPerDay");
    }
    let renal = 0;
    const why: string[] = [];
    if (i.creatinineMgDl !== undefined) {
      const c = i.creatinineMgDl;
      renal = c < 1.2 ? 0 : c < 2 ? 1 : c < 3.5 ? 2 : c < 5 ? 3 : 4;
      why.push(`creatinine ${fmt(c)} mg/dL`);
    }
    if (i.urineOutputMlPerDay !== undefined) {
      const u = i.urineOutputMlPerDay;
      renal = Math.max(renal, u < 200 ? 4 : u < 500 ? 3 : 0);
      why.push(`urine output ${fmt(u)} mL/day`);
    }
    s.add(renal, `Renal: ${why.join(", ")}`);
    return s.result("SOFA");
  },
  fromMedcalc: (e) => {
    const sbp = e.pressureMmHg("Systolic Blood Pressure");
    const dbp = e.pressureMmHg("Diastolic Blood Pressure");
    const uo = e.quantity("Urine Output");
    return {
      pao2MmHg: e.pressureMmHg("Partial pressure of oxygen (PaO₂) for Apache II", "PaO₂", "Partial pressure of oxygen"),
      fio2Pct: fio2Percent(e),
      mechanicalVentilation: e.bool("On mechanical ventilation"),
      cpap: e.bool("Continous positive airway pressure", "Continuous positive airway pressure"),
      plateletsPerMicroL: e.countPerMicroliter("Platelet count"),
      gcs: e.number("Glasgow Coma Score"),
      bilirubinMgDl: e.concentration("bilirubin", "mg/dL", "Bilirubin"),
      mapMmHg: sbp !== undefined && dbp !== undefined ? meanArterialPressure(sbp, dbp) : e.pressureMmHg("Mean Arterial Pressure"),
      hypotension: e.bool("Hypotension"),
      dopamine: e.number("DOPamine"),
      dobutamine: e.number("DOBUTamine"),
      epinephrine: e.number("EPINEPHrine"),
      norepinephrine: e.number("norEPINEPHrine"),
      creatinineMgDl: e.concentration("creatinine", "mg/dL", "creatinine"),
      urineOutputMlPerDay: uo === undefined ? undefined : uo.unit.toLowerCase().startsWith("l") ? uo.value * 1000 : uo.value,
    };
  },
});

/** FiO2 in percent; the benchmark writes [40.0, '%'], a bare fraction (0.4) is also accepted. */
function fio2Percent(e: EntityBag): number | undefined {
  const v = e.number("FiO₂", "FiO2");
  if (v === undefined) return undefined;
  return v <= 1 ? v * 100 : v;
}

// ---------------------------------------------------------------------------------------------
// APACHE II

const CHRONIC = ["none", "nonoperative", "emergency postoperative", "elective postoperative"] as const;
const missingNote = "omit if not measured (scored 0, as in the APACHE II derivation)";

export const apacheII = defineCalculator({
  id: 28,
  name: "APACHE II Score",
  slug: "apache_ii",
  category: "risk",
  outputType: "integer",
  inputs: z.object({
    ageYears: zAge,
    chronicHealth: z
      .enum(CHRONIC)
      .default("none")
      .describe("history of severe organ insufficiency or immunocompromise: none, or present in a nonoperative / emergency postoperative / elective postoperative patient"),
    temperatureC: z.number().describe(`core temperature, °C; ${missingNote}`).optional(),
    mapMmHg: zPos(`mean arterial pressure, mm Hg; ${missingNote}`).optional(),
    heartRateBpm: zNonNeg(`heart rate, beats/min; ${missingNote}`).optional(),
    respiratoryRate: zNonNeg(`respiratory rate, breaths/min; ${missingNote}`).optional(),
    fio2Pct: z.number().min(21).max(100).describe("FiO2 as a percentage; >= 50 scores the A-a gradient, otherwise PaO2").optional(),
    pao2MmHg: zPos("PaO2, mm Hg (used when FiO2 < 50%)").optional(),
    aaGradientMmHg: z.number().describe("A-a gradient, mm Hg (used when FiO2 >= 50%)").optional(),
    ph: zPos(`arterial pH; ${missingNote}`).optional(),
    bicarbonateMmolL: zPos("serum HCO3, mmol/L (used only when no arterial pH)").optional(),
    sodiumMmolL: zPos(`sodium, mmol/L; ${missingNote}`).optional(),
    potassiumMmolL: zPos(`potassium, mmol/L; ${missingNote}`).optional(),
    creatinineMgDl: zPos(`creatinine, mg/dL; ${missingNote}`).optional(),
    acuteRenalFailure: zFlag("acute renal failure (doubles the creatinine points)"),
    hematocritPct: zPos(`haematocrit, %; ${missingNote}`).optional(),
    wbcPerMicroL: zNonNeg(`white blood cells per µL; ${missingNote}`).optional(),
    gcs: z.number().min(3).max(15).default(15).describe("Glasgow Coma Scale (15 if not reported)"),
  }),
  compute(i) {
    const s = new ScoreSheet();
    const band = (label: string, v: number | undefined, pts: (x: number) => number, unit = "") => {
      if (v === undefined) s.note(`${label} not reported (scored 0)`);
      else s.add(pts(v), `${label} ${fmt(v)}${unit}`);
    };
    const a = i.ageYears;
    s.add(a >= 75 ? 6 : a >= 65 ? 5 : a >= 55 ? 3 : a >= 45 ? 2 : 0, `Age ${fmt(a, 1)}`);
    const chronicPts = i.chronicHealth === "none" ? 0 : i.chronicHealth === "elective postoperative" ? 2 : 5;
    s.add(chronicPts, `Chronic health: ${i.chronicHealth}`);
    band("Temperature", i.temperatureC, (t) => (t >= 41 ? 4 : t >= 39 ? 3 : t >= 38.5 ? 1 : t >= 36 ? 0 : t >= 34 ? 1 : t >= 32 ? 2 : t >= 30 ? 3 : 4), " °C");
    band("MAP", i.mapMmHg, (m) => (m >= 160 ? 4 : m >= 130 ? 3 : m >= 110 ? 2 : m >= 70 ? 0 : m >= 50 ? 2 : 4), " mm Hg");
    band("Heart rate", i.heartRateBpm, (h) => (h >= 180 ? 4 : h >= 140 ? 3 : h >= 110 ? 2 : h >= 70 ? 0 : h >= 55 ? 2 : h >= 40 ? 3 : 4), " /min");
    band("Respiratory rate", i.respiratoryRate, (r) => (r >= 50 ? 4 : r >= 35 ? 3 : r >= 25 ? 1 : r >= 12 ? 0 : r >= 10 ? 1 : r >= 6 ? 2 : 4), " /min");

    if (i.fio2Pct !== undefined && i.fio2Pct >= 50) {
      if (i.aaGradientMmHg === undefined) throw new CalculatorInputError("APACHE II", "FiO2 >= 50% requires aaGradientMmHg (A-a gradient)");
      const g = i.aaGradientMmHg;
      s.add(g >= 500 ? 4 : g >= 350 ? 3 : g >= 200 ? 2 : 0, `FiO2 ${fmt(i.fio2Pct)}% >= 50%: A-a gradient ${fmt(g)} mm Hg`);
    } else if (i.pao2MmHg !== undefined) {
      const p = i.pao2MmHg;
      s.add(p > 70 ? 0 : p >= 61 ? 1 : p >= 55 ? 3 : 4, `FiO2 ${i.fio2Pct === undefined ? "not reported (room air assumed)" : `${fmt(i.fio2Pct)}%`} < 50%: PaO2 ${fmt(p)} mm Hg`);
    } else {
      s.note("Oxygenation not reported (scored 0)");
    }

    if (i.ph !== undefined) {
      band("Arterial pH", i.ph, (p) => (p >= 7.7 ? 4 : p >= 7.6 ? 3 : p >= 7.5 ? 1 : p >= 7.33 ? 0 : p >= 7.25 ? 2 : p >= 7.15 ? 3 : 4));
    } else {
      band("Serum HCO3 (no arterial pH)", i.bicarbonateMmolL, (h) => (h >= 52 ? 4 : h >= 41 ? 3 : h >= 32 ? 1 : h >= 22 ? 0 : h >= 18 ? 2 : h >= 15 ? 3 : 4), " mmol/L");
    }
    band("Sodium", i.sodiumMmolL, (n) => (n >= 180 ? 4 : n >= 160 ? 3 : n >= 155 ? 2 : n >= 150 ? 1 : n >= 130 ? 0 : n >= 120 ? 2 : n >= 111 ? 3 : 4), " mmol/L");
    band("Potassium", i.potassiumMmolL, (k) => (k >= 7 ? 4 : k >= 6 ? 3 : k >= 5.5 ? 1 : k >= 3.5 ? 0 : k >= 3 ? 1 : k >= 2.5 ? 2 : 4), " mmol/L");
    band(
      `Creatinine${i.acuteRenalFailure ? " (acute renal failure: points doubled)" : ""}`,
      i.creatinineMgDl,
      (c) => (c >= 3.5 ? 4 : c >= 2 ? 3 : c >= 1.5 ? 2 : c >= 0.6 ? 0 : 2) * (i.acuteRenalFailure ? 2 : 1),
      " mg/dL",
    );
    band("Haematocrit", i.hematocritPct, (h) => (h >= 60 ? 4 : h >= 50 ? 2 : h >= 46 ? 1 : h >= 30 ? 0 : h >= 20 ? 2 : 4), " %");
    band("WBC", i.wbcPerMicroL === undefined ? undefined : i.wbcPerMicroL / 1000, (w) => (w >= 40 ? 4 : w >= 20 ? 2 : w >= 15 ? 1 : w >= 3 ? 0 : w >= 1 ? 2 : 4), " x10³/µL");
    s.add(15 - i.gcs, `GCS ${fmt(i.gcs)}: 15 - GCS`);
    return s.result("APACHE II");
  },
  fromMedcalc: (e) => {
    const sbp = e.pressureMmHg("Systolic Blood Pressure");
    const dbp = e.pressureMmHg("Diastolic Blood Pressure");
    const organ = e.bool("History of severe organ failure or immunocompromise");
    const surgery = e.string("Surgery Type");
    let chronicHealth: (typeof CHRONIC)[number] | undefined;
    if (organ === false) chronicHealth = "none";
    else if (organ === true) {
      const k = (surgery ?? "nonoperative").trim().toLowerCase();
      if (k.startsWith("nonop") || k.startsWith("non-op")) chronicHealth = "nonoperative";
      else if (k.startsWith("emerg") || k.startsWith("nonelective") || k.startsWith("non-elective") || k.startsWith("urgent")) chronicHealth = "emergency postoperative";
      else if (k.startsWith("elective")) chronicHealth = "elective postoperative";
      else throw new CalculatorInputError("APACHE II", `unknown surgery type '${surgery}'`);
    }
    return {
      ageYears: e.ageYears(),
      chronicHealth,
      temperatureC: e.temperatureC("Temperature"),
      mapMmHg: sbp !== undefined && dbp !== undefined ? meanArterialPressure(sbp, dbp) : e.pressureMmHg("Mean Arterial Pressure"),
      heartRateBpm: e.number("Heart Rate or Pulse"),
      respiratoryRate: e.number("respiratory rate"),
      fio2Pct: fio2Percent(e),
      pao2MmHg: e.pressureMmHg("Partial pressure of oxygen (PaO₂) for Apache II", "PaO₂"),
      aaGradientMmHg: e.number("A-a gradient"),
      ph: e.number("pH"),
      bicarbonateMmolL: e.concentration("bicarbonate", "mmol/L", "Bicarbonate"),
      sodiumMmolL: e.concentration("sodium", "mmol/L", "Sodium"),
      potassiumMmolL: e.concentration("potassium", "mmol/L", "Potassium"),
      creatinineMgDl: e.concentration("creatinine", "mg/dL", "creatinine"),
      acuteRenalFailure: e.bool("Acute renal failure"),
      hematocritPct: e.number("Hematocrit"),
      wbcPerMicroL: e.countPerMicroliter("White blood cell count"),
      gcs: e.number("Glasgow Coma Score"),
    };
  },
});

// ---------------------------------------------------------------------------------------------
// SIRS

export const sirs = defineCalculator({
  id: 51,
  name: "SIRS Criteria",
  slug: "sirs",
  category: "diagnosis",
  outputType: "integer",
  inputs: z.object({
    temperatureC: z.number().describe("temperature, °C").optional(),
    heartRateBpm: zNonNeg("heart rate, beats/min").optional(),
    respiratoryRate: zNonNeg("respiratory rate, breaths/min").optional(),
    paco2MmHg: zPos("PaCO2, mm Hg").optional(),
    wbcPerMicroL: zNonNeg("white blood cells per µL").optional(),
    bandsPct: zNonNeg("immature band forms, %").optional(),
  }),
  compute(i) {
    const s = new ScoreSheet();
    const t = i.temperatureC;
    s.add(t !== undefined && (t > 38 || t < 36) ? 1 : 0, t === undefined ? "Temperature not reported" : `Temperature ${fmt(t)} °C (> 38 or < 36)`);
    const hr = i.heartRateBpm;
    s.add(hr !== undefined && hr > 90 ? 1 : 0, hr === undefined ? "Heart rate not reported" : `Heart rate ${fmt(hr)} (> 90)`);
    const rr = i.respiratoryRate;
    const pc = i.paco2MmHg;
    const resp = (rr !== undefined && rr > 20) || (pc !== undefined && pc < 32);
    s.add(resp ? 1 : 0, `Respiratory rate ${rr === undefined ? "not reported" : fmt(rr)} (> 20) or PaCO2 ${pc === undefined ? "not reported" : `${fmt(pc)} mm Hg`} (< 32)`);
    const w = i.wbcPerMicroL;
    const b = i.bandsPct;
    const wbc = (w !== undefined && (w > 12000 || w < 4000)) || (b !== undefined && b > 10);
    s.add(wbc ? 1 : 0, `WBC ${w === undefined ? "not reported" : `${fmt(w, 0)}/µL`} (> 12,000 or < 4,000) or bands ${b === undefined ? "not reported" : `${fmt(b)}%`} (> 10%)`);
    return s.result("SIRS criteria met", "criteria");
  },
  fromMedcalc: (e) => ({
    temperatureC: e.temperatureC("Temperature"),
    heartRateBpm: e.number("Heart Rate or Pulse"),
    respiratoryRate: e.number("respiratory rate"),
    paco2MmHg: e.pressureMmHg("PaCO₂", "PaCO2"),
    wbcPerMicroL: e.countPerMicroliter("White blood cell count"),
    bandsPct: e.number("Band form percentage", "Bands", "Band forms"),
  }),
});
