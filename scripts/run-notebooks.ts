/**
 * Run the study notebooks headless: every notebooks/NN_*.ipynb in numeric order, or the ones named
 * on the command line, each executed by Debian's Jupyter (nbclient, via scripts/nbexec.py) with the
 * project-local tslab kernel. Executed copies go to notebooks/.executed/; notebooks write their own
 * figures and tables under figures/. Stops at the first failing cell with the notebook, the cell
 * index and the error.
 *
 *   npm run notebooks -- --profile smoke        # all notebooks, smoke profile
 *   npm run notebooks -- 01 03_sft_baseline     # selected notebooks (prefix or file name)
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, utimesSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Command, InvalidArgumentError, Option } from "commander";
import { writeFileAtomic } from "../src/util/atomic-write.js";
import { KERNEL_NAME, PYTHON, ROOT, checkPython, jupyterEnv, kernelspecIsCurrent } from "./jupyter-env.js";
import { setupJupyter } from "./setup-jupyter.js";

const NOTEBOOKS = join(ROOT, "notebooks");
const EXECUTED = join(NOTEBOOKS, ".executed");
const NBEXEC = join(ROOT, "scripts", "nbexec.py");
const PROFILES = ["smoke", "small", "full"] as const;
type Profile = (typeof PROFILES)[number];
const STUDY_NOTEBOOK = /^\d+_.*\.ipynb$/;

interface Options {
  profile: Profile;
  cellTimeout: number;
  build: boolean;
  outDir: string;
}

/** Numbered notebooks, in numeric (not lexicographic) order: 9_x before 10_y. */
export function listNotebooks(dir = NOTEBOOKS): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => STUDY_NOTEBOOK.test(f))
    .sort((a, b) => parseInt(a, 10) - parseInt(b, 10) || a.localeCompare(b))
    .map((f) => join(dir, f));
}

/** "01", "01_gym_tour", "01_gym_tour.ipynb" or a path -> the notebook file. */
export function resolveNotebook(arg: string, all = listNotebooks()): string {
  if (arg.endsWith(".ipynb") && existsSync(arg)) return resolve(arg);
  const matches = all.filter((p) => {
    const name = basename(p);
    return name === arg || name === `${arg}.ipynb` || name.startsWith(`${arg}_`);
  });
  if (matches.length === 1) return matches[0];
  const known = all.map((p) => basename(p, ".ipynb")).join(", ") || "(none)";
  if (matches.length === 0) throw new Error(`no notebook matches "${arg}"; available: ${known}`);
  throw new Error(`"${arg}" matches several notebooks: ${matches.map((p) => basename(p)).join(", ")}`);
}

function newestMtime(dir: string, skip: (name: string) => boolean): number {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skip(entry.name)) continue;
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p, skip) : statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * Notebooks import the compiled library from dist/ (tslab cannot load the TypeScript sources), so
 * a stale dist/ would silently run old code. Rebuild when any source is newer than the last
 * successful build. The stamp, not dist/'s own mtimes, is the reference: tsc still emits files
 * when type-checking fails, and those fresh mtimes must not pass for a good build.
 */
const BUILD_STAMP = join(ROOT, "dist", ".notebooks-build-ok");

function ensureBuilt(): void {
  const outputs = [join(ROOT, "dist", "src", "index.js"), join(ROOT, "dist", "domains", "index.js"), join(ROOT, "dist", "src", "plot", "index.js")];
  const built = outputs.every(existsSync) && existsSync(BUILD_STAMP) ? statSync(BUILD_STAMP).mtimeMs : 0;
  const skip = (name: string) => name.endsWith(".test.ts") || name === "node_modules";
  const sources = Math.max(
    newestMtime(join(ROOT, "src"), skip),
    newestMtime(join(ROOT, "domains"), skip),
    ...["tsconfig.json", "tsconfig.build.json", "package.json"].map((f) => statSync(join(ROOT, f)).mtimeMs),
  );
  if (built >= sources) return;
  console.log(outputs.every(existsSync) ? "dist/ may be older than the sources: npm run build" : "dist/ is missing: npm run build");
  const t0 = new Date();
  const r = spawnSync("npm", ["run", "--silent", "build"], { cwd: ROOT, stdio: "inherit" });
  if (r.status !== 0) {
    throw new Error(`npm run build failed (exit ${r.status ?? r.signal}); the notebooks need a compiled dist/ (--no-build runs on the current dist/ anyway)`);
  }
  // Stamped with the build's start time: a source saved during the build still counts as newer.
  writeFileAtomic(BUILD_STAMP, `${t0.toISOString()}\n`);
  utimesSync(BUILD_STAMP, t0, t0);
  console.log(`built in ${((Date.now() - t0.getTime()) / 1000).toFixed(1)}s`);
}

interface Report {
  ok: boolean;
  cells?: number;
  cell_index?: number;
  source?: string;
  ename?: string;
  evalue?: string;
  traceback?: string;
}

