import type { Domain } from "../env/domain.js";
import type { Task } from "../env/types.js";
import { randomPolicy } from "./random.js";
import type { Policy } from "./types.js";
import { suggest } from "../env/errors.js";

/**
 * Named policies for the CLI and batch runs. A factory gets the domain and the task about to be
 * played, because some policies (scripted experts) are built per task.
 */
export type PolicyFactory = (args: { domain: Domain<any>; task: Task; seed: number }) => Policy;

const factories = new Map<string, PolicyFactory>();

export function registerPolicy(name: string, factory: PolicyFactory): void {
  factories.set(name, factory);
}

export function listPolicies(): string[] {
  return [...factories.keys()].sort();
}

export function createPolicy(name: string, args: Parameters<PolicyFactory>[0]): Policy {
  const f = factories.get(name);
  if (!f) {
    const near = suggest(name, listPolicies());
    throw new Error(`Unknown policy "${name}".${near.length ? ` Did you mean ${near.map((n) => `"${n}"`).join(", ")}?` : ""} Available: ${listPolicies().join(", ")}.`);
  }
  return f(args);
}

// The random baseline keeps one seeded stream per run; it is re-seeded per episode by reset().
const randoms = new Map<number, Policy>();
registerPolicy("random", ({ seed }) => {
  let p = randoms.get(seed);
  if (!p) randoms.set(seed, (p = randomPolicy({ seed })));
  return p;
});

registerPolicy("expert", ({ domain, task }) => {
  if (!domain.expert) throw new Error(`Domain "${domain.name}" has no scripted expert`);
  return domain.expert(task);
});
