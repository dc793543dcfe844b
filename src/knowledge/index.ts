/**
 * knowledge/: retrieval over medical text for the gym's knowledge tools. `KnowledgeSource` is the
 * backend-agnostic contract (search + get); `MemoryKnowledgeSource` is the in-memory minisearch
 * backend and `buildDefaultMemorySource` the per-process default knowledge base: project-authored
 * texts (conditions, drugs, labs) plus the general passage sources, never the evaluation-derived
 * ones unless asked for by name (data/README "Leakage warning", DESIGN Appendix C).
 */
export * from "./source.js";
export * from "./documents.js";
export * from "./memory-source.js";
