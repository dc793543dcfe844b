/**
 * Electrolyte and acid-base arithmetic: anion gap and its delta gap / delta ratio (plain and
 * albumin-corrected, normal AG 12, normal HCO3 24, normal albumin 4 g/dL), calcium corrected for
 * albumin, sodium corrected for hyperglycaemia (Hillier 2.4 per 100 mg/dL), calculated serum
 * osmolality and free water deficit.
 */

import { z } from "zod";
import type { EntityBag } from "./entities.js";
import { CalculatorInputError, defineCalculator, fmt, zAge, zPos, zSex } from "./types.js";

const NORMAL_AG = 12;
const NORMAL_HCO3 = 24;
const NORMAL_ALBUMIN = 4;

const na = zPos("serum sodium, mmol/L (= mEq/L)");
const cl = zPos("serum chloride, mmol/L (= mEq/L)");
const hco3 = zPos("serum bicarbonate, mmol/L (= mEq/L)");
const alb = zPos("serum albumin, g/dL");

const agInputs = z.object({ sodiumMmolL: na, chlorideMmolL: cl, bicarbonateMmolL: hco3 });
const agAlbInputs = agInputs.extend({ albuminGDl: alb });

const agFrom = (e: EntityBag) => ({
  sodiumMmolL: e.concentration("sodium", "mmol/L", "Sodium"),
  chlorideMmolL: e.concentration("chloride", "mmol/L", "Chloride"),
  bicarbonateMmolL: e.concentration("bicarbonate", "mmol/L", "Bicarbonate", "HCO3"),
});
const agAlbFrom = (e: EntityBag) => ({ ...agFrom(e), albuminGDl: e.concentration("albumin", "g/dL", "Albumin") });

function anionGap(i: { sodiumMmolL: number; chlorideMmolL: number; bicarbonateMmolL: number }) {
  const v = i.sodiumMmolL - (i.chlorideMmolL + i.bicarbonateMmolL);
  return { v, text: `AG = Na - (Cl + HCO3) = ${fmt(i.sodiumMmolL)} - (${fmt(i.chlorideMmolL)} + ${fmt(i.bicarbonateMmolL)}) = ${fmt(v)} mEq/L.` };
}

function albuminCorrectedGap(i: { sodiumMmolL: number; chlorideMmolL: number; bicarbonateMmolL: number; albuminGDl: number }) {
  const ag = anionGap(i);
  const v = ag.v + 2.5 * (NORMAL_ALBUMIN - i.albuminGDl);
  return { v, text: `${ag.text} Corrected AG = AG + 2.5 x (4 - albumin) = ${fmt(ag.v)} + 2.5 x (4 - ${fmt(i.albuminGDl)}) = ${fmt(v)} mEq/L.` };
}

function ratioDenominator(calculator: string, bicarbonate: number): number {
  const d = NORMAL_HCO3 - bicarbonate;
  if (d === 0) throw new CalculatorInputError(calculator, "bicarbonate equals 24 mEq/L, so the delta ratio (division by 24 - HCO3) is undefined");
  return d;
}

export const anionGapCalc = defineCalculator({
  id: 39,
  name: "Anion Gap",
  slug: "anion_gap",
  category: "lab",
  outputType: "decimal",
  inputs: agInputs,
  compute(i) {
    const ag = anionGap(i);
    return { value: ag.v, unit: "mEq/L", explanation: ag.text };
  },
  fromMedcalc: agFrom,
});

export const deltaGap = defineCalculator({
  id: 63,
  name: "Delta Gap",
  slug: "delta_gap",
  category: "lab",
  outputType: "decimal",
  inputs: agInputs,
  compute(i) {
    const ag = anionGap(i);
    const v = ag.v - NORMAL_AG;
    return { value: v, unit: "mEq/L", explanation: `${ag.text} Delta gap = AG - 12 = ${fmt(v)} mEq/L.` };
  },
  fromMedcalc: agFrom,
});

export const deltaRatio = defineCalculator({
  id: 64,
  name: "Delta Ratio",
  slug: "delta_ratio",
  category: "lab",
  outputType: "decimal",
  inputs: agInputs,
  compute(i) {
    const ag = anionGap(i);
    const d = ratioDenominator("Delta Ratio", i.bicarbonateMmolL);
    const v = (ag.v - NORMAL_AG) / d;
    return { value: v, explanation: `${ag.text} Delta ratio = (AG - 12) / (24 - HCO3) = ${fmt(ag.v - NORMAL_AG)} / ${fmt(d)} = ${fmt(v)}.` };
  },
  fromMedcalc: agFrom,
});

export const albuminCorrectedAnionGap = defineCalculator({
  id: 65,
  name: "Albumin Corrected Anion Gap",
  slug: "albumin_corrected_anion_gap",
  category: "lab",
  outputType: "decimal",
  inputs: agAlbInputs,
  compute(i) {
    const c = albuminCorrectedGap(i);
    return { value: c.v, unit: "mEq/L", explanation: c.text };
  },
  fromMedcalc: agAlbFrom,
});

export const albuminCorrectedDeltaGap = defineCalculator({
  id: 66,
  name: "Albumin Corrected Delta Gap",
  slug: "albumin_corrected_delta_gap",
  category: "lab",
  outputType: "decimal",
  inputs: agAlbInputs,
  compute(i) {
    const c = albuminCorrectedGap(i);
    const v = c.v - NORMAL_AG;
    return { value: v, unit: "mEq/L", explanation: `${c.text} Corrected delta gap = corrected AG - 12 = ${fmt(v)} mEq/L.` };
  },
  fromMedcalc: agAlbFrom,
});

