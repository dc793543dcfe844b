import { z } from "zod";
import type { Rng } from "../util/rng.js";
import type { EpisodeEvent, Task, ToolSchema } from "./types.js";

/**
 * One typed tool definition yields the OpenAI function-calling schema, the argument validator and
 * the executor, so a tool's interface is written exactly once (as a zod object).
 *
 * Kinds (tau2-bench): `read` never changes state; `write` changes the episode's state (orders,
 * prescriptions, notes, diagnoses) and is visible to the grader; `think` is a scratchpad;
 * `terminal` ends the episode once it calls `ctx.submit`.
 */
export type ToolKind = "read" | "write" | "think" | "terminal";

export interface ToolContext<S> {
  /** This episode's own copy of the domain state. */
  readonly state: S;
  readonly task: Task;
  /** 1-based turn index of the current step. */
  readonly turn: number;
  /** Seeded per episode; tools that sample (e.g. a noisy measurement) must use it. */
  readonly rng: Rng;
  /** Record something the grader must see (safety violation, order placed, ...). */
  record(event: Omit<EpisodeEvent, "turn">): void;
  /** Terminal tools call this with the final answer; the step then terminates the episode. */
  submit(answer: unknown): void;
}

export interface ToolSpec<S, P extends z.ZodObject> {
  name: string;
  description: string;
  kind: ToolKind;
  /** Grouping for analyses (tool-use erosion per category), e.g. "information", "calculator". */
  category?: string;
  parameters: P;
  /**
   * Whether the tool changes `ctx.state` (default: true for `write`, false otherwise). The env
   * re-hashes the state only after such tools, so a terminal tool that also writes (e.g. records
   * the diagnosis in the chart) must say `mutates: true`.
   */
  mutates?: boolean;
  execute(args: z.infer<P>, ctx: ToolContext<S>): string | Promise<string>;
}

export interface Tool<S = unknown> {
  readonly name: string;
  readonly description: string;
  readonly kind: ToolKind;
  readonly category: string;
  readonly mutates: boolean;
  readonly parameters: z.ZodObject;
  /** OpenAI function-calling schema, generated from `parameters`. */
  schema(): ToolSchema;
  /** Validate raw arguments; the error text is written for the agent to read. */
  validate(args: unknown): { success: true; value: Record<string, unknown> } | { success: false; error: string };
  execute(args: Record<string, unknown>, ctx: ToolContext<S>): string | Promise<string>;
}

const TOOL_NAME = /^[a-z][a-z0-9_]{0,63}$/;

export function defineTool<S, P extends z.ZodObject>(spec: ToolSpec<S, P>): Tool<S> {
  if (!TOOL_NAME.test(spec.name)) {
    throw new Error(`defineTool: tool name "${spec.name}" must be snake_case, start with a letter, at most 64 chars`);
  }
  if (!spec.description.trim()) throw new Error(`defineTool: tool "${spec.name}" needs a description`);
  // Extra keys are an error, not silently dropped: a model that invents arguments must learn it.
  const strict = spec.parameters.strict();
  let cached: ToolSchema | undefined;
  return {
    name: spec.name,
    description: spec.description,
    kind: spec.kind,
    mutates: spec.mutates ?? spec.kind === "write",
    category: spec.category ?? (spec.kind === "terminal" ? "answer" : spec.kind === "think" ? "reasoning" : "information"),
    parameters: spec.parameters,
    schema() {
      if (!cached) {
        const json = z.toJSONSchema(strict, { target: "draft-7", io: "input" }) as Record<string, unknown>;
        delete json.$schema;
        cached = { type: "function", function: { name: spec.name, description: spec.description, parameters: json } };
      }
      return cached;
    },
    validate(args) {
      const r = strict.safeParse(args ?? {});
      if (r.success) return { success: true, value: r.data as Record<string, unknown> };
      return { success: false, error: describeIssues(spec.name, r.error.issues, args) };
    },
    execute: spec.execute as Tool<S>["execute"],
  };
}

/** Turn zod issues into one sentence an agent (or a person) can act on. */
export function describeIssues(tool: string, issues: readonly z.core.$ZodIssue[], input: unknown): string {
  const parts = issues.slice(0, 5).map((i) => {
    const at = i.path.length ? `\`${i.path.join(".")}\`` : "arguments";
    switch (i.code) {
      case "invalid_type": {
        const value = valueAt(input, i.path);
        return value === undefined ? `${at} is required (${i.expected})` : `${at} must be ${i.expected}, got ${describeType(value)}`;
      }
      case "unrecognized_keys":
        return `unexpected argument${i.keys.length > 1 ? "s" : ""} ${i.keys.map((k) => `\`${k}\``).join(", ")}`;
      case "invalid_value":
        return `${at} must be one of ${i.values.map((v) => JSON.stringify(v)).join(", ")}`;
      case "too_big":
        return `${at} is too large (maximum ${String(i.maximum)})`;
      case "too_small":
        return `${at} is too small (minimum ${String(i.minimum)})`;
      default:
        return `${at}: ${i.message}`;
    }
  });
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more problems)` : "";
  return `Invalid arguments for ${tool}: ${parts.join("; ")}${more}.`;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const k of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

function describeType(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "string") return `string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + "…" : v)}`;
  return typeof v;
}
