import { readFileSync } from "node:fs";
import { defineDomain, type Domain } from "../../src/env/index.js";
import type { VisualState } from "./data-model.js";
import { visualExpert } from "./expert.js";
import { createVisualState } from "./state.js";
import { generateTasks } from "./tasks.js";
import { VISUAL_TOOLS } from "./tools.js";

/**
 * visual_diagnosis: questions about real images (VQA-RAD training side, PneumoniaMNIST train split)
 * and synthetic follow-up CTs, answered with MedVistaGym-style image tools that crop, zoom,
 * measure and compute statistics on the actual pixels (sharp), plus similar-case retrieval,
 * imaging knowledge and a visual differential.
 */
export const visualDiagnosis: Domain<VisualState> = defineDomain<VisualState>({
  name: "visual_diagnosis",
  title: "Visual diagnosis on medical images",
  description: "Answer questions about radiographs, CT and MRI images with pixel-level image tools (crop, zoom, region statistics, segmentation, RECIST tracking).",
  policy: readFileSync(new URL("./policy.md", import.meta.url), "utf8"),
  tools: VISUAL_TOOLS,
  tasks: () => generateTasks(),
  createState: createVisualState,
  expert: visualExpert,
});

export type { VisualState } from "./data-model.js";
