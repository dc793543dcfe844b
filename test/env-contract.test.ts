import { describe, expect, it } from "vitest";
import { getDomain, make, UnknownDomainError, UnknownEnvError, EnvConfigError, runEpisode, checkEnv, CHECK_MESSAGES } from "../src/env/index.js";
import { DOMAIN, firstTestTask, news2Env } from "./helpers.js";

describe("make()", () => {
  it("builds MedGym-v0 for a registered domain", () => {
    const env = news2Env();
    expect(env.id).toBe("MedGym-v0");
    expect(env.domain.name).toBe(DOMAIN);
  });

  it("suggests close ids for an unknown env id", () => {
    expect(() => make("MedGym-v1", { domain: DOMAIN })).toThrowError(UnknownEnvError);
    expect(() => make("MedGym-v1", { domain: DOMAIN })).toThrowError(/Did you mean "MedGym-v0"/);
  });

  it("suggests close names for an unknown domain", () => {
    expect(() => make("MedGym-v0", { domain: "news2_triag" })).toThrowError(UnknownDomainError);
    expect(() => make("MedGym-v0", { domain: "news2_triag" })).toThrowError(/Did you mean "news2_triage"/);
  });

  it("rejects bad options with the rule that was broken", () => {
    expect(() => news2Env({ maxTurns: 0 })).toThrowError(new EnvConfigError("maxTurns must be a positive integer, got 0"));
    expect(() => news2Env({ split: "dev" as never })).toThrowError(/split must be "train", "test" or "all"/);
    expect(() => news2Env({ rewardMode: "dense" })).toThrowError(/needs a stepReward/);
    expect(() => news2Env({ taskId: "news2_triage-9999" })).toThrowError(/has no task "news2_triage-9999"/);
  });
});

describe("reset()", () => {
  it("returns the ticket and an info with tools, policy, task and state hash", async () => {
    const task = firstTestTask();
    const env = news2Env({ taskId: task.id });
    const { observation, info } = await env.reset({ seed: 1 });
    expect(observation).toBe(task.ticket);
    expect(info.taskId).toBe(task.id);
    expect(info.caseId).toBe(task.caseId);
    expect(info.tools.map((t) => t.function.name)).toContain("submit_answer");
    expect(info.policy).toContain("NEWS2");
    expect(info.stateHash).toMatch(/^[0-9a-f]{16}$/);
  });

  it("step before reset is a usage error", async () => {
    await expect(news2Env().step("hi")).rejects.toThrow(/call env.reset\(\)/);
  });
});

describe("tool schemas", () => {
  it("are generated from the zod definition (required, enums, no extra keys)", () => {
    const schema = getDomain(DOMAIN).tool("escalate_care")!.schema();
    expect(schema.type).toBe("function");
    const p = schema.function.parameters as { type: string; required: string[]; additionalProperties: boolean; properties: Record<string, { enum?: string[] }> };
    expect(p.type).toBe("object");
    expect(p.required.sort()).toEqual(["level", "patient_id", "reason"]);
    expect(p.additionalProperties).toBe(false);
    expect(p.properties.level.enum).toEqual(["ward_review", "urgent_response", "emergency_response"]);
  });
});

