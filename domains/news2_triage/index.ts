import { readFileSync } from "node:fs";
import { defineDomain, type Domain } from "../../src/env/index.js";
import type { WardState } from "./data-model.js";
import { news2Expert } from "./expert.js";
import { createWardState } from "./state.js";
import { generateTasks } from "./tasks.js";
import { NEWS2_TOOLS } from "./tools.js";

/**
 * news2_triage: the example domain that proves the environment contract end to end. A ward
 * patient's observations are generated from a clinical profile; the agent gathers them, scores
 * NEWS2, escalates and submits the risk band.
 */
export const news2Triage: Domain<WardState> = defineDomain<WardState>({
  name: "news2_triage",
  title: "Ward early-warning score (NEWS2)",
  description: "Score a ward patient's observations with NEWS2 and choose the clinical response.",
  policy: readFileSync(new URL("./policy.md", import.meta.url), "utf8"),
  tools: NEWS2_TOOLS,
  tasks: () => generateTasks(),
  createState: createWardState,
  expert: news2Expert,
});

export { news2, RESPONSE } from "./news2.js";
export type { WardState } from "./data-model.js";
