/**
 * "medcalc-bench" conventions: each MedCalc-Bench row computed the way the benchmark's reference
 * implementation (github.com/ncbi-nlp/MedCalc-Bench, folder `calculator_implementations/`, Python)
 * computed its Ground Truth Answer, so that researchers can reproduce the benchmark's labels and
 * compare them with the published formulas (the default, "published", everywhere else: the
 * calculators in this folder, the CLI and the agent tools).
 *
 * Nothing here looks at a row's number, note id, answer or explanation: a variant sees only the
 * row's Relevant Entities, like the published calculator. Each variant below cites the Python file
 * it re-implements. Where no stored version of that file matches the benchmark's explanations, the
 * variant follows the behaviour those explanations show and says so (GCS, Caprini, Framingham, and
 * the rounding of unit conversions).
 *
 * Differences from the published formulas (by MedCalc calculator id):
 *  Unit handling, all calculators (medcalc-legacy.ts):
 *   - concentrations convert through mol/g with every intermediate rounded to 3 decimals (3
 *     significant digits below 0.001), with the reference's molar masses (cholesterol 386.654,
 *     triglycerides 861.338, bilirubin 548.66, haemoglobin 64500, ...): 4.75 mmol/L cholesterol
 *     becomes 193.3 mg/dL, not 183.7; creatinine in µmol/L lands on a 0.1 mg/dL grid;
 *   - only the exact unit "degrees celsius" is Celsius; any other temperature unit is read as °F;
 *   - age in months is whole years (months // 12); weights in units other than "lbs"/"g" are kg;
 *     pressures are the bare number; a count "per m^3" is per m³ (10^9 µL).
 *  2  Cockcroft-Gault: BMI class "normal" is 18.5 <= BMI <= 24.9 (a BMI in (24.9, 25) takes the
 *     adjusted weight); BMI, IBW and ABW rounded as the reference does.
 *  3  CKD-EPI 2021: a man with Scr <= 0.9 mg/dL gets kappa 0.7 (the female constant).
 *  9  MDRD: the race factor applies only to the exact text "Black".
 *  13 Due date: |cycle - 28| days are always added (a short cycle should subtract them).
 *  15 Child-Pugh: ascites and encephalopathy score only for the exact option texts ("Absent",
 *     "Slight", "Moderate", "No Encephalopathy", "Grade 1-2", "Grade 3-4"); any other text scores 0,
 *     a missing one 1; bilirubin exactly 2 mg/dL scores 0; albumin exactly 2.8 g/dL scores 3.
 *  17 RCRI: cerebrovascular disease is never counted.
 *  18 HEART: 1-2 risk factors score 1 even with atherosclerotic disease; TIA history is not a risk
 *     factor; a diabetes grade text counts as present.
 *  21 GCS: the verbal response is added twice; "not testable" scores 4 for eyes and for verbal.
 *  23 MELD-Na: MELD(i) is rounded to a whole number (not the tenth) before x10; Python rounding
 *     (half to even); dialysis forces Cr 4.0 only when 1.0 <= Cr <= 4.0.
 *  24 Steroid conversion: the reference's potency table, with the factor rounded to 3 decimals.
 *  27 Glasgow-Blatchford: haemoglobin exactly 12 (men) or 10 (women) and BUN exactly 70 score 0;
 *     BUN converts with molar mass 28.08.
 *  28 APACHE II: temperature via the °F rule above; WBC compared per mm³ against x10^9/L cut-offs
 *     (so any count in cells/µL scores 4); GCS added instead of 15 - GCS; no points for low MAP,
 *     heart rate, respiratory rate, pH < 7.33, sodium < 130, potassium < 3.5, haematocrit < 30 or
 *     WBC < 3; age 45 and age 75 score 0; creatinine >= 1.5 scores only with acute or chronic renal
 *     failure (chronic: 2/3/4); chronic-health points only for the exact surgery types "Elective"
 *     (2) and "Emergency" (5); A-a gradient and PaO2 bands with integer gaps.
 *  29 PSI: temperature via the °F rule; PaO2 scores only when its unit is exactly "mm Hg" (< 60) or
 *     "kPa" (< 8); a temperature > 39.9 °C scores.
 *  31 HOMA-IR: insulin in pmol/L is multiplied by 6 (not divided), ng/mL by 24.8.
 *  32 Charlson: grade texts match only in lower case ("none or diet-controlled", "mild",
 *     "metastatic", ...); any other non-empty text counts 1 point, so "None or Diet-controlled"
 *     diabetes scores 1 and a "Metastatic" tumour 1 (not 6).
 *  36 Caprini: only age, surgery type and mobility add points; every yes/no item and BMI add 0.
 *  43 SOFA: PaO2 is divided by FiO2 in percent (ratio < 100, so 2 points without ventilation, 4
 *     with); CPAP never counts; cardiovascular 2 points for dopamine <= 5 (also no vasopressor), 3
 *     for any higher dose, never 4, 1 only for MAP < 70 from SBP/DBP without pressors; bilirubin
 *     molar mass 584.66; a non-integer GCS above 5 scores 0; creatinine and urine output together
 *     score 0, urine output alone scores 3 if < 500 mL/day.
 *  45 CURB-65: respiratory rate and blood pressures truncated to integers first.
 *  46 Framingham: cholesterol converted to mmol/L and put into the mg/dL coefficients; the risk
 *     score rounded to 0.1 and the risk fraction to 0.1 before x100 (so nearly always 0 %).
 *  49 MME: "FentANYL patch" doses are converted to mg (µg / 1000) before the 2.4 factor.
 *  51 SIRS: the heart-rate criterion always counts; WBC in cells/µL is converted to per m³ (so it
 *     always exceeds 12,000); bands are ignored; temperature via the °F rule.
 *  69 Gestational age: the absolute difference of the two dates.
 */

import { fromMedcalcEntities, getCalculator } from "./index.js";
import { EntityBag, type PyValue, parseEntities } from "./entities.js";
import { BenchEntityBag, legacyConcentration, legacyCount, legacyRoundNumber, LegacyUnitError, pyRound, pyTruthy } from "./medcalc-legacy.js";
import { formatDate, formatWeeksDays, parseDate } from "./obstetrics.js";
import { type CalcResult, CalculatorInputError, ScoreSheet, fmt } from "./types.js";
import { convertMass } from "../units.js";

export const CONVENTIONS = ["published", "medcalc-bench"] as const;
export type Conventions = (typeof CONVENTIONS)[number];

export function parseConventions(text: string): Conventions {
  const k = text.trim().toLowerCase();
  const hit = CONVENTIONS.find((c) => c === k);
  if (!hit) throw new Error(`Unknown conventions '${text}': expected one of ${CONVENTIONS.join(", ")}`);
  return hit;
}

export interface ConventionVariant {
  calculatorId: number;
  /** The reference file this variant re-implements. */
  mirrors: string;
  /** How the reference departs from the published formula. */
  differences: string;
  compute(entities: BenchEntityBag): CalcResult;
}