describe("step()", () => {
  it("terminates on the terminal tool with the reward breakdown in info", async () => {
    const task = firstTestTask();
    const env = news2Env({ taskId: task.id });
    await env.reset({ seed: 3 });
    const r = await env.step({ name: "submit_answer", arguments: { risk_band: (task.answer as { value: string }).value } });
    expect(r.terminated).toBe(true);
    expect(r.truncated).toBe(false);
    expect(r.reward).toBeCloseTo(1);
    expect(r.info.reward?.components).toEqual({ accuracy: 1, format: 1 });
    expect(r.info.submitted).toBe((task.answer as { value: string }).value);
  });

  it("gives reward 0 on non-terminal steps", async () => {
    const env = news2Env();
    const { info } = await env.reset({ seed: 3 });
    const r = await env.step({ name: "get_vital_signs", arguments: { patient_id: info.caseId } });
    expect(r.reward).toBe(0);
    expect(r.terminated || r.truncated).toBe(false);
    expect(r.observation).toMatch(/^RR \d+ \/min; SpO2/);
  });

  it("truncates at maxTurns and scores a truncated episode with accuracy 0", async () => {
    const env = news2Env({ maxTurns: 3 });
    await env.reset({ seed: 4 });
    const a = await env.step("thinking");
    const b = await env.step("still thinking");
    const c = await env.step("more thinking");
    expect([a.truncated, b.truncated, c.truncated]).toEqual([false, false, true]);
    expect(c.terminated).toBe(false);
    expect(c.info.reward?.components.accuracy).toBe(0);
  });

  it("answers steps after the end with an error observation, not an exception", async () => {
    const env = news2Env({ maxTurns: 1 });
    await env.reset({ seed: 5 });
    await env.step("x");
    const r = await env.step("y");
    expect(r.info.formatError?.code).toBe("after_terminal");
    expect(r.truncated).toBe(true);
  });

  it("records a free-text turn as a monologue and nudges toward a tool", async () => {
    const env = news2Env();
    await env.reset({ seed: 6 });
    const r = await env.step("I believe the patient is fine.");
    expect(r.info.actionForm).toBe("text");
    expect(r.info.formatError).toBeUndefined();
    expect(r.observation).toMatch(/No tool call was found/);
    expect(env.record().turns[0]).toMatchObject({ form: "text", text: "I believe the patient is fine." });
  });

  it("names the unknown tool and suggests the closest", async () => {
    const env = news2Env();
    await env.reset({ seed: 7 });
    const r = await env.step({ name: "get_vitals_signs", arguments: {} });
    expect(r.info.formatError?.code).toBe("unknown_tool");
    expect(r.observation).toContain('There is no tool named "get_vitals_signs". Did you mean "get_vital_signs"');
  });

  it("explains missing, mistyped and extra arguments", async () => {
    const env = news2Env();
    await env.reset({ seed: 8 });
    const missing = await env.step({ name: "get_vital_signs", arguments: {} });
    expect(missing.observation).toBe("Error [invalid_arguments]: Invalid arguments for get_vital_signs: `patient_id` is required (string).");
    const typed = await env.step({ name: "get_vital_signs", arguments: { patient_id: 12 } });
    expect(typed.observation).toBe("Error [invalid_arguments]: Invalid arguments for get_vital_signs: `patient_id` must be string, got number.");
    const extra = await env.step({ name: "get_vital_signs", arguments: { patient_id: "P-1000", urgent: true } });
    expect(extra.observation).toBe("Error [invalid_arguments]: Invalid arguments for get_vital_signs: unexpected argument `urgent`.");
    const badEnum = await env.step({ name: "submit_answer", arguments: { risk_band: "critical" } });
    expect(badEnum.observation).toContain('`risk_band` must be one of "low", "low-medium", "medium", "high"');
    expect(badEnum.terminated).toBe(false);
  });

  it("turns a tool's refusal into an observation (toolError, not a format error)", async () => {
    const env = news2Env();
    await env.reset({ seed: 9 });
    const r = await env.step({ name: "get_vital_signs", arguments: { patient_id: "P-0000" } });
    expect(r.info.toolError).toMatch(/No patient with id "P-0000"/);
    expect(r.info.formatError).toBeUndefined();
  });

  it("penalises format errors in the terminal reward", async () => {
    const task = firstTestTask();
    const env = news2Env({ taskId: task.id });
    await env.reset({ seed: 10 });
    await env.step("{broken");
    const r = await env.step({ name: "submit_answer", arguments: { risk_band: (task.answer as { value: string }).value } });
    expect(r.info.reward?.components.format).toBeCloseTo(0.5);
    expect(r.reward).toBeCloseTo(0.8 + 0.2 * 0.5);
  });
});

describe("experts and baselines", () => {
  it("the scripted expert solves every test task through the tools", async () => {
    const d = getDomain(DOMAIN);
    const env = news2Env();
    const tasks = d.tasksFor("test");
    let solved = 0;
    for (const t of tasks) {
      const r = await runEpisode(env, d.expert!(t), { taskId: t.id });
      if (r.terminated && r.reward?.components.accuracy === 1) solved++;
      expect(r.turns.filter((x) => x.toolCall).length).toBeGreaterThanOrEqual(5);
    }
    expect(solved).toBe(tasks.length);
  });
});

describe("checkEnv", () => {
  it("passes on the example domain", async () => {
    const results = await checkEnv(() => news2Env());
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(results.map((r) => r.name)).toEqual(Object.keys(CHECK_MESSAGES));
  });
});
