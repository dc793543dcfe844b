import { createRng, deriveSeed, type Rng } from "../util/rng.js";
import { stateHash as hashState } from "../util/hash.js";
import { clip, countTokens } from "../util/text.js";
import { outcomeReward } from "../rewards/outcome.js";
import type { RewardFn } from "../rewards/types.js";
import { parseAction } from "./action.js";
import type { Domain } from "./domain.js";
import type { EpisodeRecord, TurnRecord } from "./episode.js";
import { EnvConfigError, ToolError, suggest } from "./errors.js";
import type { ChatMessage } from "./messages.js";
import { getDomain } from "./registry.js";
import type { ToolContext } from "./tool.js";
import type {
  Action,
  EpisodeEvent,
  FormatError,
  ResetInfo,
  ResetResult,
  Split,
  StepInfo,
  StepResult,
  Task,
  ToolSchema,
} from "./types.js";

/** Per-step reward for the dense mode used by process-shaping strategies. */
export type StepRewardFn = (ctx: { task: Task; turn: TurnRecord; events: readonly EpisodeEvent[] }) => number;

export interface EnvOptions {
  domain: string;
  /** Pin one task; otherwise each reset draws a task of `split` with the env's seeded RNG. */
  taskId?: string;
  split?: Split | "all";
  /** Turn limit; reaching it truncates the episode (default 12). */
  maxTurns?: number;
  seed?: number;
  /** Terminal reward (default: `outcomeReward`, accuracy + format). */
  reward?: RewardFn<any>;
  /** `terminal` (default): 0 on every step but the last. `dense`: `stepReward` on every step too. */
  rewardMode?: "terminal" | "dense";
  stepReward?: StepRewardFn;
  /** Largest accepted action in characters (default 32,768). */
  maxActionChars?: number;
  /** Tool outputs longer than this are cut (default 8,000). */
  maxObservationChars?: number;
}

export interface ResetOptions {
  seed?: number;
  options?: { taskId?: string };
}

/** The gymnasium-style contract. Shapes never vary: reset -> {observation, info}; step -> 5 fields. */
export interface Env {
  readonly id: string;
  readonly domain: Domain<any>;
  reset(opts?: ResetOptions): Promise<ResetResult>;
  step(action: Action): Promise<StepResult>;
  /** Human-readable transcript of the current episode. */
  render(): string;
  close(): void;
  /** The conversation so far, as a policy sees it. */
  messages(): readonly ChatMessage[];
  /** The current episode's record (a snapshot). */
  record(): EpisodeRecord;
  tools(): readonly ToolSchema[];
  readonly task: Task | undefined;
}

const DEFAULT_MAX_TURNS = 12;

const DEFAULT_TEXT_OBSERVATION =
  "No tool call was found in your message. Continue by calling one of the tools, or call the terminal tool with your final answer.";

export class MedGymEnv<S = unknown> implements Env {
  readonly id: string;
  readonly domain: Domain<S>;
  private readonly opts: Required<Pick<EnvOptions, "maxTurns" | "rewardMode" | "maxActionChars" | "maxObservationChars">> & EnvOptions;
  private readonly rewardFn: RewardFn<S>;
  private envRng: Rng;
  private closed = false;
  private toolSchemas: ToolSchema[];

  // Episode state.
  private current: Task | undefined;
  private state!: S;
  // Hashing the state is the most expensive thing a step can do: only write and terminal tools
  // mark it dirty, and the hash is recomputed on the next read.
  private hashCache = "";
  private stateDirty = false;
  private static initialHashes = new WeakMap<Task, string>();
  private initialHash = "";
  private episodeRng!: Rng;
  private episodeSeed = 0;
  private turns: TurnRecord[] = [];
  private events: EpisodeEvent[] = [];
  private msgs: ChatMessage[] = [];
  private msgTurns = 0;
  private done = false;
  private truncatedFlag = false;
  private submitted: unknown = undefined;
  private finalReward: StepInfo["reward"];
  private startedAt = 0;

