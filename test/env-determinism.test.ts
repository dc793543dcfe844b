import { describe, expect, it } from "vitest";
import { getDomain, randomPolicy, runEpisode, type EpisodeRecord } from "../src/index.js";
import { DOMAIN, news2Env } from "./helpers.js";

const strip = (r: EpisodeRecord) => JSON.stringify({ ...r, wallMs: 0, turns: r.turns.map((t) => ({ ...t, durationMs: 0 })) });

describe("determinism", () => {
  it("the same seed picks the same task and the same case", async () => {
    const a = await news2Env({ split: "train" }).reset({ seed: 42 });
    const b = await news2Env({ split: "train" }).reset({ seed: 42 });
    expect(a).toEqual(b);
    const c = await news2Env({ split: "train" }).reset({ seed: 43 });
    expect(c.info.taskId).not.toBe(a.info.taskId);
  });

  it("successive resets without a seed follow from the first seed", async () => {
    const e1 = news2Env({ split: "train", seed: 5 });
    const e2 = news2Env({ split: "train", seed: 5 });
    const ids1 = [], ids2 = [];
    for (let i = 0; i < 5; i++) {
      ids1.push((await e1.reset()).info.taskId);
      ids2.push((await e2.reset()).info.taskId);
    }
    expect(ids1).toEqual(ids2);
    expect(new Set(ids1).size).toBeGreaterThan(1);
  });

  it("same seed, same policy: byte-identical episodes (timings aside)", async () => {
    const play = async () => {
      const env = news2Env({ split: "train" });
      const out: string[] = [];
      for (let i = 0; i < 20; i++) out.push(strip(await runEpisode(env, randomPolicy({ seed: 9 }), { seed: i })));
      return out;
    };
    expect(await play()).toEqual(await play());
  });

  it("task generation is a pure function of the code (ids and answers are stable)", () => {
    const d = getDomain(DOMAIN);
    const tasks = d.tasksFor("all");
    expect(tasks.length).toBe(400);
    expect(tasks.filter((t) => t.split === "test").length).toBe(80);
    expect(tasks[0].id).toBe("news2_triage-0000");
  });
});

describe("state isolation", () => {
  it("write tools change the state hash of their own episode only", async () => {
    const task = getDomain(DOMAIN).tasksFor("test")[0];
    const a = news2Env({ taskId: task.id });
    const b = news2Env({ taskId: task.id });
    const ra = await a.reset({ seed: 1 });
    const rb = await b.reset({ seed: 1 });
    expect(ra.info.stateHash).toBe(rb.info.stateHash);
    const read = await a.step({ name: "get_vital_signs", arguments: { patient_id: task.caseId } });
    expect(read.info.stateHash).toBe(ra.info.stateHash);
    const w = await a.step({ name: "escalate_care", arguments: { patient_id: task.caseId, level: "urgent_response", reason: "NEWS2 6" } });
    expect(w.info.stateHash).not.toBe(ra.info.stateHash);
    expect(w.info.events).toEqual([{ turn: 2, type: "referral", code: "escalation_urgent_response", detail: `${task.caseId}: NEWS2 6` }]);
    // The other episode, and a fresh episode of the same env, start from the untouched case.
    const rb2 = await b.step({ name: "get_vital_signs", arguments: { patient_id: task.caseId } });
    expect(rb2.info.stateHash).toBe(rb.info.stateHash);
    const again = await a.reset({ seed: 1 });
    expect(again.info.stateHash).toBe(ra.info.stateHash);
  });

  it("interleaved episodes in one process do not see each other's notes", async () => {
    const task = getDomain(DOMAIN).tasksFor("test")[1];
    const envs = [news2Env({ taskId: task.id }), news2Env({ taskId: task.id })];
    await Promise.all(envs.map((e) => e.reset({ seed: 2 })));
    await envs[0].step({ name: "record_observation_note", arguments: { patient_id: task.caseId, note: "first" } });
    const r = await envs[1].step({ name: "record_observation_note", arguments: { patient_id: task.caseId, note: "second" } });
    expect(r.observation).toContain("(1 note(s) this shift)");
  });
});
