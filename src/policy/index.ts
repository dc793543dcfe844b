/**
 * policy: everything that plays the gym behind one interface, `act(context) -> action`.
 * Here: the random baseline and scripted policies (domain experts build on them). Later: the
 * transformer LM and the OpenAI-compatible HTTP policy.
 */
export * from "./types.js";
export * from "./random.js";
export * from "./scripted.js";
export * from "./registry.js";
