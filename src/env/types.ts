/**
 * Shapes shared by the environment, the domains, policies and trainers. These are the contract of
 * DESIGN.md ("Environment contract"); later work adds to them but does not change them.
 */

/** A tool invocation in MedGym's canonical form. `arguments` is always an object. */
export interface ToolCall {
  name: string;
  arguments: Record<string, unknown>;
  /** Optional id echoed back in OpenAI-style transcripts. */
  id?: string;
}

/** One entry of an OpenAI chat-completions `tool_calls` array. */
export interface OpenAIToolCall {
  id?: string;
  type?: "function";
  function: { name: string; arguments: string | Record<string, unknown> };
}

/** What `step` accepts: text (parsed for tool calls), a tool call, or an OpenAI tool call / message. */
export type Action =
  | string
  | ToolCall
  | OpenAIToolCall
  | { role?: "assistant"; content?: string | null; tool_calls?: OpenAIToolCall[] };

/** OpenAI function-calling schema of one tool (`{type:"function", function:{...}}`). */
export interface ToolSchema {
  type: "function";
  function: { name: string; description: string; parameters: Record<string, unknown> };
}

export type Split = "train" | "test";
export type Difficulty = "easy" | "medium" | "hard";

/** An action the grader expects (tau2-bench style): tool name plus the arguments that matter. */
export interface ExpectedAction {
  actionId: string;
  name: string;
  arguments?: Record<string, unknown>;
  /** Which argument keys must match; default: all keys of `arguments`. */
  compareArgs?: string[];
}

/** A safety rule the grader checks against the episode's events and final state. */
export interface SafetyConstraint {
  code: string;
  description: string;
  severity: "critical" | "major" | "minor";
}

/** The ground truth of a task, in one of a few comparable forms. */
export type TaskAnswer =
  | { kind: "label"; value: string; accepted?: string[] }
  | { kind: "choice"; value: string; options: Record<string, string> }
  | { kind: "number"; value: number; tolerance?: number; unit?: string }
  | { kind: "text"; value: string };

/** A task (tau2-bench shape, see DESIGN.md Appendix B). Tasks are data. */
export interface Task {
  id: string;
  domain: string;
  split: Split;
  description: { purpose: string; difficulty: Difficulty; keyChallenges?: string[] };
  userScenario?: { persona?: string; instructions: string };
  /** The case as the agent first sees it: the first observation. */
  ticket: string;
  evaluationCriteria: {
    actions: ExpectedAction[];
    nlAssertions: string[];
    mustMention?: string[];
    safety?: SafetyConstraint[];
    rewardBasis: string[];
  };
  answer: TaskAnswer;
  /** Case/patient id in the domain's state. */
  caseId?: string;
  /** Seed used to generate the case state for this task. */
  caseSeed?: number;
  meta?: Record<string, unknown>;
}

/** Something that happened during an episode that grading cares about (e.g. a safety violation). */
export interface EpisodeEvent {
  turn: number;
  type: "safety" | "order" | "note" | "diagnosis" | "referral" | "info";
  code: string;
  severity?: "critical" | "major" | "minor";
  detail: string;
}

/** Why an action was rejected. Codes are stable; tests pin them. */
export type FormatErrorCode =
  | "malformed_json"
  | "unknown_tool"
  | "invalid_arguments"
  | "oversized_action"
  | "binary_input"
  | "empty_action"
  | "multiple_tool_calls"
  | "after_terminal";

export interface FormatError {
  code: FormatErrorCode;
  message: string;
}

/** Per-dimension reward breakdown carried in `info.reward` on the terminal step. */
export interface RewardBreakdown {
  total: number;
  components: Record<string, number>;
  weights?: Record<string, number>;
  details?: Record<string, unknown>;
}

export type ActionForm = "tool_call_object" | "openai_tool_call" | "json_text" | "fenced_json" | "tool_call_tag" | "text";

export interface StepInfo {
  taskId: string;
  turn: number;
  actionForm: ActionForm | "invalid";
  toolName?: string;
  formatError?: FormatError;
  /** The tool ran but refused the request (e.g. an unknown patient id); not a format error. */
  toolError?: string;
  /** Content hash of the episode's domain state after this step. */
  stateHash: string;
  /** Events recorded during this step. */
  events: EpisodeEvent[];
  /** Only on the terminal (or truncated) step. */
  reward?: RewardBreakdown;
  /** The submitted answer, on the terminal step. */
  submitted?: unknown;
}

export interface ResetInfo {
  taskId: string;
  domain: string;
  split: Split;
  caseId?: string;
  tools: ToolSchema[];
  policy: string;
  maxTurns: number;
  stateHash: string;
  seed: number;
}

export interface ResetResult {
  observation: string;
  info: ResetInfo;
}

export interface StepResult {
  observation: string;
  reward: number;
  terminated: boolean;
  truncated: boolean;
  info: StepInfo;
}