const REF = "ncbi-nlp/MedCalc-Bench calculator_implementations/";

// ---------------------------------------------------------------------------------------------
// Small helpers

function required<T>(v: T | undefined, calc: string, what: string): T {
  if (v === undefined) throw new CalculatorInputError(calc, `missing required input: ${what}`);
  return v;
}

/** The number of a bare number or of a `[value, unit]` entity, as the reference's `x[0]`. */
const num = (e: EntityBag, ...names: string[]) => e.number(...names);

/** Case-insensitive lookup in one of the reference's option dictionaries. */
function option(table: Record<string, number>, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (raw in table) return table[raw];
  const k = raw.trim().toLowerCase();
  const hit = Object.keys(table).find((o) => o.toLowerCase() === k);
  return hit === undefined ? undefined : table[hit];
}

const rawString = (e: EntityBag, ...names: string[]): string | undefined => {
  const v = e.get(...names)?.value;
  return typeof v === "string" ? v : undefined;
};

// ---------------------------------------------------------------------------------------------
// Variants

const variants: ConventionVariant[] = [];
const add = (v: ConventionVariant) => variants.push(v);

add({
  calculatorId: 2,
  mirrors: "creatinine_clearance.py (+ bmi_calculator.py, ideal_body_weight.py, adjusted_body_weight.py)",
  differences: "BMI class 'normal' is 18.5 <= BMI <= 24.9; BMI, IBW and ABW rounded as the reference does",
  compute(e) {
    const C = "Cockcroft-Gault";
    const male = rawString(e, "sex") === "Male";
    const age = required(e.ageYears(), C, "age");
    const weight = required(e.weightKg(), C, "weight");
    const height = required(legacyHeight(e), C, "height");
    const cr = required(e.concentration("creatinine", "mg/dL", "creatinine", "Serum creatinine"), C, "creatinine");
    const bmi = legacyRoundNumber(weight / (height.m * height.m));
    const ibw = legacyRoundNumber((male ? 50 : 45.5) + 2.3 * (height.inches - 60));
    const abw = legacyRoundNumber(ibw + 0.4 * (weight - ibw));
    let adjusted: number;
    let why: string;
    if (bmi < 18.5) [adjusted, why] = [weight, "underweight: actual weight"];
    else if (bmi <= 24.9) [adjusted, why] = [Math.min(ibw, weight), `normal (18.5-24.9): min(IBW ${fmt(ibw)}, weight)`];
    else [adjusted, why] = [abw, `overweight/obese (> 24.9): ABW ${fmt(abw)}`];
    const k = male ? 1 : 0.85;
    const v = legacyRoundNumber(((140 - age) * adjusted * k) / (cr * 72));
    return { value: v, unit: "mL/min", explanation: `BMI ${fmt(bmi)} kg/m², ${why} = ${fmt(adjusted)} kg. CrCl = (140 - ${fmt(age)}) x ${fmt(adjusted)} x ${k} / (${fmt(cr)} x 72) = ${fmt(v)} mL/min.` };
  },
});

add({
  calculatorId: 3,
  mirrors: "ckd-epi_2021_creatinine.py",
  differences: "men with Scr <= 0.9 mg/dL use A = 0.7 (the female constant) instead of 0.9",
  compute(e) {
    const C = "CKD-EPI";
    const female = e.sex() === "female";
    const age = required(e.ageYears(), C, "age");
    const cr = required(e.concentration("creatinine", "mg/dL", "creatinine"), C, "creatinine");
    let a: number;
    let b: number;
    if (female) [a, b] = [0.7, cr <= 0.7 ? -0.241 : -1.2];
    else if (cr <= 0.9) [a, b] = [0.7, -0.302]; // the reference's A for this branch
    else [a, b] = [0.9, -1.2];
    const g = rawString(e, "sex") === "Female" ? 1.012 : 1;
    const v = legacyRoundNumber(142 * (cr / a) ** b * 0.9938 ** age * g);
    return { value: v, unit: "mL/min/1.73 m²", explanation: `GFR = 142 x (${fmt(cr)}/${a})^${b} x 0.9938^${fmt(age)} x ${g} = ${fmt(v)} mL/min/1.73 m² (reference constants).` };
  },
});

add({
  calculatorId: 9,
  mirrors: "mdrd_gfr.py",
  differences: "race coefficient 1.212 only for the exact race text 'Black'",
  compute(e) {
    const C = "MDRD";
    const age = required(e.ageYears(), C, "age");
    const cr = required(e.concentration("creatinine", "mg/dL", "creatinine"), C, "creatinine");
    const race = rawString(e, "Race") === "Black" ? 1.212 : 1;
    const sex = rawString(e, "sex") === "Female" ? 0.742 : 1;
    const v = legacyRoundNumber(175 * Math.exp(Math.log(cr) * -1.154) * Math.exp(Math.log(age) * -0.203) * race * sex);
    return { value: v, unit: "mL/min/1.73 m²", explanation: `GFR = 175 x ${fmt(cr)}^-1.154 x ${fmt(age)}^-0.203 x ${race} x ${sex} = ${fmt(v)} mL/min/1.73 m².` };
  },
});

add({
  calculatorId: 13,
  mirrors: "estimated_due_date.py",
  differences: "adds |cycle length - 28| days whether the cycle is longer or shorter than 28 days",
  compute(e) {
    const C = "Estimated Due Date";
    const lmp = parseDate(required(e.string("Last menstrual date"), C, "last menstrual date"));
    const cycle = e.number("cycle length") ?? 28;
    const gap = Math.abs(cycle - 28);
    const v = formatDate(lmp + 280 + gap);
    return { value: v, explanation: `LMP ${formatDate(lmp)} + 40 weeks = ${formatDate(lmp + 280)}; cycle ${cycle} days, so ${gap} days are added (reference rule): ${v}.` };
  },
});

add({
  calculatorId: 15,
  mirrors: "child_pugh_score.py",
  differences: "ascites/encephalopathy score only for exact option texts (other texts 0, missing 1); bilirubin == 2 scores 0; albumin == 2.8 scores 3",
  compute(e) {
    const C = "Child-Pugh";
    const s = new ScoreSheet();
    const inr = required(num(e, "international normalized ratio", "INR"), C, "INR");
    s.add(inr < 1.7 ? 1 : inr <= 2.3 ? 2 : 3, `INR ${fmt(inr)}`);
    const bili = required(e.concentration("bilirubin", "mg/dL", "Bilirubin"), C, "bilirubin");
    s.add(bili < 2 ? 1 : bili > 2 && bili < 3 ? 2 : bili >= 3 ? 3 : 0, `Bilirubin ${fmt(bili)} mg/dL`);
    const alb = required(e.concentration("albumin", "g/dL", "Albumin"), C, "albumin");
    s.add(alb > 3.5 ? 1 : alb > 2.8 ? 2 : 3, `Albumin ${fmt(alb)} g/dL`);
    const ascites = e.get("Ascites");
    s.add(ascites === undefined ? 1 : ({ Absent: 1, Slight: 2, Moderate: 3 } as Record<string, number>)[String(ascites.value)] ?? 0, `Ascites '${ascites?.value ?? "not reported"}' (exact option text)`);
    const enc = e.get("Encephalopathy");
    s.add(enc === undefined ? 1 : ({ "No Encephalopathy": 1, "Grade 1-2": 2, "Grade 3-4": 3 } as Record<string, number>)[String(enc.value)] ?? 0, `Encephalopathy '${enc?.value ?? "not reported"}' (exact option text)`);
    return s.result("Child-Pugh score (reference rules)");
  },
});

