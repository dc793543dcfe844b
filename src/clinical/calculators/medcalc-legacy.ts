/**
 * Python-mirroring primitives for the "medcalc-bench" conventions: the arithmetic and unit handling
 * of MedCalc-Bench's reference implementation (ncbi-nlp/MedCalc-Bench, `calculator_implementations/`),
 * which produced the benchmark's Ground Truth Answers. Each helper names the Python it mirrors.
 * None of this is used by the published-formula calculators or the agent tools.
 *
 * - `pyRound(x, n)`: Python 3 `round()` on floats (the exact binary value, ties to even).
 * - `legacyRoundNumber(x)`: the `rounding.round_number` the labels were generated with. The stored
 *   `rounding.py` rounds to 5 decimals, but every conversion printed in the benchmark's explanations
 *   shows the earlier behaviour: 3 decimals from 0.001 up (4.75 mmol -> 0.005 mol), 3 significant
 *   digits below (158.21 µmol -> 0.000158 mol, 40.2 µmol -> 4.02e-05 mol).
 * - `legacyConcentration`: `unit_converter_new.conversion_explanation`, which rounds every
 *   intermediate (mass unit, mol <-> g via the calculator's molar mass, volume factor).
 * - `legacyTemperatureC`: `convert_temperature.fahrenheit_to_celsius_explanation`: only the exact
 *   unit text "degrees celsius" is Celsius; anything else ("degrees celsisus", "°C") is read as °F.
 * - `legacyAgeYears`: `age_conversion.age_conversion` (months // 12, weeks // 52, days -> 0).
 * - `legacyWeightKg`: `weight_conversion.weight_conversion_explanation` ("lbs", "g", else kg).
 * - `legacyCount`: `unit_converter_new.convert_to_units_per_liter_explanation` (volume factor only;
 *   a count "per m^3" really is divided by 10^9 on the way to µL).
 * - `pyTruthy`: Python truthiness of an entity value (any non-empty string is true).
 * - `BenchEntityBag`: an EntityBag whose unit conversions are the ones above, so that a published
 *   calculator whose formula the reference shares reproduces the reference's inputs.
 */

import { type AnalyteName } from "../units.js";
import { EntityBag, type PyValue } from "./entities.js";

// ---------------------------------------------------------------------------------------------
// Rounding

/** |x| = digits x 10^-scale exactly (every finite double has a finite decimal expansion). */
function exactDecimal(x: number): { digits: string; scale: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const expBits = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp: number;
  if (expBits === 0) exp = -1074;
  else {
    mantissa |= 1n << 52n;
    exp = expBits - 1075;
  }
  if (exp >= 0) return { digits: (mantissa << BigInt(exp)).toString(), scale: 0 };
  return { digits: (mantissa * 5n ** BigInt(-exp)).toString(), scale: -exp };
}

/** Python 3 `round(x, n)` for n >= 0: decided on the exact binary value, exact ties to even. */
export function pyRound(x: number, n = 0): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const { digits, scale } = exactDecimal(x);
  if (scale <= n) return x;
  const drop = scale - n;
  const padded = digits.padStart(drop + 1, "0");
  let kept = BigInt(padded.slice(0, padded.length - drop));
  const rest = padded.slice(padded.length - drop);
  const first = rest.charCodeAt(0) - 48;
  const tail = /[1-9]/.test(rest.slice(1));
  if (first > 5 || (first === 5 && (tail || kept % 2n === 1n))) kept += 1n;
  const v = Number(`${kept}e-${n}`);
  return x < 0 ? -v : v;
}

/** `rounding.round_number` as it was when the labels were generated (see the file comment). */
export function legacyRoundNumber(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  if (Math.abs(x) >= 0.001) return pyRound(x, 3);
  return pyRound(x, -Math.floor(Math.log10(Math.abs(x))) + 2);
}

// ---------------------------------------------------------------------------------------------
// Concentrations (unit_converter_new.py)

/** Thrown when the reference converter would fail (unknown unit, missing molar mass or valence). */
export class LegacyUnitError extends Error {
  constructor(detail: string) {
    super(`reference converter cannot handle this: ${detail}`);
    this.name = "LegacyUnitError";
  }
}

const MOL: Record<string, number> = { mol: 1, mmol: 0.001, "µmol": 0.000001, pmol: 0.000000001 };
const GRAM: Record<string, number> = { kg: 1000, g: 1, mg: 0.001, "µg": 0.000001 };
const VOLUME_L: Record<string, number> = { L: 1, dL: 0.1, mL: 0.001, "µL": 0.000001, "mm^3": 0.000001, "cm^3": 0.001, "m^3": 1000 };
const MASS_UNITS = new Set(["mol", "mmol", "µmol", "pmol", "kg", "g", "mg", "µg", "mEq"]);

/** The benchmark's data uses the micro sign; the Greek mu is the same unit. */
const micro = (unit: string) => unit.replace(/\u03BC/g, "µ");

function lookup(table: Record<string, number>, unit: string): number {
  const v = table[unit];
  if (v === undefined) throw new LegacyUnitError(`unit '${unit}'`);
  return v;
}

