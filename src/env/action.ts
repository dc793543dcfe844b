import type { Action, ActionForm, FormatError, OpenAIToolCall, ToolCall } from "./types.js";

/**
 * Action parsing: every accepted form becomes one canonical `ToolCall`, and anything that is not a
 * tool call is free text (a "monologue" turn). Never throws: malformed input yields a FormatError
 * whose message says how to fix it.
 *
 * Accepted forms, in the order they are tried on text:
 *   1. `<tool_call>{"name": ..., "arguments": {...}}</tool_call>` (Qwen/Hermes style)
 *   2. a fenced block (```json ... ```) holding such an object
 *   3. the whole text being such an object
 *   4. such an object embedded in prose (`I will check. {"name": ...}`), the prose kept as `text`
 * plus, as values: a `ToolCall` object, an OpenAI `tool_calls` entry, or an assistant message with
 * `tool_calls`.
 */
export type ParsedAction =
  | { kind: "tool_call"; form: ActionForm; call: ToolCall; text: string }
  | { kind: "text"; form: "text"; text: string }
  | { kind: "invalid"; error: FormatError; text: string };

export interface ParseOptions {
  /** Longest accepted action, in characters (default 32,768). */
  maxChars?: number;
}

const DEFAULT_MAX_CHARS = 32_768;
const TAG_OPEN = "<tool_call>";
const TAG_CLOSE = "</tool_call>";
const FENCE = /```(?:json|tool_call|tool)?\s*\n?([\s\S]*?)```/g;
// Control characters other than tab/newline/carriage return, and U+FFFD from bad decoding.
const BINARY = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFD]/g;

export function parseAction(action: Action | unknown, opts: ParseOptions = {}): ParsedAction {
  const maxChars = opts.maxChars ?? DEFAULT_MAX_CHARS;
  if (typeof action === "string") return parseText(action, maxChars);
  if (action === null || action === undefined) return invalid("empty_action", "The action was empty. Call a tool or write a message.", "");
  if (typeof action !== "object") {
    return invalid("malformed_json", `An action must be text or a tool call object, got ${typeof action}.`, String(action));
  }
  return parseObject(action as Record<string, unknown>, maxChars);
}

function invalid(code: FormatError["code"], message: string, text: string): ParsedAction {
  return { kind: "invalid", error: { code, message }, text };
}

function parseObject(obj: Record<string, unknown>, maxChars: number): ParsedAction {
  let size: number;
  try {
    size = JSON.stringify(obj)?.length ?? 0;
  } catch {
    return invalid("malformed_json", "The tool call object could not be serialised (circular or non-JSON values).", "");
  }
  if (size > maxChars) {
    return invalid("oversized_action", `The action is ${size} characters long; the limit is ${maxChars}. Send shorter arguments.`, "");
  }
  if (Array.isArray(obj.tool_calls)) {
    const calls = obj.tool_calls as OpenAIToolCall[];
    const text = typeof obj.content === "string" ? obj.content : "";
    if (calls.length === 0) return text.trim() ? parseText(text, maxChars) : invalid("empty_action", "The message had no content and no tool calls.", "");
    if (calls.length > 1) {
      return invalid("multiple_tool_calls", `The message has ${calls.length} tool calls; send exactly one tool call per turn.`, text);
    }
    const r = fromLoose(calls[0] as unknown as Record<string, unknown>, "openai_tool_call");
    return r.kind === "tool_call" ? { ...r, text } : { ...r, text };
  }
  if (obj.function && typeof obj.function === "object") return fromLoose(obj, "openai_tool_call");
  return fromLoose(obj, "tool_call_object");
}

/** Accept {name, arguments|parameters} or {function:{name, arguments}}; arguments may be a JSON string. */
function fromLoose(obj: Record<string, unknown>, form: ActionForm): ParsedAction {
  const fn = obj.function && typeof obj.function === "object" ? (obj.function as Record<string, unknown>) : obj;
  const name = fn.name;
  if (typeof name !== "string" || !name.trim()) {
    return invalid("malformed_json", 'A tool call needs a string "name" and an "arguments" object, e.g. {"name": "submit_answer", "arguments": {"answer": "..."}}.', "");
  }
  let args: unknown = fn.arguments ?? fn.parameters ?? {};
  if (typeof args === "string") {
    if (!args.trim()) args = {};
    else {
      try {
        args = JSON.parse(args);
      } catch (e) {
        return invalid("malformed_json", `The arguments of "${name}" are not valid JSON (${(e as Error).message}).`, "");
      }
    }
  }
  if (args === null || typeof args !== "object" || Array.isArray(args)) {
    return invalid("malformed_json", `The arguments of "${name}" must be a JSON object, got ${Array.isArray(args) ? "an array" : typeof args}.`, "");
  }
  const call: ToolCall = { name: name.trim(), arguments: args as Record<string, unknown> };
  if (typeof obj.id === "string") call.id = obj.id;
  return { kind: "tool_call", form, call, text: "" };
}

