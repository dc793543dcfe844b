import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { chromiumPath } from "../src/plot/browser.js";
import { closeRenderer, gridFigure, groupedBars, histogram, lineWithBands, renderFigure, summarize, tCritical95 } from "../src/plot/index.js";

/** Width and height from a PNG's IHDR chunk (bytes 16..23, big-endian). */
function pngSize(buf: Buffer): { width: number; height: number } {
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const figure = () =>
  groupedBars(
    { categories: ["success", "format"], groups: [{ name: "expert", values: [1, 0.9], errors: [0, 0.05] }, { name: "random", values: [0.1, 0.5] }] },
    { title: "Render test", xTitle: "metric axis", yTitle: "rate axis" },
  );

describe("plot helpers", () => {
  it("lineWithBands draws the band as one closed polygon under its line", () => {
    const f = lineWithBands([{ name: "a", x: [0, 1, 2], y: [1, 2, 3], lower: [0, 1, 2], upper: [2, 3, 4] }]);
    expect(f.data).toHaveLength(2);
    const band = f.data[0] as { x: number[]; y: number[]; fill: string; showlegend: boolean };
    expect(band.fill).toBe("toself");
    expect(band.x).toEqual([0, 1, 2, 2, 1, 0]);
    expect(band.y).toEqual([2, 3, 4, 2, 1, 0]);
    expect(band.showlegend).toBe(false);
  });

  it("rejects mismatched lengths with the series name", () => {
    expect(() => lineWithBands([{ name: "loss", x: [0, 1], y: [1] }])).toThrow(/lineWithBands "loss": y has 1 points but x has 2/);
    expect(() => lineWithBands([{ name: "b", x: [0], y: [1], lower: [0] }])).toThrow(/both lower and upper/);
    expect(() => groupedBars({ categories: ["a", "b"], groups: [{ name: "g", values: [1] }] })).toThrow(/groupedBars "g": 1 values for 2 categories/);
  });

  it("histogram puts every series on the same integer-centred bins", () => {
    const f = histogram([{ name: "a", values: [1, 2, 2, 3] }, { name: "b", values: [5, 6] }]);
    const bins = f.data.map((t) => (t as { xbins: unknown }).xbins);
    expect(bins[0]).toEqual(bins[1]);
    expect(bins[0]).toEqual({ start: 0.5, end: 7, size: 1 });
    expect(f.layout?.barmode).toBe("overlay");
  });

  it("gridFigure gives each panel its own axes and one legend entry per series", () => {
    const g = gridFigure([{ title: "A", figure: figure() }, { title: "B", figure: figure() }], { columns: 2 });
    const axes = g.data.map((t) => [(t as { xaxis: string }).xaxis, (t as { yaxis: string }).yaxis]);
    expect(axes).toEqual([["x", "y"], ["x", "y"], ["x2", "y2"], ["x2", "y2"]]);
    expect(g.data.map((t) => (t as { showlegend: boolean }).showlegend)).toEqual([true, true, false, false]);
    const layout = g.layout as unknown as Record<string, { domain: number[] }>;
    expect(layout.xaxis.domain[1]).toBeLessThan(layout.xaxis2.domain[0]);
  });

  it("summarize gives the t-based 95% CI", () => {
    const s = summarize([1, 2, 3, 4]);
    expect(s.mean).toBe(2.5);
    expect(s.sd).toBeCloseTo(1.29099, 4);
    expect(s.hi - s.mean).toBeCloseTo((3.182 * 1.29099) / 2, 3);
    expect(summarize([7])).toEqual({ n: 1, mean: 7, sd: 0, lo: 7, hi: 7 });
    expect(tCritical95(31)).toBeCloseTo(2.0395, 3);
  });
});

describe("renderFigure (headless Chromium)", () => {
  let dir: string;
  beforeAll(() => {
    // Not skipped when Chromium is absent: rendering is part of the product, so the suite fails
    // with the install hint instead of passing vacuously.
    if (!existsSync(chromiumPath())) throw new Error(`Chromium not found at ${chromiumPath()}: apt-get install chromium (or set MEDGYM_CHROMIUM)`);
    dir = mkdtempSync(join(tmpdir(), "medgym-plot-test-"));
  });
  afterAll(async () => {
    await closeRenderer();
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes a PNG of width*scale x height*scale and an SVG with the axis titles", async () => {
    const r = await renderFigure(figure(), { dir, name: "bars", formats: ["png", "svg"], width: 480, height: 320, scale: 2 });
    const png = readFileSync(join(dir, "bars.png"));
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(pngSize(png)).toEqual({ width: 960, height: 640 });
    expect(r.png?.equals(png)).toBe(true);
    const svg = readFileSync(join(dir, "bars.svg"), "utf8");
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("metric axis");
    expect(svg).toContain("rate axis");
    expect(svg).toMatch(/width="480" height="320"/);
    expect(r.files).toEqual({ png: join(dir, "bars.png"), svg: join(dir, "bars.svg") });
  });

  it("reuses the browser: a second figure renders fast", async () => {
    const t0 = Date.now();
    await renderFigure(histogram([{ name: "turns", values: [3, 4, 4, 5, 6] }], { xTitle: "turns" }), { dir, name: "hist", formats: ["png"], width: 300, height: 200, scale: 1 });
    expect(pngSize(readFileSync(join(dir, "hist.png")))).toEqual({ width: 300, height: 200 });
    expect(Date.now() - t0).toBeLessThan(5_000);
  });

  it("writes an HTML page that plots offline", async () => {
    const r = await renderFigure(figure(), { dir, name: "page", formats: ["html"] });
    const html = readFileSync(r.files.html!, "utf8");
    expect(html).toContain('<script src="plotly.min.js"></script>');
    expect(html).not.toMatch(/https?:\/\/cdn/);
    expect(existsSync(join(dir, "plotly.min.js"))).toBe(true);
    // Open it in a browser with the network off: plotly must draw the bars from the local copy.
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: ["--no-sandbox", "--disable-gpu"] });
    try {
      const page = await (await browser.newContext({ offline: true })).newPage();
      await page.goto(pathToFileURL(r.files.html!).href);
      await page.waitForSelector("#figure .main-svg", { timeout: 10_000 });
      expect(await page.locator("#figure .bars .point").count()).toBe(4);
    } finally {
      await browser.close();
    }
    const inline = await renderFigure(figure(), { dir, name: "inline", formats: ["html"], htmlPlotly: "inline" });
    expect(readFileSync(inline.files.html!, "utf8").length).toBeGreaterThan(4_000_000);
  });

  it("warns about attributes plotly would silently drop", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const f = figure();
      await renderFigure({ ...f, layout: { ...f.layout, yaxis: { titel: "typo" } as object } }, { dir, name: "typo", formats: ["svg"] });
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/renderFigure\(typo\): plotly ignored: .*yaxis\.titel/));
    } finally {
      warn.mockRestore();
    }
  });

  it("rejects bad options with clear messages", async () => {
    await expect(renderFigure(figure(), { dir, name: "x", formats: ["jpeg" as "png"] })).rejects.toThrow(/formats must be a non-empty list of "png", "svg", "html"; got \["jpeg"\]/);
    await expect(renderFigure(figure(), { dir, name: "x", formats: [] })).rejects.toThrow(/formats must be a non-empty list/);
    await expect(renderFigure(figure(), { dir, name: "../escape" })).rejects.toThrow(/must be a file stem/);
    await expect(renderFigure(figure(), { dir, name: "x", width: 0 })).rejects.toThrow(/width must be an integer/);
  });

  it("names the path and the apt package when Chromium is missing", async () => {
    await closeRenderer();
    const saved = process.env.MEDGYM_CHROMIUM;
    process.env.MEDGYM_CHROMIUM = join(dir, "no-such-chromium");
    try {
      await expect(renderFigure(figure(), { dir, name: "x" })).rejects.toThrow(/Chromium not found at .*no-such-chromium.*apt-get install chromium/);
    } finally {
      if (saved === undefined) delete process.env.MEDGYM_CHROMIUM;
      else process.env.MEDGYM_CHROMIUM = saved;
    }
  });
});
