import { readFileSync } from "node:fs";
import { writeFileAtomic } from "../util/atomic-write.js";
import type { ChatMessage } from "./messages.js";
import type { ActionForm, EpisodeEvent, FormatError, RewardBreakdown, Split, ToolCall } from "./types.js";

/** One assistant turn and what the environment answered. */
export interface TurnRecord {
  turn: number;
  role: "assistant";
  /** Free text of the turn (prose around a tool call, or the whole monologue). */
  text: string;
  form: ActionForm | "invalid";
  toolCall?: ToolCall;
  observation: string;
  formatError?: FormatError;
  toolError?: string;
  events: EpisodeEvent[];
  /** Characters and rough tokens of the assistant's output (text + serialised call). */
  chars: number;
  tokens: number;
  observationChars: number;
  reward: number;
  durationMs: number;
}

/** A whole episode; serialises to one JSON line. Timings are the only non-deterministic fields. */
export interface EpisodeRecord {
  envId: string;
  domain: string;
  taskId: string;
  split: Split;
  seed: number;
  caseId?: string;
  policy?: string;
  system: string;
  ticket: string;
  turns: TurnRecord[];
  terminated: boolean;
  truncated: boolean;
  submitted?: unknown;
  reward?: RewardBreakdown;
  initialStateHash: string;
  finalStateHash: string;
  wallMs: number;
}

/** Render a record as chat messages (system, user ticket, assistant turns with tool calls, tool results). */
export function toMessages(record: EpisodeRecord): ChatMessage[] {
  const out: ChatMessage[] = [
    { role: "system", content: record.system },
    { role: "user", content: record.ticket },
  ];
  for (const t of record.turns) {
    if (t.toolCall) {
      const id = t.toolCall.id ?? `call_${t.turn}`;
      out.push({
        role: "assistant",
        content: t.text,
        tool_calls: [{ id, type: "function", function: { name: t.toolCall.name, arguments: JSON.stringify(t.toolCall.arguments) } }],
      });
      out.push({ role: "tool", tool_call_id: id, name: t.toolCall.name, content: t.observation });
    } else {
      out.push({ role: "assistant", content: t.text });
      out.push({ role: "user", content: t.observation });
    }
  }
  return out;
}

export function episodesToJsonl(records: readonly EpisodeRecord[]): string {
  return records.map((r) => JSON.stringify(r)).join("\n") + (records.length ? "\n" : "");
}

export function writeEpisodesJsonl(path: string, records: readonly EpisodeRecord[]): void {
  writeFileAtomic(path, episodesToJsonl(records));
}

/** Parse JSONL episode records; a bad line is reported with its line number. */
export function parseEpisodesJsonl(text: string, source = "episodes"): EpisodeRecord[] {
  const out: EpisodeRecord[] = [];
  text.split("\n").forEach((line, i) => {
    if (!line.trim()) return;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (e) {
      throw new Error(`${source}:${i + 1}: not valid JSON (${(e as Error).message})`);
    }
    const r = v as Partial<EpisodeRecord>;
    if (!r || typeof r !== "object" || typeof r.taskId !== "string" || !Array.isArray(r.turns)) {
      throw new Error(`${source}:${i + 1}: not an episode record (needs taskId and turns)`);
    }
    out.push(r as EpisodeRecord);
  });
  return out;
}

export function readEpisodesJsonl(path: string): EpisodeRecord[] {
  return parseEpisodesJsonl(readFileSync(path, "utf8"), path);
}
