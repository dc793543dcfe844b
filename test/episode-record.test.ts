import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { getDomain, parseEpisodesJsonl, readEpisodesJsonl, runEpisode, toMessages, VectorEnv, writeEpisodesJsonl, summarizeEpisodes } from "../src/index.js";
import { DOMAIN, news2Env } from "./helpers.js";

describe("episode records", () => {
  it("record every turn with text, call, observation, counts and timing, and round-trip through JSONL", async () => {
    const d = getDomain(DOMAIN);
    const task = d.tasksFor("test")[2];
    const env = news2Env();
    const rec = await runEpisode(env, d.expert!(task), { taskId: task.id, seed: 3 });
    expect(rec.turns.length).toBe(8);
    const t = rec.turns[1];
    expect(t).toMatchObject({ turn: 2, role: "assistant", form: "tool_call_object", toolCall: { name: "get_vital_signs" } });
    expect(t.chars).toBe(JSON.stringify(t.toolCall).length);
    expect(t.tokens).toBeGreaterThan(3);
    expect(t.observationChars).toBe(t.observation.length);
    expect(t.durationMs).toBeGreaterThanOrEqual(0);
    const dir = mkdtempSync(join(tmpdir(), "medgym-"));
    const path = join(dir, "e.jsonl");
    writeEpisodesJsonl(path, [rec, rec]);
    expect(readFileSync(path, "utf8").trim().split("\n")).toHaveLength(2);
    expect(readEpisodesJsonl(path)).toEqual([JSON.parse(JSON.stringify(rec)), JSON.parse(JSON.stringify(rec))]);
  });

  it("report the line of a corrupt JSONL file", () => {
    expect(() => parseEpisodesJsonl('{"taskId":"a","turns":[]}\n{oops', "f.jsonl")).toThrow(/^f\.jsonl:2: not valid JSON/);
    expect(() => parseEpisodesJsonl('{"x":1}', "f.jsonl")).toThrow("f.jsonl:1: not an episode record (needs taskId and turns)");
  });

  it("render as OpenAI chat messages with tool calls and tool results", async () => {
    const d = getDomain(DOMAIN);
    const task = d.tasksFor("test")[0];
    const rec = await runEpisode(news2Env(), d.expert!(task), { taskId: task.id });
    const msgs = toMessages(rec);
    expect(msgs[0].role).toBe("system");
    expect(msgs[1]).toEqual({ role: "user", content: task.ticket });
    expect(msgs[2].tool_calls?.[0].function.name).toBe("get_patient_info");
    expect(msgs[3]).toMatchObject({ role: "tool", tool_call_id: msgs[2].tool_calls?.[0].id, name: "get_patient_info" });
    expect(msgs).toHaveLength(2 + 2 * rec.turns.length);
  });

  it("summarise into the play metrics", async () => {
    const d = getDomain(DOMAIN);
    const env = news2Env();
    const recs = [];
    for (const t of d.tasksFor("test").slice(0, 5)) recs.push(await runEpisode(env, d.expert!(t), { taskId: t.id }));
    const s = summarizeEpisodes(recs);
    expect(s).toMatchObject({ episodes: 5, successRate: 1, meanTurns: 8, meanToolCalls: 8, formatErrorRate: 0, truncatedRate: 0 });
    expect(s.meanCharsPerAssistantTurn).toBeGreaterThan(30);
  });
});

describe("VectorEnv", () => {
  it("steps N environments together, seeds them seed+i and autoresets finished ones", async () => {
    const v = new VectorEnv("MedGym-v0", 4, { domain: DOMAIN, split: "train", maxTurns: 2, seed: 10 });
    const resets = await v.reset();
    expect(resets).toHaveLength(4);
    expect(new Set(resets.map((r) => r.info.taskId)).size).toBeGreaterThan(1);
    const again = await new VectorEnv("MedGym-v0", 4, { domain: DOMAIN, split: "train", seed: 10 }).reset();
    expect(again.map((r) => r.info.taskId)).toEqual(resets.map((r) => r.info.taskId));
    await v.step(["a", "b", "c", "d"]);
    const second = await v.step(["a", "b", "c", "d"]);
    expect(second.every((r) => r.truncated)).toBe(true);
    const third = await v.step(["a", "b", "c", "d"]);
    expect(third.every((r) => r.reset !== undefined && !r.truncated)).toBe(true);
    await expect(v.step(["a"])).rejects.toThrow("VectorEnv.step: expected 4 actions, got 1");
  });
});
