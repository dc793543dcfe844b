/**
 * Register the tslab (TypeScript) kernel into the project-local Jupyter prefix `.jupyter/`, so the
 * notebooks run with Debian's Jupyter and nothing is written under $HOME or /usr. Idempotent: an
 * up-to-date kernelspec is left alone (pass --force to reinstall).
 *
 *   npm run setup:jupyter            # then: JUPYTER_PATH=.jupyter/share/jupyter jupyter kernelspec list
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { Command } from "commander";
import { JUPYTER_DATA, JUPYTER_PREFIX, KERNEL_DIR, KERNEL_NAME, PYTHON, ROOT, TSLAB_BIN, checkPython, jupyterEnv, kernelspecIsCurrent } from "./jupyter-env.js";

export function setupJupyter(opts: { force?: boolean; quiet?: boolean } = {}): string {
  const log = opts.quiet ? () => {} : (s: string) => console.log(s);
  if (!existsSync(TSLAB_BIN)) throw new Error(`tslab is not installed (${TSLAB_BIN} missing); run npm install in ${ROOT}`);
  checkPython(["jupyter_client", "IPython"]);

  if (!opts.force && kernelspecIsCurrent()) {
    log(`tslab kernelspec already installed: ${KERNEL_DIR}`);
  } else {
    // `tslab install` runs its python/install.py with our interpreter; --prefix keeps the spec in
    // .jupyter/ (without it a non-root user gets ~/.local/share/jupyter, root gets /usr/local).
    // --binary is absolute so Jupyter can start the kernel even when tslab is not on PATH.
    const args = [TSLAB_BIN, "install", `--python=${PYTHON}`, `--binary=${TSLAB_BIN}`, `--prefix=${JUPYTER_PREFIX}`];
    const r = spawnSync(process.execPath, args, { cwd: ROOT, env: jupyterEnv(), encoding: "utf8" });
    if (r.status !== 0) {
      throw new Error(`tslab install failed (exit ${r.status}):\n${(r.stdout ?? "") + (r.stderr ?? "")}`.trim());
    }
    if (!kernelspecIsCurrent()) throw new Error(`tslab install succeeded but ${KERNEL_DIR}/kernel.json is not there`);
    log(`installed tslab kernelspec: ${KERNEL_DIR}`);
  }

  // Check through Jupyter itself that the kernel is visible with the project-local path.
  const list = spawnSync(PYTHON, ["-m", "jupyter", "kernelspec", "list", "--json"], { env: jupyterEnv(), encoding: "utf8" });
  if (list.status !== 0) throw new Error(`jupyter kernelspec list failed:\n${list.stderr}`);
  const specs = (JSON.parse(list.stdout) as { kernelspecs: Record<string, { resource_dir: string }> }).kernelspecs;
  const found = specs[KERNEL_NAME]?.resource_dir;
  if (!found || !found.startsWith(JUPYTER_PREFIX)) {
    throw new Error(`Jupyter does not see the project's tslab kernel (got ${found ?? "none"}); expected it under ${JUPYTER_PREFIX}`);
  }
  log(`verified: JUPYTER_PATH=${JUPYTER_DATA} ${PYTHON} -m jupyter kernelspec list -> ${KERNEL_NAME} ${found}`);
  return found;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const program = new Command("setup-jupyter")
    .description("Install the tslab kernelspec into the project-local Jupyter prefix (.jupyter/)")
    .option("--force", "reinstall even if an up-to-date kernelspec exists")
    .parse();
  try {
    setupJupyter(program.opts<{ force?: boolean }>());
  } catch (e) {
    console.error(`setup-jupyter: ${(e as Error).message}`);
    process.exit(1);
  }
}
