/**
 * rewards: pure, documented reward functions. `RewardFn(ctx) -> {total, components}`; the env
 * calls the configured one on the terminal step and puts the breakdown in `info.reward`.
 */
export * from "./types.js";
export * from "./answer.js";
export * from "./outcome.js";
export { rougeL, bleu1, tokenRecall, freeTextScore, DEFAULT_FREE_TEXT_WEIGHTS, contentWords, lexicalEntailment, statementCoverage, words } from "./text-metrics.js";
export type { FreeTextWeights, EntailmentJudge } from "./text-metrics.js";