/** molg_to_molg_explanation: mol<->mol or g<->g with a rounded factor and a rounded result. */
function molgToMolg(mass: number, src: string, tgt: string): number {
  let table: Record<string, number>;
  if (src.includes("mol") && tgt.includes("mol")) table = MOL;
  else if (src.includes("g") && tgt.includes("g")) table = GRAM;
  else throw new LegacyUnitError(`${src} -> ${tgt}`);
  if (src === tgt) return mass;
  const factor = legacyRoundNumber(lookup(table, src) / lookup(table, tgt));
  return legacyRoundNumber(mass * factor);
}

const need = (v: number | undefined, what: string): number => {
  if (v === undefined) throw new LegacyUnitError(`no ${what} given`);
  return v;
};

function molToG(value: number, molarMass: number | undefined, src: string, tgt: string): number {
  const mol = molgToMolg(value, src, "mol");
  const grams = legacyRoundNumber(mol * need(molarMass, "molar mass"));
  return molgToMolg(grams, "g", tgt);
}

function gToMol(value: number, molarMass: number | undefined, src: string, tgt: string): number {
  const grams = molgToMolg(value, src, "g");
  const mol = legacyRoundNumber(grams / need(molarMass, "molar mass"));
  return molgToMolg(mol, "mol", tgt);
}

/** mass_conversion_explanation: the branch order matters ("mg" contains "g", "mmol" contains "mol"). */
function massConversion(value: number, molarMass: number | undefined, valence: number | undefined, src: string, tgt: string): number {
  if ((src.includes("g") && tgt.includes("g")) || (src.includes("mol") && tgt.includes("mol"))) return molgToMolg(value, src, tgt);
  if (src.includes("mol") && tgt.includes("g")) return molToG(value, molarMass, src, tgt);
  if (src.includes("g") && tgt.includes("mol")) return gToMol(value, molarMass, src, tgt);
  if (src.includes("mol") && tgt.includes("mEq")) {
    const mmol = src === "mmol" ? value : molgToMolg(value, src, "mmol");
    return legacyRoundNumber(mmol * need(valence, "valence"));
  }
  if (src.includes("mEq") && tgt.includes("mol")) {
    const mmol = legacyRoundNumber(value / need(valence, "valence"));
    return tgt === "mmol" ? mmol : molgToMolg(mmol, "mmol", tgt);
  }
  if (src.includes("mEq") && tgt.includes("g")) {
    const mmol = legacyRoundNumber(value / need(valence, "valence"));
    return molToG(molgToMolg(mmol, "mmol", "mol"), molarMass, "mol", tgt);
  }
  if (src.includes("g") && tgt.includes("mEq")) return legacyRoundNumber(gToMol(value, molarMass, src, "mmol") * need(valence, "valence"));
  throw new LegacyUnitError(`${src} -> ${tgt}`);
}

/**
 * unit_converter_new.conversion_explanation(value, compound, molar_mass, valence, src, tgt): a
 * concentration (or a bare mass) converted with every intermediate rounded by `legacyRoundNumber`.
 */
export function legacyConcentration(value: number, srcUnit: string, tgtUnit: string, molarMass?: number, valence?: number): number {
  const src = micro(srcUnit);
  const tgt = micro(tgtUnit);
  if (src.includes("/") && tgt.includes("/")) {
    const [srcMass, srcVol] = src.split("/");
    const [tgtMass, tgtVol] = tgt.split("/");
    if (srcMass === tgtMass && srcVol === tgtVol) return value;
    const mass = srcMass === tgtMass ? value : massConversion(value, molarMass, valence, srcMass, tgtMass);
    if (srcVol === tgtVol) return legacyRoundNumber(mass);
    const factor = legacyRoundNumber(lookup(VOLUME_L, srcVol) / lookup(VOLUME_L, tgtVol));
    return legacyRoundNumber(mass / factor);
  }
  if (!src.includes("/") && !tgt.includes("/") && MASS_UNITS.has(src) && MASS_UNITS.has(tgt)) {
    return src === tgt ? value : massConversion(value, molarMass, valence, src, tgt);
  }
  throw new LegacyUnitError(`${srcUnit} -> ${tgtUnit}`);
}

/** convert_to_units_per_liter_explanation: a count per `unit` re-expressed per `target` volume. */
export function legacyCount(value: number, unit: string, target: string): number {
  const u = micro(unit.trim());
  const t = micro(target);
  if (u === t) return value;
  const factor = legacyRoundNumber(lookup(VOLUME_L, t) / lookup(VOLUME_L, u));
  return legacyRoundNumber(factor * value);
}

// ---------------------------------------------------------------------------------------------
// Temperature, age, weight

/** fahrenheit_to_celsius_explanation: Celsius only for the exact text "degrees celsius". */
export function legacyTemperatureC(value: number, unit: string): number {
  if (unit === "degrees celsius") return value;
  return legacyRoundNumber(((value - 32) * 5) / 9);
}

