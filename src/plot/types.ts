import type { Config, Data, Layout } from "plotly.js-dist-min";

export type { Config, Data, Layout };

/**
 * A plotly figure as plain JSON (the same shape `Plotly.newPlot` takes), so it can be built in
 * Node, rendered in headless Chromium, saved next to its images and re-plotted in any plotly.
 */
export interface Figure {
  data: Data[];
  layout?: Partial<Layout>;
  config?: Partial<Config>;
}

/** Titles shared by every helper. */
export interface AxisTitles {
  title?: string;
  xTitle?: string;
  yTitle?: string;
}
