/**
 * The "medcalc-bench" conventions: MedCalc-Bench rows computed the way the benchmark's reference
 * implementation (ncbi-nlp/MedCalc-Bench, calculator_implementations/) computed its labels.
 *
 * - the Python-mirroring primitives (rounding, unit conversion) against values the benchmark's own
 *   explanations print;
 * - every convention variant on a small hand example, next to the published result, so that the
 *   difference each variant encodes is visible (and no variant goes untested);
 * - the dev sample in both modes, and the CLI switch.
 */
import { existsSync } from "node:fs";
import { Command } from "commander";
import { afterEach, describe, expect, it, vi } from "vitest";
import { register } from "../src/cli/commands/calc.js";
import { type PyValue } from "../src/clinical/calculators/entities.js";
import {
  type Conventions,
  MEDCALC_BENCH_VARIANTS,
  computeWithConventions,
  describeConvention,
  parseConventions,
} from "../src/clinical/calculators/medcalc-conventions.js";
import { legacyConcentration, legacyCount, legacyRoundNumber, legacyTemperatureC, legacyAgeYears, pyRound } from "../src/clinical/calculators/medcalc-legacy.js";
import { runMedcalcCsv } from "../src/clinical/calculators/medcalc-runner.js";

const DEV = "/work/shared/data/medcalc/medcalc_bench_dev.csv";
const HAVE_DEV = existsSync(DEV);

const value = (id: number, e: Record<string, PyValue>, c: Conventions) => computeWithConventions(id, e, c).value;
const both = (id: number, e: Record<string, PyValue>) => ({ published: value(id, e, "published"), bench: value(id, e, "medcalc-bench") });

describe("Python-mirroring primitives", () => {
  it("pyRound is Python's round(): exact binary value, exact ties to even", () => {
    expect([pyRound(0.5), pyRound(1.5), pyRound(2.5), pyRound(-2.5)]).toEqual([0, 2, 2, -2]);
    expect(pyRound(2.675, 2)).toBe(2.67); // 2.675 is 2.67499999... in binary
    expect(pyRound(0.125, 2)).toBe(0.12); // an exact tie, to even
    expect(pyRound(0.375, 2)).toBe(0.38);
    expect(pyRound(-0.98045, 1)).toBe(-1);
  });

  it("legacy round_number: 3 decimals from 0.001 up, 3 significant digits below (as the benchmark's explanations print)", () => {
    expect(legacyRoundNumber(0.00475)).toBe(0.005); // "4.75 mmol ... = 0.005 mol"
    expect(legacyRoundNumber(0.00015821)).toBe(0.000158); // "158.21 µmol ... = 0.000158 mol"
    expect(legacyRoundNumber(0.0000402)).toBe(4.02e-5); // "40.2 µmol ... = 4.02e-05 mol"
    expect(legacyRoundNumber(0.022056)).toBe(0.022); // "4.02e-05 mol * 548.66 g/mol = 0.022 g"
    expect(legacyRoundNumber(1e-6)).toBe(1e-6);
  });

  it("concentrations convert with rounded intermediates and the reference's molar masses", () => {
    // 4.75 mmol -> 0.005 mol -> x 386.654 = 1.933 g -> 1933 mg per L -> 193.3 mg/dL (exact: 183.66)
    expect(legacyConcentration(4.75, "mmol/L", "mg/dL", 386.654)).toBe(193.3);
    // 40.2 µmol -> 4.02e-05 mol -> x 548.66 = 0.022 g -> 22 mg per L -> 2.2 mg/dL (exact: 2.206)
    expect(legacyConcentration(40.2, "µmol/L", "mg/dL", 548.66)).toBe(2.2);
    // 42 µmol creatinine -> 4.2e-05 mol -> x 113.12 = 0.004751 -> 0.005 g -> 0.5 mg/dL (exact: 0.475)
    expect(legacyConcentration(42, "µmol/L", "mg/dL", 113.12)).toBe(0.5);
    // 235 mg/dL cholesterol -> 0.235 g -> / 386.65 = 0.000608 mol -> 0.608 mmol per dL -> 6.08 mmol/L
    expect(legacyConcentration(235, "mg/dL", "mmol/L", 386.65)).toBe(6.08);
    expect(legacyConcentration(148, "mmol/L", "mEq/L", 22.99, 1)).toBe(148);
    expect(legacyConcentration(4.2, "g/L", "g/dL")).toBe(0.42);
    expect(() => legacyConcentration(1, "U/L", "mg/dL")).toThrow(/cannot handle/);
  });

  it("temperature, age and counts follow the reference helpers", () => {
    expect(legacyTemperatureC(38, "degrees celsius")).toBe(38);
    expect(legacyTemperatureC(38, "degrees celsisus")).toBe(3.333); // read as °F: 5/9 x 6
    expect(legacyTemperatureC(100.4, "degrees fahrenheit")).toBe(38);
    expect(legacyAgeYears([14, "months"])).toBe(1);
    expect(legacyAgeYears([3, "weeks"])).toBe(0);
    expect(legacyCount(4200, "µL", "m^3")).toBe(4.2e12); // SIRS: "4200000000000.0 white blood cell count/m^3"
    expect(legacyCount(9400, "m^3", "µL")).toBeCloseTo(9.4e-6, 12);
  });
});

