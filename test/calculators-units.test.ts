/** Unit conversions, the Python-literal entity parser, and entity -> input mapping with unit errors. */
import { describe, expect, it } from "vitest";
import { EntityBag, fromMedcalcEntities, getCalculator, parseEntities, parsePythonLiteral } from "../src/clinical/calculators/index.js";
import { UnitError, convertConcentration, convertMass, countPerMicroliter, toCelsius, toCm, toKg, toMmHg, toUnitsPerLiter, toYears } from "../src/clinical/units.js";

describe("concentrations", () => {
  it.each([
    // [value, from, to, analyte, expected, digits] with the textbook factors
    [1, "mg/dL", "µmol/L", "creatinine", 88.4, 1],
    [88.4, "μmol/L", "mg/dL", "creatinine", 1, 3], // Greek mu as well as the micro sign
    [10, "mmol/L", "mg/dL", "glucose", 180.16, 2], // 18.016 mg/dL per mmol/L
    [1, "mg/dL", "µmol/L", "bilirubin", 17.1, 1],
    [1, "mmol/L", "mg/dL", "cholesterol", 38.67, 2],
    [1, "mmol/L", "mg/dL", "triglycerides", 88.57, 2],
    [10, "mmol/L", "mg/dL", "bun", 28.02, 2], // urea mmol/L -> BUN mg/dL, x 2.8
    [2.5, "mmol/L", "mg/dL", "calcium", 10.02, 2],
    [5, "mEq/L", "mmol/L", "calcium", 2.5, 9], // divalent
    [140, "mEq/L", "mmol/L", "sodium", 140, 9], // monovalent
    [35, "g/L", "g/dL", "albumin", 3.5, 9],
    [60, "pmol/L", "µIU/mL", "insulin", 10, 9], // 6 pmol/L per µIU/mL
    [8.5, "mmol/L", "g/dL", "hemoglobin", 13.7, 1],
  ] as const)("%d %s -> %s (%s)", (value, from, to, analyte, expected, digits) => {
    expect(convertConcentration(value, from, to, analyte)).toBeCloseTo(expected, digits);
  });

  it("round-trips", () => {
    expect(convertConcentration(convertConcentration(1.37, "mg/dL", "µmol/L", "creatinine"), "µmol/L", "mg/dL", "creatinine")).toBeCloseTo(1.37, 12);
  });

  it("names the unit and quantity it does not know", () => {
    expect(() => convertConcentration(1, "mg/furlong", "mg/dL", "glucose")).toThrow(UnitError);
    expect(() => convertConcentration(1, "mg/furlong", "mg/dL", "glucose")).toThrow(/"mg\/furlong" for glucose/);
    expect(() => convertConcentration(1, "bananas/L", "mg/dL", "creatinine")).toThrow(/"bananas\/L" for creatinine/);
    expect(() => convertConcentration(1, "mEq/L", "mg/dL", "glucose")).toThrow(/no ionic valence/);
    expect(() => convertConcentration(1, "mg", "mg/dL", "glucose")).toThrow(/expected a concentration/);
  });
});

describe("body measures and counts", () => {
  it("weight, height, temperature, age, pressure, enzyme activity, mass", () => {
    expect(toKg(154, "lbs")).toBeCloseTo(69.853, 3);
    expect(toKg(3500, "g")).toBe(3.5);
    expect(toCm(70, "in")).toBeCloseTo(177.8, 9);
    expect(toCm(5, "ft")).toBeCloseTo(152.4, 9);
    expect(toCm(1.8, "m")).toBeCloseTo(180, 9);
    expect(toCelsius(98.6, "degrees fahrenheit")).toBeCloseTo(37, 9);
    expect(toCelsius(100.1, "degrees fahreinheit")).toBeCloseTo(37.833, 3); // spelling found in the benchmark
    expect(toCelsius(37.2, "degrees celsisus")).toBe(37.2);
    expect(toCelsius(37, "°C")).toBe(37);
    expect(toYears(18, "months")).toBe(1.5);
    expect(toMmHg(8, "kPa")).toBeCloseTo(60.005, 3);
    expect(toMmHg(120, "mm hg")).toBe(120);
    expect(toUnitsPerLiter(1, "µkat/L")).toBe(60);
    expect(convertMass(250, "mcg", "mg")).toBeCloseTo(0.25, 12);
  });

  it("cell counts from the several notations", () => {
    expect(countPerMicroliter(12.5, "10^9/L")).toBeCloseTo(12500, 6);
    expect(countPerMicroliter(250, "10^3/µL")).toBeCloseTo(250000, 6);
    expect(countPerMicroliter(9400, "mm^3")).toBe(9400);
    expect(countPerMicroliter(9400, "cells/µL")).toBe(9400);
    expect(countPerMicroliter(2.5e11, "L")).toBeCloseTo(250000, 6);
    expect(countPerMicroliter(7.2, "K/µL")).toBeCloseTo(7200, 6);
  });

  it("rejects unknown body-measure units with the quantity named", () => {
    expect(() => toKg(10, "stone-ish")).toThrow(/"stone-ish" for weight/);
    expect(() => toCm(10, "cubits")).toThrow(/"cubits" for height/);
    expect(() => toCelsius(10, "rankine")).toThrow(/for temperature/);
    expect(() => toYears(3, "fortnights")).toThrow(/for age/);
    expect(() => countPerMicroliter(5, "per hectare")).toThrow(/for cell count/);
  });
});

