/**
 * Unit conversions for clinical quantities.
 *
 * Concentrations convert through amount-of-substance, so one table of analytes (molar mass, ionic
 * valence) covers mg/dL <-> µmol/L, mEq/L <-> mmol/L, g/dL <-> g/L and their mixes. Body measures
 * (weight, height, temperature, age, pressure) and cell counts have their own small converters.
 * Every converter throws `UnitError` naming the unit and the quantity when it meets a unit it does
 * not know, so a typo in extracted data surfaces instead of silently scaling a value.
 */

export class UnitError extends Error {
  readonly quantity: string;
  readonly unit: string;
  constructor(quantity: string, unit: string, detail?: string) {
    super(`Unknown or unsupported unit "${unit}" for ${quantity}${detail ? ` (${detail})` : ""}`);
    this.name = "UnitError";
    this.quantity = quantity;
    this.unit = unit;
  }
}

/**
 * Canonical spelling used for table lookups: lower case, no spaces, micro written "u".
 * Both the micro sign (U+00B5) and the Greek mu (U+03BC) occur in real data.
 */
export function unitKey(unit: string): string {
  return unit
    .normalize("NFKC")
    .replace(/[\u00B5\u03BC]/g, "u")
    .replace(/\bmcg\b/gi, "ug")
    .replace(/\s+/g, "")
    .replace(/³/g, "^3")
    .replace(/\*\*/g, "^")
    .toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// Concentrations

export interface Analyte {
  label: string;
  /** g/mol; for BUN this is N2 (28.02) because BUN is reported as nitrogen mass. */
  molarMass: number;
  /** charge per ion, for mEq; omitted for non-ionic analytes. */
  valence?: number;
  /** mol per international unit, for hormones reported in IU (insulin: 1 µIU/mL = 6 pmol/L). */
  molPerIU?: number;
}

export const ANALYTES = {
  creatinine: { label: "creatinine", molarMass: 113.12 },
  glucose: { label: "glucose", molarMass: 180.16 },
  bun: { label: "blood urea nitrogen", molarMass: 28.02 },
  urea: { label: "urea", molarMass: 60.06 },
  calcium: { label: "calcium", molarMass: 40.08, valence: 2 },
  magnesium: { label: "magnesium", molarMass: 24.305, valence: 2 },
  sodium: { label: "sodium", molarMass: 22.99, valence: 1 },
  potassium: { label: "potassium", molarMass: 39.098, valence: 1 },
  chloride: { label: "chloride", molarMass: 35.45, valence: 1 },
  bicarbonate: { label: "bicarbonate", molarMass: 61.02, valence: 1 },
  albumin: { label: "albumin", molarMass: 66500 },
  // Total bilirubin 584.66 g/mol gives the usual 17.1 µmol/L per mg/dL.
  bilirubin: { label: "bilirubin", molarMass: 584.66 },
  // 386.7 g/mol: the conventional 38.67 mg/dL per mmol/L used for every cholesterol fraction.
  cholesterol: { label: "cholesterol", molarMass: 386.7 },
  // Triolein-based 885.7 g/mol gives 88.57 mg/dL per mmol/L.
  triglycerides: { label: "triglycerides", molarMass: 885.7 },
  // Monomer mass: the mmol/L convention of labs that report haemoglobin in SI units.
  hemoglobin: { label: "hemoglobin", molarMass: 16114.5 },
  insulin: { label: "insulin", molarMass: 5808, molPerIU: 6e-9 },
} as const satisfies Record<string, Analyte>;

export type AnalyteName = keyof typeof ANALYTES;

const MASS_G: Record<string, number> = { kg: 1e3, g: 1, mg: 1e-3, ug: 1e-6, ng: 1e-9, pg: 1e-12 };
const MOL: Record<string, number> = { mol: 1, mmol: 1e-3, umol: 1e-6, nmol: 1e-9, pmol: 1e-12 };
const EQ: Record<string, number> = { eq: 1, meq: 1e-3, ueq: 1e-6 };
const IU: Record<string, number> = { iu: 1, miu: 1e-3, uiu: 1e-6, u: 1, mu: 1e-3, uu: 1e-6 };
const VOLUME_L: Record<string, number> = {
  l: 1,
  dl: 0.1,
  ml: 1e-3,
  cc: 1e-3,
  "cm^3": 1e-3,
  ul: 1e-6,
  "mm^3": 1e-6,
};

/** Moles of `analyte` in one `amountUnit` (mg, mmol, mEq, µIU, ...). */
function molesPerAmountUnit(amountUnit: string, analyte: Analyte, original: string): number {
  if (amountUnit in MASS_G) return MASS_G[amountUnit] / analyte.molarMass;
  if (amountUnit in MOL) return MOL[amountUnit];
  if (amountUnit in EQ) {
    if (!analyte.valence) throw new UnitError(analyte.label, original, `${analyte.label} has no ionic valence, so equivalents do not apply`);
    return EQ[amountUnit] / analyte.valence;
  }
  if (amountUnit in IU) {
    if (!analyte.molPerIU) throw new UnitError(analyte.label, original, `${analyte.label} is not measured in international units`);
    return IU[amountUnit] * analyte.molPerIU;
  }
  throw new UnitError(analyte.label, original);
}

function splitConcentrationUnit(unit: string, quantity: string): { amount: string; volume: number } {
  const key = unitKey(unit);
  const slash = key.indexOf("/");
  if (slash < 0) throw new UnitError(quantity, unit, "expected a concentration such as mg/dL or mmol/L");
  const amount = key.slice(0, slash);
  const volumeKey = key.slice(slash + 1);
  const volume = VOLUME_L[volumeKey];
  if (volume === undefined) throw new UnitError(quantity, unit, `unknown volume unit "${volumeKey}"`);
  return { amount, volume };
}

/** Convert a concentration of `analyte` between any amount/volume units, e.g. µmol/L -> mg/dL. */
export function convertConcentration(value: number, fromUnit: string, toUnit: string, analyte: AnalyteName | Analyte): number {
  const a: Analyte = typeof analyte === "string" ? ANALYTES[analyte] : analyte;
  if (unitKey(fromUnit) === unitKey(toUnit)) return value;
  const from = splitConcentrationUnit(fromUnit, a.label);
  const to = splitConcentrationUnit(toUnit, a.label);
  const molPerLitre = (value * molesPerAmountUnit(from.amount, a, fromUnit)) / from.volume;
  return (molPerLitre * to.volume) / molesPerAmountUnit(to.amount, a, toUnit);
}

/** Plain mass conversion (drug doses): mg, g, µg/mcg, ng, kg. */
export function convertMass(value: number, fromUnit: string, toUnit: string, quantity = "mass"): number {
  const f = MASS_G[unitKey(fromUnit)];
  const t = MASS_G[unitKey(toUnit)];
  if (f === undefined) throw new UnitError(quantity, fromUnit);
  if (t === undefined) throw new UnitError(quantity, toUnit);
  return (value * f) / t;
}

// ---------------------------------------------------------------------------------------------
// Cell counts

/**
 * Cells per µL (= per mm³). Accepts "/µL", "cells/mm^3", "10^9/L", "10^3/µL", "K/µL", "/L", and the
 * bare volume forms ("µL", "mm^3", "L") used by data sets that write only the denominator.
 */
export function countPerMicroliter(value: number, unit: string, quantity = "cell count"): number {
  let key = unitKey(unit).replace(/^(cells|count|cnt)/, "").replace(/^x/, "");
  let multiplier = 1;
  // A scale prefix must be followed by "/" so that "mm^3" is not read as mega-m^3.
  const pow = key.match(/^(?:10\^(\d+)|([kmg]))\//);
  if (pow) {
    if (pow[1]) multiplier = 10 ** Number(pow[1]);
    else multiplier = { k: 1e3, m: 1e6, g: 1e9 }[pow[2] as "k" | "m" | "g"];
    key = key.slice(pow[0].length);
  }
  key = key.replace(/^\//, "");
  const litres = VOLUME_L[key];
  if (litres === undefined) throw new UnitError(quantity, unit, "expected a count per volume such as /µL or 10^9/L");
  return (value * multiplier * 1e-6) / litres;
}

// ---------------------------------------------------------------------------------------------
// Body measures

const KG: Record<string, number> = {
  kg: 1,
  kgs: 1,
  g: 1e-3,
  lb: 0.453592,
  lbs: 0.453592,
  pound: 0.453592,
  pounds: 0.453592,
  oz: 0.0283495,
};

export function toKg(value: number, unit: string): number {
  const f = KG[unitKey(unit)];
  if (f === undefined) throw new UnitError("weight", unit);
  return value * f;
}

const CM: Record<string, number> = {
  cm: 1,
  m: 100,
  mm: 0.1,
  in: 2.54,
  inch: 2.54,
  inches: 2.54,
  '"': 2.54,
  ft: 30.48,
  feet: 30.48,
  foot: 30.48,
  "'": 30.48,
};

export function toCm(value: number, unit: string): number {
  const f = CM[unitKey(unit)];
  if (f === undefined) throw new UnitError("height", unit);
  return value * f;
}

/** Degrees Celsius from °C/°F/K, tolerating spelled-out and misspelled forms ("degrees fahreinheit"). */
export function toCelsius(value: number, unit: string): number {
  const k = unitKey(unit).replace(/^degrees?/, "").replace(/^°/, "");
  if (k === "c" || k.startsWith("cel")) return value;
  if (k === "f" || k.startsWith("fah")) return ((value - 32) * 5) / 9;
  if (k === "k" || k === "kelvin") return value - 273.15;
  throw new UnitError("temperature", unit);
}

const YEARS_PER: Record<string, number> = {
  year: 1,
  years: 1,
  yr: 1,
  yrs: 1,
  y: 1,
  month: 1 / 12,
  months: 1 / 12,
  mo: 1 / 12,
  week: 1 / 52,
  weeks: 1 / 52,
  wk: 1 / 52,
  wks: 1 / 52,
  day: 1 / 365,
  days: 1 / 365,
  d: 1 / 365,
};

export function toYears(value: number, unit: string): number {
  const f = YEARS_PER[unitKey(unit)];
  if (f === undefined) throw new UnitError("age", unit);
  return value * f;
}

/** mm Hg from mm Hg, kPa or cm H2O. */
export function toMmHg(value: number, unit: string, quantity = "pressure"): number {
  const k = unitKey(unit);
  if (k === "mmhg" || k === "torr") return value;
  if (k === "kpa") return value * 7.50062;
  if (k === "cmh2o") return value * 0.735559;
  throw new UnitError(quantity, unit);
}

/** Enzyme activity in U/L (IU/L); µkat/L is converted at 60 U per µkat. */
export function toUnitsPerLiter(value: number, unit: string, quantity = "enzyme activity"): number {
  const k = unitKey(unit);
  if (k === "u/l" || k === "iu/l" || k === "units/l") return value;
  if (k === "ukat/l") return value * 60;
  if (k === "nkat/l") return value * 0.06;
  throw new UnitError(quantity, unit);
}