/** One hand example per variant: [id, entities, published value, benchmark value, what differs]. */
const EXAMPLES: Array<[number, Record<string, PyValue>, number | string, number | string, string]> = [
  [
    2,
    { sex: "Male", age: [60, "years"], weight: [80.9, "kg"], height: [180, "cm"], creatinine: [1.0, "mg/dL"] },
    // BMI 80.9 / 1.8² = 24.969: published "normal" (< 25) -> min(IBW 74.992, 80.9); 80 x 74.992 / 72
    (80 * (50 + 2.3 * (180 / 2.54 - 60))) / 72,
    // reference: 24.969 > 24.9 is overweight -> ABW = 74.992 + 0.4 x (80.9 - 74.992) = 77.355; 80 x 77.355 / 72
    85.95,
    "BMI band edge 24.9",
  ],
  [3, { sex: "Male", age: [50, "years"], creatinine: [0.8, "mg/dL"] }, 142 * (0.8 / 0.9) ** -0.302 * 0.9938 ** 50, pyRound(142 * (0.8 / 0.7) ** -0.302 * 0.9938 ** 50, 3), "kappa 0.7 for a man"],
  [9, { sex: "Female", age: [50, "years"], creatinine: [1.0, "mg/dL"], Race: "African American" }, 175 * 50 ** -0.203 * 0.742 * 1.212, pyRound(175 * 50 ** -0.203 * 0.742, 3), "race factor only for 'Black'"],
  // 01/01/2020 + 280 days = 10/07/2020; a 24-day cycle subtracts 4 (published) but the reference adds 4
  [13, { "Last menstrual date": "01/01/2020", "cycle length": 24 }, "10/03/2020", "10/11/2020", "cycle adjustment sign"],
  // published: bilirubin 2 -> 2, albumin 2.8 -> 2, INR 1.5 -> 1, ascites absent 1, encephalopathy 1 = 7
  // reference: bilirubin == 2 -> 0, albumin 2.8 -> 3, INR 1, 'absent' (lower case) -> 0, encephalopathy missing -> 1 = 5
  [15, { "international normalized ratio": 1.5, Bilirubin: [2.0, "mg/dL"], Albumin: [2.8, "g/dL"], Ascites: "absent" }, 7, 5, "exact option texts, band edges"],
  [
    17,
    { "Elevated-risk surgery": false, "History of ischemic heart disease": false, "History of cerebrovascular disease": true, "Pre-operative treatment with insulin": false, "Pre-operative creatinine": [1.0, "mg/dL"] },
    1,
    0,
    "cerebrovascular disease ignored",
  ],
  // age 50 -> 1; atherosclerotic disease alone: published 2 (atherosclerosis scores 2), reference 1 (1-2 factors)
  [18, { age: [50, "years"], "Suspicion History": "Slightly suspicious", "Electrocardiogram Test": "Normal", "atherosclerotic disease": true, "Initial troponin": "less than or equal to normal limit" }, 3, 2, "atherosclerosis rule"],
  // E4 + V4 + M6 = 14; the reference adds the verbal 4 twice = 18
  [21, { "Best eye response": "eyes open spontaneously", "Best verbal response": "confused", "Best motor response": "obeys commands" }, 14, 18, "verbal counted twice"],
  // MELD(i) = 0.957 ln 2 + 1.12 ln 1.59 + 0.643 = 1.826: published round(18.26) = 18, reference round(1.826) x 10 = 20
  [23, { creatinine: [2.0, "mg/dL"], Bilirubin: [1.0, "mg/dL"], "international normalized ratio": 1.59, Sodium: [137, "mEq/L"] }, 18, 20, "MELD(i) rounded to a whole number"],
  // published 100 x 0.75 / 20 = 3.75; reference factor round(1 / 26.67 = 0.037495, 3) = 0.037 -> 3.7
  [24, { "input steroid": ["Hydrocortisone PO", 100, "mg"], "target steroid": "Dexamethasone PO" }, 3.75, 3.7, "potency table and rounded factor"],
  // male Hb 12.0: published 12-12.9 -> 1; the reference's bands (12, 13] and [10, 12) leave 12 at 0
  [27, { sex: "Male", Hemoglobin: [12.0, "g/dL"], "Blood Urea Nitrogen (BUN)": [10, "mg/dL"], "Systolic Blood Pressure": [120, "mm Hg"], "Heart Rate or Pulse": [80, "beats per minute"] }, 1, 0, "Hb band edge"],
  [
    28,
    {
      age: [40, "years"],
      Temperature: [37, "degrees celsius"],
      "Systolic Blood Pressure": [120, "mm Hg"],
      "Diastolic Blood Pressure": [80, "mm Hg"],
      "Heart Rate or Pulse": [45, "beats per minute"],
      "respiratory rate": [16, "breaths per minute"],
      "FiO₂": [21, "%"],
      "Partial pressure of oxygen (PaO₂) for Apache II": [90, "mm Hg"],
      pH: 7.4,
      Sodium: [140, "mmol/L"],
      Potassium: [4.0, "mmol/L"],
      creatinine: [1.0, "mg/dL"],
      Hematocrit: [40, "%"],
      "White blood cell count": [8000, "µL"],
      "Glasgow Coma Score": 15,
    },
    // published: heart rate 45 -> 3, everything else normal, 15 - GCS 15 = 0 -> 3
    3,
    // reference: no low heart-rate points; WBC 8000 per mm³ >= 40 -> 4; + GCS 15 -> 19
    19,
    "WBC units, + GCS, no low-side points",
  ],
  // published: age 50 + PaO2 55 < 60 -> 10 = 60 (°C accepted); reference: 'mm hg' is not 'mm Hg' -> 0, 36.5 '°C' read as °F = 2.5 °C -> 15 = 65
  [29, { age: [50, "years"], sex: "Male", Temperature: [36.5, "°C"], "Partial pressure of oxygen (PaO₂) for Apache II": [55, "mm hg"] }, 60, 65, "PaO2 unit text, °F rule"],
  // published: 60 pmol/L / 6 = 10 µIU/mL -> 10 x 90 / 405 = 2.222; reference: 60 x 6 = 360 -> 360 x 90 / 405 = 80
  [31, { Insulin: [60, "pmol/L"], Glucose: [90, "mg/dL"] }, (10 * 90) / 405, 80, "insulin pmol/L factor"],
  // published: diabetes none 0 + metastatic 6 = 6; reference: capitalised texts are 'present': 1 + 1 = 2
  [32, { age: [40, "years"], "Diabetes mellitus criteria for CCI rule": "None or Diet-controlled", "Solid tumor": "Metastatic" }, 6, 2, "grade text case"],
  // published: age 1 + minor 1 + varicose veins 1 + BMI > 25 1 = 4; reference: age 1 + minor 1 = 2
  [36, { age: [50, "years"], sex: "Female", "Surgery Type": "minor", "Varicose veins": true, Mobility: "normal", "Body Mass Index (BMI)": [30, "kg/m^2"] }, 4, 2, "items never accumulate"],
  // published: 180 / 0.40 = 450 -> 0, no pressors -> 0 = 0; reference: 180 / 40 = 4.5 -> 2 (no ventilation), dopamine 0 <= 5 -> 2 = 4
  [
    43,
    { "Partial pressure of oxygen (PaO₂) for Apache II": [180, "mm Hg"], "FiO₂": [40, "%"], "On mechanical ventilation": false, "Platelet count": [200000, "µL"], "Glasgow Coma Score": 15, Bilirubin: [0.8, "mg/dL"], creatinine: [0.9, "mg/dL"] },
    0,
    4,
    "FiO2 in percent, cardiovascular default",
  ],
  // DBP 60.5: published > 60 -> 0; reference int(60.5) = 60 <= 60 -> 1
  [45, { age: [40, "years"], "Blood Urea Nitrogen (BUN)": [10, "mg/dL"], "respiratory rate": [20, "breaths per minute"], "Systolic Blood Pressure": [120, "mm Hg"], "Diastolic Blood Pressure": [60.5, "mm Hg"] }, 0, 1, "integer truncation"],
  // published ATP III with 213 / 50 mg/dL: 6.51 %. Reference: 213 mg/dL -> 5.51 mmol/L, HDL 50 -> 1.29 mmol/L, fed
  // to the mg/dL coefficients: score -2.3 (to 0.1), 1 - 0.9402^exp(-2.3) = 0.006 -> 0.0 (to 0.1) x 100 = 0
  [
    46,
    { sex: "Male", age: [55, "years"], "Total cholesterol": [213, "mg/dL"], "high-density lipoprotein cholesterol": [50, "mg/dL"], "Systolic Blood Pressure": [120, "mm Hg"], Smoker: false, "Blood pressure being treated with medicines": false },
    6.509,
    0,
    "mmol/L into mg/dL coefficients",
  ],
  // FentANYL patch 25 µg: published 25 µg/h x 2.4 = 60; reference 25 µg -> 0.025 mg x 2.4 = 0.06
  [49, { "FentANYL patch Dose": [25, "µg"], "FentANYL patch Dose Per Day": [1, "per day"] }, 60, 0.06, "patch converted to mg"],
  // published: nothing abnormal = 0; reference: heart rate always counts 1, WBC 8000/µL = 8e12 per m³ > 12000 -> 1 = 2
  [51, { Temperature: [37, "degrees celsius"], "Heart Rate or Pulse": [80, "beats per minute"], "respiratory rate": [16, "breaths per minute"], "White blood cell count": [8000, "µL"] }, 0, 2, "HR always, WBC per m³"],
];

