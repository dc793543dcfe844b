import type { Policy } from "../policy/types.js";
import { UnknownTaskError } from "./errors.js";
import type { Tool } from "./tool.js";
import type { Split, Task } from "./types.js";

/**
 * A clinical domain: its tools, its state model, its tasks and its policy text (tau2-bench's split).
 * Tasks and state are data; the domain only says how to build them. `createState` must return a
 * fresh object every call (episodes mutate it) and must be a pure function of the task, so the same
 * task always starts from the same case.
 */
export interface DomainSpec<S> {
  name: string;
  title: string;
  description: string;
  /** Markdown rules given to the agent as the system message. */
  policy: string;
  tools: readonly Tool<S>[];
  /** All tasks of the domain (both splits), deterministic. Called once, lazily. */
  tasks(): readonly Task[];
  createState(task: Task): S;
  /** A scripted expert that solves `task` through the tools (proves solvability, gives SFT data). */
  expert?(task: Task): Policy;
  /** Observation returned for a free-text (no tool call) turn. */
  textObservation?: string;
}

export interface Domain<S = unknown> extends DomainSpec<S> {
  tool(name: string): Tool<S> | undefined;
  toolNames(): string[];
  task(id: string): Task;
  tasksFor(split: Split | "all"): readonly Task[];
}

export function defineDomain<S>(spec: DomainSpec<S>): Domain<S> {
  if (!/^[a-z][a-z0-9_]*$/.test(spec.name)) throw new Error(`defineDomain: name "${spec.name}" must be snake_case`);
  const byName = new Map<string, Tool<S>>();
  for (const t of spec.tools) {
    if (byName.has(t.name)) throw new Error(`defineDomain(${spec.name}): tool "${t.name}" is defined twice`);
    byName.set(t.name, t);
  }
  if (![...byName.values()].some((t) => t.kind === "terminal")) {
    throw new Error(`defineDomain(${spec.name}): needs at least one terminal tool (e.g. submit_answer) so episodes can end`);
  }
  let all: readonly Task[] | undefined;
  let index: Map<string, Task> | undefined;
  const splits = new Map<string, readonly Task[]>();
  const load = (): readonly Task[] => {
    if (!all) {
      all = spec.tasks();
      index = new Map();
      for (const t of all) {
        if (index.has(t.id)) throw new Error(`domain ${spec.name}: duplicate task id "${t.id}"`);
        if (t.domain !== spec.name) throw new Error(`domain ${spec.name}: task "${t.id}" says domain "${t.domain}"`);
        index.set(t.id, t);
      }
    }
    return all;
  };
  return {
    ...spec,
    tool: (name) => byName.get(name),
    toolNames: () => [...byName.keys()],
    task(id) {
      load();
      const t = index!.get(id);
      if (!t) throw new UnknownTaskError(spec.name, id, [...index!.keys()]);
      return t;
    },
    tasksFor(split) {
      const tasks = load();
      if (split === "all") return tasks;
      let s = splits.get(split);
      if (!s) {
        s = tasks.filter((t) => t.split === split);
        splits.set(split, s);
      }
      return s;
    },
  };
}
