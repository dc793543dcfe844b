/**
 * Drug-dose equivalences: corticosteroid conversion (standard equivalent-dose table) and daily
 * morphine milligram equivalents (CDC 2022 conversion factors).
 */

import { z } from "zod";
import { UnitError, convertMass, unitKey } from "../units.js";
import { EntityParseError, type EntityBag } from "./entities.js";
import { CalculatorInputError, defineCalculator, fmt, zPos } from "./types.js";

/** mg equivalent to 0.75 mg dexamethasone (anti-inflammatory potency). Route does not change it. */
const STEROID_EQUIVALENT_MG = {
  "Betamethasone IV": 0.75,
  "Cortisone PO": 25,
  "Dexamethasone IV": 0.75,
  "Dexamethasone PO": 0.75,
  "Hydrocortisone IV": 20,
  "Hydrocortisone PO": 20,
  "MethylPrednisoLONE IV": 4,
  "MethylPrednisoLONE PO": 4,
  "PrednisoLONE PO": 5,
  "PredniSONE PO": 5,
  "Triamcinolone IV": 4,
} as const;
type Steroid = keyof typeof STEROID_EQUIVALENT_MG;
const STEROIDS = Object.keys(STEROID_EQUIVALENT_MG) as [Steroid, ...Steroid[]];

function steroidName(raw: string | undefined): Steroid | undefined {
  if (raw === undefined) return undefined;
  const k = raw.trim().toLowerCase().replace(/\s+/g, " ");
  const hit = STEROIDS.find((s) => s.toLowerCase() === k);
  if (!hit) throw new EntityParseError(`Unknown steroid '${raw}'; expected one of ${STEROIDS.join(", ")}`);
  return hit;
}

export const steroidConversion = defineCalculator({
  id: 24,
  name: "Steroid Conversion Calculator",
  slug: "steroid_conversion",
  category: "dosage",
  outputType: "decimal",
  inputs: z.object({
    fromSteroid: z.enum(STEROIDS).describe("steroid and route being converted from"),
    doseMg: zPos("dose of the starting steroid, mg"),
    toSteroid: z.enum(STEROIDS).describe("steroid and route to convert to"),
  }),
  compute({ fromSteroid, doseMg, toSteroid }) {
    const a = STEROID_EQUIVALENT_MG[fromSteroid];
    const b = STEROID_EQUIVALENT_MG[toSteroid];
    const v = (doseMg * b) / a;
    return {
      value: v,
      unit: "mg",
      explanation: `Equivalent doses: ${fromSteroid} ${a} mg = ${toSteroid} ${b} mg. ${fmt(doseMg)} mg x ${b}/${a} = ${fmt(v)} mg ${toSteroid}.`,
    };
  },
  fromMedcalc: (e) => {
    const input = e.get("input steroid");
    let fromSteroid: Steroid | undefined;
    let doseMg: number | undefined;
    if (input) {
      const v = input.value;
      if (!Array.isArray(v) || typeof v[0] !== "string" || typeof v[1] !== "number" || typeof v[2] !== "string") {
        throw new EntityParseError(`Entity 'input steroid' should be [name, dose, unit], got ${JSON.stringify(v)}`);
      }
      fromSteroid = steroidName(v[0]);
      doseMg = convertMass(v[1], v[2], "mg", "steroid dose");
    }
    return { fromSteroid, doseMg, toSteroid: steroidName(e.string("target steroid")) };
  },
});

/** CDC 2022 MME factors per mg (per µg for buccal fentanyl, per µg/h for the fentanyl patch). */
const MME_FACTOR = {
  Codeine: { factor: 0.15, unit: "mg" },
  "FentaNYL buccal": { factor: 0.13, unit: "µg" },
  "FentANYL patch": { factor: 2.4, unit: "µg/hr" },
  HYDROcodone: { factor: 1, unit: "mg" },
  HYDROmorphone: { factor: 5, unit: "mg" },
  Methadone: { factor: 4.7, unit: "mg" },
  Morphine: { factor: 1, unit: "mg" },
  OxyCODONE: { factor: 1.5, unit: "mg" },
  OxyMORphone: { factor: 3, unit: "mg" },
  Tapentadol: { factor: 0.4, unit: "mg" },
  TraMADol: { factor: 0.2, unit: "mg" },
  // Not in the CDC 2022 table; this is the factor MedCalc-Bench's MME method uses.
  Buprenorphine: { factor: 10, unit: "mg" },
} as const;
type Opioid = keyof typeof MME_FACTOR;
const OPIOIDS = Object.keys(MME_FACTOR) as [Opioid, ...Opioid[]];