export const albuminCorrectedDeltaRatio = defineCalculator({
  id: 67,
  name: "Albumin Corrected Delta Ratio",
  slug: "albumin_corrected_delta_ratio",
  category: "lab",
  outputType: "decimal",
  inputs: agAlbInputs,
  compute(i) {
    const c = albuminCorrectedGap(i);
    const d = ratioDenominator("Albumin Corrected Delta Ratio", i.bicarbonateMmolL);
    const v = (c.v - NORMAL_AG) / d;
    return { value: v, explanation: `${c.text} Corrected delta ratio = (corrected AG - 12) / (24 - HCO3) = ${fmt(c.v - NORMAL_AG)} / ${fmt(d)} = ${fmt(v)}.` };
  },
  fromMedcalc: agAlbFrom,
});

export const calciumCorrection = defineCalculator({
  id: 7,
  name: "Calcium Correction for Hypoalbuminemia",
  slug: "calcium_correction",
  category: "lab",
  outputType: "decimal",
  inputs: z.object({ calciumMgDl: zPos("total serum calcium, mg/dL"), albuminGDl: alb, normalAlbuminGDl: zPos("normal albumin, g/dL").default(NORMAL_ALBUMIN) }),
  compute({ calciumMgDl, albuminGDl, normalAlbuminGDl }) {
    const v = calciumMgDl + 0.8 * (normalAlbuminGDl - albuminGDl);
    return { value: v, unit: "mg/dL", explanation: `Corrected Ca = Ca + 0.8 x (${fmt(normalAlbuminGDl)} - albumin) = ${fmt(calciumMgDl)} + 0.8 x (${fmt(normalAlbuminGDl)} - ${fmt(albuminGDl)}) = ${fmt(v)} mg/dL.` };
  },
  fromMedcalc: (e) => ({ calciumMgDl: e.concentration("calcium", "mg/dL", "Calcium"), albuminGDl: e.concentration("albumin", "g/dL", "Albumin") }),
});

export const sodiumCorrection = defineCalculator({
  id: 26,
  name: "Sodium Correction for Hyperglycemia",
  slug: "sodium_correction_hyperglycemia",
  category: "lab",
  outputType: "decimal",
  inputs: z.object({ sodiumMmolL: na, glucoseMgDl: zPos("serum glucose, mg/dL") }),
  compute({ sodiumMmolL, glucoseMgDl }) {
    const v = sodiumMmolL + 0.024 * (glucoseMgDl - 100);
    return { value: v, unit: "mEq/L", explanation: `Hillier (1999): corrected Na = Na + 0.024 x (glucose - 100) = ${fmt(sodiumMmolL)} + 0.024 x (${fmt(glucoseMgDl)} - 100) = ${fmt(v)} mEq/L.` };
  },
  fromMedcalc: (e) => ({ sodiumMmolL: e.concentration("sodium", "mmol/L", "Sodium"), glucoseMgDl: e.concentration("glucose", "mg/dL", "Glucose") }),
});

export const serumOsmolality = defineCalculator({
  id: 30,
  name: "Serum Osmolality",
  slug: "serum_osmolality",
  category: "lab",
  outputType: "decimal",
  inputs: z.object({ sodiumMmolL: na, bunMgDl: z.number().min(0).describe("blood urea nitrogen, mg/dL"), glucoseMgDl: z.number().min(0).describe("glucose, mg/dL") }),
  compute({ sodiumMmolL, bunMgDl, glucoseMgDl }) {
    const v = 2 * sodiumMmolL + bunMgDl / 2.8 + glucoseMgDl / 18;
    return { value: v, unit: "mOsm/kg", explanation: `Osm = 2 x Na + BUN/2.8 + glucose/18 = 2 x ${fmt(sodiumMmolL)} + ${fmt(bunMgDl)}/2.8 + ${fmt(glucoseMgDl)}/18 = ${fmt(v)} mOsm/kg.` };
  },
  fromMedcalc: (e) => ({
    sodiumMmolL: e.concentration("sodium", "mmol/L", "Sodium"),
    bunMgDl: e.concentration("bun", "mg/dL", "Blood Urea Nitrogen (BUN)", "BUN"),
    glucoseMgDl: e.concentration("glucose", "mg/dL", "Glucose"),
  }),
});

/** Total body water fraction by age and sex, as in MDCalc's free water deficit. */
export function totalBodyWaterFraction(sex: "male" | "female", ageYears: number): number {
  if (ageYears < 18) return 0.6;
  if (ageYears < 65) return sex === "male" ? 0.6 : 0.5;
  return sex === "male" ? 0.5 : 0.45;
}

export const freeWaterDeficit = defineCalculator({
  id: 38,
  name: "Free Water Deficit",
  slug: "free_water_deficit",
  category: "lab",
  outputType: "decimal",
  inputs: z.object({ sex: zSex, ageYears: zAge, weightKg: zPos("body weight, kg"), sodiumMmolL: na }),
  compute({ sex, ageYears, weightKg, sodiumMmolL }) {
    const tbw = totalBodyWaterFraction(sex, ageYears);
    const v = tbw * weightKg * (sodiumMmolL / 140 - 1);
    return {
      value: v,
      unit: "L",
      explanation: `Total body water fraction for a ${fmt(ageYears, 1)}-year-old ${sex} = ${tbw}. FWD = ${tbw} x weight x (Na/140 - 1) = ${tbw} x ${fmt(weightKg)} x (${fmt(sodiumMmolL)}/140 - 1) = ${fmt(v)} L.`,
    };
  },
  fromMedcalc: (e) => ({ sex: e.sex(), ageYears: e.ageYears(), weightKg: e.weightKg(), sodiumMmolL: e.concentration("sodium", "mmol/L", "Sodium") }),
});
