/**
 * MedGym: a TypeScript research workbench for multi-turn, tool-using medical agents.
 * Import the built-in domains with `import "medgym/domains"` (or `domains/index.ts`) before
 * `make()`; library code never imports them itself.
 */
export * from "./env/index.js";
export * from "./policy/index.js";
export * from "./rewards/index.js";
export { createRng, deriveSeed, type Rng } from "./util/rng.js";
export { contentHash, sha256 } from "./util/hash.js";
export { writeFileAtomic } from "./util/atomic-write.js";
export { countTokens } from "./util/text.js";
export * from "./analysis/index.js";
export * from "./config/index.js";
export * from "./knowledge/index.js";
export * from "./tools/index.js";
