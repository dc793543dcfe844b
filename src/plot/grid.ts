import type { Figure, Layout } from "./types.js";

/**
 * Small multiples: lay several single-panel figures (from the helpers) out as one figure, each
 * panel with its own axes and a title. Panels for metrics on different scales (a rate in [0, 1]
 * next to a count of turns) stay readable, which one shared y-axis would not be.
 * Legend entries are shown once per series name, from the first panel that has it.
 */
export function gridFigure(panels: readonly { title?: string; figure: Figure }[], opts: { columns?: number; title?: string; gap?: number } = {}): Figure {
  if (panels.length === 0) throw new Error("gridFigure: needs at least one panel");
  const columns = Math.min(opts.columns ?? panels.length, panels.length);
  if (!Number.isInteger(columns) || columns < 1) throw new Error(`gridFigure: columns must be a positive integer, got ${opts.columns}`);
  const rows = Math.ceil(panels.length / columns);
  const gapX = opts.gap ?? 0.08;
  const gapY = 0.16;
  const first = panels[0].figure.layout ?? {};
  const layout: Partial<Layout> & Record<string, unknown> = { ...first, annotations: [], title: opts.title ? { text: opts.title, x: 0.02, xanchor: "left" } : undefined };
  const data: Figure["data"] = [];
  const legendSeen = new Set<string>();

  panels.forEach((panel, i) => {
    const row = Math.floor(i / columns);
    const col = i % columns;
    const k = i === 0 ? "" : String(i + 1);
    const w = (1 - gapX * (columns - 1)) / columns;
    const h = (1 - gapY * (rows - 1)) / rows;
    const x0 = col * (w + gapX);
    const y1 = 1 - row * (h + gapY);
    const src = panel.figure.layout ?? {};
    layout[`xaxis${k}`] = { ...src.xaxis, domain: [x0, x0 + w], anchor: `y${k}` };
    layout[`yaxis${k}`] = { ...src.yaxis, domain: [y1 - h, y1], anchor: `x${k}` };
    if (panel.title) {
      (layout.annotations as object[]).push({
        text: `<b>${panel.title}</b>`,
        x: x0 + w / 2,
        y: y1,
        xref: "paper",
        yref: "paper",
        xanchor: "center",
        yanchor: "bottom",
        yshift: 6,
        showarrow: false,
      });
    }
    for (const trace of panel.figure.data) {
      const t = { ...trace, xaxis: `x${k}`, yaxis: `y${k}` } as Record<string, unknown>;
      const key = String(t.legendgroup ?? t.name ?? "");
      t.legendgroup = key;
      if (t.showlegend !== false) {
        t.showlegend = !legendSeen.has(key);
        legendSeen.add(key);
      }
      data.push(t as Figure["data"][number]);
    }
  });
  return { data, layout };
}