describe("convention variants on hand examples (published vs medcalc-bench)", () => {
  for (const [id, entities, published, bench, what] of EXAMPLES) {
    it(`${id} ${describeConvention(id).mirrors.split("/").pop()}: ${what}`, () => {
      const got = both(id, entities);
      if (typeof published === "number") expect(got.published as number).toBeCloseTo(published, 3);
      else expect(got.published).toBe(published);
      if (typeof bench === "number") expect(got.bench as number).toBeCloseTo(bench, 3);
      else expect(got.bench).toBe(bench);
      expect(got.bench).not.toEqual(got.published);
    });
  }

  it("69 estimated_gestational_age.py: the absolute difference of the dates", () => {
    const e = { "Last menstrual date": "02/10/2020", "Current Date": "01/27/2020" };
    expect(() => value(69, e, "published")).toThrow(/before the LMP/);
    expect(value(69, e, "medcalc-bench")).toBe("('2 weeks', '0 days')"); // |01/27 - 02/10| = 14 days
  });

  it("every variant has a hand example above", () => {
    const tested = new Set([...EXAMPLES.map(([id]) => id), 69]);
    expect([...MEDCALC_BENCH_VARIANTS.keys()].filter((id) => !tested.has(id))).toEqual([]);
  });

  it("calculators without a variant keep the published formula but read units as the reference does", () => {
    // LDL: published 4.75 x 38.67 - 1.03 x 38.67 - 1.09 x 88.57 / 5 = 124.54; reference 193.3 - 38.7 - 86.1 / 5 = 137.38
    const ldl = both(44, { "Total cholesterol": [4.75, "mmol/L"], "high-density lipoprotein cholesterol": [1.03, "mmol/L"], Triglycerides: [1.09, "mmol/L"] });
    expect(ldl.published as number).toBeCloseTo(124.544, 3);
    expect(ldl.bench as number).toBeCloseTo(137.38, 6);
    // Centor: 38.5 'degrees celsisus' is > 38 °C when published, but 3.6 °C (read as °F) for the reference
    expect(both(20, { age: [30, "years"], Temperature: [38.5, "degrees celsisus"], "Cough Absent": true })).toEqual({ published: 2, bench: 1 });
    expect(describeConvention(44).differences).toMatch(/unit conversions/);
  });

  it("leaves rows alone where the reference agrees with the published formula", () => {
    const e = { sex: "Female", age: [32, "years"], creatinine: [0.6, "mg/dL"] };
    expect(value(3, e, "medcalc-bench") as number).toBeCloseTo(value(3, e, "published") as number, 2);
    const bmi = { weight: [70, "kg"], height: [175, "cm"] };
    expect(value(6, bmi, "medcalc-bench")).toBeCloseTo(value(6, bmi, "published") as number, 9);
  });

  it("parses the conventions switch", () => {
    expect(parseConventions("medcalc-bench")).toBe("medcalc-bench");
    expect(parseConventions(" Published ")).toBe("published");
    expect(() => parseConventions("mdcalc")).toThrow(/expected one of published, medcalc-bench/);
  });
});

