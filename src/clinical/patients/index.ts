/**
 * Seeded patient generation from condition profiles, shared by every domain that needs a case.
 */
export * from "./generate.js";