function runOne(notebook: string, opts: Options): Promise<Report> {
  const name = basename(notebook);
  const out = join(opts.outDir, name);
  const report = join(opts.outDir, `${basename(name, ".ipynb")}.report.json`);
  rmSync(report, { force: true }); // never read a previous run's verdict
  const args = [NBEXEC, "--in", notebook, "--out", out, "--report", report, "--kernel", KERNEL_NAME, "--timeout", String(opts.cellTimeout)];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(PYTHON, args, { cwd: ROOT, env: jupyterEnv({ MEDGYM_PROFILE: opts.profile }), stdio: ["ignore", "inherit", "inherit"] });
    child.on("error", (e) => reject(new Error(`could not start ${PYTHON}: ${e.message}`)));
    child.on("close", (code, signal) => {
      if (!existsSync(report)) {
        reject(new Error(`${name}: the executor exited (${code ?? signal}) without a report; see the output above`));
        return;
      }
      const r = JSON.parse(readFileSync(report, "utf8")) as Report;
      if (code !== 0 && r.ok) r.ok = false;
      resolvePromise(r);
    });
  });
}

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError("must be a positive integer (seconds)");
  return n;
}

async function main(): Promise<number> {
  const envProfile = process.env.MEDGYM_PROFILE || "small";
  const program = new Command("run-notebooks")
    .description("Execute the study notebooks headless with the project-local tslab kernel")
    .argument("[notebooks...]", 'notebooks to run ("01", "01_gym_tour" or a path); default: all notebooks/NN_*.ipynb')
    .addOption(new Option("--profile <profile>", "study size passed to notebooks as MEDGYM_PROFILE").choices(PROFILES).default(envProfile))
    .option("--cell-timeout <seconds>", "fail a cell that runs longer than this", positiveInt, 1800)
    .option("--out-dir <dir>", "where executed copies and run.json go", EXECUTED)
    .option("--no-build", "do not rebuild dist/ even if sources are newer")
    .parse();
  const opts = program.opts<Options>();
  if (!(PROFILES as readonly string[]).includes(opts.profile)) {
    throw new Error(`MEDGYM_PROFILE must be one of ${PROFILES.join(", ")}; got "${opts.profile}"`);
  }

  const all = listNotebooks();
  const selected = program.args.length ? program.args.map((a) => resolveNotebook(a, all)) : all;
  if (selected.length === 0) throw new Error(`no notebooks found in ${NOTEBOOKS} (expected NN_name.ipynb)`);

  checkPython(["nbclient", "nbformat", "jupyter_client"]);
  if (!kernelspecIsCurrent()) setupJupyter();
  if (opts.build) ensureBuilt();
  opts.outDir = resolve(opts.outDir);
  mkdirSync(opts.outDir, { recursive: true });

  const timings: { notebook: string; seconds: number; ok: boolean }[] = [];
  const t0 = Date.now();
  console.log(`running ${selected.length} notebook(s), profile ${opts.profile}, cell timeout ${opts.cellTimeout}s`);
  for (const nb of selected) {
    const name = basename(nb);
    console.log(`\n▶ ${name}`);
    const start = Date.now();
    const r = await runOne(nb, opts);
    const seconds = (Date.now() - start) / 1000;
    timings.push({ notebook: name, seconds, ok: r.ok });
    if (!r.ok) {
      console.error(`\n✗ ${name} failed at cell index ${r.cell_index} after ${seconds.toFixed(1)}s`);
      console.error(`  cell source: ${(r.source ?? "").split("\n").slice(0, 3).join("\n               ")}`);
      const text = [r.evalue, r.traceback].filter(Boolean).join("\n") || "(no error text)";
      console.error(`  ${r.ename ? `${r.ename}: ` : ""}${text}`.replace(/\n/g, "\n  "));
      console.error(`  executed copy (outputs up to the failure): ${join(opts.outDir, name)}`);
      writeRunRecord(opts, timings);
      return 1;
    }
    console.log(`✓ ${name} in ${seconds.toFixed(1)}s -> ${relative(ROOT, join(opts.outDir, name))}`);
  }
  console.log(`\n${selected.length} notebook(s) in ${((Date.now() - t0) / 1000).toFixed(1)}s (profile ${opts.profile}):`);
  for (const t of timings) console.log(`  ${t.seconds.toFixed(1).padStart(7)}s  ${t.notebook}`);
  writeRunRecord(opts, timings);
  return 0;
}

function writeRunRecord(opts: Options, timings: { notebook: string; seconds: number; ok: boolean }[]): void {
  const git = spawnSync("git", ["rev-parse", "HEAD"], { cwd: ROOT, encoding: "utf8" });
  const record = { profile: opts.profile, finishedAt: new Date().toISOString(), node: process.version, commit: git.status === 0 ? git.stdout.trim() : "none", notebooks: timings };
  writeFileAtomic(join(opts.outDir, "run.json"), JSON.stringify(record, null, 2) + "\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().then(
    (code) => process.exit(code),
    (e: Error) => {
      console.error(`run-notebooks: ${e.message}`);
      process.exit(1);
    },
  );
}
