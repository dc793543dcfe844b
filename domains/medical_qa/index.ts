import { readFileSync } from "node:fs";
import { defineDomain, type Domain } from "../../src/env/index.js";
import type { MedicalQaState } from "./data-model.js";
import { medicalQaExpert } from "./expert.js";
import { createMedicalQaState } from "./state.js";
import { generateTasks } from "./tasks.js";
import { MEDICAL_QA_TOOLS } from "./tools.js";

/**
 * medical_qa: evidence-based question answering. PubMedQA research questions (training-side items
 * only) and single-best-answer questions generated from the project's clinical tables, answered
 * with literature, encyclopedia, guideline, drug, lab, differential and calculator tools over the
 * leakage-free default knowledge base.
 */
export const medicalQa: Domain<MedicalQaState> = defineDomain<MedicalQaState>({
  name: "medical_qa",
  title: "Medical question answering",
  description: "Answer research (yes/no/maybe) and single-best-answer medical questions with retrieval and clinical-table tools.",
  policy: readFileSync(new URL("./policy.md", import.meta.url), "utf8"),
  tools: MEDICAL_QA_TOOLS,
  tasks: () => generateTasks(),
  createState: createMedicalQaState,
  expert: medicalQaExpert,
});

export type { MedicalQaState } from "./data-model.js";
