import { readFileSync } from "node:fs";
import { defineDomain, type Domain } from "../../src/env/index.js";
import type { PsychState } from "./data-model.js";
import { psychiatryExpert } from "./expert.js";
import { createPsychState } from "./state.js";
import { generateTasks } from "./tasks.js";
import { PSYCH_TOOLS } from "./tools.js";

/**
 * psychiatry: a psychiatric assessment service. Patients generated from the condition profiles
 * carry rating-instrument answers, a suicide screen, violence and capacity findings and a mental
 * state consistent with their disorder and its severity; the agent diagnoses, grades severity,
 * decides the disposition and chooses safe medication.
 */
export const psychiatry: Domain<PsychState> = defineDomain<PsychState>({
  name: "psychiatry",
  title: "Psychiatry (assessment, risk, disposition, psychopharmacology)",
  description: "Diagnose psychiatric presentations with validated instruments (PHQ-9, GAD-7, MMSE, PCL-5, CAGE, MDQ, Y-BOCS, CIWA-Ar, COWS), grade suicide and violence risk, decide disposition, and prescribe safely.",
  policy: readFileSync(new URL("./policy.md", import.meta.url), "utf8"),
  tools: PSYCH_TOOLS,
  tasks: () => generateTasks(),
  createState: createPsychState,
  expert: psychiatryExpert,
});

export type { PsychState } from "./data-model.js";
export { cssrsRisk, scoreGad7, scoreMmse, scorePcl5, scorePhq9 } from "./instruments.js";
