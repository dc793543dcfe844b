import type { Command } from "commander";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { listDomains } from "../../env/index.js";
import { probeBackends, preferredBackend } from "../../train/backend.js";
import { datasetStatus, projectRoot } from "../../data/index.js";

const require = createRequire(import.meta.url);

interface Check {
  name: string;
  ok: boolean;
  detail: string;
  fix?: string;
}

function check(name: string, fn: () => string, fix?: string): Check {
  try {
    return { name, ok: true, detail: fn() };
  } catch (e) {
    return { name, ok: false, detail: String((e as Error).message).split("\n")[0].slice(0, 200), fix };
  }
}

function nativeChecks(): Check[] {
  const python = "/usr/bin/python3";
  const chromium = process.env.MEDGYM_CHROMIUM ?? "/usr/bin/chromium";
  return [
    check("node", () => {
      const [maj, min] = process.versions.node.split(".").map(Number);
      if (maj < 20 || (maj === 20 && min < 19)) throw new Error(`Node ${process.versions.node}: MedGym needs >= 20.19 (require(esm) for notebooks)`);
      return process.versions.node;
    }),
    check(
      "better-sqlite3 + FTS5",
      () => {
        const Database = require("better-sqlite3");
        const db = new Database(":memory:");
        db.exec("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='porter unicode61'); INSERT INTO t VALUES ('warfarin bleeding');");
        const n = db.prepare("SELECT count(*) AS n FROM t WHERE t MATCH ?").get("bleed*").n;
        db.close();
        if (n !== 1) throw new Error("FTS5 query returned no row");
        return `${require("better-sqlite3/package.json").version}, FTS5 ok`;
      },
      "npm rebuild better-sqlite3",
    ),
    check(
      "faiss-node",
      () => {
        const faiss = require("faiss-node");
        const index = new faiss.IndexFlatL2(2);
        index.add([0, 0, 1, 1]);
        const r = index.search([0.9, 0.9], 1);
        if (r.labels[0] !== 1) throw new Error("nearest-neighbour search returned the wrong label");
        return `${require("faiss-node/package.json").version} built against Debian libfaiss, search ok`;
      },
      "apt-get install -y libfaiss-dev libopenblas-dev liblapack-dev && node scripts/build-faiss.mjs",
    ),
    check(
      "chromium",
      () => {
        if (!existsSync(chromium)) throw new Error(`${chromium} not found`);
        return execFileSync(chromium, ["--version"], { encoding: "utf8", timeout: 20_000, stdio: ["ignore", "pipe", "pipe"] }).trim();
      },
      "apt-get install -y chromium (or set MEDGYM_CHROMIUM)",
    ),
    check(
      "jupyter (Debian)",
      () => {
        execFileSync(python, ["-c", "import nbclient, nbconvert, ipykernel"], { timeout: 30_000, stdio: "pipe" });
        return `${python} has nbclient, nbconvert, ipykernel`;
      },
      "apt-get install -y jupyter-nbconvert python3-nbclient python3-ipykernel jupyter-client jupyter-core",
    ),
    check(
      "tslab kernel",
      () => {
        const spec = join(projectRoot(), ".jupyter", "share", "jupyter", "kernels", "tslab", "kernel.json");
        const alt = join(projectRoot(), ".jupyter", "kernels", "tslab", "kernel.json");
        const found = [spec, alt].find((p) => existsSync(p));
        if (!found) throw new Error("tslab kernelspec is not registered in .jupyter/");
        return found;
      },
      "npm run setup:jupyter",
    ),
    check(
      "python3-torch (bench reference)",
      () => execFileSync(python, ["-c", "import torch; print(torch.__version__)"], { encoding: "utf8", timeout: 60_000, stdio: "pipe" }).trim(),
      "apt-get install -y python3-torch",
    ),
  ];
}

export function register(program: Command): void {
  program
    .command("doctor")
    .description("report the TensorFlow.js backend, native pieces and datasets available on this machine")
    .option("--json", "print one JSON document")
    .option("--strict", "exit 1 if a native piece or dataset is missing")
    .action((opts: { json?: boolean; strict?: boolean }) => {
      const backends = probeBackends();
      const chosen = preferredBackend(backends);
      const native = nativeChecks();
      const datasets = datasetStatus();
      const report = {
        backend: chosen?.name ?? "none",
        backends,
        native,
        datasets: datasets.map((d) => ({ name: d.name, location: d.location, path: d.path })),
        domains: listDomains(),
      };
      const missing = native.filter((c) => !c.ok).length + datasets.filter((d) => d.location === "missing").length;
      if (opts.json) {
        console.log(JSON.stringify(report, null, 2));
      } else {
        console.log(`TensorFlow.js backend: ${chosen ? `${chosen.name} (${chosen.package})` : "none available"}`);
        for (const b of backends) console.log(`  ${b.available ? "ok " : "-- "} ${b.name.padEnd(15)} ${b.package}: ${b.detail}`);
        console.log("Native pieces and tools:");
        for (const c of native) console.log(`  ${c.ok ? "ok " : "!! "} ${c.name.padEnd(32)} ${c.detail}${c.fix && !c.ok ? `\n      fix: ${c.fix}` : ""}`);
        console.log("Datasets:");
        for (const d of datasets) console.log(`  ${d.location === "missing" ? "!! " : "ok "} ${d.name.padEnd(28)} ${d.location}${d.path ? `  ${d.path}` : ""}`);
        console.log(`Domains registered: ${report.domains.join(", ")}`);
        console.log(missing ? `${missing} item(s) missing.` : "Everything is available.");
      }
      if (opts.strict && missing) process.exitCode = 1;
    });
}