add({
  calculatorId: 17,
  mirrors: "cardiac_risk_index.py",
  differences: "history of cerebrovascular disease never reaches the score",
  compute(e) {
    const s = new ScoreSheet();
    s.add(e.truthy("Elevated-risk surgery") ? 1 : 0, "Elevated-risk surgery");
    s.add(e.truthy("History of ischemic heart disease") ? 1 : 0, "Ischaemic heart disease");
    s.add(e.truthy("Congestive Heart Failure criteria for the Cardiac Risk Index rule", "Congestive Heart Faliure") ? 1 : 0, "Congestive heart failure");
    s.note("Cerebrovascular disease: not counted by the reference implementation");
    s.add(e.truthy("Pre-operative treatment with insulin") ? 1 : 0, "Pre-operative insulin");
    const cr = e.concentration("creatinine", "mg/dL", "Pre-operative creatinine");
    s.add(cr !== undefined && cr > 2 ? 1 : 0, `Creatinine ${cr === undefined ? "not reported" : `${fmt(cr)} mg/dL`} (> 2)`);
    return s.result("RCRI (reference rules)");
  },
});

const HEART_HISTORY = { "Slightly suspicious": 0, "Moderately suspicious": 1, "Highly suspicious": 2 };
const HEART_ECG = { Normal: 0, "Non-specific repolarization disturbance": 1, "Significant ST deviation": 2 };
const HEART_TROPONIN = { "less than or equal to normal limit": 0, "between the normal limit or up to three times the normal limit": 1, "greater than three times normal limit": 2 };

add({
  calculatorId: 18,
  mirrors: "heart_score.py",
  differences: "1-2 risk factors score 1 even with atherosclerotic disease; TIA is not a risk factor; any diabetes text counts",
  compute(e) {
    const s = new ScoreSheet();
    s.add(option(HEART_HISTORY, rawString(e, "Suspicion History")) ?? 0, `History '${rawString(e, "Suspicion History") ?? "Slightly suspicious"}'`);
    s.add(option(HEART_ECG, rawString(e, "Electrocardiogram Test")) ?? 0, `ECG '${rawString(e, "Electrocardiogram Test") ?? "Normal"}'`);
    const age = required(e.ageYears(), "HEART", "age");
    s.add(age < 45 ? 0 : age < 65 ? 1 : 2, `Age ${fmt(age)} (<45: 0, 45-64: 1, else 2)`);
    const factors = [
      ["Hypertension history", "Hypertension"],
      ["hypercholesterolemia"],
      ["Diabetes mellitus criteria for CCI rule", "Diabetes mellitus"],
      ["obesity"],
      ["smoking", "Smoker"],
      ["parent or sibling with Cardiovascular disease before age 65"],
      ["atherosclerotic disease"],
    ]
      .filter((names) => e.truthy(...names))
      .map(([n]) => n);
    s.add(factors.length === 0 ? 0 : factors.length <= 2 ? 1 : 2, `${factors.length} risk factor(s): ${factors.join(", ") || "none"} (0: 0, 1-2: 1, >= 3: 2)`);
    s.add(option(HEART_TROPONIN, rawString(e, "Initial troponin")) ?? 0, `Initial troponin '${rawString(e, "Initial troponin") ?? "less than or equal to normal limit"}'`);
    return s.result("HEART score (reference rules)");
  },
});

const GCS_EYE = { "eyes open spontaneously": 4, "eye opening to verbal command": 3, "eye opening to pain": 2, "no eye opening": 1, "not testable": 4 };
const GCS_VERBAL = { oriented: 5, confused: 4, "inappropriate words": 3, "incomprehensible sounds": 2, "no verbal response": 1, "not testable": 4 };
const GCS_MOTOR = { "obeys commands": 6, "localizes pain": 5, "withdrawal from pain": 4, "flexion to pain": 3, "extension to pain": 2, "no motor response": 1, "not testable": 6 };

add({
  calculatorId: 21,
  mirrors: "glasgow_coma_score.py (no stored version has the doubling; the benchmark's explanations show it)",
  differences: "the verbal score is added twice; 'not testable' scores 4 for eye and verbal",
  compute(e) {
    const i = fromMedcalcEntities(21, e) as { eye: keyof typeof GCS_EYE; verbal: keyof typeof GCS_VERBAL; motor: keyof typeof GCS_MOTOR };
    const s = new ScoreSheet();
    s.add(GCS_EYE[i.eye], `Eye: ${i.eye}`);
    s.add(GCS_VERBAL[i.verbal], `Verbal: ${i.verbal}`);
    s.add(GCS_VERBAL[i.verbal], `Verbal: ${i.verbal} (added a second time, as in the benchmark's labels)`);
    s.add(GCS_MOTOR[i.motor], `Motor: ${i.motor}`);
    return s.result("GCS (reference rules)");
  },
});

add({
  calculatorId: 23,
  mirrors: "meldna.py",
  differences: "MELD(i) rounded to a whole number before x10 (round half to even); dialysis sets Cr 4.0 only when 1 <= Cr <= 4",
  compute(e) {
    const C = "MELD Na";
    let cr = required(e.concentration("creatinine", "mg/dL", "creatinine"), C, "creatinine");
    const dialysis = e.truthy("Dialysis at least twice in the past week") || e.truthy("Continuous veno-venous hemodialysis for ≥24 hours in the past week");
    if (cr < 1) cr = 1;
    else if (cr > 4) cr = 4;
    else if (dialysis) cr = 4;
    const bili = Math.max(required(e.concentration("bilirubin", "mg/dL", "Bilirubin"), C, "bilirubin"), 1);
    const inr = Math.max(required(num(e, "international normalized ratio", "INR"), C, "INR"), 1);
    const na = Math.min(Math.max(required(e.concentration("sodium", "mEq/L", "Sodium"), C, "sodium"), 125), 137);
    const meldI = 0.957 * Math.log(cr) + 0.378 * Math.log(bili) + 1.12 * Math.log(inr) + 0.643;
    const meld10 = pyRound(pyRound(meldI) * 10);
    const adjusted = pyRound(meld10 + 1.32 * (137 - na) - 0.033 * meld10 * (137 - na));
    const v = pyRound(meld10 > 11 ? Math.min(adjusted, 40) : meld10);
    return {
      value: v,
      unit: "points",
      explanation: `MELD(i) = ${fmt(meldI, 4)}, rounded to ${pyRound(meldI)} and x10 = ${meld10} (reference rounding). ${meld10 > 11 ? `MELD-Na = ${meld10} + 1.32 x (137 - ${fmt(na)}) - 0.033 x ${meld10} x (137 - ${fmt(na)}) = ${adjusted}` : "No sodium adjustment"}; MELD-Na = ${v}.`,
    };
  },
});

