/**
 * Liver: Child-Pugh class points, MELD-Na (UNOS/OPTN 2016 policy) and the FIB-4 fibrosis index.
 */

import { z } from "zod";
import { toUnitsPerLiter } from "../units.js";
import { pickOption } from "./entities.js";
import { ScoreSheet, defineCalculator, fmt, zAge, zFlag, zPos } from "./types.js";

const ASCITES = ["absent", "slight", "moderate"] as const;
const ENCEPHALOPATHY = ["none", "grade 1-2", "grade 3-4"] as const;

export const childPugh = defineCalculator({
  id: 15,
  name: "Child-Pugh Score for Cirrhosis Mortality",
  slug: "child_pugh",
  category: "severity",
  outputType: "integer",
  inputs: z.object({
    bilirubinMgDl: zPos("total bilirubin, mg/dL"),
    albuminGDl: zPos("serum albumin, g/dL"),
    inr: zPos("INR"),
    ascites: z.enum(ASCITES).default("absent").describe("ascites: absent, slight, moderate"),
    encephalopathy: z.enum(ENCEPHALOPATHY).default("none").describe("hepatic encephalopathy: none, grade 1-2, grade 3-4"),
  }),
  compute({ bilirubinMgDl: bili, albuminGDl: alb, inr, ascites, encephalopathy }) {
    const s = new ScoreSheet();
    s.add(bili < 2 ? 1 : bili <= 3 ? 2 : 3, `Bilirubin ${fmt(bili)} mg/dL (<2: 1, 2-3: 2, >3: 3)`);
    s.add(alb > 3.5 ? 1 : alb >= 2.8 ? 2 : 3, `Albumin ${fmt(alb)} g/dL (>3.5: 1, 2.8-3.5: 2, <2.8: 3)`);
    s.add(inr < 1.7 ? 1 : inr <= 2.3 ? 2 : 3, `INR ${fmt(inr)} (<1.7: 1, 1.7-2.3: 2, >2.3: 3)`);
    s.add(ASCITES.indexOf(ascites) + 1, `Ascites ${ascites}`);
    s.add(ENCEPHALOPATHY.indexOf(encephalopathy) + 1, `Encephalopathy ${encephalopathy}`);
    const cls = s.total <= 6 ? "A" : s.total <= 9 ? "B" : "C";
    const r = s.result("Child-Pugh score");
    return { ...r, explanation: `${r.explanation} (class ${cls}).` };
  },
  fromMedcalc: (e) => ({
    bilirubinMgDl: e.concentration("bilirubin", "mg/dL", "Bilirubin"),
    albuminGDl: e.concentration("albumin", "g/dL", "Albumin"),
    inr: e.number("international normalized ratio", "INR"),
    ascites: pickOption(e.string("Ascites"), ASCITES, { none: "absent", mild: "slight", "moderate to severe": "moderate", severe: "moderate" }, "ascites grade"),
    encephalopathy: pickOption(
      e.string("Encephalopathy"),
      ENCEPHALOPATHY,
      { "no encephalopathy": "none", absent: "none", "grade 1-2 encephalopathy": "grade 1-2", "grade 3-4 encephalopathy": "grade 3-4", mild: "grade 1-2", severe: "grade 3-4" },
      "encephalopathy grade",
    ),
  }),
});