describe.runIf(HAVE_DEV)("MedCalc-Bench dev sample under both conventions", () => {
  const published = HAVE_DEV ? runMedcalcCsv(DEV) : undefined;
  const bench = HAVE_DEV ? runMedcalcCsv(DEV, { conventions: "medcalc-bench" }) : undefined;

  it("published is the default and scores 132/164", () => {
    expect(published!.conventions).toBe("published");
    expect(published!.summary).toMatchObject({ total: 164, withinLimits: 132 });
  });

  it("medcalc-bench reproduces the benchmark's labels: 164/164 (>= 0.97 required)", () => {
    expect(bench!.conventions).toBe("medcalc-bench");
    expect(bench!.rows.filter((r) => r.error)).toEqual([]);
    const wrong = bench!.rows.filter((r) => !r.withinLimits);
    expect(wrong.map((r) => `${r.row} ${r.calculatorName}: got ${r.value}, expected ${r.groundTruth}`)).toEqual([]);
    expect(bench!.summary.accuracy).toBeGreaterThanOrEqual(0.97);
    expect(bench!.summary.withinLimits).toBe(164);
  });

  it("the two modes differ exactly on the 32 rows whose labels deviate from the published formulas", () => {
    const pubOk = new Map(published!.rows.map((r) => [r.row, r.withinLimits]));
    const flipped = bench!.rows.filter((r) => r.withinLimits && !pubOk.get(r.row)).map((r) => r.row);
    expect(flipped).toHaveLength(32);
    expect(flipped).toEqual(expect.arrayContaining([23, 200, 240, 340, 427, 428, 513, 552, 588, 829, 848, 868, 888, 890, 908, 928]));
  });
});