function opioidName(raw: string): Opioid {
  const k = raw.trim().toLowerCase();
  const hit = OPIOIDS.find((o) => o.toLowerCase() === k);
  if (!hit) throw new EntityParseError(`Unknown opioid '${raw}'; expected one of ${OPIOIDS.join(", ")}`);
  return hit;
}

/** Dose in the factor's own unit (mg, µg or µg/h). */
function doseInFactorUnit(drug: Opioid, dose: number, unit: string): number {
  const want = MME_FACTOR[drug].unit;
  const k = unitKey(unit);
  if (want === "µg/hr") {
    if (k === "ug/hr" || k === "ug/h" || k === "ug") return dose;
    throw new UnitError(`${drug} dose`, unit, "expected µg/hr");
  }
  return convertMass(dose, unit, want, `${drug} dose`);
}

export const mme = defineCalculator({
  id: 49,
  name: "Morphine Milligram Equivalents (MME) Calculator",
  slug: "mme",
  category: "dosage",
  outputType: "decimal",
  inputs: z.object({
    opioids: z
      .array(
        z.object({
          drug: z.enum(OPIOIDS).describe("opioid"),
          dose: zPos("amount per dose"),
          doseUnit: z.enum(["mg", "µg", "µg/hr"]).describe("unit of `dose`: mg for most opioids, µg for buccal fentanyl, µg/hr for the fentanyl patch"),
          dosesPerDay: zPos("doses per day"),
        }),
      )
      .min(1)
      .describe("every opioid the patient takes"),
  }),
  compute({ opioids }) {
    let total = 0;
    const lines: string[] = [];
    for (const o of opioids) {
      const f = MME_FACTOR[o.drug];
      const d = doseInFactorUnit(o.drug, o.dose, o.doseUnit);
      const daily = d * o.dosesPerDay * f.factor;
      total += daily;
      lines.push(`${o.drug}: ${fmt(d)} ${f.unit} x ${fmt(o.dosesPerDay)}/day x ${f.factor} MME per ${f.unit} = ${fmt(daily)} MME/day.`);
    }
    lines.push(`Total = ${fmt(total)} MME/day.`);
    return { value: total, unit: "MME/day", explanation: lines.join("\n") };
  },
  fromMedcalc: (e: EntityBag) => {
    const opioids: Array<{ drug: Opioid; dose: number; doseUnit: "mg" | "µg" | "µg/hr"; dosesPerDay: number }> = [];
    for (const [name, value] of e.entries()) {
      const m = /^(.*) Dose$/i.exec(name.trim());
      if (!m) continue;
      const drug = opioidName(m[1]);
      if (!Array.isArray(value) || typeof value[0] !== "number" || typeof value[1] !== "string") {
        throw new EntityParseError(`Entity '${name}' should be [dose, unit], got ${JSON.stringify(value)}`);
      }
      const perDay = e.number(`${m[1]} Dose Per Day`);
      if (perDay === undefined) throw new CalculatorInputError("MME", `'${name}' has no matching '${m[1]} Dose Per Day'`);
      const k = unitKey(value[1]);
      const doseUnit = k === "mg" ? "mg" : k === "ug" ? (MME_FACTOR[drug].unit === "µg/hr" ? "µg/hr" : "µg") : k.startsWith("ug/h") ? "µg/hr" : undefined;
      if (doseUnit === undefined) {
        // Grams and other masses: convert to the factor's unit here so the schema stays simple.
        const inUnit = doseInFactorUnit(drug, value[0], value[1]);
        opioids.push({ drug, dose: inUnit, doseUnit: MME_FACTOR[drug].unit, dosesPerDay: perDay });
      } else {
        opioids.push({ drug, dose: value[0], doseUnit, dosesPerDay: perDay });
      }
    }
    return { opioids };
  },
});
