import { readFileSync } from "node:fs";
import { defineDomain, type Domain } from "../../src/env/index.js";
import type { CrossDomainState } from "./data-model.js";
import { crossDomainExpert } from "./expert.js";
import { createCrossDomainState } from "./state.js";
import { generateTasks } from "./tasks.js";
import { CROSS_DOMAIN_TOOLS } from "./tools.js";

/**
 * cross_domain: multi-phase patient pathways (acute chest pain, DKA, stroke code, sepsis hour-1
 * bundle, post-op PE, paediatric Kawasaki). Each phase is set in another domain's setting (triage,
 * diagnosis, imaging, drug safety); the state and tools are the domain's own.
 */
export const crossDomain: Domain<CrossDomainState> = defineDomain<CrossDomainState>({
  name: "cross_domain",
  title: "Cross-domain patient pathways",
  description: "Take one patient through a multi-phase pathway (triage, work-up, drug safety, treatment) to the final disposition.",
  policy: readFileSync(new URL("./policy.md", import.meta.url), "utf8"),
  tools: CROSS_DOMAIN_TOOLS,
  tasks: () => generateTasks(),
  createState: createCrossDomainState,
  expert: crossDomainExpert,
});

export type { CrossDomainState } from "./data-model.js";
export { generateCase } from "./generator.js";
