import type { Command } from "commander";
import { getDomain, loadCasesDomain, playTasks, registerDomain, writeEpisodesJsonl, type Split } from "../../env/index.js";
import { createPolicy } from "../../policy/index.js";
import { summarizeEpisodes } from "../../analysis/index.js";
import { progressBar } from "../progress.js";

interface PlayCliOptions {
  domain: string;
  policy: string;
  split: string;
  limit?: number;
  seed: number;
  maxTurns?: number;
  json?: boolean;
  out?: string;
  casesFile?: string;
  casesFormat?: string;
}

const int = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, got "${v}"`);
  return n;
};

export function register(program: Command): void {
  program
    .command("play")
    .description("run a policy over a domain's tasks and print success, reward, turns, tool calls and characters per turn")
    .requiredOption("--domain <name>", "domain to play")
    .option("--policy <name>", "random | expert", "random")
    .option("--split <split>", "train | test | all", "test")
    .option("--limit <n>", "number of tasks (seeded sample; default all)", int("limit"))
    .option("--seed <n>", "seed for task sampling, environments and the policy", int("seed"), 0)
    .option("--max-turns <n>", "turn limit per episode", int("max-turns"))
    .option("--out <file>", "write the episodes as JSONL")
    .option("--cases-file <file>", "play imported cases (e.g. AgentClinic OSCE JSONL) instead of the domain's generated tasks")
    .option("--cases-format <format>", "format of --cases-file, e.g. agentclinic")
    .option("--json", "print the summary as JSON")
    .action(async (opts: PlayCliOptions) => {
      if (!["train", "test", "all"].includes(opts.split)) throw new Error(`--split must be train, test or all, got "${opts.split}"`);
      if (Boolean(opts.casesFile) !== Boolean(opts.casesFormat)) throw new Error("--cases-file and --cases-format go together");
      let domain = getDomain(opts.domain);
      if (opts.casesFile && opts.casesFormat) {
        // The imported cases become this process's version of the domain, played through the same env.
        const cases = loadCasesDomain(opts.casesFormat, opts.casesFile);
        if (cases.name !== domain.name) throw new Error(`--cases-format ${opts.casesFormat} builds a "${cases.name}" domain, not "${domain.name}"; use --domain ${cases.name}`);
        registerDomain(cases, { override: true });
        domain = cases;
      }
      const total = opts.limit !== undefined ? Math.min(opts.limit, domain.tasksFor(opts.split as Split).length) : domain.tasksFor(opts.split as Split).length;
      const bar = progressBar(total, `play ${opts.domain}/${opts.policy}`);
      let ok = 0;
      const records = await playTasks({
        domain,
        split: opts.split as Split,
        limit: opts.limit,
        seed: opts.seed,
        maxTurns: opts.maxTurns,
        policy: (task) => createPolicy(opts.policy, { domain, task, seed: opts.seed }),
        onEpisode: (r) => {
          if ((r.reward?.components.accuracy ?? 0) >= 1 && r.terminated) ok++;
          bar.tick(1, { success: `${ok}` });
        },
      });
      bar.stop();
      if (opts.out) writeEpisodesJsonl(opts.out, records);
      const policyErrors = records.filter((r) => r.policyError).map((r) => ({ taskId: r.taskId, error: r.policyError }));
      const summary = {
        domain: opts.domain,
        ...(opts.casesFile ? { casesFile: opts.casesFile, casesFormat: opts.casesFormat } : {}),
        policy: opts.policy,
        split: opts.split,
        seed: opts.seed,
        ...summarizeEpisodes(records),
        policyErrors: policyErrors.length,
      };
      if (opts.json) console.log(JSON.stringify(summary, null, 2));
      else {
        for (const [k, v] of Object.entries(summary)) console.log(`${k.padEnd(26)} ${typeof v === "number" && !Number.isInteger(v) ? v.toFixed(4) : v}`);
        for (const e of policyErrors.slice(0, 5)) console.log(`policy error on ${e.taskId}: ${e.error}`);
      }
    });
}
