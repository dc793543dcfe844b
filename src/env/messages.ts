import type { OpenAIToolCall } from "./types.js";

/** A chat message in the OpenAI chat-completions shape (what TRL, verl and HTTP policies read). */
export interface ChatMessage {
  role: "system" | "user" | "assistant" | "tool";
  content: string;
  tool_calls?: OpenAIToolCall[];
  tool_call_id?: string;
  name?: string;
}