describe.runIf(HAVE_DEV)("medgym calc --conventions", () => {
  afterEach(() => vi.restoreAllMocks());

  async function cli(...argv: string[]): Promise<string> {
    const out: string[] = [];
    vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
    const program = new Command("medgym").exitOverride();
    register(program);
    await program.parseAsync(argv, { from: "user" });
    return out.join("\n");
  }

  it("names the conventions in --json output and in the text summary", async () => {
    const doc = JSON.parse(await cli("calc", "--medcalc", DEV, "--calculator", "21", "--conventions", "medcalc-bench", "--json"));
    expect(doc.conventions).toBe("medcalc-bench");
    expect(doc.summary).toMatchObject({ total: 3, withinLimits: 3, accuracy: 1 });
    expect(doc.summary.published).toEqual({ withinLimits: 0, accuracy: 0 });
    const pub = JSON.parse(await cli("calc", "--medcalc", DEV, "--calculator", "21", "--conventions", "published", "--json"));
    expect(pub.conventions).toBe("published");
    expect(pub.summary.withinLimits).toBe(0);
    const text = (await cli("calc", "--medcalc", DEV, "--calculator", "gcs", "--conventions", "medcalc-bench")).split("\n");
    expect(JSON.parse(text[text.length - 1])).toEqual({ conventions: "medcalc-bench", total: 3, withinLimits: 3, accuracy: 1, published: { withinLimits: 0, accuracy: 0 } });
  });

  it("rejects an unknown convention", async () => {
    await expect(cli("calc", "--medcalc", DEV, "--conventions", "mdcalc")).rejects.toThrow(/Unknown conventions/);
  });
});
