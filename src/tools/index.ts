/**
 * tools: tool definitions shared across domains (think, clinical calculators, knowledge search).
 * Domain-specific tools live in their domain folder.
 */
export * from "./common.js";
export * from "./calculators.js";
export * from "./knowledge.js";
