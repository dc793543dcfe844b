/**
 * train: trainers and their runtime. Here so far: TensorFlow.js backend detection (what `medgym
 * doctor` reports and every run records).
 */
export * from "./backend.js";
