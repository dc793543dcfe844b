/**
 * Shared shape of a clinical calculator: a zod input schema in explicit units (field names carry
 * the unit: `creatinineMgDl`, `weightKg`), a pure `compute`, and an adapter from MedCalc-Bench
 * entities to those inputs. The same spec serves the benchmark runner, the CLI and, through
 * `z.toJSONSchema(spec.inputs)`, agent tool schemas.
 */

import { z } from "zod";
import type { EntityBag } from "./entities.js";

export type OutputType = "decimal" | "integer" | "date" | "tuple";

export interface CalcResult {
  value: number | string;
  unit?: string;
  explanation: string;
}

/** Top-level fields may be absent before validation. */
export type Loose<T> = T extends object ? { [K in keyof T]?: T[K] | undefined } : T;

export interface CalculatorSpec<S extends z.ZodType = z.ZodType> {
  /** MedCalc-Bench Calculator ID. */
  id: number;
  name: string;
  slug: string;
  category: string;
  outputType: OutputType;
  inputs: S;
  compute(inputs: z.output<S>): CalcResult;
  /**
   * Map MedCalc-Bench `Relevant Entities` to this calculator's inputs. Fields the note lacks stay
   * undefined; schema parsing then either applies the documented default or reports them missing.
   */
  fromMedcalc(entities: EntityBag): Loose<z.input<S>>;
}

/** Registry-erased form: validates raw input with the schema before computing. */
export interface AnyCalculator {
  id: number;
  name: string;
  slug: string;
  category: string;
  outputType: OutputType;
  inputs: z.ZodType;
  compute(inputs: unknown): CalcResult;
  fromMedcalc(entities: EntityBag): unknown;
}

export class CalculatorInputError extends Error {
  constructor(calculator: string, detail: string) {
    super(`${calculator}: invalid input: ${detail}`);
    this.name = "CalculatorInputError";
  }
}

/** One line per schema issue; an absent required field reads as "missing" rather than a type error. */
export function describeIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string; code?: string }>): string {
  return issues
    .map((i) => {
      const path = i.path.map(String).join(".") || "(root)";
      return i.code === "invalid_type" && /received undefined$/.test(i.message) ? `${path}: missing required input` : `${path}: ${i.message}`;
    })
    .join("; ");
}

export function defineCalculator<S extends z.ZodType>(spec: CalculatorSpec<S>): AnyCalculator {
  return {
    ...spec,
    compute(raw: unknown): CalcResult {
      const parsed = spec.inputs.safeParse(raw);
      if (!parsed.success) {
        throw new CalculatorInputError(spec.name, describeIssues(parsed.error.issues));
      }
      return spec.compute(parsed.data);
    },
    fromMedcalc: (e) => spec.fromMedcalc(e),
  };
}

/** Round half away from zero to `dp` decimals (display only; comparisons use full precision). */
export function round(x: number, dp = 3): number {
  const f = 10 ** dp;
  return (Math.sign(x) * Math.round(Math.abs(x) * f + Number.EPSILON)) / f;
}

export const fmt = (x: number, dp = 3) => String(round(x, dp));

// Schema building blocks, each with a description so that generated tool schemas are self-explaining.
export const zSex = z.enum(["male", "female"]).describe("biological sex");
export const zAge = z.number().min(0).max(130).describe("age in years");
export const zFlag = (what: string) => z.boolean().default(false).describe(what);
export const zPos = (what: string) => z.number().positive().describe(what);
export const zNonNeg = (what: string) => z.number().min(0).describe(what);

/** Accumulates a points-based score and the sentence for each item. */
export class ScoreSheet {
  total = 0;
  readonly lines: string[] = [];
  add(points: number, why: string): void {
    this.total += points;
    const sign = points >= 0 ? "+" : "-";
    this.lines.push(`${why}: ${sign}${Math.abs(points)} (running total ${this.total})`);
  }
  note(text: string): void {
    this.lines.push(text);
  }
  result(title: string, unit = "points"): CalcResult {
    return { value: this.total, unit, explanation: `${this.lines.join("\n")}\n${title} = ${this.total} ${unit}.` };
  }
}
