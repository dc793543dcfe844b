import type { RewardBreakdown } from "../env/types.js";
import { scoreAnswer } from "./answer.js";
import type { RewardContext } from "./types.js";

export interface OutcomeRewardWeights {
  accuracy: number;
  format: number;
}

export const DEFAULT_OUTCOME_WEIGHTS: OutcomeRewardWeights = { accuracy: 0.8, format: 0.2 };

/**
 * The outcome reward: correctness of the submitted answer plus action well-formedness.
 *
 * accuracy = scoreAnswer(task.answer, submitted)  (0 when the episode was truncated)
 * format   = 1 - (invalid actions / assistant turns), and 0 if nothing was submitted
 * total    = w_acc * accuracy + w_fmt * format, with weights summing to 1.
 *
 * Example: 4 turns, one malformed JSON call, correct answer -> accuracy 1, format 0.75,
 * total 0.8 * 1 + 0.2 * 0.75 = 0.95. This is the environment's default terminal reward; the 5D
 * clinical composite is a separate, selectable reward function.
 */
export function outcomeReward(ctx: RewardContext, weights: OutcomeRewardWeights = DEFAULT_OUTCOME_WEIGHTS): RewardBreakdown {
  const sum = weights.accuracy + weights.format;
  if (!(sum > 0)) throw new Error("outcomeReward: weights must sum to a positive number");
  const turns = ctx.record.turns.length;
  const invalid = ctx.record.turns.filter((t) => t.formatError).length;
  const submitted = ctx.submitted !== undefined;
  const accuracy = submitted ? scoreAnswer(ctx.task.answer, ctx.submitted) : 0;
  const format = submitted && turns > 0 ? 1 - invalid / turns : 0;
  const w = { accuracy: weights.accuracy / sum, format: weights.format / sum };
  return {
    total: w.accuracy * accuracy + w.format * format,
    components: { accuracy, format },
    weights: w,
    details: { turns, invalidActions: invalid, submitted },
  };
}