describe("Python-literal entities", () => {
  it("parses dicts, lists, tuples, booleans, None, escapes and numbers", () => {
    const v = parsePythonLiteral(`{'a': [1, 'years'], "b": True, 'c': False, 'd': None, 'e': (2.5e-1, -3), 'f': 'it\\'s', 'g': {'h': []}}`);
    expect(v).toEqual({ a: [1, "years"], b: true, c: false, d: null, e: [0.25, -3], f: "it's", g: { h: [] } });
  });
  it("reports where parsing failed", () => {
    expect(() => parseEntities("{'a': [1, 'x'")).toThrow(/offset/);
    expect(() => parseEntities("[1, 2]")).toThrow(/must be a dict/);
    expect(() => parsePythonLiteral("{'a': 1} trailing")).toThrow(/trailing/);
  });
  it("looks entities up loosely and converts compound heights and ages", () => {
    const bag = new EntityBag(parseEntities("{'Age': [2, 'years', 6, 'months'], 'height': [5, 'ft', 10, 'in'], 'weight': [154.0, 'lbs'], 'FiO₂': [40, '%']}"));
    expect(bag.ageYears()).toBe(2.5);
    expect(bag.heightCm()).toBeCloseTo(177.8, 9);
    expect(bag.weightKg()).toBeCloseTo(69.853, 3);
    expect(bag.number("FiO2")).toBe(40); // subscript two matches the digit
  });
});

describe("fromMedcalcEntities", () => {
  it("converts units into the calculator's typed inputs", () => {
    const inputs = fromMedcalcEntities(2, "{'sex': 'Female', 'age': [70, 'years'], 'weight': [132.0, 'lbs'], 'height': [64, 'in'], 'creatinine': [106.08, 'µmol/L']}");
    expect(inputs.sex).toBe("female");
    expect(inputs.weightKg as number).toBeCloseTo(59.874, 3);
    expect(inputs.heightCm as number).toBeCloseTo(162.56, 6);
    expect(inputs.creatinineMgDl as number).toBeCloseTo(1.2, 3);
  });
  it("maps absent criteria to false and reads per-mm³ counts written as 'm^3'", () => {
    const sirs = fromMedcalcEntities("sirs", "{'Temperature': [39.4, 'degrees celsius'], 'White blood cell count': [6370.0, 'm^3']}");
    expect(sirs).toMatchObject({ temperatureC: 39.4, wbcPerMicroL: 6370 });
    const wells = fromMedcalcEntities("wells_dvt", "{'Active cancer': True}");
    expect(wells).toMatchObject({ activeCancer: true, entireLegSwollen: false, alternativeDiagnosisLikely: false });
  });
  it("errors clearly on a missing input, an unknown unit, or an unknown option", () => {
    expect(() => fromMedcalcEntities(6, "{'weight': [70, 'kg']}")).toThrow(/Body Mass Index.*heightCm: missing required input/);
    expect(() => fromMedcalcEntities(6, "{'weight': [70, 'kg'], 'height': [5, 'cubits']}")).toThrow(/"cubits" for height/);
    expect(() => fromMedcalcEntities(3, "{'sex': 'Male', 'age': [40, 'years'], 'creatinine': [1, 'mg/furlong']}")).toThrow(/"mg\/furlong" for creatinine/);
    expect(() => fromMedcalcEntities(15, "{'international normalized ratio': 1.2, 'Albumin': [3, 'g/dL'], 'Bilirubin': [1, 'mg/dL'], 'Ascites': 'torrential'}")).toThrow(/Unknown ascites grade 'torrential'/);
  });
  it("builds the MME drug list from whatever opioids are present", () => {
    const inputs = fromMedcalcEntities(49, "{'OxyCODONE Dose': [10, 'mg'], 'OxyCODONE Dose Per Day': [4, 'per day'], 'FentaNYL buccal Dose': [0.1, 'mg'], 'FentaNYL buccal Dose Per Day': [2, 'per day']}");
    expect(inputs.opioids).toEqual([
      { drug: "OxyCODONE", dose: 10, doseUnit: "mg", dosesPerDay: 4 },
      { drug: "FentaNYL buccal", dose: 0.1, doseUnit: "mg", dosesPerDay: 2 },
    ]);
    // 10 x 4 x 1.5 = 60, plus 0.1 mg = 100 µg x 2 x 0.13 = 26
    expect(getCalculator(49).compute(inputs).value).toBeCloseTo(86, 9);
  });
});
