/** Community-acquired pneumonia severity: CURB-65 (Lim 2003) and the PSI/PORT score (Fine 1997). */

import { z } from "zod";
import { ScoreSheet, defineCalculator, fmt, zAge, zFlag, zPos, zSex } from "./types.js";

const yes = (b: boolean) => (b ? "present" : "absent");

export const curb65 = defineCalculator({
  id: 45,
  name: "CURB-65 Score for Pneumonia Severity",
  slug: "curb65",
  category: "risk",
  outputType: "integer",
  inputs: z.object({
    confusion: zFlag("new confusion"),
    bunMgDl: zPos("blood urea nitrogen, mg/dL (> 19 scores 1); omit if not measured (CRB-65)").optional(),
    respiratoryRate: zPos("respiratory rate, breaths/min"),
    systolicMmHg: zPos("systolic blood pressure, mm Hg"),
    diastolicMmHg: zPos("diastolic blood pressure, mm Hg"),
    ageYears: zAge,
  }),
  compute(i) {
    const s = new ScoreSheet();
    s.add(i.confusion ? 1 : 0, `Confusion ${yes(i.confusion)}`);
    if (i.bunMgDl === undefined) s.add(0, "BUN not measured (urea criterion not scored)");
    else s.add(i.bunMgDl > 19 ? 1 : 0, `BUN ${fmt(i.bunMgDl)} mg/dL (> 19 mg/dL, i.e. urea > 7 mmol/L)`);
    s.add(i.respiratoryRate >= 30 ? 1 : 0, `Respiratory rate ${fmt(i.respiratoryRate)} (>= 30)`);
    const lowBp = i.systolicMmHg < 90 || i.diastolicMmHg <= 60;
    s.add(lowBp ? 1 : 0, `Blood pressure ${fmt(i.systolicMmHg)}/${fmt(i.diastolicMmHg)} (SBP < 90 or DBP <= 60)`);
    s.add(i.ageYears >= 65 ? 1 : 0, `Age ${fmt(i.ageYears, 1)} (>= 65)`);
    return s.result("CURB-65");
  },
  fromMedcalc: (e) => ({
    confusion: e.bool("Confusion"),
    bunMgDl: e.concentration("bun", "mg/dL", "Blood Urea Nitrogen (BUN)", "BUN"),
    respiratoryRate: e.number("respiratory rate"),
    systolicMmHg: e.pressureMmHg("Systolic Blood Pressure"),
    diastolicMmHg: e.pressureMmHg("Diastolic Blood Pressure"),
    ageYears: e.ageYears(),
  }),
});

const labNote = "omit if not measured (scored as normal, as in the PSI derivation)";

