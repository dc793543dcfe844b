import type { Command } from "commander";
import { getDomain, listDomains, runEpisode, make, type Domain } from "../../env/index.js";
import { progressBar } from "../progress.js";

export interface DomainStats {
  domain: string;
  tools: number;
  toolNames: string[];
  tasks: { train: number; test: number; total: number };
  conditions: number;
}

/** Distinct ground-truth diagnoses: tasks declare them in `meta.condition` (domains without diagnoses count 0). */
function conditionsOf(d: Domain<any>): Set<string> {
  const s = new Set<string>();
  for (const t of d.tasksFor("all")) {
    const c = t.meta?.condition;
    if (typeof c === "string" && c) s.add(c);
  }
  return s;
}

export function domainStats(name: string): DomainStats {
  const d = getDomain(name);
  const train = d.tasksFor("train").length;
  const test = d.tasksFor("test").length;
  return { domain: name, tools: d.tools.length, toolNames: d.toolNames(), tasks: { train, test, total: train + test }, conditions: conditionsOf(d).size };
}

/** Tools that no expert trajectory over the domain's tasks calls successfully. */
export async function unexercisedTools(name: string, limit?: number): Promise<string[]> {
  const d = getDomain(name);
  if (!d.expert) return d.toolNames();
  const used = new Set<string>();
  const tasks = d.tasksFor("all").slice(0, limit);
  const env = make("MedGym-v0", { domain: name, split: "all", maxTurns: 64 });
  const bar = progressBar(tasks.length, `coverage ${name}`);
  for (const t of tasks) {
    const r = await runEpisode(env, d.expert(t), { taskId: t.id, seed: 0 });
    for (const turn of r.turns) if (turn.toolCall && !turn.formatError && !turn.toolError) used.add(turn.toolCall.name);
    bar.tick();
  }
  bar.stop();
  return d.toolNames().filter((n) => !used.has(n));
}

export function register(program: Command): void {
  program
    .command("stats")
    .description("tools, tasks and conditions per domain")
    .option("--json", "print one JSON document")
    .option("--coverage", "also run every domain's expert and list tools it never exercises")
    .option("--coverage-limit <n>", "tasks per domain for --coverage (default: all)", (v) => Number.parseInt(v, 10))
    .action(async (opts: { json?: boolean; coverage?: boolean; coverageLimit?: number }) => {
      const domains = listDomains().map(domainStats);
      const toolsTotal = new Set(domains.flatMap((d) => d.toolNames)).size;
      const tasksTotal = domains.reduce((s, d) => s + d.tasks.total, 0);
      const conditions = new Set(listDomains().flatMap((n) => [...conditionsOf(getDomain(n))])).size;
      const report: Record<string, unknown> = {
        domains: domains.map(({ toolNames, ...rest }) => rest),
        domainCount: domains.length,
        toolsTotal,
        tasksTotal,
        conditions,
      };
      if (opts.coverage) {
        const uncovered: Record<string, string[]> = {};
        for (const d of listDomains()) {
          const u = await unexercisedTools(d, opts.coverageLimit);
          if (u.length) uncovered[d] = u;
        }
        report.coverage = { unexercised: uncovered, complete: Object.keys(uncovered).length === 0 };
      }
      if (opts.json) console.log(JSON.stringify(report, null, 2));
      else {
        for (const d of domains) console.log(`${d.domain.padEnd(22)} tools ${String(d.tools).padStart(3)}  tasks ${d.tasks.train} train / ${d.tasks.test} test  conditions ${d.conditions}`);
        console.log(`total: ${domains.length} domains, ${toolsTotal} distinct tools, ${tasksTotal} tasks, ${conditions} conditions`);
        if (report.coverage) console.log(`coverage: ${JSON.stringify(report.coverage)}`);
      }
    });
}
