/**
 * Body-size and haemodynamic basics: BMI, ideal/adjusted body weight (Devine), BSA (Mosteller),
 * target weight, maintenance fluids (Holliday-Segar 4-2-1) and mean arterial pressure.
 */

import { z } from "zod";
import { defineCalculator, fmt, zPos, zSex } from "./types.js";

const CM_PER_IN = 2.54;

export function bmiOf(weightKg: number, heightCm: number): number {
  const m = heightCm / 100;
  return weightKg / (m * m);
}

/** Devine (1974): 50 kg (male) or 45.5 kg (female) + 2.3 kg per inch over 5 feet. */
export function idealBodyWeightKg(sex: "male" | "female", heightCm: number): number {
  return (sex === "male" ? 50 : 45.5) + 2.3 * (heightCm / CM_PER_IN - 60);
}

/** Adjusted body weight: IBW + 0.4 x (actual - IBW). */
export function adjustedBodyWeightKg(sex: "male" | "female", heightCm: number, weightKg: number): number {
  const ibw = idealBodyWeightKg(sex, heightCm);
  return ibw + 0.4 * (weightKg - ibw);
}

export function meanArterialPressure(sbp: number, dbp: number): number {
  return (2 * dbp) / 3 + sbp / 3;
}

const weightHeight = z.object({ weightKg: zPos("body weight in kg"), heightCm: zPos("height in cm") });

export const bmi = defineCalculator({
  id: 6,
  name: "Body Mass Index (BMI)",
  slug: "bmi",
  category: "physical",
  outputType: "decimal",
  inputs: weightHeight,
  compute({ weightKg, heightCm }) {
    const v = bmiOf(weightKg, heightCm);
    return { value: v, unit: "kg/m²", explanation: `BMI = weight / height² = ${fmt(weightKg)} kg / (${fmt(heightCm / 100)} m)² = ${fmt(v)} kg/m².` };
  },
  fromMedcalc: (e) => ({ weightKg: e.weightKg(), heightCm: e.heightCm() }),
});

export const idealBodyWeight = defineCalculator({
  id: 10,
  name: "Ideal Body Weight",
  slug: "ideal_body_weight",
  category: "physical",
  outputType: "decimal",
  inputs: z.object({ sex: zSex, heightCm: zPos("height in cm") }),
  compute({ sex, heightCm }) {
    const v = idealBodyWeightKg(sex, heightCm);
    const inches = heightCm / CM_PER_IN;
    return {
      value: v,
      unit: "kg",
      explanation: `Devine IBW = ${sex === "male" ? 50 : 45.5} kg + 2.3 kg x (height in inches - 60) = ${sex === "male" ? 50 : 45.5} + 2.3 x (${fmt(inches)} - 60) = ${fmt(v)} kg.`,
    };
  },
  fromMedcalc: (e) => ({ sex: e.sex(), heightCm: e.heightCm() }),
});

export const adjustedBodyWeight = defineCalculator({
  id: 62,
  name: "Adjusted Body Weight",
  slug: "adjusted_body_weight",
  category: "physical",
  outputType: "decimal",
  inputs: z.object({ sex: zSex, heightCm: zPos("height in cm"), weightKg: zPos("actual body weight in kg") }),
  compute({ sex, heightCm, weightKg }) {
    const ibw = idealBodyWeightKg(sex, heightCm);
    const v = ibw + 0.4 * (weightKg - ibw);
    return { value: v, unit: "kg", explanation: `IBW (Devine) = ${fmt(ibw)} kg. ABW = IBW + 0.4 x (weight - IBW) = ${fmt(ibw)} + 0.4 x (${fmt(weightKg)} - ${fmt(ibw)}) = ${fmt(v)} kg.` };
  },
  fromMedcalc: (e) => ({ sex: e.sex(), heightCm: e.heightCm(), weightKg: e.weightKg() }),
});

export const bodySurfaceArea = defineCalculator({
  id: 60,
  name: "Body Surface Area Calculator",
  slug: "body_surface_area",
  category: "physical",
  outputType: "decimal",
  inputs: weightHeight,
  compute({ weightKg, heightCm }) {
    const v = Math.sqrt((weightKg * heightCm) / 3600);
    return { value: v, unit: "m²", explanation: `Mosteller BSA = sqrt(weight kg x height cm / 3600) = sqrt(${fmt(weightKg)} x ${fmt(heightCm)} / 3600) = ${fmt(v)} m².` };
  },
  fromMedcalc: (e) => ({ weightKg: e.weightKg(), heightCm: e.heightCm() }),
});

export const targetWeight = defineCalculator({
  id: 61,
  name: "Target weight",
  slug: "target_weight",
  category: "physical",
  outputType: "decimal",
  inputs: z.object({ targetBmi: zPos("target BMI in kg/m²"), heightCm: zPos("height in cm") }),
  compute({ targetBmi, heightCm }) {
    const m = heightCm / 100;
    const v = targetBmi * m * m;
    return { value: v, unit: "kg", explanation: `Target weight = target BMI x height² = ${fmt(targetBmi)} x (${fmt(m)} m)² = ${fmt(v)} kg.` };
  },
  fromMedcalc: (e) => ({ targetBmi: e.number("Body Mass Index (BMI)", "Target BMI", "bmi"), heightCm: e.heightCm() }),
});

export const maintenanceFluids = defineCalculator({
  id: 22,
  name: "Maintenance Fluids Calculations",
  slug: "maintenance_fluids",
  category: "physical",
  outputType: "decimal",
  inputs: z.object({ weightKg: zPos("body weight in kg") }),
  compute({ weightKg: w }) {
    let v: number;
    let how: string;
    if (w < 10) {
      v = 4 * w;
      how = `weight < 10 kg: 4 mL/kg/h x ${fmt(w)} kg`;
    } else if (w <= 20) {
      v = 40 + 2 * (w - 10);
      how = `10-20 kg: 40 mL/h + 2 mL/kg/h x (${fmt(w)} - 10) kg`;
    } else {
      v = 60 + (w - 20);
      how = `weight > 20 kg: 60 mL/h + 1 mL/kg/h x (${fmt(w)} - 20) kg`;
    }
    return { value: v, unit: "mL/hr", explanation: `Holliday-Segar 4-2-1 rule, ${how} = ${fmt(v)} mL/hr.` };
  },
  fromMedcalc: (e) => ({ weightKg: e.weightKg() }),
});

export const meanArterialPressureCalc = defineCalculator({
  id: 5,
  name: "Mean Arterial Pressure (MAP)",
  slug: "mean_arterial_pressure",
  category: "physical",
  outputType: "decimal",
  inputs: z.object({ systolicMmHg: zPos("systolic blood pressure, mm Hg"), diastolicMmHg: zPos("diastolic blood pressure, mm Hg") }),
  compute({ systolicMmHg, diastolicMmHg }) {
    const v = meanArterialPressure(systolicMmHg, diastolicMmHg);
    return { value: v, unit: "mm Hg", explanation: `MAP = 2/3 x DBP + 1/3 x SBP = 2/3 x ${diastolicMmHg} + 1/3 x ${systolicMmHg} = ${fmt(v)} mm Hg.` };
  },
  fromMedcalc: (e) => ({ systolicMmHg: e.pressureMmHg("Systolic Blood Pressure"), diastolicMmHg: e.pressureMmHg("Diastolic Blood Pressure") }),
});
