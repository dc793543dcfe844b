/**
 * plot: the study's figures.
 *
 * - Builders return plain plotly specs (data + layout) for the recurring research plots: lines
 *   with error bands, grouped bars, shared-bin histograms, and small-multiple grids of those.
 * - `summarize` / `summarizeRate` give a mean with its 95% CI (Student's t / Wilson) for error bars.
 * - `renderFigure` writes PNG/SVG through plotly itself in headless Debian Chromium (driven by
 *   playwright-core, offline) and a standalone HTML page, each file atomically. One browser is
 *   shared per process; it closes on `closeRenderer()`, after 10 s without renders, or at exit.
 *
 * Not re-exported from the package root: it loads playwright-core, which users who only run
 * environments should not pay for. Notebooks import it from dist/src/plot/index.js.
 */
export type { Figure, AxisTitles, Data, Layout, Config } from "./types.js";
export { lineWithBands, groupedBars, histogram, type LineSeries, type BarGroup, type HistogramSeries } from "./figures.js";
export { gridFigure } from "./grid.js";
export { PALETTE, FONT_FAMILY, color, withAlpha, baseLayout } from "./style.js";
export { summarize, summarizeRate, mean, tCritical95, type Summary, type Bounds } from "./stats.js";
export { renderFigure, closeRenderer, ChromiumNotFoundError, IMAGE_FORMATS, type ImageFormat, type RenderOptions, type RenderResult } from "./render.js";
export { figureHtml, type FigureHtmlOptions } from "./html.js";
