import type * as tf from "@tensorflow/tfjs";
import type { ChatMessage } from "../../env/messages.js";
import type { ToolSchema } from "../../env/types.js";

/**
 * Contracts of the transformer policy LM, shared by the model (policy/lm/), the trainers (train/)
 * and the speed benchmark. Trainers only see these shapes, so the model, tokenizer and chat format
 * can change inside without touching SFT, GRPO or TT-OPD.
 */

/** Architecture of the GPT-style causal transformer. Saved with the weights. */
export interface LMConfig {
  vocabSize: number;
  /** Maximum sequence length (positions). */
  contextLength: number;
  layers: number;
  /** Model width (d_model); must be divisible by `heads`. */
  width: number;
  heads: number;
  /** MLP hidden size = mlpRatio * width (default 4). */
  mlpRatio: number;
  /** Seed of the weight initialisation. */
  seed: number;
}

/** The trainable model. All tensor methods allocate; callers wrap them in tf.tidy / dispose. */
export interface CausalLM {
  readonly config: LMConfig;
  /** Every trainable weight, in a stable order (checkpoints and EMA rely on it). */
  readonly variables: readonly tf.Variable[];
  /** Logits [B, T, V] for int32 token ids [B, T] (T <= contextLength). Differentiable. */
  logits(ids: tf.Tensor2D): tf.Tensor3D;
  /**
   * Per-token log-probabilities [B, T-1]: entry (b, t) = log p(ids[b, t+1] | ids[b, 0..t]).
   * Differentiable w.r.t. `variables` (use inside tf.variableGrads / optimizer.minimize).
   */
  tokenLogProbs(ids: tf.Tensor2D): tf.Tensor2D;
  /** Same as tokenLogProbs plus the per-position entropy [B, T-1] of the predictive distribution. */
  tokenLogProbsAndEntropy(ids: tf.Tensor2D): { logProbs: tf.Tensor2D; entropy: tf.Tensor2D };
  /**
   * Incremental decoding with a key/value cache (no gradients). `prefill` runs the prompt rows
   * (all the same length) and returns the next-token logits, row-major [B * V]; `decodeStep`
   * appends one token per row and returns the following logits. The cache owns tensors: dispose it.
   */
  prefill(ids: readonly (readonly number[])[]): { logits: Float32Array; cache: KVCache };
  decodeStep(cache: KVCache, tokens: readonly number[]): Float32Array;
  /** Overwrite this model's weights with `other`'s (same config). */
  copyFrom(other: CausalLM): void;
  /** EMA step, in place, per weight: w <- decay * w + (1 - decay) * w_other. */
  emaFrom(other: CausalLM, decay: number): void;
  dispose(): void;
}

/** Keys and values of every layer for the tokens decoded so far. */
export interface KVCache {
  readonly batch: number;
  /** Tokens held (prompt + decoded); decoding past config.contextLength is an error. */
  readonly length: number;
  dispose(): void;
}

/** Role and special tokens every tokenizer has; ids are stable for a trained tokenizer. */
export interface SpecialTokens {
  pad: number;
  bos: number;
  eos: number;
  /** Opens a turn of the given role: <|system|>, <|user|>, <|assistant|>, <|tool|>. */
  system: number;
  user: number;
  assistant: number;
  tool: number;
  /** Ends a turn. */
  end: number;
  /** Wrap a tool call inside an assistant turn: <tool_call> ... </tool_call>. */
  toolCallOpen: number;
  toolCallClose: number;
  /** Wrap privileged outcome hints that only the TT-OPD teacher sees. */
  hintOpen: number;
  hintClose: number;
}

export interface Tokenizer {
  readonly vocabSize: number;
  readonly special: SpecialTokens;
  /** Ordinary text to ids (never produces special-token ids, even if the text spells one). */
  encode(text: string): number[];
  /** Ids to text; special tokens render as their literal names (e.g. "<|end|>"). */
  decode(ids: readonly number[]): string;
}

export type SegmentRole = "system" | "user" | "assistant" | "tool" | "hint";

/**
 * A tokenised conversation as trainers need it. `ids[i]` is a token; `policyMask[i] = 1` when that
 * token was produced by the policy (assistant turn content and its closing token), 0 for prompt,
 * tool observations, hints and padding; `turn[i]` is the 1-based assistant turn a policy token
 * belongs to (0 elsewhere), which is what TT-OPD's "first K assistant turns" truncation uses.
 */
export interface TokenizedChat {
  ids: number[];
  policyMask: number[];
  turn: number[];
  role: SegmentRole[];
}

/** Sampling options for `generate`. */
export interface SampleOptions {
  maxNewTokens: number;
  /** 0 means greedy. */
  temperature?: number;
  /** Nucleus sampling threshold in (0, 1]; 1 disables it. */
  topP?: number;
  /** Generation stops after any of these token ids (they are included in the output). */
  stopIds?: readonly number[];
  seed: number;
}

export interface SampleResult {
  /** New tokens only (not the prompt). */
  ids: number[];
  /** log p of each new token under the sampling distribution's model (temperature 1, no top-p). */
  logProbs: number[];
  stoppedBy: "stop" | "length" | "context";
}

/**
 * What the LM policy records per episode so trainers can score exactly the tokens that were
 * sampled (re-tokenising decoded text could give different ids).
 */
export interface LMEpisodeTrace {
  chat: TokenizedChat;
  /** Per assistant turn: the sampled ids and their log-probs at sampling time. */
  turns: { ids: number[]; logProbs: number[] }[];
}

/** What the chat format needs from an environment's reset info to render the system prompt. */
export interface ChatContext {
  messages: readonly ChatMessage[];
  tools: readonly ToolSchema[];
}
