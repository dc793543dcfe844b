import type { Layout } from "./types.js";
import type { AxisTitles } from "./types.js";

/**
 * Okabe-Ito: distinguishable under the common colour-vision deficiencies and in greyscale print,
 * so the same series keeps the same colour in every paper figure.
 */
export const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"] as const;

export function color(i: number): string {
  return PALETTE[((i % PALETTE.length) + PALETTE.length) % PALETTE.length];
}

/** "#RRGGBB" -> "rgba(r,g,b,alpha)", for translucent error bands. */
export function withAlpha(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`withAlpha: expected a #RRGGBB colour, got "${hex}"`);
  return `rgba(${parseInt(m[1], 16)},${parseInt(m[2], 16)},${parseInt(m[3], 16)},${alpha})`;
}

// Fonts installed with Debian's chromium (DejaVu, Liberation): naming them keeps PNG/SVG
// output identical across machines instead of depending on the browser's default face.
export const FONT_FAMILY = "DejaVu Sans, Liberation Sans, Arial, sans-serif";

/** A plain white paper style: light grid, visible zero line, legend on top. */
export function baseLayout(t: AxisTitles = {}): Partial<Layout> {
  const axis = { gridcolor: "#e5e5e5", linecolor: "#444", zerolinecolor: "#bbb", ticks: "outside" as const, showline: true, automargin: true };
  return {
    title: t.title ? { text: t.title, x: 0.02, xanchor: "left" } : undefined,
    font: { family: FONT_FAMILY, size: 13, color: "#222" },
    paper_bgcolor: "white",
    plot_bgcolor: "white",
    margin: { l: 70, r: 20, t: t.title ? 90 : 40, b: 60 },
    xaxis: { ...axis, title: t.xTitle ? { text: t.xTitle } : undefined },
    yaxis: { ...axis, title: t.yTitle ? { text: t.yTitle } : undefined },
    legend: { orientation: "h", x: 0, y: 1.02, xanchor: "left", yanchor: "bottom" },
  };
}
