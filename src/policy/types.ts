import type { ChatMessage } from "../env/messages.js";
import type { Action, ResetInfo, ToolSchema } from "../env/types.js";

/** What a policy sees before each turn: the conversation so far and the tools it may call. */
export interface PolicyContext {
  messages: readonly ChatMessage[];
  tools: readonly ToolSchema[];
  info: ResetInfo;
  /** 1-based index of the turn about to be taken. */
  turn: number;
}

/**
 * Anything that plays the gym: random, scripted experts, the transformer LM, an HTTP model.
 * `act` returns one action (text or a tool call); it may be async (HTTP, sampling).
 */
export interface Policy {
  readonly name: string;
  act(ctx: PolicyContext): Action | Promise<Action>;
  /** Called at the start of every episode with that episode's seed. */
  reset?(info: ResetInfo, seed: number): void;
}
