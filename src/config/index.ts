/**
 * config: typed, validated run configuration (profiles now; experiment configs with the trainers).
 */
export * from "./profile.js";
