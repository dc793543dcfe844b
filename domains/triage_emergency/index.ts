import { readFileSync } from "node:fs";
import { defineDomain, type Domain } from "../../src/env/index.js";
import type { EdState } from "./data-model.js";
import { triageExpert } from "./expert.js";
import { createEdState } from "./state.js";
import { generateTasks } from "./tasks.js";
import { TRIAGE_TOOLS } from "./tools.js";

/**
 * triage_emergency: an emergency department. Patients generated from the condition profiles
 * arrive with consistent vitals, GCS, pain, labs, imaging and toxicology; the agent triages them
 * with ESI v4, works them up, activates emergency protocols and decides where they go.
 */
export const triageEmergency: Domain<EdState> = defineDomain<EdState>({
  name: "triage_emergency",
  title: "Emergency triage (ESI, protocols, disposition)",
  description: "Triage emergency patients with ESI v4, recognise STEMI/stroke/sepsis/trauma/haemorrhage/PE protocol criteria, reach a working diagnosis and decide the disposition.",
  policy: readFileSync(new URL("./policy.md", import.meta.url), "utf8"),
  tools: TRIAGE_TOOLS,
  tasks: () => generateTasks(),
  createState: createEdState,
  expert: triageExpert,
});

export type { EdState } from "./data-model.js";
export { esiLevel, qsofa, revisedTraumaScore, shockIndex } from "./scores.js";