export const psi = defineCalculator({
  id: 29,
  name: "PSI Score: Pneumonia Severity Index for CAP",
  slug: "psi_port",
  category: "severity",
  outputType: "integer",
  inputs: z.object({
    ageYears: zAge,
    sex: zSex,
    nursingHomeResident: zFlag("nursing home resident"),
    neoplasticDisease: zFlag("neoplastic disease"),
    liverDisease: zFlag("liver disease history"),
    congestiveHeartFailure: zFlag("CHF history"),
    cerebrovascularDisease: zFlag("cerebrovascular disease history"),
    renalDisease: zFlag("renal disease history"),
    alteredMentalStatus: zFlag("altered mental status"),
    respiratoryRate: zPos(`respiratory rate, breaths/min; ${labNote}`).optional(),
    systolicMmHg: zPos(`systolic blood pressure, mm Hg; ${labNote}`).optional(),
    temperatureC: zPos(`temperature, °C; ${labNote}`).optional(),
    heartRateBpm: zPos(`pulse, beats/min; ${labNote}`).optional(),
    ph: zPos(`arterial pH; ${labNote}`).optional(),
    bunMgDl: zPos(`BUN, mg/dL; ${labNote}`).optional(),
    sodiumMmolL: zPos(`sodium, mmol/L; ${labNote}`).optional(),
    glucoseMgDl: zPos(`glucose, mg/dL; ${labNote}`).optional(),
    hematocritPct: zPos(`haematocrit, %; ${labNote}`).optional(),
    pao2MmHg: zPos(`PaO2, mm Hg; ${labNote}`).optional(),
    pleuralEffusion: zFlag("pleural effusion on x-ray"),
  }),
  compute(i) {
    const s = new ScoreSheet();
    s.add(i.ageYears, `Age ${fmt(i.ageYears, 1)} years`);
    if (i.sex === "female") s.add(-10, "Female");
    const hx: Array<[boolean, number, string]> = [
      [i.nursingHomeResident, 10, "Nursing home resident"],
      [i.neoplasticDisease, 30, "Neoplastic disease"],
      [i.liverDisease, 20, "Liver disease"],
      [i.congestiveHeartFailure, 10, "CHF"],
      [i.cerebrovascularDisease, 10, "Cerebrovascular disease"],
      [i.renalDisease, 10, "Renal disease"],
      [i.alteredMentalStatus, 20, "Altered mental status"],
      [i.pleuralEffusion, 10, "Pleural effusion"],
    ];
    for (const [b, pts, label] of hx) if (b) s.add(pts, label);
    const lab = (v: number | undefined, hit: (x: number) => boolean, pts: number, label: string, crit: string) => {
      if (v === undefined) s.note(`${label} not reported (scored as normal)`);
      else s.add(hit(v) ? pts : 0, `${label} ${fmt(v)} (${crit})`);
    };
    lab(i.respiratoryRate, (x) => x >= 30, 20, "Respiratory rate", ">= 30: 20");
    lab(i.systolicMmHg, (x) => x < 90, 20, "Systolic BP", "< 90: 20");
    lab(i.temperatureC, (x) => x < 35 || x >= 40, 15, "Temperature °C", "< 35 or >= 40: 15");
    lab(i.heartRateBpm, (x) => x >= 125, 10, "Pulse", ">= 125: 10");
    lab(i.ph, (x) => x < 7.35, 30, "pH", "< 7.35: 30");
    lab(i.bunMgDl, (x) => x >= 30, 20, "BUN mg/dL", ">= 30: 20");
    lab(i.sodiumMmolL, (x) => x < 130, 20, "Sodium", "< 130: 20");
    lab(i.glucoseMgDl, (x) => x >= 250, 10, "Glucose mg/dL", ">= 250: 10");
    lab(i.hematocritPct, (x) => x < 30, 10, "Haematocrit %", "< 30: 10");
    lab(i.pao2MmHg, (x) => x < 60, 10, "PaO2 mm Hg", "< 60: 10");
    return s.result("PSI");
  },
  fromMedcalc: (e) => ({
    ageYears: e.ageYears(),
    sex: e.sex(),
    nursingHomeResident: e.bool("Nursing home resident"),
    neoplasticDisease: e.bool("Neoplastic disease"),
    liverDisease: e.presence("Liver disease severity", "Liver disease"),
    congestiveHeartFailure: e.anyTrue("Congestive Heart Faliure", "Congestive Heart Failure"),
    cerebrovascularDisease: e.bool("Cerebrovascular disease history"),
    renalDisease: e.bool("Renal disease"),
    alteredMentalStatus: e.bool("Altered mental status"),
    respiratoryRate: e.number("respiratory rate"),
    systolicMmHg: e.pressureMmHg("Systolic Blood Pressure"),
    temperatureC: e.temperatureC("Temperature"),
    heartRateBpm: e.number("Heart Rate or Pulse"),
    ph: e.number("pH"),
    bunMgDl: e.concentration("bun", "mg/dL", "Blood Urea Nitrogen (BUN)", "BUN"),
    sodiumMmolL: e.concentration("sodium", "mmol/L", "Sodium"),
    glucoseMgDl: e.concentration("glucose", "mg/dL", "Glucose"),
    hematocritPct: e.number("Hematocrit"),
    pao2MmHg: e.pressureMmHg("Partial pressure of oxygen (PaO₂) for Apache II", "PaO₂", "Partial pressure of oxygen"),
    pleuralEffusion: e.bool("Pleural effusion on x-ray"),
  }),
});