const STEROID_POTENCY: Record<string, number> = {
  "Betamethasone IV": 1,
  "Cortisone PO": 33.33,
  "Dexamethasone IV": 1,
  "Dexamethasone PO": 1,
  "Hydrocortisone IV": 26.67,
  "Hydrocortisone PO": 26.67,
  "MethylPrednisoLONE IV": 5.33,
  "MethylPrednisoLONE PO": 5.33,
  "PrednisoLONE PO": 6.67,
  "PredniSONE PO": 6.67,
  "Triamcinolone IV": 5.33,
};

add({
  calculatorId: 24,
  mirrors: "steroid_conversion_calculator.py",
  differences: "dexamethasone-relative table (e.g. hydrocortisone 26.67, not 20/0.75 = 26.667); conversion factor rounded to 3 decimals",
  compute(e) {
    const C = "Steroid Conversion";
    const input = required(e.get("input steroid"), C, "input steroid").value;
    if (!Array.isArray(input) || typeof input[0] !== "string" || typeof input[1] !== "number" || typeof input[2] !== "string") {
      throw new CalculatorInputError(C, `'input steroid' should be [name, dose, unit], got ${JSON.stringify(input)}`);
    }
    const target = required(e.string("target steroid"), C, "target steroid");
    const from = required(option(STEROID_POTENCY, input[0]), C, `known steroid (got '${input[0]}')`);
    const to = required(option(STEROID_POTENCY, target), C, `known steroid (got '${target}')`);
    let mg: number;
    try {
      mg = legacyConcentration(input[1], input[2], "mg");
    } catch (err) {
      if (!(err instanceof LegacyUnitError)) throw err;
      mg = convertMass(input[1], input[2], "mg", "steroid dose");
    }
    const factor = legacyRoundNumber(to / from);
    const v = legacyRoundNumber(mg * factor);
    return { value: v, unit: "mg", explanation: `${fmt(mg)} mg ${input[0]} x ${factor} (= ${to}/${from}, rounded) = ${fmt(v)} mg ${target}.` };
  },
});

add({
  calculatorId: 27,
  mirrors: "glasgow_bleeding_score.py",
  differences: "Hb exactly 12 (men) / 10 (women) and BUN exactly 70 score 0; BUN molar mass 28.08",
  compute(e) {
    const C = "Glasgow-Blatchford";
    const s = new ScoreSheet();
    const hb = required(e.concentration("hemoglobin", "g/dL", "Hemoglobin"), C, "hemoglobin");
    if (rawString(e, "sex") === "Male") s.add(hb > 12 && hb <= 13 ? 1 : hb >= 10 && hb < 12 ? 3 : hb < 10 ? 6 : 0, `Haemoglobin ${fmt(hb)} g/dL (male)`);
    else s.add(hb > 10 && hb <= 12 ? 1 : hb < 10 ? 6 : 0, `Haemoglobin ${fmt(hb)} g/dL (female)`);
    const bun = required(e.concentrationWith("mg/dL", { molarMass: 28.08 }, "bun", "Blood Urea Nitrogen (BUN)", "BUN"), C, "BUN");
    s.add(bun >= 18.2 && bun < 22.4 ? 2 : bun >= 22.4 && bun < 28 ? 3 : bun >= 28 && bun < 70 ? 4 : bun > 70 ? 6 : 0, `BUN ${fmt(bun)} mg/dL`);
    const sbp = required(e.pressureMmHg("Systolic Blood Pressure"), C, "systolic blood pressure");
    s.add(sbp >= 100 && sbp < 110 ? 1 : sbp >= 90 && sbp < 100 ? 2 : sbp < 90 ? 3 : 0, `Systolic BP ${fmt(sbp)}`);
    const hr = required(num(e, "Heart Rate or Pulse"), C, "heart rate");
    s.add(hr >= 100 ? 1 : 0, `Heart rate ${fmt(hr)} (>= 100)`);
    s.add(e.truthy("Melena present") ? 1 : 0, "Melena");
    s.add(e.truthy("Recent syncope") ? 2 : 0, "Syncope");
    s.add(e.truthy("Hepatic disease history") ? 2 : 0, "Hepatic disease");
    s.add(e.truthy("Cardiac failure present") ? 2 : 0, "Cardiac failure");
    return s.result("Glasgow-Blatchford (reference rules)");
  },
});

