import { describe, expect, it } from "vitest";
import { parseAction } from "../src/env/index.js";

const call = { name: "get_vital_signs", arguments: { patient_id: "P-1000" } };

describe("parseAction: accepted forms", () => {
  it("takes a ToolCall object as is", () => {
    const r = parseAction(call);
    expect(r).toMatchObject({ kind: "tool_call", form: "tool_call_object", call });
  });

  it("takes an OpenAI tool_calls entry with string arguments", () => {
    const r = parseAction({ id: "c1", type: "function", function: { name: "get_vital_signs", arguments: '{"patient_id":"P-1000"}' } });
    expect(r).toMatchObject({ kind: "tool_call", form: "openai_tool_call", call: { ...call, id: "c1" } });
  });

  it("takes an assistant message with one tool call and keeps its content", () => {
    const r = parseAction({ role: "assistant", content: "checking", tool_calls: [{ type: "function", function: { name: "get_vital_signs", arguments: { patient_id: "P-1000" } } }] });
    expect(r).toMatchObject({ kind: "tool_call", form: "openai_tool_call", call, text: "checking" });
  });

  it("parses whole-text JSON", () => {
    expect(parseAction(JSON.stringify(call))).toMatchObject({ kind: "tool_call", form: "json_text", call });
  });

  it("accepts `parameters` as a synonym of `arguments`", () => {
    expect(parseAction('{"name":"get_vital_signs","parameters":{"patient_id":"P-1000"}}')).toMatchObject({ kind: "tool_call", call });
  });

  it("parses a fenced json block and keeps the prose", () => {
    const r = parseAction("Let me look at the vitals.\n```json\n" + JSON.stringify(call) + "\n```");
    expect(r).toMatchObject({ kind: "tool_call", form: "fenced_json", call, text: "Let me look at the vitals." });
  });

  it("parses the <tool_call> tag form", () => {
    const r = parseAction(`I need vitals.<tool_call>${JSON.stringify(call)}</tool_call>`);
    expect(r).toMatchObject({ kind: "tool_call", form: "tool_call_tag", call, text: "I need vitals." });
  });

  it("tolerates a missing closing tag", () => {
    expect(parseAction(`<tool_call>${JSON.stringify(call)}`)).toMatchObject({ kind: "tool_call", form: "tool_call_tag", call });
  });

  it("finds a call embedded in prose", () => {
    const r = parseAction(`First I check the observations ${JSON.stringify(call)} and then score them.`);
    expect(r).toMatchObject({ kind: "tool_call", form: "json_text", call });
    expect(r.text).toBe("First I check the observations  and then score them.");
  });

  it("treats plain prose as a free-text turn", () => {
    expect(parseAction("The patient looks unwell; I think this is sepsis.")).toEqual({ kind: "text", form: "text", text: "The patient looks unwell; I think this is sepsis." });
  });

  it("keeps prose containing braces but no call as text", () => {
    expect(parseAction("Set {a, b} of findings")).toMatchObject({ kind: "text" });
  });
});

describe("parseAction: rejected input never throws", () => {
  const cases: [unknown, string][] = [
    ["", "empty_action"],
    ["   \n ", "empty_action"],
    [null, "empty_action"],
    ['{"name": "get_vital_signs", "arguments": {', "malformed_json"],
    ["<tool_call>{not json}</tool_call>", "malformed_json"],
    ['{"name": 42, "arguments": {}}', "malformed_json"],
    ['{"name": "x", "arguments": [1,2]}', "malformed_json"],
    [{ function: { name: "x", arguments: "{bad" } }, "malformed_json"],
    [{ name: "x", arguments: "not an object" }, "malformed_json"],
    ["x".repeat(1_000_000), "oversized_action"],
    ["\u0000\u0001\u0002garbage\u0003\u0004", "binary_input"],
    [`<tool_call>${JSON.stringify(call)}</tool_call><tool_call>${JSON.stringify(call)}</tool_call>`, "multiple_tool_calls"],
    [{ tool_calls: [{ function: { name: "a", arguments: "{}" } }, { function: { name: "b", arguments: "{}" } }] }, "multiple_tool_calls"],
    [42, "malformed_json"],
  ];
  it.each(cases)("%#: rejects with %s", (input, code) => {
    const r = parseAction(input as never);
    expect(r.kind).toBe("invalid");
    if (r.kind === "invalid") {
      expect(r.error.code).toBe(code);
      expect(r.error.message.length).toBeGreaterThan(10);
    }
  });

  it("rejects a circular object with a message instead of throwing", () => {
    const o: Record<string, unknown> = { name: "x" };
    o.arguments = o;
    const r = parseAction(o);
    expect(r).toMatchObject({ kind: "invalid", error: { code: "malformed_json" } });
  });

  it("says how to fix malformed JSON", () => {
    const r = parseAction('{"name": "get_vital_signs", "arguments": {');
    expect(r.kind === "invalid" && r.error.message).toContain('{"name": ..., "arguments": {...}}');
  });
});
