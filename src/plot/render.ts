import { existsSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { projectRoot } from "../data/resolve.js";
import { writeFileAtomic } from "../util/atomic-write.js";
import { sha256 } from "../util/hash.js";
import { getPage, holdBrowser, plotlyBundlePath, plotlySource, releaseBrowser } from "./browser.js";
import { figureHtml } from "./html.js";
import type { Figure } from "./types.js";

export { closeRenderer, ChromiumNotFoundError } from "./browser.js";

export const IMAGE_FORMATS = ["png", "svg", "html"] as const;
export type ImageFormat = (typeof IMAGE_FORMATS)[number];

export interface RenderOptions {
  /** Output directory; created if needed. */
  dir: string;
  /** File stem: `<dir>/<name>.png`, `.svg`, `.html`. */
  name: string;
  /** Default ["png", "svg"]. */
  formats?: readonly ImageFormat[];
  /** CSS pixels; default 900 x 500. */
  width?: number;
  height?: number;
  /** PNG pixel ratio (PNG is width*scale x height*scale pixels); default 2. SVG ignores it. */
  scale?: number;
  /**
   * How the HTML file gets plotly.js: "relative" (default) references the installed bundle by
   * relative path when `dir` is inside the project (otherwise writes one plotly.min.js into `dir`);
   * "inline" embeds it in every file (one portable file). Both open offline.
   */
  htmlPlotly?: "relative" | "inline";
}

export interface RenderResult {
  /** Written files by format. */
  files: Partial<Record<ImageFormat, string>>;
  /** The PNG bytes, when "png" was requested (for inline display in notebooks). */
  png?: Buffer;
  svg?: string;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

// Runs inside the page. A plain string (not a serialised TS function) so that transpilers'
// helpers (e.g. esbuild's __name under tsx) never leak into the browser.
// Plotly names its SVG defs/clip paths with random ids (Math.random); a seeded generator, reset for
// every figure, makes the same figure give byte-identical SVG/HTML on every run.
const PAGE_SETUP = `
function seedRandom(seed) {
  let a = seed >>> 0;
  Math.random = function () {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
window.__medgymRender = async function (fig, opts) {
  seedRandom(opts.seed);
  const gd = document.createElement("div");
  document.body.appendChild(gd);
  try {
    let issues = [];
    try {
      // Only real mistakes (unknown keys, bad values); "unused" is e.g. gridcolor with showgrid off.
      const real = ["schema", "value", "object", "array"];
      issues = (Plotly.validate(fig.data, fig.layout || {}) || []).filter((i) => real.includes(i.code)).map((i) => i.msg);
    } catch (e) {
      // Plotly.validate itself throws on some valid traces (e.g. histograms in plotly 4.1).
    }
    const layout = Object.assign({}, fig.layout || {}, { width: opts.width, height: opts.height });
    await Plotly.newPlot(gd, fig.data, layout, Object.assign({}, fig.config || {}, { staticPlot: true }));
    const images = {};
    for (const format of opts.formats) {
      images[format] = await Plotly.toImage(gd, { format, width: opts.width, height: opts.height, scale: format === "png" ? opts.scale : 1 });
    }
    return { images, issues };
  } finally {
    Plotly.purge(gd);
    gd.remove();
  }
};
`;

// One figure at a time on the shared page: plotly's toImage is async and figures rendered
// concurrently into one document could interleave their fonts/measurements.
let queue: Promise<unknown> = Promise.resolve();

/**
 * Render a figure to PNG/SVG (through plotly in headless Chromium, so the images match what the
 * interactive plot shows) and/or a standalone HTML page. Each file is written atomically.
 */
export async function renderFigure(figure: Figure, opts: RenderOptions): Promise<RenderResult> {
  const o = checkOptions(figure, opts);
  const run = queue.then(async () => {
    holdBrowser();
    try {
      return await renderNow(figure, o);
    } finally {
      releaseBrowser();
    }
  });
  queue = run.catch(() => {});
  return run;
}

type Checked = Required<Omit<RenderOptions, "formats">> & { formats: ImageFormat[] };

function checkOptions(figure: Figure, opts: RenderOptions): Checked {
  if (!figure || !Array.isArray(figure.data)) throw new TypeError("renderFigure: figure must be { data: [...], layout?: {...} }");
  if (!opts || typeof opts.dir !== "string" || !opts.dir) throw new TypeError("renderFigure: options.dir (output directory) is required");
  if (typeof opts.name !== "string" || !NAME.test(opts.name)) {
    throw new TypeError(`renderFigure: name ${JSON.stringify(opts.name)} must be a file stem of letters, digits, "_", "-" or "." (no slashes)`);
  }
  const formats = [...new Set<ImageFormat>(opts.formats ?? ["png", "svg"])];
  const bad = formats.filter((f) => !(IMAGE_FORMATS as readonly string[]).includes(f));
  if (bad.length || formats.length === 0) {
    throw new TypeError(`renderFigure: formats must be a non-empty list of ${IMAGE_FORMATS.map((f) => `"${f}"`).join(", ")}; got ${JSON.stringify(opts.formats)}`);
  }
  const width = opts.width ?? 900;
  const height = opts.height ?? 500;
  const scale = opts.scale ?? 2;
  for (const [k, v, max] of [["width", width, 10_000], ["height", height, 10_000]] as const) {
    if (!Number.isInteger(v) || v < 10 || v > max) throw new RangeError(`renderFigure: ${k} must be an integer from 10 to ${max} (CSS pixels), got ${v}`);
  }
  if (!(scale > 0 && scale <= 10)) throw new RangeError(`renderFigure: scale must be in (0, 10], got ${scale}`);
  const htmlPlotly = opts.htmlPlotly ?? "relative";
  if (htmlPlotly !== "relative" && htmlPlotly !== "inline") throw new TypeError(`renderFigure: htmlPlotly must be "relative" or "inline", got ${JSON.stringify(htmlPlotly)}`);
  const dir = isAbsolute(opts.dir) ? opts.dir : resolve(opts.dir);
  return { dir, name: opts.name, formats, width, height, scale, htmlPlotly };
}

async function renderNow(figure: Figure, o: Checked): Promise<RenderResult> {
  const result: RenderResult = { files: {} };
  const images = o.formats.filter((f): f is "png" | "svg" => f !== "html");
  if (images.length) {
    const page = await getPage(PAGE_SETUP);
    const seed = parseInt(sha256(o.name).slice(0, 8), 16);
    const args = { width: o.width, height: o.height, scale: o.scale, formats: images, seed };
    let out: { images: Record<string, string>; issues: string[] };
    try {
      out = (await page.evaluate(`window.__medgymRender(${JSON.stringify(figure)}, ${JSON.stringify(args)})`)) as typeof out;
    } catch (e) {
      throw new Error(`renderFigure(${o.name}): plotly could not render the figure: ${(e as Error).message.split("\n")[0]}`, { cause: e });
    }
    // Plotly drops unknown attributes silently; say so, or a typo'd axis title just vanishes.
    if (out.issues.length) console.warn(`renderFigure(${o.name}): plotly ignored: ${out.issues.slice(0, 5).join("; ")}`);
    if (out.images.png) {
      result.png = Buffer.from(stripDataUrl(out.images.png, "data:image/png;base64,"), "base64");
      result.files.png = write(o, "png", result.png);
    }
    if (out.images.svg) {
      result.svg = decodeURIComponent(stripDataUrl(out.images.svg, "data:image/svg+xml,"));
      result.files.svg = write(o, "svg", result.svg);
    }
  }
  if (o.formats.includes("html")) {
    let plotly: { inline: string } | { src: string };
    if (o.htmlPlotly === "inline") plotly = { inline: plotlySource() };
    else plotly = { src: plotlyReference(o.dir) };
    result.files.html = write(o, "html", figureHtml(figure, { title: o.name, width: o.width, height: o.height, plotly }));
  }
  return result;
}

function write(o: Checked, ext: ImageFormat, data: string | Uint8Array): string {
  const path = join(o.dir, `${o.name}.${ext}`);
  writeFileAtomic(path, data);
  return path;
}

function stripDataUrl(url: string, prefix: string): string {
  if (!url.startsWith(prefix)) throw new Error(`renderFigure: plotly returned an unexpected image (${url.slice(0, 40)}...)`);
  return url.slice(prefix.length);
}

/**
 * Inside the project, figures reference the installed plotly bundle by relative path (so the
 * committed figures/ folder carries no 4.8 MB copies and opens offline once `npm ci` has run);
 * elsewhere one copy is written beside the figures.
 */
function plotlyReference(dir: string): string {
  const bundle = plotlyBundlePath();
  const root = projectRoot();
  const abs = resolve(dir);
  if (abs === root || abs.startsWith(root + sep)) return relative(abs, bundle).split(sep).join("/");
  ensurePlotlyBeside(dir);
  return "plotly.min.js";
}

/** Copy plotly.min.js into `dir` unless an identical-size copy is already there. */
function ensurePlotlyBeside(dir: string): void {
  const target = join(dir, "plotly.min.js");
  const source = plotlyBundlePath();
  if (existsSync(target) && statSync(target).size === statSync(source).size) return;
  writeFileAtomic(target, plotlySource());
}
