import type { EpisodeRecord } from "../env/episode.js";

/** Per-episode quantities the monologue-collapse and tool-use analyses track. Pure. */
export interface EpisodeMetrics {
  taskId: string;
  success: boolean;
  reward: number;
  turns: number;
  toolCalls: number;
  textTurns: number;
  formatErrors: number;
  meanCharsPerTurn: number;
  terminated: boolean;
  truncated: boolean;
}

/** An episode succeeds when it was terminated by a submitted answer scored fully correct. */
export function episodeMetrics(r: EpisodeRecord): EpisodeMetrics {
  const turns = r.turns.length;
  const chars = r.turns.reduce((s, t) => s + t.chars, 0);
  return {
    taskId: r.taskId,
    success: r.terminated && (r.reward?.components.accuracy ?? 0) >= 1,
    reward: r.reward?.total ?? 0,
    turns,
    toolCalls: r.turns.filter((t) => t.toolCall && !t.formatError).length,
    textTurns: r.turns.filter((t) => t.form === "text").length,
    formatErrors: r.turns.filter((t) => t.formatError).length,
    meanCharsPerTurn: turns ? chars / turns : 0,
    terminated: r.terminated,
    truncated: r.truncated,
  };
}

export interface EpisodeSummary {
  episodes: number;
  successRate: number;
  meanReward: number;
  meanTurns: number;
  meanToolCalls: number;
  meanCharsPerAssistantTurn: number;
  formatErrorRate: number;
  truncatedRate: number;
}

/**
 * Means over episodes. `meanCharsPerAssistantTurn` averages over all assistant turns pooled
 * (not a mean of per-episode means), so long episodes weigh by their length.
 */
export function summarizeEpisodes(records: readonly EpisodeRecord[]): EpisodeSummary {
  const n = records.length;
  if (n === 0) {
    return { episodes: 0, successRate: 0, meanReward: 0, meanTurns: 0, meanToolCalls: 0, meanCharsPerAssistantTurn: 0, formatErrorRate: 0, truncatedRate: 0 };
  }
  const m = records.map(episodeMetrics);
  const totalTurns = m.reduce((s, x) => s + x.turns, 0);
  const totalChars = records.reduce((s, r) => s + r.turns.reduce((a, t) => a + t.chars, 0), 0);
  const mean = (f: (x: EpisodeMetrics) => number) => m.reduce((s, x) => s + f(x), 0) / n;
  return {
    episodes: n,
    successRate: mean((x) => (x.success ? 1 : 0)),
    meanReward: mean((x) => x.reward),
    meanTurns: mean((x) => x.turns),
    meanToolCalls: mean((x) => x.toolCalls),
    meanCharsPerAssistantTurn: totalTurns ? totalChars / totalTurns : 0,
    formatErrorRate: totalTurns ? m.reduce((s, x) => s + x.formatErrors, 0) / totalTurns : 0,
    truncatedRate: mean((x) => (x.truncated ? 1 : 0)),
  };
}
