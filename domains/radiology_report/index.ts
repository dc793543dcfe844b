import { readFileSync } from "node:fs";
import { defineDomain, type Domain } from "../../src/env/index.js";
import type { RadiologyState } from "./data-model.js";
import { radiologyExpert } from "./expert.js";
import { createRadiologyState } from "./state.js";
import { generateTasks } from "./tasks.js";
import { RADIOLOGY_TOOLS } from "./tools.js";

/**
 * radiology_report: report generated imaging studies. Diagnostic studies follow the condition
 * profiles' imaging findings (the impression names the diagnosis; emergencies need a critical-
 * result call), classification studies apply Fleischner 2017, ACR TI-RADS, BI-RADS, LI-RADS v2018,
 * Lung-RADS v2022 and Agatston scoring, and numeric questions cover calcium score, CT effective
 * dose and nodule volume doubling time.
 */
export const radiologyReport: Domain<RadiologyState> = defineDomain<RadiologyState>({
  name: "radiology_report",
  title: "Radiology reporting",
  description: "Report imaging studies: diagnosis from findings, classification systems, measurements, dose and critical-result communication.",
  policy: readFileSync(new URL("./policy.md", import.meta.url), "utf8"),
  tools: RADIOLOGY_TOOLS,
  tasks: () => generateTasks(),
  createState: createRadiologyState,
  expert: radiologyExpert,
});

export type { RadiologyState } from "./data-model.js";