add({
  calculatorId: 28,
  mirrors: "apache_ii.py",
  differences:
    "°F temperature rule; WBC per mm³ against x10^9/L cut-offs; + GCS instead of 15 - GCS; no low-side points for MAP, HR, RR, pH, Na, K, Hct, WBC; creatinine >= 1.5 scores only with renal failure; chronic health only for 'Elective'/'Emergency'; age 45 and 75 score 0",
  compute(e) {
    const s = new ScoreSheet();
    const C = "APACHE II";
    const age = required(e.ageYears(), C, "age");
    const organ = e.get("History of severe organ failure or immunocompromise");
    if (organ !== undefined && pyTruthy(organ.value)) {
      const surgery = rawString(e, "Surgery Type");
      s.add(surgery === "Elective" ? 2 : surgery === "Emergency" ? 5 : 0, `Organ failure/immunocompromise, surgery type '${surgery ?? "none"}' (only 'Elective' 2 and 'Emergency' 5 score)`);
    } else s.add(0, "No organ failure or immunocompromise");
    s.add(age < 45 ? 0 : age > 45 && age <= 54 ? 2 : age >= 55 && age <= 64 ? 3 : age >= 65 && age <= 74 ? 5 : age > 75 ? 6 : 0, `Age ${fmt(age)}`);

    const fio2 = required(num(e, "FiO₂", "FiO2"), C, "FiO2");
    if (fio2 >= 50) {
      const g = required(num(e, "A-a gradient"), C, "A-a gradient");
      s.add(g > 499 ? 4 : g >= 350 && g <= 499 ? 3 : g >= 200 && g <= 349 ? 2 : 0, `FiO2 ${fmt(fio2)} % >= 50: A-a gradient ${fmt(g)}`);
    } else {
      const p = required(num(e, "Partial pressure of oxygen (PaO₂) for Apache II", "PaO₂"), C, "PaO2");
      s.add(p > 70 ? 0 : p >= 61 && p <= 70 ? 1 : p >= 55 && p <= 60 ? 3 : p < 55 ? 4 : 0, `FiO2 ${fmt(fio2)} % < 50: PaO2 ${fmt(p)}`);
    }
    const t = required(e.temperatureC("Temperature"), C, "temperature");
    s.add(t >= 41 ? 4 : t >= 39 ? 3 : t >= 38.5 ? 1 : t >= 36 ? 0 : t >= 34 ? 1 : t >= 32 ? 2 : t >= 30 ? 3 : 4, `Temperature ${fmt(t)} °C (°F rule for units other than 'degrees celsius')`);
    const sbp = required(e.pressureMmHg("Systolic Blood Pressure"), C, "systolic BP");
    const dbp = required(e.pressureMmHg("Diastolic Blood Pressure"), C, "diastolic BP");
    const map = legacyRoundNumber((2 / 3) * dbp + (1 / 3) * sbp);
    s.add(map > 159 ? 4 : map > 129 ? 3 : map > 109 ? 2 : 0, `MAP ${fmt(map)} (no points below 110)`);
    const hr = required(num(e, "Heart Rate or Pulse"), C, "heart rate");
    s.add(hr >= 180 ? 4 : hr >= 140 ? 3 : hr >= 110 ? 2 : 0, `Heart rate ${fmt(hr)} (no points below 110)`);
    const rr = required(num(e, "respiratory rate"), C, "respiratory rate");
    s.add(rr >= 50 ? 4 : rr >= 35 ? 3 : rr >= 25 ? 1 : 0, `Respiratory rate ${fmt(rr)} (no points below 25)`);
    const ph = required(num(e, "pH"), C, "pH");
    s.add(ph >= 7.7 ? 4 : ph >= 7.6 ? 3 : ph >= 7.5 ? 1 : 0, `pH ${fmt(ph)} (no points below 7.5)`);
    const na = required(e.concentration("sodium", "mmol/L", "Sodium"), C, "sodium");
    s.add(na >= 180 ? 4 : na >= 160 ? 3 : na >= 155 ? 2 : na >= 150 ? 1 : 0, `Sodium ${fmt(na)} (no points below 150)`);
    const k = required(e.concentrationWith("mmol/L", { molarMass: 22.99, valence: 1 }, "potassium", "Potassium"), C, "potassium");
    s.add(k >= 7 ? 4 : k >= 6 ? 3 : k >= 5.5 ? 1 : 0, `Potassium ${fmt(k)} (no points below 5.5)`);
    const cr = required(e.concentration("creatinine", "mg/dL", "creatinine"), C, "creatinine");
    const arf = e.truthy("Acute renal failure");
    const crf = e.truthy("Chronic Renal Failure");
    let crPts = 0;
    if (cr >= 3.5 && arf) crPts = 8;
    else if (cr >= 2 && cr < 3.5 && arf) crPts = 6;
    else if (cr >= 3.5 && crf) crPts = 4;
    else if (cr >= 2 && cr < 3.5 && crf) crPts = 3;
    else if (cr >= 1.5 && cr < 2 && arf) crPts = 4;
    else if (cr >= 1.5 && cr < 2 && crf) crPts = 2;
    else if (cr < 0.6) crPts = 2;
    s.add(crPts, `Creatinine ${fmt(cr)} mg/dL, acute renal failure ${arf}, chronic ${crf}`);
    const hct = required(num(e, "Hematocrit"), C, "hematocrit");
    s.add(hct >= 60 ? 4 : hct >= 50 ? 2 : hct >= 46 ? 1 : 0, `Haematocrit ${fmt(hct)} % (no points below 46)`);
    const w = required(e.quantity("White blood cell count"), C, "WBC");
    const wbc = legacyCount(w.value, w.unit, "mm^3");
    s.add(wbc >= 40 ? 4 : wbc >= 20 ? 2 : wbc >= 15 ? 1 : 0, `WBC ${fmt(wbc)} per mm³ against the x10^9/L cut-offs`);
    const gcs = num(e, "Glasgow Coma Score") ?? 15;
    s.add(gcs, `GCS ${fmt(gcs)} added as is`);
    return s.result("APACHE II (reference rules)");
  },
});

add({
  calculatorId: 29,
  mirrors: "psi_score.py",
  differences: "°F temperature rule; PaO2 scores only for the exact units 'mm Hg' (< 60) or 'kPa' (< 8)",
  compute(e) {
    const C = "PSI";
    const s = new ScoreSheet();
    const age = required(e.ageYears(), C, "age");
    s.add(age, `Age ${fmt(age)}`);
    if (rawString(e, "sex") === "Female") s.add(-10, "Female");
    const items: Array<[string[], number, string]> = [
      [["Nursing home resident"], 10, "Nursing home resident"],
      [["Neoplastic disease"], 30, "Neoplastic disease"],
      [["Liver disease severity", "Liver disease"], 20, "Liver disease"],
      [["Congestive Heart Faliure", "Congestive Heart Failure"], 10, "CHF"],
      [["Cerebrovascular disease history"], 10, "Cerebrovascular disease"],
      [["Renal disease"], 10, "Renal disease"],
      [["Altered mental status"], 20, "Altered mental status"],
      [["Pleural effusion on x-ray"], 10, "Pleural effusion"],
    ];
    for (const [names, pts, label] of items) if (e.truthy(...names)) s.add(pts, label);
    const hr = num(e, "Heart Rate or Pulse");
    if (hr !== undefined && hr >= 125) s.add(10, `Pulse ${fmt(hr)} >= 125`);
    const t = e.temperatureC("Temperature");
    if (t !== undefined && (t < 35 || t > 39.9)) s.add(15, `Temperature ${fmt(t)} °C (°F rule for units other than 'degrees celsius')`);
    const ph = num(e, "pH");
    if (ph !== undefined && ph < 7.35) s.add(30, `pH ${fmt(ph)} < 7.35`);
    const rr = num(e, "respiratory rate");
    if (rr !== undefined && rr >= 30) s.add(20, `Respiratory rate ${fmt(rr)} >= 30`);
    const sbp = e.pressureMmHg("Systolic Blood Pressure");
    if (sbp !== undefined && sbp < 90) s.add(20, `Systolic BP ${fmt(sbp)} < 90`);
    const bun = e.concentration("bun", "mg/dL", "Blood Urea Nitrogen (BUN)", "BUN");
    if (bun !== undefined && bun >= 30) s.add(20, `BUN ${fmt(bun)} mg/dL >= 30`);
    const na = e.concentration("sodium", "mmol/L", "Sodium");
    if (na !== undefined && na < 130) s.add(20, `Sodium ${fmt(na)} < 130`);
    const glu = e.concentration("glucose", "mg/dL", "Glucose");
    if (glu !== undefined && glu >= 250) s.add(10, `Glucose ${fmt(glu)} mg/dL >= 250`);
    const hct = num(e, "Hematocrit");
    if (hct !== undefined && hct < 30) s.add(10, `Haematocrit ${fmt(hct)} < 30`);
    const p = e.quantity("Partial pressure of oxygen (PaO₂) for Apache II", "PaO₂", "Partial pressure of oxygen");
    if (p && ((p.unit === "mm Hg" && p.value < 60) || (p.unit === "kPa" && p.value < 8))) s.add(10, `PaO2 ${fmt(p.value)} ${p.unit}`);
    else s.note(`PaO2 ${p ? `${fmt(p.value)} '${p.unit}'` : "not reported"}: no points (only 'mm Hg' < 60 or 'kPa' < 8 score)`);
    return s.result("PSI (reference rules)");
  },
});

