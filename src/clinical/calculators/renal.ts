/**
 * Kidney function: Cockcroft-Gault creatinine clearance (with MedCalc-Bench's BMI-based weight
 * rule), CKD-EPI 2021 creatinine eGFR, 4-variable IDMS MDRD eGFR, and fractional excretion of sodium.
 */

import { z } from "zod";
import { adjustedBodyWeightKg, bmiOf, idealBodyWeightKg } from "./body.js";
import { defineCalculator, fmt, zAge, zFlag, zPos, zSex } from "./types.js";

export const cockcroftGault = defineCalculator({
  id: 2,
  name: "Creatinine Clearance (Cockcroft-Gault Equation)",
  slug: "cockcroft_gault",
  category: "lab",
  outputType: "decimal",
  inputs: z.object({
    sex: zSex,
    ageYears: zAge,
    weightKg: zPos("actual body weight in kg"),
    heightCm: zPos("height in cm; selects actual/ideal/adjusted weight by BMI. Without it the actual weight is used").optional(),
    creatinineMgDl: zPos("serum creatinine in mg/dL"),
  }),
  compute({ sex, ageYears, weightKg, heightCm, creatinineMgDl }) {
    let w = weightKg;
    let why: string;
    if (heightCm === undefined) {
      why = `No height given, so the actual body weight ${fmt(weightKg)} kg is used (original Cockcroft-Gault).`;
    } else {
      // MedCalc-Bench / MDCalc rule: underweight -> actual, normal -> min(IBW, actual), overweight/obese -> adjusted.
      const b = bmiOf(weightKg, heightCm);
      const ibw = idealBodyWeightKg(sex, heightCm);
      if (b < 18.5) {
        why = `BMI ${fmt(b, 1)} kg/m² (underweight): actual weight ${fmt(weightKg)} kg is used.`;
      } else if (b < 25) {
        w = Math.min(ibw, weightKg);
        why = `BMI ${fmt(b, 1)} kg/m² (normal): min(IBW ${fmt(ibw)} kg, actual ${fmt(weightKg)} kg) = ${fmt(w)} kg is used.`;
      } else {
        w = adjustedBodyWeightKg(sex, heightCm, weightKg);
        why = `BMI ${fmt(b, 1)} kg/m² (overweight/obese): adjusted body weight IBW + 0.4 x (actual - IBW) = ${fmt(w)} kg is used (IBW ${fmt(ibw)} kg).`;
      }
    }
    const k = sex === "female" ? 0.85 : 1;
    const v = ((140 - ageYears) * w * k) / (72 * creatinineMgDl);
    return {
      value: v,
      unit: "mL/min",
      explanation: `${why}\nCrCl = (140 - age) x weight x ${k} / (72 x Cr) = (140 - ${fmt(ageYears)}) x ${fmt(w)} x ${k} / (72 x ${fmt(creatinineMgDl)}) = ${fmt(v)} mL/min.`,
    };
  },
  fromMedcalc: (e) => ({
    sex: e.sex(),
    ageYears: e.ageYears(),
    weightKg: e.weightKg(),
    heightCm: e.heightCm(),
    creatinineMgDl: e.concentration("creatinine", "mg/dL", "creatinine", "Serum creatinine"),
  }),
});

/** CKD-EPI 2021 race-free creatinine equation (Inker et al., NEJM 2021). */
export function ckdEpi2021(sex: "male" | "female", ageYears: number, scrMgDl: number): number {
  const kappa = sex === "female" ? 0.7 : 0.9;
  const alpha = sex === "female" ? -0.241 : -0.302;
  const r = scrMgDl / kappa;
  return 142 * Math.min(r, 1) ** alpha * Math.max(r, 1) ** -1.2 * 0.9938 ** ageYears * (sex === "female" ? 1.012 : 1);
}

