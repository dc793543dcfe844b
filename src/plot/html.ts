import type { Figure } from "./types.js";

export interface FigureHtmlOptions {
  title: string;
  width: number;
  height: number;
  /** Either the plotly.js source to inline, or a (relative) URL of plotly.min.js. */
  plotly: { inline: string } | { src: string };
}

/**
 * A standalone HTML page showing an interactive figure. It loads plotly from the file itself or
 * from a path beside it, never from a CDN, so it opens on an offline machine.
 */
export function figureHtml(figure: Figure, opts: FigureHtmlOptions): string {
  const script = "inline" in opts.plotly ? `<script>${opts.plotly.inline}</script>` : `<script src="${escapeAttr(opts.plotly.src)}"></script>`;
  const layout = { ...figure.layout, width: opts.width, height: opts.height };
  const config = { displaylogo: false, ...figure.config };
  return `<!doctype html>
<html>
<head>
<meta charset="utf-8">
<title>${escapeText(opts.title)}</title>
${script}
</head>
<body style="margin:0">
<div id="figure"></div>
<script>
Plotly.newPlot("figure", ${scriptJson(figure.data)}, ${scriptJson(layout)}, ${scriptJson(config)});
</script>
</body>
</html>
`;
}

/** JSON that is safe inside <script>: "</script>" or "<!--" in a label must not end the block. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

function escapeText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, "&quot;");
}
