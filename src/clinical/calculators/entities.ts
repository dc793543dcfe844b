/**
 * MedCalc-Bench "Relevant Entities": a Python-literal dict (single quotes, True/False/None, lists
 * and tuples) of values extracted from the patient note, e.g.
 *   {'age': [87, 'years'], 'sex': 'Male', 'creatinine': [1.4, 'mg/dL'], 'Hemoptysis': False}
 * `parseEntities` reads that literal; `EntityBag` gives typed, unit-converted access by entity name
 * (matched case- and punctuation-insensitively, because the benchmark spells some names loosely).
 */

import {
  type AnalyteName,
  UnitError,
  convertConcentration,
  countPerMicroliter,
  toCelsius,
  toCm,
  toKg,
  toMmHg,
  toYears,
} from "../units.js";

export type PyValue = string | number | boolean | null | PyValue[] | { [key: string]: PyValue };

export class EntityParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EntityParseError";
  }
}

/** Parse a Python literal (dict/list/tuple/str/int/float/True/False/None). */
export function parsePythonLiteral(text: string): PyValue {
  let i = 0;
  const fail = (what: string): never => {
    throw new EntityParseError(`Cannot parse Python literal at offset ${i}: ${what} (near ${JSON.stringify(text.slice(i, i + 30))})`);
  };
  const ws = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const value = (): PyValue => {
    ws();
    const c = text[i];
    if (c === "{") return dict();
    if (c === "[" || c === "(") return seq(c === "[" ? "]" : ")");
    if (c === "'" || c === '"') return str();
    if (c !== undefined && /[-+0-9.]/.test(c)) return num();
    for (const [word, v] of [["True", true], ["False", false], ["None", null]] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    return fail("unexpected character");
  };
  const dict = (): PyValue => {
    i++;
    const out: Record<string, PyValue> = {};
    ws();
    while (text[i] !== "}") {
      const k = value();
      if (typeof k !== "string" && typeof k !== "number") fail("dict keys must be strings or numbers");
      ws();
      if (text[i] !== ":") fail("expected ':'");
      i++;
      out[String(k)] = value();
      ws();
      if (text[i] === ",") {
        i++;
        ws();
      } else if (text[i] !== "}") fail("expected ',' or '}'");
    }
    i++;
    return out;
  };
  const seq = (close: string): PyValue => {
    i++;
    const out: PyValue[] = [];
    ws();
    while (text[i] !== close) {
      out.push(value());
      ws();
      if (text[i] === ",") {
        i++;
        ws();
      } else if (text[i] !== close) fail(`expected ',' or '${close}'`);
    }
    i++;
    return out;
  };
  const str = (): PyValue => {
    const q = text[i++];
    let out = "";
    while (i < text.length && text[i] !== q) {
      if (text[i] === "\\") {
        const e = text[i + 1];
        const map: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"' };
        if (e === "u" || e === "x") {
          const len = e === "u" ? 4 : 2;
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 2 + len), 16));
          i += 2 + len;
          continue;
        }
        out += map[e] ?? `\\${e}`;
        i += 2;
        continue;
      }
      out += text[i++];
    }
    if (i >= text.length) fail("unterminated string");
    i++;
    return out;
  };
  const num = (): PyValue => {
    const m = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/.exec(text.slice(i));
    if (!m) return fail("bad number");
    i += m[0].length;
    return Number(m[0]);
  };
  const v = value();
  ws();
  if (i !== text.length) fail("trailing characters");
  return v;
}

/** Parse the `Relevant Entities` column into a plain object. */
export function parseEntities(text: string): Record<string, PyValue> {
  const v = parsePythonLiteral(text);
  if (v === null || typeof v !== "object" || Array.isArray(v)) throw new EntityParseError("Relevant Entities must be a dict literal");
  return v;
}

// NFKC turns the subscript in "FiO₂" into a digit, so "FiO2" and "FiO₂" share a key.
const keyOf = (name: string) => name.normalize("NFKC").toLowerCase().replace(/[^a-z0-9]+/g, "");

