/**
 * Runs the calculators over a MedCalc-Bench CSV (the dev sample or the full test set): builds each
 * row's inputs from its `Relevant Entities`, computes, and checks the value against the row's
 * [Lower Limit, Upper Limit]. Dates compare as calendar dates, gestational-age tuples as
 * (weeks, days). A row whose computation throws counts as wrong and keeps the error message.
 *
 * `conventions` selects the formulas: "published" (default) or "medcalc-bench", which reproduces
 * the benchmark's reference implementation, deviations included (see medcalc-conventions.ts).
 */

import { existsSync, readFileSync } from "node:fs";
import Papa from "papaparse";
import { getCalculator } from "./index.js";
import { type Conventions, computeWithConventions } from "./medcalc-conventions.js";
import { parseDate } from "./obstetrics.js";

export interface MedcalcRowResult {
  row: number;
  calculatorId: number;
  calculatorName: string;
  value: number | string | null;
  lower: string;
  upper: string;
  groundTruth: string;
  withinLimits: boolean;
  error?: string;
}

export interface MedcalcSummary {
  total: number;
  withinLimits: number;
  accuracy: number;
  byCalculator: Record<string, { name: string; total: number; withinLimits: number; accuracy: number }>;
}

export interface MedcalcRun {
  /** Which formulas produced the values: the published ones or the benchmark's reference code. */
  conventions: Conventions;
  rows: MedcalcRowResult[];
  summary: MedcalcSummary;
}

const REQUIRED_COLUMNS = ["Row Number", "Calculator ID", "Calculator Name", "Relevant Entities", "Ground Truth Answer", "Lower Limit", "Upper Limit"];

/** (weeks, days) from "('14 weeks', '1 days')" or similar; undefined when the text is not such a tuple. */
export function parseWeeksDays(text: string): [number, number] | undefined {
  const m = /^\(?\s*'?\s*(\d+)\s*weeks?\s*'?\s*,\s*'?\s*(\d+)\s*days?\s*'?\s*\)?$/i.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

const DATE_RE = /^\d{1,2}\/\d{1,2}\/\d{4}$/;

/** Does `value` fall within the row's limits, by the comparison the answer's form calls for? */
export function withinLimits(value: number | string, lower: string, upper: string): boolean {
  const lo = lower.trim();
  const hi = upper.trim();
  const wd = parseWeeksDays(lo);
  if (wd) {
    const got = typeof value === "string" ? parseWeeksDays(value) : undefined;
    const hiWd = parseWeeksDays(hi) ?? wd;
    if (!got) return false;
    const days = got[0] * 7 + got[1];
    return days >= wd[0] * 7 + wd[1] && days <= hiWd[0] * 7 + hiWd[1];
  }
  if (DATE_RE.test(lo)) {
    if (typeof value !== "string") return false;
    try {
      const d = parseDate(value);
      return d >= parseDate(lo) && d <= parseDate(DATE_RE.test(hi) ? hi : lo);
    } catch {
      return false;
    }
  }
  const l = Number(lo);
  const h = Number(hi);
  const v = typeof value === "number" ? value : Number(value);
  if (!Number.isFinite(l) || !Number.isFinite(h)) throw new Error(`Row limits are neither numbers, dates nor week/day tuples: '${lower}', '${upper}'`);
  if (!Number.isFinite(v)) return false;
  // Limits are printed with up to 5 decimals; allow for that rounding, nothing more.
  const eps = 1e-9 + 5e-6 * Math.max(1, Math.abs(v));
  return v >= Math.min(l, h) - eps && v <= Math.max(l, h) + eps;
}

export interface MedcalcRunOptions {
  calculator?: number | string;
  conventions?: Conventions;
}

export function runMedcalcRows(records: Array<Record<string, string>>, opts: MedcalcRunOptions = {}): MedcalcRun {
  const conventions = opts.conventions ?? "published";
  const only = opts.calculator === undefined ? undefined : getCalculator(opts.calculator).id;
  const rows: MedcalcRowResult[] = [];
  for (const r of records) {
    const calculatorId = Number(r["Calculator ID"]);
    if (only !== undefined && calculatorId !== only) continue;
    const base = {
      row: Number(r["Row Number"]),
      calculatorId,
      calculatorName: r["Calculator Name"],
      lower: r["Lower Limit"],
      upper: r["Upper Limit"],
      groundTruth: r["Ground Truth Answer"],
    };
    try {
      const { value } = computeWithConventions(calculatorId, r["Relevant Entities"], conventions);
      rows.push({ ...base, value, withinLimits: withinLimits(value, base.lower, base.upper) });
    } catch (e) {
      rows.push({ ...base, value: null, withinLimits: false, error: e instanceof Error ? e.message : String(e) });
    }
  }
  return { conventions, rows, summary: summarize(rows) };
}

export function summarize(rows: MedcalcRowResult[]): MedcalcSummary {
  const byCalculator: MedcalcSummary["byCalculator"] = {};
  for (const r of rows) {
    const b = (byCalculator[String(r.calculatorId)] ??= { name: r.calculatorName, total: 0, withinLimits: 0, accuracy: 0 });
    b.total++;
    if (r.withinLimits) b.withinLimits++;
  }
  for (const b of Object.values(byCalculator)) b.accuracy = b.total ? b.withinLimits / b.total : 0;
  const ok = rows.filter((r) => r.withinLimits).length;
  return { total: rows.length, withinLimits: ok, accuracy: rows.length ? ok / rows.length : 0, byCalculator };
}

/** Parse a MedCalc-Bench CSV file (header row required). */
export function readMedcalcCsv(path: string): Array<Record<string, string>> {
  if (!existsSync(path)) throw new Error(`MedCalc-Bench CSV not found: ${path}`);
  const text = readFileSync(path, "utf8");
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  const cols = parsed.meta.fields ?? [];
  const missing = REQUIRED_COLUMNS.filter((c) => !cols.includes(c));
  if (missing.length) throw new Error(`${path}: not a MedCalc-Bench CSV, missing column(s): ${missing.join(", ")}`);
  if (parsed.errors.length) {
    const e = parsed.errors[0];
    throw new Error(`${path}: CSV parse error${e.row === undefined ? "" : ` at data row ${e.row + 1}`}: ${e.message}`);
  }
  return parsed.data;
}

export function runMedcalcCsv(path: string, opts: MedcalcRunOptions = {}): MedcalcRun {
  return runMedcalcRows(readMedcalcCsv(path), opts);
}