  constructor(id: string, opts: EnvOptions) {
    if (!opts || typeof opts.domain !== "string") throw new EnvConfigError('make(): options need a "domain" name, e.g. { domain: "news2_triage" }');
    const maxTurns = opts.maxTurns ?? DEFAULT_MAX_TURNS;
    if (!Number.isInteger(maxTurns) || maxTurns < 1) throw new EnvConfigError(`maxTurns must be a positive integer, got ${opts.maxTurns}`);
    if (opts.split && !["train", "test", "all"].includes(opts.split)) throw new EnvConfigError(`split must be "train", "test" or "all", got "${opts.split}"`);
    if (opts.rewardMode && !["terminal", "dense"].includes(opts.rewardMode)) throw new EnvConfigError(`rewardMode must be "terminal" or "dense", got "${opts.rewardMode}"`);
    if (opts.rewardMode === "dense" && !opts.stepReward) throw new EnvConfigError('rewardMode "dense" needs a stepReward function');
    if (opts.seed !== undefined && !Number.isFinite(opts.seed)) throw new EnvConfigError(`seed must be a finite number, got ${opts.seed}`);
    this.id = id;
    this.domain = getDomain<S>(opts.domain);
    if (opts.taskId !== undefined) this.domain.task(opts.taskId); // fail early on unknown ids
    this.opts = {
      rewardMode: "terminal",
      maxActionChars: 32_768,
      maxObservationChars: 8_000,
      ...opts,
      maxTurns,
    };
    this.rewardFn = (opts.reward ?? outcomeReward) as RewardFn<S>;
    this.envRng = createRng(opts.seed ?? 0);
    this.toolSchemas = this.domain.tools.map((t) => t.schema());
  }

  get task(): Task | undefined {
    return this.current;
  }

  tools(): readonly ToolSchema[] {
    return this.toolSchemas;
  }

  async reset(opts: ResetOptions = {}): Promise<ResetResult> {
    this.assertOpen();
    if (opts.seed !== undefined) {
      if (!Number.isFinite(opts.seed)) throw new EnvConfigError(`reset: seed must be a finite number, got ${opts.seed}`);
      this.envRng = createRng(opts.seed);
    }
    // Each reset consumes one draw, so successive resets without a seed see different tasks but
    // the whole sequence is fixed by the first seed.
    this.episodeSeed = Math.floor(this.envRng.next() * 2 ** 32);
    const taskId = opts.options?.taskId ?? this.opts.taskId;
    let task: Task;
    if (taskId !== undefined) task = this.domain.task(taskId);
    else {
      const pool = this.domain.tasksFor(this.opts.split ?? "train");
      if (pool.length === 0) throw new EnvConfigError(`domain "${this.domain.name}" has no tasks in split "${this.opts.split ?? "train"}"`);
      task = pool[Math.floor(createRng(this.episodeSeed).next() * pool.length)];
    }
    this.current = task;
    this.state = this.domain.createState(task);
    this.episodeRng = createRng(deriveSeed(this.episodeSeed, task.id));
    // createState is a pure function of the task, so its hash is too.
    let initial = MedGymEnv.initialHashes.get(task);
    if (initial === undefined) {
      initial = hashState(this.state);
      MedGymEnv.initialHashes.set(task, initial);
    }
    this.hashCache = initial;
    this.stateDirty = false;
    this.initialHash = initial;
    this.turns = [];
    this.events = [];
    this.done = false;
    this.truncatedFlag = false;
    this.submitted = undefined;
    this.finalReward = undefined;
    this.startedAt = performance.now();
    const system = this.systemText();
    this.msgs = [
      { role: "system", content: system },
      { role: "user", content: task.ticket },
    ];
    this.msgTurns = 0;
    const info: ResetInfo = {
      taskId: task.id,
      domain: this.domain.name,
      split: task.split,
      caseId: task.caseId,
      tools: this.toolSchemas,
      policy: this.domain.policy,
      maxTurns: this.opts.maxTurns,
      stateHash: this.stateHash,
      seed: this.episodeSeed,
    };
    return { observation: task.ticket, info };
  }

