/**
 * bench:env — environment throughput for a scripted policy over in-memory tools, one process on
 * one core. Replays the expert's recorded actions for a set of tasks (so every step runs parsing,
 * validation, a real tool and recording), resetting at each episode end, and prints
 * `env steps/s: N` for tool-call objects and for the text forms side by side.
 */
import "../../domains/index.js";
import { getDomain, make, runEpisode, type Action } from "../../src/index.js";

const DOMAIN = process.env.BENCH_DOMAIN ?? "news2_triage";
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);

const domain = getDomain(DOMAIN);
const tasks = domain.tasksFor("test").slice(0, 32);
const env = make("MedGym-v0", { domain: DOMAIN, split: "test" });

// Record the expert's actions once; the benchmark then measures the environment alone.
const episodes: { taskId: string; actions: Action[] }[] = [];
for (const t of tasks) {
  const rec = await runEpisode(env, domain.expert!(t), { taskId: t.id });
  episodes.push({ taskId: t.id, actions: rec.turns.map((x) => x.toolCall!) });
}

type Form = "object" | "json_text" | "tool_call_tag";
const asForm = (a: Action, form: Form): Action =>
  form === "object" ? a : form === "json_text" ? JSON.stringify(a) : `<tool_call>${JSON.stringify(a)}</tool_call>`;

async function measure(form: Form): Promise<number> {
  const eps = episodes.map((e) => ({ taskId: e.taskId, actions: e.actions.map((a) => asForm(a, form)) }));
  let steps = 0;
  let i = 0;
  const deadline = performance.now() + SECONDS * 1000;
  const t0 = performance.now();
  while (performance.now() < deadline) {
    for (let k = 0; k < 50; k++) {
      const ep = eps[i++ % eps.length];
      await env.reset({ seed: i, options: { taskId: ep.taskId } });
      for (const a of ep.actions) {
        const r = await env.step(a);
        steps++;
        if (r.terminated || r.truncated) break;
      }
    }
  }
  return steps / ((performance.now() - t0) / 1000);
}

await measure("object"); // warm-up (JIT)
const results: Record<Form, number> = { object: await measure("object"), json_text: await measure("json_text"), tool_call_tag: await measure("tool_call_tag") };
console.log(`domain ${DOMAIN}, ${episodes.length} expert episodes replayed, ${SECONDS} s per form, node ${process.version}`);
console.log(`env steps/s (json text): ${Math.round(results.json_text)}`);
console.log(`env steps/s (tool_call tag): ${Math.round(results.tool_call_tag)}`);
console.log(`env steps/s: ${Math.round(results.object)}`);