/** Typed access to one row's entities. Missing entities return undefined; malformed ones throw. */
export class EntityBag {
  private readonly byKey = new Map<string, { name: string; value: PyValue }>();

  constructor(readonly raw: Record<string, PyValue>) {
    for (const [name, value] of Object.entries(raw)) this.byKey.set(keyOf(name), { name, value });
  }

  /** First entity present under any of `names`. */
  get(...names: string[]): { name: string; value: PyValue } | undefined {
    for (const n of names) {
      const hit = this.byKey.get(keyOf(n));
      if (hit) return hit;
    }
    return undefined;
  }

  has(...names: string[]): boolean {
    return this.get(...names) !== undefined;
  }

  /** All entities, for calculators (MME) that iterate over whatever drugs are listed. */
  entries(): Array<[string, PyValue]> {
    return Object.entries(this.raw);
  }

  /** A `[value, unit]` pair. */
  quantity(...names: string[]): { value: number; unit: string; name: string } | undefined {
    const hit = this.get(...names);
    if (!hit) return undefined;
    const v = hit.value;
    if (typeof v === "number") return { value: v, unit: "", name: hit.name };
    if (Array.isArray(v) && typeof v[0] === "number" && typeof v[1] === "string") return { value: v[0], unit: v[1], name: hit.name };
    throw new EntityParseError(`Entity '${hit.name}' should be [value, unit], got ${JSON.stringify(v)}`);
  }

  /** A bare number, or the number of a `[value, unit]` pair whose unit does not matter (INR, pH, GCS). */
  number(...names: string[]): number | undefined {
    const hit = this.get(...names);
    if (!hit) return undefined;
    const v = hit.value;
    if (typeof v === "number") return v;
    if (Array.isArray(v) && typeof v[0] === "number") return v[0];
    if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
    throw new EntityParseError(`Entity '${hit.name}' should be a number, got ${JSON.stringify(v)}`);
  }

  bool(...names: string[]): boolean | undefined {
    const hit = this.get(...names);
    if (!hit) return undefined;
    const v = hit.value;
    if (typeof v === "boolean") return v;
    if (typeof v === "number") return v !== 0;
    if (typeof v === "string") {
      const s = v.trim().toLowerCase();
      if (["true", "yes", "present", "y"].includes(s)) return true;
      if (["false", "no", "absent", "n", "none"].includes(s)) return false;
    }
    throw new EntityParseError(`Entity '${hit.name}' should be True/False, got ${JSON.stringify(v)}`);
  }

  /** OR over several entities; undefined only when none of them is present. */
  anyTrue(...names: string[]): boolean | undefined {
    let seen = false;
    for (const n of names) {
      const b = this.bool(n);
      if (b === true) return true;
      if (b === false) seen = true;
    }
    return seen ? false : undefined;
  }

  /** Presence of a condition given either as True/False or as a severity grade ("Mild", "None"). */
  presence(...names: string[]): boolean | undefined {
    const hit = this.get(...names);
    if (!hit) return undefined;
    if (typeof hit.value === "string" && !/^(true|false|yes|no|present|absent)$/i.test(hit.value.trim())) return !/^(none|no\b|absent)/i.test(hit.value.trim());
    return this.bool(hit.name);
  }

  /**
   * Diabetes as a yes/no risk factor. The benchmark reuses its Charlson entity here, which may be a
   * boolean or the CCI grade text ("None or Diet-controlled", "Uncomplicated", "End-organ damage").
   */
  diabetesPresent(): boolean | undefined {
    const hit = this.get("Diabetes mellitus criteria for CCI rule", "Diabetes history", "Diabetes mellitus", "Diabetes");
    if (!hit) return undefined;
    if (typeof hit.value === "string" && !/^(true|false|yes|no)$/i.test(hit.value.trim())) return !/^none/i.test(hit.value.trim());
    return this.bool(hit.name);
  }