/** age_conversion.age_conversion over a `[n, unit, ...]` list: the first pair decides. */
export function legacyAgeYears(value: PyValue): number | undefined {
  if (!Array.isArray(value)) return typeof value === "number" ? value : undefined;
  for (let k = 0; k + 1 < value.length; k += 2) {
    const n = value[k];
    const unit = value[k + 1];
    if (typeof n !== "number" || typeof unit !== "string") return undefined;
    if (unit.includes("year")) return n;
    if (unit.includes("months")) return Math.floor(n / 12);
    if (unit.includes("weeks")) return Math.floor(n / 52);
    if (unit.includes("days")) return 0;
  }
  return undefined;
}

/** weight_conversion_explanation: "lbs" and "g" convert, any other unit is taken as kg. */
export function legacyWeightKg(value: PyValue): number | undefined {
  if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== "number" || typeof value[1] !== "string") return undefined;
  const [w, unit] = value;
  if (unit === "lbs") return legacyRoundNumber(w * 0.453592);
  if (unit === "g") return w / 1000;
  return w;
}

/** Python truthiness of an entity value. */
export function pyTruthy(v: PyValue | undefined): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  if (typeof v === "string") return v.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  return Object.keys(v).length > 0;
}

// ---------------------------------------------------------------------------------------------
// Entity access with the reference's conversions

/** Molar mass (g/mol) and valence the reference passes for each analyte, unless a calculator overrides it. */
export interface LegacyAnalyte {
  molarMass?: number;
  valence?: number;
}

export const LEGACY_ANALYTES: Partial<Record<AnalyteName, LegacyAnalyte>> = {
  creatinine: { molarMass: 113.12 },
  glucose: { molarMass: 180.16 },
  bun: { molarMass: 28.02 },
  calcium: { molarMass: 40.08, valence: 2 },
  sodium: { molarMass: 22.99, valence: 1 },
  potassium: { molarMass: 39.098, valence: 1 },
  chloride: { molarMass: 35.45, valence: 1 },
  bicarbonate: { molarMass: 61.02, valence: 1 },
  albumin: { molarMass: 66500 },
  bilirubin: { molarMass: 548.66 },
  cholesterol: { molarMass: 386.654 },
  triglycerides: { molarMass: 861.338 },
  hemoglobin: { molarMass: 64500 },
};

/**
 * An EntityBag whose conversions are the reference implementation's. Where the reference converter
 * would have failed (so the row could not have been labelled that way) it falls back to the
 * published conversion rather than refusing.
 */
export class BenchEntityBag extends EntityBag {
  private readonly analytes: Partial<Record<AnalyteName, LegacyAnalyte>>;

  constructor(raw: Record<string, PyValue>, analytes: Partial<Record<AnalyteName, LegacyAnalyte>> = {}) {
    super(raw);
    this.analytes = { ...LEGACY_ANALYTES, ...analytes };
  }

  static from(bag: EntityBag, analytes: Partial<Record<AnalyteName, LegacyAnalyte>> = {}): BenchEntityBag {
    return new BenchEntityBag(bag.raw, analytes);
  }

  override concentration(analyte: AnalyteName, toUnit: string, ...names: string[]): number | undefined {
    const q = this.quantity(...names);
    if (!q) return undefined;
    const a = this.analytes[analyte] ?? {};
    try {
      return legacyConcentration(q.value, q.unit, toUnit, a.molarMass, a.valence);
    } catch (e) {
      if (e instanceof LegacyUnitError) return super.concentration(analyte, toUnit, ...names);
      throw e;
    }
  }

  override temperatureC(...names: string[]): number | undefined {
    const q = this.quantity(...names);
    return q ? legacyTemperatureC(q.value, q.unit) : undefined;
  }

  /** The reference reads pressures as bare numbers (`sys_bp[0]`), whatever the unit says. */
  override pressureMmHg(...names: string[]): number | undefined {
    return this.quantity(...names)?.value;
  }

  override ageYears(): number | undefined {
    const hit = this.get("age");
    if (!hit) return undefined;
    return legacyAgeYears(hit.value) ?? super.ageYears();
  }

  override weightKg(): number | undefined {
    const hit = this.get("weight");
    if (!hit) return undefined;
    return legacyWeightKg(hit.value) ?? super.weightKg();
  }

  override countPerMicroliter(...names: string[]): number | undefined {
    const q = this.quantity(...names);
    if (!q) return undefined;
    try {
      return legacyCount(q.value, q.unit, "µL");
    } catch (e) {
      if (e instanceof LegacyUnitError) return super.countPerMicroliter(...names);
      throw e;
    }
  }

  /** Concentration with explicit molar mass/valence (a calculator's own constants). */
  concentrationWith(toUnit: string, analyte: LegacyAnalyte, fallback: AnalyteName, ...names: string[]): number | undefined {
    const q = this.quantity(...names);
    if (!q) return undefined;
    try {
      return legacyConcentration(q.value, q.unit, toUnit, analyte.molarMass, analyte.valence);
    } catch (e) {
      if (e instanceof LegacyUnitError) return super.concentration(fallback, toUnit, ...names);
      throw e;
    }
  }

  /** Python truthiness of the first entity present under `names` (false when none is). */
  truthy(...names: string[]): boolean {
    return pyTruthy(this.get(...names)?.value);
  }
}
