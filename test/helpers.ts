import "../domains/index.js";
import { getDomain, make, type Env, type EnvOptions, type Task } from "../src/env/index.js";

export const DOMAIN = "news2_triage";

export function news2Env(opts: Partial<EnvOptions> = {}): Env {
  return make("MedGym-v0", { domain: DOMAIN, split: "test", ...opts });
}

export function firstTestTask(): Task {
  return getDomain(DOMAIN).tasksFor("test")[0];
}
