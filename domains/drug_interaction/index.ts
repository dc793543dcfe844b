import { readFileSync } from "node:fs";
import { defineDomain, type Domain } from "../../src/env/index.js";
import type { RxState } from "./data-model.js";
import { drugExpert } from "./expert.js";
import { createRxState } from "./state.js";
import { generateTasks } from "./tasks.js";
import { DRUG_TOOLS } from "./tools.js";

/**
 * drug_interaction: a clinical pharmacist's consults on seeded patients built from condition
 * profiles and the project's drug table: interaction review, safe alternatives, renal and hepatic
 * dosing, pregnancy, therapeutic drug monitoring, QT and serotonergic risk, CYP450 mechanisms,
 * food interactions, dose limits and opioid MME.
 */
export const drugInteraction: Domain<RxState> = defineDomain<RxState>({
  name: "drug_interaction",
  title: "Drug interactions and medication safety",
  description: "Review medication lists, screen new prescriptions and dose drugs safely for kidney, liver, pregnancy and drug levels.",
  policy: readFileSync(new URL("./policy.md", import.meta.url), "utf8"),
  tools: DRUG_TOOLS,
  tasks: () => generateTasks(),
  createState: createRxState,
  expert: drugExpert,
});

export type { RxState } from "./data-model.js";