  async step(action: Action): Promise<StepResult> {
    this.assertOpen();
    const task = this.current;
    if (!task) throw new EnvConfigError("step() called before reset(): call env.reset() to start an episode");
    if (this.done) {
      const formatError: FormatError = { code: "after_terminal", message: "The episode has ended; call reset() to start a new one." };
      return {
        observation: `Error [after_terminal]: ${formatError.message}`,
        reward: 0,
        terminated: !this.truncatedFlag,
        truncated: this.truncatedFlag,
        info: { taskId: task.id, turn: this.turns.length, actionForm: "invalid", formatError, stateHash: this.stateHash, events: [] },
      };
    }
    const t0 = performance.now();
    const turn = this.turns.length + 1;
    const parsed = parseAction(action, { maxChars: this.opts.maxActionChars });
    const stepEvents: EpisodeEvent[] = [];
    let observation: string;
    let formatError: FormatError | undefined;
    let toolError: string | undefined;
    let terminated = false;
    let text = parsed.text;
    let toolName: string | undefined;

    if (parsed.kind === "invalid") {
      formatError = parsed.error;
      observation = `Error [${formatError.code}]: ${formatError.message}`;
    } else if (parsed.kind === "text") {
      observation = this.domain.textObservation ?? DEFAULT_TEXT_OBSERVATION;
    } else {
      const call = parsed.call;
      toolName = call.name;
      const tool = this.domain.tool(call.name);
      if (!tool) {
        const near = suggest(call.name, this.domain.toolNames());
        formatError = {
          code: "unknown_tool",
          message: `There is no tool named "${clip(call.name, 64)}".${near.length ? ` Did you mean ${near.map((n) => `"${n}"`).join(", ")}?` : ""} Available tools: ${this.domain.toolNames().join(", ")}.`,
        };
        observation = `Error [unknown_tool]: ${formatError.message}`;
      } else {
        const v = tool.validate(call.arguments);
        if (!v.success) {
          formatError = { code: "invalid_arguments", message: v.error };
          observation = `Error [invalid_arguments]: ${v.error}`;
        } else {
          const ctx = new StepToolContext<S>(this.state, task, turn, this.episodeRng, stepEvents);
          let submittedNow = false;
          try {
            const out = tool.execute(v.value, ctx);
            observation = clip(typeof out === "string" ? out : await out, this.opts.maxObservationChars);
            if (ctx.submitted) {
              submittedNow = true;
              this.submitted = ctx.answer;
            }
          } catch (e) {
            // Tool failures are observations, never exceptions out of step().
            toolError = e instanceof ToolError ? e.message : `${tool.name} failed: ${(e as Error)?.message ?? String(e)}`;
            observation = `Error: ${toolError}`;
          }
          if (tool.mutates) this.stateDirty = true;
          if (tool.kind === "terminal" && submittedNow) terminated = true;
        }
      }
    }

    // Error texts quote the agent's input; keep them as bounded as tool outputs.
    if (formatError) {
      formatError = { ...formatError, message: clip(formatError.message, 1_000) };
      observation = `Error [${formatError.code}]: ${formatError.message}`;
    } else if (toolError) {
      toolError = clip(toolError, 1_000);
      observation = `Error: ${toolError}`;
    }
    this.events.push(...stepEvents);
    const truncated = !terminated && turn >= this.opts.maxTurns;
    const callText = parsed.kind === "tool_call" ? JSON.stringify(parsed.call) : "";
    const emitted = text + callText;
    const rec: TurnRecord = {
      turn,
      role: "assistant",
      text,
      form: parsed.kind === "invalid" ? "invalid" : parsed.form,
      toolCall: parsed.kind === "tool_call" ? parsed.call : undefined,
      observation,
      formatError,
      toolError,
      events: stepEvents,
      chars: parsed.kind === "invalid" && !text ? rawLength(action) : emitted.length,
      tokens: countTokens(emitted),
      observationChars: observation.length,
      reward: 0,
      durationMs: 0,
    };
    this.turns.push(rec);

    let reward = 0;
    if (this.opts.rewardMode === "dense" && this.opts.stepReward) {
      reward += this.opts.stepReward({ task, turn: rec, events: stepEvents });
    }
    if (terminated || truncated) {
      this.done = true;
      this.truncatedFlag = truncated;
      this.finalReward = this.rewardFn({
        task,
        record: this.snapshot(),
        events: this.events,
        submitted: terminated ? this.submitted : undefined,
        state: this.state,
      });
      reward += this.finalReward.total;
    }
    rec.reward = reward;
    rec.durationMs = performance.now() - t0;

    const info: StepInfo = { taskId: task.id, turn, actionForm: rec.form, stateHash: this.stateHash, events: stepEvents };
    if (toolName !== undefined) info.toolName = toolName;
    if (formatError) info.formatError = formatError;
    if (toolError) info.toolError = toolError;
    if (this.done) {
      info.reward = this.finalReward;
      if (terminated) info.submitted = this.submitted;
    }
    return { observation, reward, terminated, truncated, info };
  }