function parseText(raw: string, maxChars: number): ParsedAction {
  if (raw.length > maxChars) {
    return invalid("oversized_action", `The action is ${raw.length} characters long; the limit is ${maxChars}. Keep turns short.`, raw.slice(0, 200));
  }
  const bad = raw.match(BINARY);
  if (bad && (bad.length > 3 || raw.includes("\u0000"))) {
    return invalid("binary_input", "The action contains binary or control characters; send plain text or a JSON tool call.", "");
  }
  const text = raw.trim();
  if (!text) return invalid("empty_action", "The action was empty. Call a tool or write a message.", "");

  const tagAt = text.indexOf(TAG_OPEN);
  if (tagAt >= 0) {
    const second = text.indexOf(TAG_OPEN, tagAt + TAG_OPEN.length);
    if (second >= 0) return invalid("multiple_tool_calls", "The turn has more than one <tool_call> block; send exactly one tool call per turn.", text);
    const end = text.indexOf(TAG_CLOSE, tagAt);
    const inner = text.slice(tagAt + TAG_OPEN.length, end >= 0 ? end : undefined).trim();
    const prose = (text.slice(0, tagAt) + (end >= 0 ? text.slice(end + TAG_CLOSE.length) : "")).trim();
    return fromJsonText(inner, "tool_call_tag", prose, true);
  }

  FENCE.lastIndex = 0;
  const fences = [...text.matchAll(FENCE)].filter((m) => looksLikeCall(m[1]));
  if (fences.length > 1) return invalid("multiple_tool_calls", "The turn has more than one fenced tool call; send exactly one tool call per turn.", text);
  if (fences.length === 1) {
    const m = fences[0];
    const prose = (text.slice(0, m.index) + text.slice((m.index ?? 0) + m[0].length)).trim();
    return fromJsonText(m[1].trim(), "fenced_json", prose, true);
  }

  // A turn that opens with a brace is an attempted JSON call: failing to parse it is a format
  // error, not a monologue.
  if (text.startsWith("{")) {
    return fromJsonText(text, "json_text", "", true);
  }

  const at = text.search(/\{\s*"(?:name|function)"\s*:/);
  if (at >= 0) {
    const end = matchBrace(text, at);
    if (end > at) {
      const prose = (text.slice(0, at) + text.slice(end + 1)).trim();
      return fromJsonText(text.slice(at, end + 1), "json_text", prose, true);
    }
    return invalid("malformed_json", 'The tool call JSON is not closed (unbalanced braces). Send {"name": ..., "arguments": {...}}.', text);
  }
  return { kind: "text", form: "text", text };
}

function looksLikeCall(s: string): boolean {
  return /"(?:name|function)"\s*:/.test(s);
}

function fromJsonText(json: string, form: ActionForm, prose: string, intended: boolean): ParsedAction {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (e) {
    if (!intended) return { kind: "text", form: "text", text: json };
    return invalid("malformed_json", `The tool call is not valid JSON (${(e as Error).message}). Send {"name": ..., "arguments": {...}}.`, prose || json);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return invalid("malformed_json", 'A tool call must be a JSON object like {"name": ..., "arguments": {...}}.', prose);
  }
  const r = fromLoose(value as Record<string, unknown>, form);
  if (r.kind === "tool_call") return { ...r, text: prose };
  if (!intended) return { kind: "text", form: "text", text: json };
  return { ...r, text: prose };
}

/** Index of the brace closing the object that opens at `start`, honouring strings; -1 if unbalanced. */
function matchBrace(s: string, start: number): number {
  let depth = 0;
  let inStr = false;
  for (let i = start; i < s.length; i++) {
    const c = s[i];
    if (inStr) {
      if (c === "\\") i++;
      else if (c === '"') inStr = false;
    } else if (c === '"') inStr = true;
    else if (c === "{") depth++;
    else if (c === "}") {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}