export const ckdEpi = defineCalculator({
  id: 3,
  name: "CKD-EPI Equations for Glomerular Filtration Rate",
  slug: "ckd_epi_2021",
  category: "lab",
  outputType: "decimal",
  inputs: z.object({ sex: zSex, ageYears: zAge, creatinineMgDl: zPos("serum creatinine in mg/dL") }),
  compute({ sex, ageYears, creatinineMgDl }) {
    const v = ckdEpi2021(sex, ageYears, creatinineMgDl);
    const kappa = sex === "female" ? 0.7 : 0.9;
    const alpha = sex === "female" ? -0.241 : -0.302;
    return {
      value: v,
      unit: "mL/min/1.73 m²",
      explanation: `eGFR = 142 x min(Scr/${kappa}, 1)^${alpha} x max(Scr/${kappa}, 1)^-1.200 x 0.9938^age${sex === "female" ? " x 1.012" : ""} with Scr ${fmt(creatinineMgDl)} mg/dL, age ${fmt(ageYears)} = ${fmt(v)} mL/min/1.73 m².`,
    };
  },
  fromMedcalc: (e) => ({ sex: e.sex(), ageYears: e.ageYears(), creatinineMgDl: e.concentration("creatinine", "mg/dL", "creatinine") }),
});

export const mdrd = defineCalculator({
  id: 9,
  name: "MDRD GFR Equation",
  slug: "mdrd_gfr",
  category: "lab",
  outputType: "decimal",
  inputs: z.object({ sex: zSex, ageYears: zAge, creatinineMgDl: zPos("serum creatinine in mg/dL (IDMS-traceable)"), black: zFlag("patient is Black (race coefficient 1.212)") }),
  compute({ sex, ageYears, creatinineMgDl, black }) {
    const sexK = sex === "female" ? 0.742 : 1;
    const raceK = black ? 1.212 : 1;
    const v = 175 * creatinineMgDl ** -1.154 * ageYears ** -0.203 * sexK * raceK;
    return {
      value: v,
      unit: "mL/min/1.73 m²",
      explanation: `GFR = 175 x Scr^-1.154 x age^-0.203 x ${sexK} (sex) x ${raceK} (race) = 175 x ${fmt(creatinineMgDl)}^-1.154 x ${fmt(ageYears)}^-0.203 x ${sexK} x ${raceK} = ${fmt(v)} mL/min/1.73 m².`,
    };
  },
  fromMedcalc: (e) => {
    const race = e.string("Race");
    return { sex: e.sex(), ageYears: e.ageYears(), creatinineMgDl: e.concentration("creatinine", "mg/dL", "creatinine"), black: race === undefined ? undefined : /black|african/i.test(race) };
  },
});

export const fena = defineCalculator({
  id: 40,
  name: "Fractional Excretion of Sodium (FENa)",
  slug: "fena",
  category: "lab",
  outputType: "decimal",
  inputs: z.object({
    serumSodiumMmolL: zPos("serum sodium, mmol/L"),
    urineSodiumMmolL: zPos("urine sodium, mmol/L"),
    serumCreatinineMgDl: zPos("serum creatinine, mg/dL"),
    urineCreatinineMgDl: zPos("urine creatinine, mg/dL"),
  }),
  compute({ serumSodiumMmolL: sNa, urineSodiumMmolL: uNa, serumCreatinineMgDl: sCr, urineCreatinineMgDl: uCr }) {
    const v = ((sCr * uNa) / (sNa * uCr)) * 100;
    return { value: v, unit: "%", explanation: `FENa = (SCr x UNa) / (SNa x UCr) x 100 = (${fmt(sCr)} x ${fmt(uNa)}) / (${fmt(sNa)} x ${fmt(uCr)}) x 100 = ${fmt(v)} %.` };
  },
  fromMedcalc: (e) => ({
    serumSodiumMmolL: e.concentration("sodium", "mmol/L", "Sodium"),
    urineSodiumMmolL: e.concentration("sodium", "mmol/L", "Urine sodium"),
    serumCreatinineMgDl: e.concentration("creatinine", "mg/dL", "creatinine"),
    urineCreatinineMgDl: e.concentration("creatinine", "mg/dL", "Urine creatinine"),
  }),
});