add({
  calculatorId: 31,
  mirrors: "homa_ir.py",
  differences: "insulin in pmol/L is multiplied by 6 (the published conversion divides), ng/mL by 24.8",
  compute(e) {
    const C = "HOMA-IR";
    const q = required(e.quantity("Insulin"), C, "insulin");
    const insulin = q.unit === "pmol/L" ? q.value * 6 : q.unit === "ng/mL" ? q.value * 24.8 : q.value;
    const glucose = required(e.concentration("glucose", "mg/dL", "Glucose"), C, "glucose");
    const v = legacyRoundNumber((insulin * glucose) / 405);
    return { value: v, explanation: `Insulin ${fmt(q.value)} ${q.unit} -> ${fmt(insulin)} µIU/mL (reference factors). HOMA-IR = ${fmt(insulin)} x ${fmt(glucose)} / 405 = ${fmt(v)}.` };
  },
});

add({
  calculatorId: 32,
  mirrors: "cci.py",
  differences: "graded texts match only in lower case; any other non-empty text scores 1 ('None or Diet-controlled' diabetes 1, 'Metastatic' tumour 1)",
  compute(e) {
    const s = new ScoreSheet();
    const age = required(e.ageYears(), "CCI", "age");
    s.add(age < 50 ? 0 : age < 60 ? 1 : age < 70 ? 2 : age < 80 ? 3 : 4, `Age ${fmt(age)}`);
    const one: Array<[string[], number, string]> = [
      [["Myocardial infarction"], 1, "Myocardial infarction"],
      [["Congestive Heart Faliure", "Congestive Heart Failure"], 1, "Congestive heart failure"],
      [["Peripheral vascular disease"], 1, "Peripheral vascular disease"],
      [["Connective tissue disease"], 1, "Connective tissue disease"],
      [["Dementia"], 1, "Dementia"],
      [["Chronic Obstructive Pulmonary Disease"], 1, "COPD"],
      [["Hemiplegia"], 2, "Hemiplegia"],
      [["Peptic ulcer disease"], 1, "Peptic ulcer disease"],
      [["Moderate to severe Chronic Kidney Disease"], 2, "Moderate to severe CKD"],
      [["Leukemia"], 2, "Leukaemia"],
      [["Lymphoma"], 2, "Lymphoma"],
      [["AIDS"], 6, "AIDS"],
    ];
    for (const [names, pts, label] of one) if (e.truthy(...names)) s.add(pts, label);
    if (e.truthy("Cerebrovascular Accident") || e.truthy("Transient Ischemic Attacks History")) s.add(1, "CVA or TIA");
    const graded = (names: string[], table: Record<string, number>, label: string) => {
      const v = e.get(...names)?.value;
      if (v === undefined) return;
      const pts = typeof v === "string" && v in table ? table[v] : pyTruthy(v) ? 1 : 0;
      s.add(pts, `${label} '${String(v)}' (lower-case grade text, else 1 if present)`);
    };
    graded(["Liver disease severity", "Liver disease"], { none: 0, mild: 1, "moderate to severe": 3 }, "Liver disease");
    graded(["Diabetes mellitus criteria for CCI rule", "Diabetes mellitus"], { "none or diet-controlled": 0, uncomplicated: 1, "end-organ damage": 2 }, "Diabetes");
    graded(["Solid tumor"], { none: 0, localized: 2, metastatic: 6 }, "Solid tumour");
    return s.result("Charlson Comorbidity Index (reference rules)");
  },
});

const CAPRINI_SURGERY = { none: 0, minor: 1, major: 2, laparoscopic: 2, arthroscopic: 2, "elective major lower extremity arthroplasty": 5 };
const CAPRINI_MOBILITY = { normal: 0, "on bed rest": 1, "confined to bed >72 hours": 2 };

add({
  calculatorId: 36,
  mirrors: "caprini_score.py (the version without `score += points`, as the benchmark's explanations show)",
  differences: "only age, surgery type and mobility add points; yes/no risk factors and BMI never do",
  compute(e) {
    const s = new ScoreSheet();
    const age = required(e.ageYears(), "Caprini", "age");
    s.add(age <= 40 ? 0 : age >= 41 && age <= 60 ? 1 : age >= 61 && age <= 74 ? 2 : age >= 75 ? 3 : 0, `Age ${fmt(age)}`);
    const surgery = rawString(e, "Surgery Type");
    s.add(option(CAPRINI_SURGERY, surgery) ?? 0, `Surgery type '${surgery ?? "not reported"}'`);
    s.note("Yes/no risk factors and BMI: 0 points each (the reference's running total is not updated for them)");
    const mobility = rawString(e, "Mobility");
    s.add(option(CAPRINI_MOBILITY, mobility) ?? 0, `Mobility '${mobility ?? "not reported"}'`);
    return s.result("Caprini (reference rules)");
  },
});