  string(...names: string[]): string | undefined {
    const hit = this.get(...names);
    if (!hit) return undefined;
    if (typeof hit.value === "string") return hit.value;
    throw new EntityParseError(`Entity '${hit.name}' should be a string, got ${JSON.stringify(hit.value)}`);
  }

  /** A concentration converted to `toUnit` (e.g. creatinine µmol/L -> mg/dL). */
  concentration(analyte: AnalyteName, toUnit: string, ...names: string[]): number | undefined {
    const q = this.quantity(...names);
    if (!q) return undefined;
    return convertConcentration(q.value, q.unit, toUnit, analyte);
  }

  pressureMmHg(...names: string[]): number | undefined {
    const q = this.quantity(...names);
    if (!q) return undefined;
    return toMmHg(q.value, q.unit, q.name);
  }

  temperatureC(...names: string[]): number | undefined {
    const q = this.quantity(...names);
    if (!q) return undefined;
    return toCelsius(q.value, q.unit);
  }

  /** Age in years from `[n, 'years']`, `[n, 'months']` or compound `[1, 'years', 3, 'months']`. */
  ageYears(): number | undefined {
    const hit = this.get("age");
    if (!hit) return undefined;
    return sumCompound(hit.name, hit.value, toYears, "age");
  }

  weightKg(): number | undefined {
    const q = this.get("weight");
    return q ? sumCompound(q.name, q.value, toKg, "weight") : undefined;
  }

  /** Height in cm, including the compound `[5, 'ft', 8, 'in']` form. */
  heightCm(): number | undefined {
    const q = this.get("height");
    return q ? sumCompound(q.name, q.value, toCm, "height") : undefined;
  }

  /**
   * Cells per µL. The benchmark writes only the denominator ('µL', 'mm^3') and sometimes 'm^3'
   * for a per-mm³ count; a count of thousands per cubic metre is impossible, so 'm^3' is read as mm³.
   */
  countPerMicroliter(...names: string[]): number | undefined {
    const q = this.quantity(...names);
    if (!q) return undefined;
    const unit = q.unit.trim() === "m^3" ? "mm^3" : q.unit;
    return countPerMicroliter(q.value, unit, q.name);
  }

  sex(): "male" | "female" | undefined {
    const s = this.string("sex", "gender");
    if (s === undefined) return undefined;
    const k = s.trim().toLowerCase();
    if (k === "male" || k === "m" || k === "man") return "male";
    if (k === "female" || k === "f" || k === "woman") return "female";
    throw new EntityParseError(`Entity 'sex' should be Male or Female, got ${JSON.stringify(s)}`);
  }
}

function sumCompound(name: string, v: PyValue, convert: (value: number, unit: string) => number, quantity: string): number {
  if (!Array.isArray(v) || v.length < 2 || v.length % 2 !== 0) {
    throw new EntityParseError(`Entity '${name}' should be [value, unit, ...], got ${JSON.stringify(v)}`);
  }
  let total = 0;
  for (let k = 0; k < v.length; k += 2) {
    const n = v[k];
    const u = v[k + 1];
    if (typeof n !== "number" || typeof u !== "string") throw new EntityParseError(`Entity '${name}' has a malformed ${quantity}: ${JSON.stringify(v)}`);
    try {
      total += convert(n, u);
    } catch (e) {
      if (e instanceof UnitError) throw new UnitError(`${quantity} ('${name}')`, u);
      throw e;
    }
  }
  return total;
}

/**
 * Map a free-text option from the note ("Grade 1-2", "absent") onto one of a calculator's option
 * values, via exact (case-insensitive) match or an alias table; unknown text is an error.
 */
export function pickOption<T extends string>(raw: string | undefined, options: readonly T[], aliases: Record<string, T>, what: string): T | undefined {
  if (raw === undefined) return undefined;
  const k = raw.trim().toLowerCase().replace(/\s+/g, " ");
  const hit = options.find((o) => o === k) ?? aliases[k];
  if (!hit) throw new EntityParseError(`Unknown ${what} '${raw}'; expected one of ${options.join(", ")}`);
  return hit;
}
