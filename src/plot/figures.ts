import { baseLayout, color, withAlpha } from "./style.js";
import type { ErrorBar } from "plotly.js-dist-min";
import type { AxisTitles, Data, Figure } from "./types.js";

/**
 * Builders for the study's recurring plots. Each returns a plain plotly figure (data + layout)
 * that can be tweaked before rendering; inputs are checked so a length mismatch fails here, not
 * as a silently truncated trace.
 */

export interface LineSeries {
  name: string;
  x: readonly (number | string)[];
  y: readonly number[];
  /** Lower/upper edge of the error band (e.g. a 95% CI); both or neither. */
  lower?: readonly number[];
  upper?: readonly number[];
  color?: string;
  dash?: "solid" | "dash" | "dot" | "dashdot";
}

/** Lines with translucent error bands, e.g. a metric over RL steps with its CI over seeds. */
export function lineWithBands(series: readonly LineSeries[], opts: AxisTitles & { markers?: boolean } = {}): Figure {
  // Every band before every line: a later series' band must not veil an earlier series' line.
  const bands: Data[] = [];
  const lines: Data[] = [];
  series.forEach((s, i) => {
    sameLength(`lineWithBands "${s.name}"`, { x: s.x, y: s.y, lower: s.lower, upper: s.upper });
    if (!s.lower !== !s.upper) throw new Error(`lineWithBands "${s.name}": give both lower and upper, or neither`);
    const c = s.color ?? color(i);
    if (s.lower && s.upper) {
      // The band is one closed polygon: along the upper edge, then back along the lower edge.
      bands.push({
        type: "scatter",
        x: [...s.x, ...[...s.x].reverse()],
        y: [...s.upper, ...[...s.lower].reverse()],
        // Explicit: plotly's default mode adds markers to traces of < 20 points, which would
        // dot every polygon vertex.
        mode: "lines",
        fill: "toself",
        fillcolor: c.startsWith("#") ? withAlpha(c, 0.2) : c,
        line: { width: 0 },
        hoverinfo: "skip",
        showlegend: false,
        legendgroup: s.name,
        name: `${s.name} band`,
      });
    }
    lines.push({
      type: "scatter",
      mode: opts.markers ? "lines+markers" : "lines",
      x: [...s.x],
      y: [...s.y],
      name: s.name,
      legendgroup: s.name,
      line: { color: c, width: 2, dash: s.dash ?? "solid" },
    });
  });
  return { data: [...bands, ...lines], layout: baseLayout(opts) };
}

export interface BarGroup {
  name: string;
  /** One value per category. */
  values: readonly number[];
  /** Symmetric error bar half-widths, or asymmetric [lower, upper] distances from the value. */
  errors?: readonly number[] | { minus: readonly number[]; plus: readonly number[] };
  color?: string;
}

/** Side-by-side bars: categories on x, one bar per group (e.g. metrics for expert vs random). */
export function groupedBars(
  input: { categories: readonly string[]; groups: readonly BarGroup[] },
  opts: AxisTitles & { showValues?: boolean; valueFormat?: string } = {},
): Figure {
  const n = input.categories.length;
  const data: Data[] = input.groups.map((g, i) => {
    if (g.values.length !== n) throw new Error(`groupedBars "${g.name}": ${g.values.length} values for ${n} categories`);
    let error_y: ErrorBar | undefined;
    if (g.errors && "minus" in g.errors) {
      sameLength(`groupedBars "${g.name}" errors`, { values: g.values, minus: g.errors.minus, plus: g.errors.plus });
      error_y = { type: "data", symmetric: false, array: [...g.errors.plus], arrayminus: [...g.errors.minus], visible: true, color: "#333" };
    } else if (g.errors) {
      sameLength(`groupedBars "${g.name}" errors`, { values: g.values, errors: g.errors as readonly number[] });
      error_y = { type: "data", array: [...(g.errors as readonly number[])], visible: true, color: "#333" };
    }
    return {
      type: "bar",
      name: g.name,
      x: [...input.categories],
      y: [...g.values],
      marker: { color: g.color ?? color(i) },
      error_y,
      texttemplate: opts.showValues ? `%{y:${opts.valueFormat ?? ".2f"}}` : undefined,
      textposition: opts.showValues ? "outside" : undefined,
      cliponaxis: false,
    };
  });
  const layout = baseLayout(opts);
  // No vertical grid lines: on a category axis they run through the middle of each group.
  return { data, layout: { ...layout, xaxis: { ...layout.xaxis, showgrid: false }, barmode: "group", bargap: 0.25, bargroupgap: 0.05 } };
}

export interface HistogramSeries {
  name: string;
  values: readonly number[];
  color?: string;
}

/**
 * Overlaid histograms on shared bins (plotly bins each trace separately otherwise, which makes
 * two distributions incomparable). `normalize` turns counts into fractions/percent per series.
 */
export function histogram(
  series: readonly HistogramSeries[],
  opts: AxisTitles & { bins?: number; binSize?: number; normalize?: "count" | "probability" | "percent" } = {},
): Figure {
  const all = series.flatMap((s) => s.values);
  if (all.some((v) => !Number.isFinite(v))) throw new Error("histogram: values must be finite numbers");
  const lo = all.length ? Math.min(...all) : 0;
  const hi = all.length ? Math.max(...all) : 1;
  let size = opts.binSize ?? (hi > lo ? (hi - lo) / (opts.bins ?? 20) : 1);
  if (!(size > 0)) throw new Error(`histogram: binSize must be positive, got ${size}`);
  // Integer-valued data (turns, tool calls) gets integer-wide bins centred on the integers.
  const integers = all.every(Number.isInteger);
  if (integers && opts.binSize === undefined) size = Math.max(1, Math.round(size));
  const start = integers ? lo - size / 2 : lo;
  const norm = opts.normalize ?? "count";
  const data: Data[] = series.map((s, i) => ({
    type: "histogram",
    name: s.name,
    x: [...s.values],
    xbins: { start, end: hi + size, size },
    histnorm: norm === "count" ? "" : norm,
    marker: { color: s.color ?? color(i), line: { color: "white", width: 0.5 } },
    opacity: series.length > 1 ? 0.6 : 0.9,
  }));
  const layout = baseLayout({ ...opts, yTitle: opts.yTitle ?? (norm === "count" ? "count" : norm) });
  return { data, layout: { ...layout, barmode: series.length > 1 ? "overlay" : undefined, bargap: 0.02 } };
}

function sameLength(what: string, arrays: Record<string, readonly unknown[] | undefined>): void {
  const entries = Object.entries(arrays).filter((e): e is [string, readonly unknown[]] => e[1] !== undefined);
  const [first, ...rest] = entries;
  for (const [k, v] of rest) {
    if (v.length !== first[1].length) throw new Error(`${what}: ${k} has ${v.length} points but ${first[0]} has ${first[1].length}`);
  }
}
