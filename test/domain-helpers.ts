import { make, type Env, type EpisodeEvent, type Task } from "../src/env/index.js";

/** Shared fixtures of the domain suites; no domain is imported here (each suite registers its own). */

/** An env pinned to `task` with a generous turn limit, already reset with seed 1. */
export async function openTask(domain: string, task: Task, maxTurns = 200): Promise<Env> {
  const env = make("MedGym-v0", { domain, taskId: task.id, split: "all", maxTurns });
  await env.reset({ seed: 1 });
  return env;
}

/** The first task matching a fixture predicate; a missing fixture fails loudly. */
export function findTask(tasks: readonly Task[], pred: (t: Task) => boolean): Task {
  const t = tasks.find(pred);
  if (!t) throw new Error("no task matches the fixture predicate");
  return t;
}

/** Codes of the safety events, in order. */
export function safetyCodes(events: readonly EpisodeEvent[]): string[] {
  return events.filter((e) => e.type === "safety").map((e) => e.code);
}
