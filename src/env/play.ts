import type { Domain } from "./domain.js";
import type { EpisodeRecord } from "./episode.js";
import type { EnvOptions } from "./env.js";
import { make } from "./registry.js";
import { runEpisode } from "./rollout.js";
import type { Split, Task } from "./types.js";
import type { Policy } from "../policy/types.js";
import { createRng } from "../util/rng.js";

export interface PlayOptions {
  domain: Domain<any>;
  policy: (task: Task) => Policy;
  split?: Split | "all";
  /** Play the first `limit` tasks of the split after a seeded shuffle (all tasks when omitted). */
  limit?: number;
  seed?: number;
  maxTurns?: number;
  env?: Omit<EnvOptions, "domain" | "seed" | "maxTurns" | "split">;
  onEpisode?: (record: EpisodeRecord, index: number, total: number) => void;
}

/** Play a policy over a domain's tasks: one episode per task, each with a seed derived from `seed`. */
export async function playTasks(opts: PlayOptions): Promise<(EpisodeRecord & { policyError?: string })[]> {
  const seed = opts.seed ?? 0;
  const split = opts.split ?? "test";
  let tasks = [...opts.domain.tasksFor(split)];
  if (opts.limit !== undefined && opts.limit < tasks.length) tasks = createRng(seed).shuffle(tasks).slice(0, opts.limit);
  const env = make("MedGym-v0", { ...opts.env, domain: opts.domain.name, split, seed, maxTurns: opts.maxTurns });
  const out: (EpisodeRecord & { policyError?: string })[] = [];
  for (let i = 0; i < tasks.length; i++) {
    const rec = await runEpisode(env, opts.policy(tasks[i]), { taskId: tasks[i].id, seed: seed + i });
    out.push(rec);
    opts.onEpisode?.(rec, i, tasks.length);
  }
  env.close();
  return out;
}