export const meldNa = defineCalculator({
  id: 23,
  name: "MELD Na (UNOS/OPTN)",
  slug: "meld_na",
  category: "lab",
  outputType: "decimal",
  inputs: z.object({
    creatinineMgDl: zPos("serum creatinine, mg/dL"),
    bilirubinMgDl: zPos("total bilirubin, mg/dL"),
    inr: zPos("INR"),
    sodiumMmolL: zPos("serum sodium, mEq/L"),
    dialysisTwiceInPastWeek: zFlag("dialysis at least twice in the past week"),
    cvvhdInPastWeek: zFlag("continuous veno-venous hemodialysis for >= 24 hours in the past week"),
  }),
  compute(i) {
    const lines: string[] = [];
    const onDialysis = i.dialysisTwiceInPastWeek || i.cvvhdInPastWeek;
    // UNOS bounds: Cr, bilirubin and INR floor at 1.0; Cr caps at 4.0 (set to 4.0 on dialysis); Na 125-137.
    const cr = onDialysis ? 4 : Math.min(Math.max(i.creatinineMgDl, 1), 4);
    const bili = Math.max(i.bilirubinMgDl, 1);
    const inr = Math.max(i.inr, 1);
    const na = Math.min(Math.max(i.sodiumMmolL, 125), 137);
    lines.push(
      `Bounded values: creatinine ${fmt(cr)} mg/dL${onDialysis ? " (dialysis: set to 4.0)" : ""}, bilirubin ${fmt(bili)} mg/dL, INR ${fmt(inr)}, sodium ${fmt(na)} mEq/L.`,
    );
    const raw = 0.957 * Math.log(cr) + 0.378 * Math.log(bili) + 1.12 * Math.log(inr) + 0.643;
    // "Round to the tenth, then x10" is rounding raw x 10 to an integer; doing it in that order keeps
    // MELD(i) an exact integer so the "> 11" test below is not thrown by 1.1 x 10 = 11.000000000000002.
    const meldI = Math.round(raw * 10);
    lines.push(`MELD(i) = 0.957 ln(Cr) + 0.378 ln(bili) + 1.120 ln(INR) + 0.643 = ${fmt(raw, 4)}; rounded to the tenth and x10 = ${fmt(meldI, 1)}.`);
    let meld = meldI;
    if (meldI > 11) {
      meld = meldI + 1.32 * (137 - na) - 0.033 * meldI * (137 - na);
      lines.push(`MELD(i) > 11, so MELD-Na = MELD(i) + 1.32 x (137 - Na) - 0.033 x MELD(i) x (137 - Na) = ${fmt(meld)}.`);
    } else {
      lines.push("MELD(i) <= 11, so no sodium adjustment.");
    }
    const v = Math.min(Math.round(meld), 40);
    lines.push(`MELD-Na (rounded, capped at 40) = ${v}.`);
    return { value: v, unit: "points", explanation: lines.join("\n") };
  },
  fromMedcalc: (e) => ({
    creatinineMgDl: e.concentration("creatinine", "mg/dL", "creatinine"),
    bilirubinMgDl: e.concentration("bilirubin", "mg/dL", "Bilirubin"),
    inr: e.number("international normalized ratio", "INR"),
    sodiumMmolL: e.concentration("sodium", "mmol/L", "Sodium"),
    dialysisTwiceInPastWeek: e.bool("Dialysis at least twice in the past week"),
    cvvhdInPastWeek: e.bool("Continuous veno-venous hemodialysis for ≥24 hours in the past week"),
  }),
});

export const fib4 = defineCalculator({
  id: 19,
  name: "Fibrosis-4 (FIB-4) Index for Liver Fibrosis",
  slug: "fib4",
  category: "lab",
  outputType: "decimal",
  inputs: z.object({
    ageYears: zAge,
    astUL: zPos("AST, U/L"),
    altUL: zPos("ALT, U/L"),
    plateletsPerMicroL: zPos("platelet count per µL (e.g. 250000)"),
  }),
  compute({ ageYears, astUL, altUL, plateletsPerMicroL }) {
    const plt109 = plateletsPerMicroL / 1000;
    const v = (ageYears * astUL) / (plt109 * Math.sqrt(altUL));
    return {
      value: v,
      explanation: `FIB-4 = age x AST / (platelets [10^9/L] x sqrt(ALT)) = ${fmt(ageYears)} x ${fmt(astUL)} / (${fmt(plt109)} x sqrt(${fmt(altUL)})) = ${fmt(v)}.`,
    };
  },
  fromMedcalc: (e) => {
    const ast = e.quantity("Aspartate aminotransferase", "AST");
    const alt = e.quantity("Alanine aminotransferase", "ALT");
    return {
      ageYears: e.ageYears(),
      astUL: ast && toUnitsPerLiter(ast.value, ast.unit, ast.name),
      altUL: alt && toUnitsPerLiter(alt.value, alt.unit, alt.name),
      plateletsPerMicroL: e.countPerMicroliter("Platelet count", "Platelets"),
    };
  },
});
