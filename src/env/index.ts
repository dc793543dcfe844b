/**
 * env: the gymnasium-style environment core. `make("MedGym-v0", {domain})` builds an Env whose
 * `reset`/`step` follow DESIGN.md's contract; tools are typed once with `defineTool`, domains with
 * `defineDomain` and registered by name; actions are parsed from every accepted form; episodes are
 * recorded turn by turn and serialise to JSONL.
 */
import { MedGymEnv } from "./env.js";
import { registerEnv } from "./registry.js";

registerEnv("MedGym-v0", (opts) => new MedGymEnv("MedGym-v0", opts));

export * from "./types.js";
export * from "./errors.js";
export * from "./tool.js";
export * from "./domain.js";
export * from "./action.js";
export * from "./messages.js";
export * from "./episode.js";
export * from "./env.js";
export * from "./registry.js";
export * from "./rollout.js";
export * from "./vector-env.js";
export * from "./checker.js";
export * from "./play.js";
export * from "./case-formats.js";
