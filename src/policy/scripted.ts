import type { Action } from "../env/types.js";
import type { Policy, PolicyContext } from "./types.js";

/**
 * A scripted policy: a list of steps, each either a fixed action or a function of the context
 * (so later steps can read earlier tool results). Domain experts are built from these.
 */
export type ScriptStep = Action | ((ctx: PolicyContext) => Action);

export function scriptedPolicy(name: string, steps: readonly ScriptStep[]): Policy {
  let i = 0;
  return {
    name,
    reset() {
      i = 0;
    },
    act(ctx) {
      if (i >= steps.length) throw new Error(`${name}: script has only ${steps.length} steps but the episode is still running`);
      const s = steps[i++];
      return typeof s === "function" ? s(ctx) : s;
    },
  };
}

/** The latest tool observation in the conversation (what scripted steps usually parse). */
export function lastObservation(ctx: PolicyContext): string {
  for (let i = ctx.messages.length - 1; i >= 0; i--) {
    const m = ctx.messages[i];
    if (m.role === "tool" || m.role === "user") return m.content;
  }
  return "";
}

/**
 * A policy written as a generator: it yields one action per turn and receives the latest
 * observation back, so an expert reads like a clinician's work-up (`const vitals = yield call`)
 * instead of a hand-managed step counter.
 */
export type PolicyFlow = Generator<Action, Action, string>;

export function flowPolicy(name: string, make: (ctx: PolicyContext) => PolicyFlow): Policy {
  let gen: PolicyFlow | undefined;
  return {
    name,
    reset() {
      gen = undefined;
    },
    act(ctx) {
      if (!gen) {
        gen = make(ctx);
        return gen.next("").value;
      }
      return gen.next(lastObservation(ctx)).value;
    },
  };
}