  private get stateHash(): string {
    if (this.stateDirty) {
      this.hashCache = hashState(this.state);
      this.stateDirty = false;
    }
    return this.hashCache;
  }

  messages(): readonly ChatMessage[] {
    // Messages are materialised on demand: a policy reads them once per turn, a replay loop never.
    while (this.msgTurns < this.turns.length) this.pushMessages(this.turns[this.msgTurns++]);
    return this.msgs;
  }

  record(): EpisodeRecord {
    return this.snapshot();
  }

  render(): string {
    if (!this.current) return "(no episode: call reset())";
    const lines = [`# ${this.domain.name} / ${this.current.id}`, `USER: ${this.current.ticket}`];
    for (const t of this.turns) {
      if (t.text) lines.push(`ASSISTANT: ${t.text}`);
      if (t.toolCall) lines.push(`CALL ${t.toolCall.name} ${JSON.stringify(t.toolCall.arguments)}`);
      lines.push(`${t.toolCall ? "TOOL" : "ENV"}: ${t.observation}`);
    }
    if (this.done) lines.push(`-- ${this.truncatedFlag ? "truncated" : "terminated"}; reward ${this.finalReward?.total.toFixed(3)}`);
    return lines.join("\n");
  }

  close(): void {
    // Closing twice is allowed (gymnasium's checker requires it).
    this.closed = true;
  }

  private assertOpen(): void {
    if (this.closed) throw new EnvConfigError("the environment is closed; create a new one with make()");
  }

  private systemText(): string {
    return this.domain.policy;
  }

  private pushMessages(rec: TurnRecord): void {
    if (rec.toolCall) {
      const id = rec.toolCall.id ?? `call_${rec.turn}`;
      this.msgs.push({
        role: "assistant",
        content: rec.text,
        tool_calls: [{ id, type: "function", function: { name: rec.toolCall.name, arguments: JSON.stringify(rec.toolCall.arguments) } }],
      });
      this.msgs.push({ role: "tool", tool_call_id: id, name: rec.toolCall.name, content: rec.observation });
    } else {
      this.msgs.push({ role: "assistant", content: rec.text });
      this.msgs.push({ role: "user", content: rec.observation });
    }
  }

  private snapshot(): EpisodeRecord {
    const task = this.current!;
    return {
      envId: this.id,
      domain: this.domain.name,
      taskId: task.id,
      split: task.split,
      seed: this.episodeSeed,
      caseId: task.caseId,
      system: this.systemText(),
      ticket: task.ticket,
      turns: this.turns.slice(),
      terminated: this.done && !this.truncatedFlag,
      truncated: this.truncatedFlag,
      submitted: this.submitted,
      reward: this.finalReward,
      initialStateHash: this.initialHash,
      finalStateHash: this.stateHash,
      wallMs: performance.now() - this.startedAt,
    };
  }
}

/** The context a tool runs with; a class (not closures) because one is made on every step. */
class StepToolContext<S> implements ToolContext<S> {
  submitted = false;
  answer: unknown = undefined;
  constructor(
    readonly state: S,
    readonly task: Task,
    readonly turn: number,
    readonly rng: Rng,
    private readonly events: EpisodeEvent[],
  ) {}
  record(e: Omit<EpisodeEvent, "turn">): void {
    this.events.push({ ...e, turn: this.turn });
  }
  submit(answer: unknown): void {
    this.submitted = true;
    this.answer = answer;
  }
}

function rawLength(action: Action): number {
  if (typeof action === "string") return action.length;
  try {
    return JSON.stringify(action)?.length ?? 0;
  } catch {
    return 0;
  }
}
