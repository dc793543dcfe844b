import type { Action, ResetResult, StepResult } from "./types.js";
import type { Env, EnvOptions } from "./env.js";
import { make } from "./registry.js";

/**
 * N environments stepped together in one process (gymnasium's SyncVectorEnv). A finished
 * sub-environment is reset automatically on its next step (autoreset), and the step result of the
 * finishing step is returned unchanged so its terminal reward is never lost.
 */
export class VectorEnv {
  readonly envs: Env[];
  private needsReset: boolean[];
  private seed: number;

  constructor(envId: string, n: number, opts: EnvOptions) {
    if (!Number.isInteger(n) || n < 1) throw new Error(`VectorEnv: n must be a positive integer, got ${n}`);
    this.seed = opts.seed ?? 0;
    this.envs = Array.from({ length: n }, (_, i) => make(envId, { ...opts, seed: this.seed + i }));
    this.needsReset = new Array(n).fill(true);
  }

  get size(): number {
    return this.envs.length;
  }

  /** Reset all; env i uses seed + i so the batch is reproducible from one seed. */
  async reset(seed?: number): Promise<ResetResult[]> {
    if (seed !== undefined) this.seed = seed;
    const out = await Promise.all(this.envs.map((e, i) => e.reset({ seed: this.seed + i })));
    this.needsReset.fill(false);
    return out;
  }

  async step(actions: readonly Action[]): Promise<(StepResult & { reset?: ResetResult })[]> {
    if (actions.length !== this.envs.length) {
      throw new Error(`VectorEnv.step: expected ${this.envs.length} actions, got ${actions.length}`);
    }
    return Promise.all(
      this.envs.map(async (env, i) => {
        if (this.needsReset[i]) {
          const reset = await env.reset();
          this.needsReset[i] = false;
          const r = await env.step(actions[i]);
          if (r.terminated || r.truncated) this.needsReset[i] = true;
          return { ...r, reset };
        }
        const r = await env.step(actions[i]);
        if (r.terminated || r.truncated) this.needsReset[i] = true;
        return r;
      }),
    );
  }

  close(): void {
    for (const e of this.envs) e.close();
  }
}
