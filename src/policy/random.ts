import type { ToolSchema } from "../env/types.js";
import { createRng, type Rng } from "../util/rng.js";
import type { Policy, PolicyContext } from "./types.js";

export interface RandomPolicyOptions {
  seed?: number;
  /** Probability of a free-text turn instead of a tool call (default 0.1). */
  textProbability?: number;
}

/**
 * The chance baseline: each turn it calls a uniformly chosen tool with arguments sampled from that
 * tool's JSON schema (enum values uniformly, strings as words taken from the conversation so far,
 * numbers in a plausible range), or writes a short free-text turn. Seeded per episode, so its
 * trajectories are reproducible.
 */
export function randomPolicy(opts: RandomPolicyOptions = {}): Policy {
  const base = opts.seed ?? 0;
  const pText = opts.textProbability ?? 0.1;
  let rng: Rng = createRng(base);
  return {
    name: "random",
    reset(_info, seed) {
      rng = createRng((base * 1_000_003 + seed) >>> 0);
    },
    act(ctx: PolicyContext) {
      if (rng.chance(pText)) return rng.pick(["Let me think about this case.", "I am not sure yet.", "Reviewing the findings."]);
      const tool = rng.pick(ctx.tools);
      return { name: tool.function.name, arguments: sampleArguments(tool, ctx, rng) };
    },
  };
}

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
  anyOf?: JsonSchema[];
};

export function sampleArguments(tool: ToolSchema, ctx: PolicyContext, rng: Rng): Record<string, unknown> {
  const schema = tool.function.parameters as JsonSchema;
  const words = vocabulary(ctx);
  const out: Record<string, unknown> = {};
  for (const [key, prop] of Object.entries(schema.properties ?? {})) {
    const required = schema.required?.includes(key) ?? false;
    if (!required && rng.chance(0.5)) continue;
    out[key] = sampleValue(prop, words, rng);
  }
  return out;
}

function sampleValue(s: JsonSchema, words: string[], rng: Rng): unknown {
  if (s.anyOf?.length) return sampleValue(rng.pick(s.anyOf), words, rng);
  if (s.enum?.length) return rng.pick(s.enum);
  const type = Array.isArray(s.type) ? rng.pick(s.type) : s.type;
  switch (type) {
    case "integer":
    case "number": {
      const lo = s.minimum ?? 0;
      const hi = s.maximum ?? Math.max(lo + 1, 100);
      return type === "integer" ? rng.int(Math.ceil(lo), Math.floor(hi)) : lo + rng.next() * (hi - lo);
    }
    case "boolean":
      return rng.chance(0.5);
    case "array":
      return Array.from({ length: rng.int(1, 3) }, () => sampleValue(s.items ?? { type: "string" }, words, rng));
    case "object":
      return {};
    default:
      return words.length ? rng.pick(words) : "unknown";
  }
}

/** Words seen in the conversation: the random policy's only source of strings. */
function vocabulary(ctx: PolicyContext): string[] {
  const text = ctx.messages.filter((m) => m.role !== "system").map((m) => m.content).join(" ");
  const ids = text.match(/\b[A-Z]{1,4}-?\d{2,}\b/g) ?? [];
  const words = text.match(/[A-Za-z][A-Za-z_-]{2,}/g) ?? [];
  return [...new Set([...ids, ...words.slice(0, 400)])];
}
