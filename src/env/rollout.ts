import type { Policy } from "../policy/types.js";
import type { EpisodeRecord } from "./episode.js";
import type { Env } from "./env.js";

export interface RolloutOptions {
  seed?: number;
  taskId?: string;
}

/**
 * Play one episode of `policy` in `env` and return its record. A policy that throws ends the
 * episode with the error attached (the record says how far it got), so a batch run never dies on
 * one bad episode.
 */
export async function runEpisode(env: Env, policy: Policy, opts: RolloutOptions = {}): Promise<EpisodeRecord & { policyError?: string }> {
  const { info } = await env.reset({ seed: opts.seed, options: opts.taskId ? { taskId: opts.taskId } : undefined });
  policy.reset?.(info, info.seed);
  let turn = 0;
  for (;;) {
    turn++;
    let action;
    try {
      action = await policy.act({ messages: env.messages(), tools: info.tools, info, turn });
    } catch (e) {
      return { ...env.record(), policy: policy.name, policyError: (e as Error)?.message ?? String(e) };
    }
    const r = await env.step(action);
    if (r.terminated || r.truncated) break;
  }
  return { ...env.record(), policy: policy.name };
}
