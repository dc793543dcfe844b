import type { EpisodeRecord } from "../env/episode.js";
import type { EpisodeEvent, RewardBreakdown, Task } from "../env/types.js";

/** Everything a reward function may look at once an episode ends. Reward functions are pure. */
export interface RewardContext<S = unknown> {
  task: Task;
  record: EpisodeRecord;
  events: readonly EpisodeEvent[];
  /** The answer passed to the terminal tool, or undefined if the episode was truncated. */
  submitted: unknown;
  /** The episode's final domain state. */
  state: S;
}

export type RewardFn<S = unknown> = (ctx: RewardContext<S>) => RewardBreakdown;