add({
  calculatorId: 43,
  mirrors: "sofa.py",
  differences:
    "PaO2/FiO2 with FiO2 in percent; CPAP never counts; cardiovascular 2 for dopamine <= 5 (or none), else 3, never 4; bilirubin molar mass 584.66; creatinine + urine output together score 0",
  compute(e) {
    const C = "SOFA";
    const s = new ScoreSheet();
    const pao2 = required(num(e, "Partial pressure of oxygen (PaO₂) for Apache II", "PaO₂", "Partial pressure of oxygen"), C, "PaO2");
    const fio2 = required(num(e, "FiO₂", "FiO2"), C, "FiO2");
    const ratio = legacyRoundNumber(pao2 / fio2);
    const mv = e.truthy("On mechanical ventilation");
    let resp = 0;
    if (ratio >= 300 && ratio < 400) resp = 1;
    else if (ratio >= 200 && ratio < 300) resp = 2;
    else if (ratio <= 199 && !mv) resp = 2;
    else if (ratio >= 100 && ratio < 199 && mv) resp = 3;
    else if (ratio < 100 && mv) resp = 4;
    s.add(resp, `PaO2/FiO2 = ${fmt(pao2)} / ${fmt(fio2)} (FiO2 in %) = ${fmt(ratio)}, mechanical ventilation ${mv} (CPAP not considered)`);

    const dose = (name: string) => num(e, name) ?? 0;
    const [dopa, dobu, epi, norepi] = [dose("DOPamine"), dose("DOBUTamine"), dose("EPINEPHrine"), dose("norEPINEPHrine")];
    const sbp = e.pressureMmHg("Systolic Blood Pressure");
    const dbp = e.pressureMmHg("Diastolic Blood Pressure");
    let cv: number;
    if (sbp !== undefined && dbp !== undefined && sbp / 3 + (2 * dbp) / 3 < 70 && !dobu && !epi && !norepi) cv = 1;
    else if (dopa <= 5 || dobu) cv = 2;
    else if (dopa > 5 || epi <= 0.1 || norepi <= 0.1) cv = 3;
    else cv = 4;
    s.add(cv, `Cardiovascular: dopamine ${fmt(dopa)}, dobutamine ${fmt(dobu)}, epinephrine ${fmt(epi)}, norepinephrine ${fmt(norepi)}`);

    const gcs = num(e, "Glasgow Coma Score") ?? 15;
    s.add(gcs < 6 ? 4 : gcs >= 6 && gcs <= 9 ? 3 : gcs >= 10 && gcs <= 12 ? 2 : gcs >= 13 && gcs <= 14 ? 1 : 0, `GCS ${fmt(gcs)}`);
    const bili = required(e.concentrationWith("mg/dL", { molarMass: 584.66 }, "bilirubin", "Bilirubin"), C, "bilirubin");
    s.add(bili < 1.2 ? 0 : bili < 2 ? 1 : bili < 6 ? 2 : bili < 12 ? 3 : 4, `Bilirubin ${fmt(bili)} mg/dL`);
    const p = required(e.quantity("Platelet count"), C, "platelet count");
    const plt = legacyCount(p.value, p.unit, "µL");
    s.add(plt >= 150000 ? 0 : plt >= 100000 ? 1 : plt >= 50000 ? 2 : plt >= 20000 ? 3 : 4, `Platelets ${fmt(plt, 0)}/µL`);

    const hasCr = e.has("creatinine");
    const uo = e.quantity("Urine Output");
    if (!hasCr && uo) s.add(uo.value < 500 ? 3 : 0, `Urine output ${fmt(uo.value)} mL/day`);
    else if (hasCr && !uo) {
      const cr = required(e.concentration("creatinine", "mg/dL", "creatinine"), C, "creatinine");
      s.add(cr >= 5 ? 4 : cr >= 3.5 ? 3 : cr >= 2 ? 2 : cr >= 1.2 ? 1 : 0, `Creatinine ${fmt(cr)} mg/dL`);
    } else s.note("Renal: creatinine and urine output both reported (or neither): no points, as in the reference");
    return s.result("SOFA (reference rules)");
  },
});

add({
  calculatorId: 45,
  mirrors: "curb_65.py",
  differences: "respiratory rate and blood pressures truncated to integers before the cut-offs",
  compute(e) {
    const C = "CURB-65";
    const s = new ScoreSheet();
    const age = required(e.ageYears(), C, "age");
    s.add(age >= 65 ? 1 : 0, `Age ${fmt(age)} (>= 65)`);
    s.add(e.truthy("Confusion") ? 1 : 0, "Confusion");
    const bun = required(e.concentration("bun", "mg/dL", "Blood Urea Nitrogen (BUN)", "BUN"), C, "BUN");
    s.add(bun > 19 ? 1 : 0, `BUN ${fmt(bun)} mg/dL (> 19)`);
    const rr = Math.trunc(required(num(e, "respiratory rate"), C, "respiratory rate"));
    s.add(rr >= 30 ? 1 : 0, `Respiratory rate ${rr} (>= 30)`);
    const sbp = Math.trunc(required(e.pressureMmHg("Systolic Blood Pressure"), C, "systolic BP"));
    const dbp = Math.trunc(required(e.pressureMmHg("Diastolic Blood Pressure"), C, "diastolic BP"));
    s.add(sbp < 90 || dbp <= 60 ? 1 : 0, `BP ${sbp}/${dbp} (SBP < 90 or DBP <= 60)`);
    return s.result("CURB-65 (reference rules)");
  },
});

add({
  calculatorId: 46,
  mirrors: "framingham_risk_score.py (the earlier version that converts cholesterol to mmol/L, as the benchmark's explanations show)",
  differences: "cholesterol in mmol/L fed to the mg/dL coefficients; risk score rounded to 0.1 and the risk fraction to 0.1 before x100",
  compute(e) {
    const C = "Framingham";
    const female = e.sex() === "female";
    const age = required(e.ageYears(), C, "age");
    const ageSmoke = female ? Math.min(age, 78) : Math.min(age, 70);
    const smoker = e.truthy("Smoker") ? 1 : 0;
    const bpMed = e.truthy("Blood pressure being treated with medicines") ? 1 : 0;
    const sbp = required(e.pressureMmHg("Systolic Blood Pressure"), C, "systolic BP");
    const chol = { molarMass: 386.65 };
    const tc = required(e.concentrationWith("mmol/L", chol, "cholesterol", "Total cholesterol"), C, "total cholesterol");
    const hdl = required(e.concentrationWith("mmol/L", chol, "cholesterol", "high-density lipoprotein cholesterol", "HDL cholesterol"), C, "HDL cholesterol");
    const la = Math.log(age);
    const score = female
      ? 31.764001 * la + 22.465206 * Math.log(tc) - 1.187731 * Math.log(hdl) + 2.552905 * Math.log(sbp) + 0.420251 * bpMed + 13.07543 * smoker - 5.060998 * (la * Math.log(tc)) - 2.996945 * (Math.log(ageSmoke) * smoker) - 146.5933061
      : 52.00961 * la + 20.014077 * Math.log(tc) - 0.905964 * Math.log(hdl) + 1.305784 * Math.log(sbp) + 0.241549 * bpMed + 12.096316 * smoker - 4.605038 * (la * Math.log(tc)) - 2.84367 * (Math.log(ageSmoke) * smoker) - 2.93323 * (la * la) - 172.300168;
    const rounded = pyRound(score, 1);
    const fraction = pyRound(1 - (female ? 0.98767 : 0.9402) ** Math.exp(rounded), 1);
    const v = pyRound(fraction * 100, 3);
    return {
      value: v,
      unit: "%",
      explanation: `Total cholesterol ${fmt(tc)} and HDL ${fmt(hdl)} in mmol/L go into the mg/dL equation: risk score ${rounded} (rounded to 0.1); 1 - ${female ? 0.98767 : 0.9402}^exp(${rounded}) = ${fraction} (rounded to 0.1) x 100 = ${v} %.`,
    };
  },
});

const MME_FACTORS: Record<string, number> = {
  Codeine: 0.15,
  "FentaNYL buccal": 0.13,
  "FentANYL patch": 2.4,
  HYDROcodone: 1,
  HYDROmorphone: 5,
  Methadone: 4.7,
  Morphine: 1,
  OxyCODONE: 1.5,
  OxyMORphone: 3,
  Tapentadol: 0.4,
  TraMADol: 0.2,
  Buprenorphine: 10,
};

