import { readFileSync } from "node:fs";
import { defineDomain, type Domain } from "../../src/env/index.js";
import type { EhrState } from "./data-model.js";
import { ehrExpert } from "./expert.js";
import { createEhrState } from "./state.js";
import { generateTasks } from "./tasks.js";
import { EHR_TOOLS } from "./tools.js";

/**
 * ehr_management: questions about real hospital records (MIMIC-IV Clinical Database Demo: 100
 * patients, 275 admissions) and synthetic primary-care records (Synthea FHIR, 13 patients):
 * coding, utilisation, lab trends, AKI staging, medications, scores, quality indicators,
 * problem lists and immunizations, with a few write actions (notes, orders, consults).
 */
export const ehrManagement: Domain<EhrState> = defineDomain<EhrState>({
  name: "ehr_management",
  title: "EHR management (MIMIC-IV demo and Synthea FHIR records)",
  description: "Answer coding, utilisation, lab, medication and quality questions from a patient's electronic health record.",
  policy: readFileSync(new URL("./policy.md", import.meta.url), "utf8"),
  tools: EHR_TOOLS,
  tasks: () => generateTasks(),
  createState: createEhrState,
  expert: ehrExpert,
});

export type { EhrState } from "./data-model.js";
