import { readFileSync } from "node:fs";
import { defineDomain, registerCaseFormat, type Domain } from "../../src/env/index.js";
import { agentClinicDomain } from "./agentclinic.js";
import type { ClinicState } from "./data-model.js";
import { clinicalDiagnosisExpert } from "./expert.js";
import { createClinicState } from "./state.js";
import { generateTasks } from "./tasks.js";
import { CLINICAL_DIAGNOSIS_TOOLS } from "./tools/index.js";

/**
 * clinical_diagnosis: acute presentations generated from the condition profiles. The agent takes
 * the history, examines, orders labs, imaging and ECGs, reasons to the most likely diagnosis and
 * submits it; some tasks also ask for safe first-line treatment or the right specialist transfer.
 * The same folder turns AgentClinic OSCE case files into a playable domain (case format
 * "agentclinic").
 */
export const clinicalDiagnosis: Domain<ClinicState> = defineDomain<ClinicState>({
  name: "clinical_diagnosis",
  title: "Clinical diagnosis (acute presentations)",
  description: "Work up an acute presentation through history, examination and investigations, then name the most likely diagnosis; some tasks add treatment or disposition.",
  policy: readFileSync(new URL("./policy.md", import.meta.url), "utf8"),
  tools: CLINICAL_DIAGNOSIS_TOOLS,
  tasks: () => generateTasks(),
  createState: createClinicState,
  expert: clinicalDiagnosisExpert,
});

registerCaseFormat("agentclinic", (file) => agentClinicDomain(file));

export { agentClinicDomain, agentClinicDiagnosisMatch } from "./agentclinic.js";
export { rankConditions, type Evidence } from "./knowledge.js";
export { clinicalOutcome, type ClinicalOutcome } from "./outcome.js";
export type { ClinicState } from "./data-model.js";