add({
  calculatorId: 49,
  mirrors: "mme.py",
  differences: "only 'FentaNYL buccal' (and a literal 'FentaNYL patch') stay in µg; 'FentANYL patch' doses are converted to mg before the 2.4 factor; running total rounded",
  compute(e) {
    const lines: string[] = [];
    let total = 0;
    for (const [key] of e.entries()) {
      if (key.includes("Day")) continue;
      const name = key.split(" Dose")[0];
      const dose = e.get(`${name} Dose`)?.value;
      const perDay = num(e, `${name} Dose Per Day`);
      const factor = option(MME_FACTORS, name);
      if (!Array.isArray(dose) || typeof dose[0] !== "number" || typeof dose[1] !== "string" || perDay === undefined || factor === undefined) {
        throw new CalculatorInputError("MME", `cannot read '${key}' as an opioid dose with a matching 'Dose Per Day'`);
      }
      const target = name === "FentaNYL buccal" || name === "FentaNYL patch" ? "µg" : "mg";
      let amount: number;
      try {
        amount = legacyConcentration(dose[0], dose[1], target);
      } catch (err) {
        if (!(err instanceof LegacyUnitError)) throw err;
        amount = convertMass(dose[0], dose[1].split("/")[0], target, `${name} dose`);
      }
      total = legacyRoundNumber(total + perDay * factor * amount);
      lines.push(`${name}: ${fmt(amount)} ${target} x ${fmt(perDay)}/day x ${factor} = ${fmt(perDay * factor * amount)} MME/day.`);
    }
    lines.push(`Total = ${fmt(total)} MME/day.`);
    return { value: total, unit: "MME/day", explanation: lines.join("\n") };
  },
});

add({
  calculatorId: 51,
  mirrors: "sirs_criteria.py",
  differences: "the heart-rate criterion always counts; WBC in cells/µL becomes per m³ (always > 12,000); bands ignored; °F temperature rule",
  compute(e) {
    const C = "SIRS";
    const s = new ScoreSheet();
    const t = required(e.temperatureC("Temperature"), C, "temperature");
    s.add(t > 38 || t < 36 ? 1 : 0, `Temperature ${fmt(t)} °C (°F rule for units other than 'degrees celsius')`);
    const hr = num(e, "Heart Rate or Pulse");
    s.add(1, `Heart rate ${hr === undefined ? "not reported" : fmt(hr)}: counted whether or not > 90, as in the reference`);
    const w = required(e.quantity("White blood cell count"), C, "WBC");
    const wbc = legacyCount(w.value, w.unit, "m^3");
    s.add(wbc > 12000 || wbc < 4000 ? 1 : 0, `WBC ${fmt(wbc, 0)} per m³ against 12,000 / 4,000`);
    const rr = num(e, "respiratory rate");
    const paco2 = num(e, "PaCO₂", "PaCO2");
    s.add((rr !== undefined && rr > 20) || (paco2 !== undefined && paco2 < 32) ? 1 : 0, `Respiratory rate ${rr ?? "not reported"} (> 20) or PaCO2 ${paco2 ?? "not reported"} (< 32)`);
    return s.result("SIRS criteria met (reference rules)", "criteria");
  },
});

add({
  calculatorId: 69,
  mirrors: "estimated_gestational_age.py",
  differences: "uses the absolute difference of the dates (a current date before the LMP still gives weeks and days)",
  compute(e) {
    const C = "Estimated Gestational Age";
    const lmp = parseDate(required(e.string("Last menstrual date"), C, "last menstrual date"));
    const now = parseDate(required(e.string("Current Date"), C, "current date"));
    const days = Math.abs(now - lmp);
    return { value: formatWeeksDays(Math.floor(days / 7), days % 7), explanation: `|${formatDate(now)} - ${formatDate(lmp)}| = ${days} days.` };
  },
});

/** Height in metres and inches as the reference's height_conversion helpers give them. */
function legacyHeight(e: BenchEntityBag): { m: number; inches: number } | undefined {
  const v = e.get("height")?.value;
  if (Array.isArray(v) && v.length === 4 && typeof v[0] === "number" && typeof v[2] === "number") {
    const inches = v[0] * 12 + v[2];
    return { m: legacyRoundNumber(inches * 0.0254), inches: legacyRoundNumber(inches) };
  }
  if (Array.isArray(v) && v.length === 2 && typeof v[0] === "number" && typeof v[1] === "string") {
    const [h, unit] = v;
    if (unit === "m") return { m: h, inches: legacyRoundNumber(h * 39.3701) };
    if (unit === "cm") return { m: legacyRoundNumber(h / 100), inches: legacyRoundNumber(h * 0.393701) };
    if (unit === "ft") return { m: legacyRoundNumber(h * 0.3048), inches: legacyRoundNumber(h * 12) };
    if (unit === "in") return { m: legacyRoundNumber(h * 0.0254), inches: h };
  }
  const cm = e.heightCm();
  return cm === undefined ? undefined : { m: cm / 100, inches: cm / 2.54 };
}

/** Benchmark-convention variants keyed by MedCalc calculator id. */
export const MEDCALC_BENCH_VARIANTS: ReadonlyMap<number, ConventionVariant> = new Map(variants.map((v) => [v.calculatorId, v]));

/** Calculators whose formula the reference shares; in benchmark mode only their unit handling differs. */
export const REFERENCE_UNITS_ONLY = "published formula, entities read with the reference's unit conversions (medcalc-legacy.ts)";

/**
 * Compute one MedCalc-Bench row under the given conventions. "published" is the calculator's own
 * `fromMedcalc` + `compute`; "medcalc-bench" uses the variant for the calculator if there is one,
 * otherwise the published formula on entities read with the reference's conversions.
 */
export function computeWithConventions(calculatorId: number | string, entities: string | Record<string, PyValue> | EntityBag, conventions: Conventions = "published"): CalcResult {
  const calc = getCalculator(calculatorId);
  const raw = entities instanceof EntityBag ? entities.raw : typeof entities === "string" ? parseEntities(entities) : entities;
  if (conventions === "published") return calc.compute(fromMedcalcEntities(calc.id, new EntityBag(raw)));
  const bag = new BenchEntityBag(raw);
  const variant = MEDCALC_BENCH_VARIANTS.get(calc.id);
  if (variant) return variant.compute(bag);
  return calc.compute(fromMedcalcEntities(calc.id, bag));
}

/** Where a calculator's benchmark-convention result comes from, for documentation and reports. */
export function describeConvention(calculatorId: number | string): { mirrors: string; differences: string } {
  const calc = getCalculator(calculatorId);
  const v = MEDCALC_BENCH_VARIANTS.get(calc.id);
  return v ? { mirrors: REF + v.mirrors, differences: v.differences } : { mirrors: REF, differences: REFERENCE_UNITS_ONLY };
}
