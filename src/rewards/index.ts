/**
 * rewards: pure, documented reward functions. `RewardFn(ctx) -> {total, components}`; the env
 * calls the configured one on the terminal step and puts the breakdown in `info.reward`.
 */
export * from "./types.js";
export * from "./answer.js";
export * from "./outcome.js";
