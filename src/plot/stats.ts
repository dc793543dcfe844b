/**
 * Summary statistics for plots: mean with a 95% confidence interval from Student's t, because
 * the study's comparisons are over a handful of seeds where the normal 1.96 is too optimistic.
 */

export interface Summary {
  n: number;
  mean: number;
  /** Sample standard deviation (n - 1); 0 when n < 2. */
  sd: number;
  /** 95% CI of the mean; equals the mean when n < 2 (no spread to estimate). */
  lo: number;
  hi: number;
}

// Two-sided 95% critical values t_{0.975, df} for df = 1..30.
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093,
  2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** t_{0.975, df}; beyond the table, the Cornish-Fisher expansion (error < 1e-3 for df > 30). */
export function tCritical95(df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new RangeError(`tCritical95: df must be a positive integer, got ${df}`);
  if (df <= T975.length) return T975[df - 1];
  const z = 1.959964;
  return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df ** 2);
}

/** Known limits of the measured quantity (a rate in [0, 1], a count >= 0): the CI is clipped to them. */
export interface Bounds {
  min?: number;
  max?: number;
}

export function summarize(values: readonly number[], bounds: Bounds = {}): Summary {
  const xs = checkFinite("summarize", values);
  const n = xs.length;
  if (n === 0) return { n: 0, mean: NaN, sd: NaN, lo: NaN, hi: NaN };
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { n, mean, sd: 0, lo: mean, hi: mean };
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const half = (tCritical95(n - 1) * sd) / Math.sqrt(n);
  return { n, mean, sd, lo: clip(mean - half, bounds), hi: clip(mean + half, bounds) };
}

/**
 * A success rate from 0/1 outcomes with the Wilson score 95% interval. The t-interval of 0/1 data
 * is wrong near 0 and 1 (it crosses the bounds and collapses to zero width at 8/8 successes);
 * Wilson stays inside [0, 1] and is honest about small n.
 */
export function summarizeRate(outcomes: readonly (number | boolean)[]): Summary {
  const xs = outcomes.map((v) => (typeof v === "boolean" ? (v ? 1 : 0) : v));
  if (xs.some((v) => v !== 0 && v !== 1)) throw new Error("summarizeRate: outcomes must be 0/1 or booleans");
  const n = xs.length;
  if (n === 0) return { n: 0, mean: NaN, sd: NaN, lo: NaN, hi: NaN };
  const p = xs.reduce((a, b) => a + b, 0) / n;
  const z = 1.959964;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = ((z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n)));
  const sd = n > 1 ? Math.sqrt((p * (1 - p) * n) / (n - 1)) : 0;
  return { n, mean: p, sd, lo: Math.max(0, centre - half), hi: Math.min(1, centre + half) };
}

export function mean(values: readonly number[]): number {
  return summarize(values).mean;
}

function clip(x: number, b: Bounds): number {
  return Math.min(b.max ?? Infinity, Math.max(b.min ?? -Infinity, x));
}

function checkFinite(fn: string, values: readonly number[]): readonly number[] {
  const bad = values.filter((v) => !Number.isFinite(v)).length;
  if (bad) throw new Error(`${fn}: ${bad} non-finite value(s) in input`);
  return values;
}
