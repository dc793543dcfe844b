import { describe, expect, it } from "vitest";
import { createRng, type Rng } from "../src/util/rng.js";
import { news2Env } from "./helpers.js";

/** Random garbage of many shapes: strings, near-JSON, objects with wrong types, huge values. */
function randomAction(rng: Rng, toolNames: string[]): unknown {
  const words = ["get_vital_signs", "submit_answer", "patient_id", "P-1000", "risk_band", "{", "}", '"', ":", ",", "[", "]", "<tool_call>", "</tool_call>", "```json", "```", "null", "true", "\\u0000", "high", "name", "arguments"];
  const randomString = () => {
    const n = rng.int(0, 40);
    let s = "";
    for (let i = 0; i < n; i++) s += rng.chance(0.5) ? rng.pick(words) : String.fromCharCode(rng.int(0, 0x2fff));
    return s;
  };
  const randomValue = (depth: number): unknown => {
    switch (rng.int(0, depth > 2 ? 4 : 7)) {
      case 0: return rng.int(-1e9, 1e9);
      case 1: return randomString();
      case 2: return rng.chance(0.5);
      case 3: return null;
      case 4: return rng.next() * 1e308;
      case 5: return [randomValue(depth + 1), randomValue(depth + 1)];
      case 6: return { [randomString()]: randomValue(depth + 1), patient_id: randomValue(depth + 1) };
      default: return "x".repeat(rng.int(0, 200_000));
    }
  };
  switch (rng.int(0, 9)) {
    case 0: return randomString();
    case 1: return `{"name": "${rng.pick(toolNames)}", "arguments": ${randomString()}`;
    case 2: return `<tool_call>${randomString()}</tool_call>`;
    case 3: return { name: rng.pick(toolNames), arguments: { patient_id: randomValue(0), risk_band: randomValue(0), extra: randomValue(0) } };
    case 4: return { name: randomValue(0), arguments: randomValue(0) };
    case 5: return { function: { name: rng.pick(toolNames), arguments: randomString() } };
    case 6: return { tool_calls: [{ function: { name: rng.pick(toolNames), arguments: randomValue(0) } }] };
    case 7: return Buffer.from(Array.from({ length: rng.int(1, 64) }, () => rng.int(0, 255))).toString("latin1");
    case 8: return "A".repeat(rng.int(1, 1_100_000));
    default: return randomValue(0);
  }
}

describe("fuzzed bad actions", () => {
  it("never throw out of step(), always return the five fields, and flag rejected input", async () => {
    const rng = createRng(2024);
    const env = news2Env({ maxTurns: 50 });
    const tools = [...env.domain.toolNames(), "no_such_tool"];
    await env.reset({ seed: 1 });
    let flagged = 0;
    const N = 3000;
    for (let i = 0; i < N; i++) {
      const a = randomAction(rng, tools);
      const r = await env.step(a as never);
      expect(typeof r.observation).toBe("string");
      expect(Number.isFinite(r.reward)).toBe(true);
      expect(typeof r.terminated).toBe("boolean");
      expect(typeof r.truncated).toBe("boolean");
      expect(r.observation.length).toBeLessThan(10_000);
      if (r.info.formatError) {
        flagged++;
        expect(r.observation).toMatch(/^Error \[[a-z_]+\]: /);
      } else {
        expect(["text", "tool_call_object", "openai_tool_call", "json_text", "fenced_json", "tool_call_tag"]).toContain(r.info.actionForm);
      }
      if (r.terminated || r.truncated) await env.reset({ seed: i });
    }
    // Most random input is malformed; all of it is handled.
    expect(flagged).toBeGreaterThan(N / 3);
  });
});
