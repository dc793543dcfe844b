import type { Env } from "./env.js";
import type { ResetResult, StepResult } from "./types.js";

/**
 * `checkEnv` runs small named checks over an environment, like gymnasium's env_checker. Each
 * failure message says what is wrong and how to fix it; the tests pin these texts.
 */
export interface CheckResult {
  name: string;
  ok: boolean;
  message?: string;
}

export const CHECK_MESSAGES = {
  resetShape: "reset() must resolve to {observation: string, info: {taskId, tools, policy, stateHash, ...}}; return the ticket text as observation.",
  toolSchemas: "every tool schema must be {type: 'function', function: {name, description, parameters: {type: 'object'}}}; build tools with defineTool().",
  seededReset: "reset({seed}) twice with the same seed must give the same observation and stateHash; draw every random choice from the seeded RNG.",
  stepShape: "step() must resolve to {observation: string, reward: number, terminated: boolean, truncated: boolean, info}.",
  badActionNoThrow: "step() must not throw on malformed input; return an error observation with info.formatError instead.",
  seededStep: "the same seed and actions must give byte-identical observations and rewards; tools must not read clocks or global random state.",
  closeTwice: "close() must be callable twice without throwing.",
} as const;

export async function checkEnv(makeEnv: () => Env, probeActions: readonly unknown[] = ["hello", "{not json", { name: "no_such_tool", arguments: {} }]): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const run = async (name: keyof typeof CHECK_MESSAGES, fn: () => Promise<boolean>) => {
    try {
      const ok = await fn();
      results.push(ok ? { name, ok } : { name, ok, message: CHECK_MESSAGES[name] });
    } catch (e) {
      results.push({ name, ok: false, message: `${CHECK_MESSAGES[name]} (threw: ${(e as Error).message})` });
    }
  };
  const env = makeEnv();
  let first: ResetResult | undefined;
  await run("resetShape", async () => {
    first = await env.reset({ seed: 123 });
    return typeof first.observation === "string" && typeof first.info?.taskId === "string" && Array.isArray(first.info.tools) && typeof first.info.stateHash === "string";
  });
  await run("toolSchemas", async () =>
    env.tools().every((t) => t.type === "function" && !!t.function.name && !!t.function.description && (t.function.parameters as { type?: string }).type === "object"),
  );
  await run("seededReset", async () => {
    const a = await env.reset({ seed: 7 });
    const b = await env.reset({ seed: 7 });
    return a.observation === b.observation && a.info.stateHash === b.info.stateHash && a.info.taskId === b.info.taskId;
  });
  const trace = async (e: Env): Promise<StepResult[]> => {
    await e.reset({ seed: 99 });
    const out: StepResult[] = [];
    for (const a of probeActions) {
      const r = await e.step(a as never);
      out.push(r);
      if (r.terminated || r.truncated) break;
    }
    return out;
  };
  await run("stepShape", async () => {
    await env.reset({ seed: 1 });
    const r = await env.step("hello");
    return typeof r.observation === "string" && typeof r.reward === "number" && typeof r.terminated === "boolean" && typeof r.truncated === "boolean" && !!r.info;
  });
  await run("badActionNoThrow", async () => {
    await env.reset({ seed: 2 });
    for (const bad of ["{", "<tool_call>{\"name\":", "\u0000\u0001\u0002\u0003\u0004", { name: 42 }, null, "x".repeat(2_000_000)]) {
      const r = await env.step(bad as never);
      if (!r.info.formatError) return false;
      if (r.terminated || r.truncated) await env.reset({ seed: 2 });
    }
    return true;
  });
  await run("seededStep", async () => {
    const a = await trace(makeEnv());
    const b = await trace(makeEnv());
    const key = (rs: StepResult[]) => JSON.stringify(rs.map((r) => [r.observation, r.reward, r.terminated, r.truncated, r.info.stateHash]));
    return key(a) === key(b);
  });
  await run("closeTwice", async () => {
    env.close();
    env.close();
    return true;
  });
  return results;
}

/** Throw one error listing every failed check. */
export async function assertEnv(makeEnv: () => Env, probeActions?: readonly unknown[]): Promise<void> {
  const failed = (await checkEnv(makeEnv, probeActions)).filter((r) => !r.ok);
  if (failed.length) throw new Error(`checkEnv failed:\n${failed.map((f) => `- ${f.name}: ${f.message}`).join("\n")}`);
}
