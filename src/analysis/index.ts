/**
 * analysis: pure functions from episode records to the quantities the study plots (success,
 * turns, tool calls, characters per turn). Dataframe views are built on these in the notebooks.
 */
export * from "./episode-metrics.js";
