/**
 * Shared by setup-jupyter.ts and run-notebooks.ts: where the project-local Jupyter lives and the
 * environment that keeps Debian's Jupyter inside it. Jupyter and IPython otherwise write config,
 * runtime (connection) files and kernelspecs under $HOME; pointing every one of their directories
 * at `.jupyter/` (git-ignored) means running the study never touches anything outside the project.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const JUPYTER_PREFIX = join(ROOT, ".jupyter");
/** `tslab install --prefix P` puts kernelspecs in P/share/jupyter/kernels/ (Jupyter's layout). */
export const JUPYTER_DATA = join(JUPYTER_PREFIX, "share", "jupyter");
export const KERNEL_NAME = "tslab";
export const KERNEL_DIR = join(JUPYTER_DATA, "kernels", KERNEL_NAME);
/** The tslab launcher, by absolute path so the kernel starts without tslab on PATH. */
export const TSLAB_BIN = join(ROOT, "node_modules", "tslab", "bin", "tslab");

/**
 * Debian's python3 (with python3-nbclient, jupyter-nbconvert, ...). Not `python3` from PATH: on
 * dev machines that is often a pyenv/conda interpreter without Jupyter.
 */
export const PYTHON = process.env.MEDGYM_PYTHON ?? "/usr/bin/python3";

const APT_HINT = "apt-get install python3-ipykernel jupyter-client jupyter-core jupyter-nbconvert python3-nbclient";

export function jupyterEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    JUPYTER_PATH: JUPYTER_DATA,
    JUPYTER_DATA_DIR: JUPYTER_DATA,
    JUPYTER_CONFIG_DIR: join(JUPYTER_PREFIX, "config"),
    JUPYTER_RUNTIME_DIR: join(JUPYTER_PREFIX, "runtime"),
    IPYTHONDIR: join(JUPYTER_PREFIX, "ipython"),
    // Opt in to the platformdirs layout now; silences jupyter_core's deprecation warning on every run.
    JUPYTER_PLATFORM_DIRS: "1",
    // Debian's python 3.11 + debugpy prints a "frozen modules" warning on every kernel start.
    PYDEVD_DISABLE_FILE_VALIDATION: "1",
    ...extra,
  };
}

/** Fail early, with the apt packages to install, if the interpreter or its Jupyter modules are missing. */
export function checkPython(modules: readonly string[]): void {
  if (!existsSync(PYTHON)) {
    throw new Error(`Python not found at ${PYTHON} (set MEDGYM_PYTHON to another interpreter, or: ${APT_HINT})`);
  }
  const code = modules.map((m) => `import ${m}`).join("; ");
  const r = spawnSync(PYTHON, ["-c", code], { encoding: "utf8", env: jupyterEnv() });
  if (r.status !== 0) {
    throw new Error(`${PYTHON} cannot import ${modules.join(", ")}:\n${r.stderr.trim()}\nInstall Debian's Jupyter: ${APT_HINT}`);
  }
}

/** The kernel.json we expect: tslab started from this checkout's node_modules. */
export function kernelspecIsCurrent(): boolean {
  const file = join(KERNEL_DIR, "kernel.json");
  if (!existsSync(file)) return false;
  try {
    const spec = JSON.parse(readFileSync(file, "utf8")) as { argv?: string[] };
    return spec.argv?.[0] === TSLAB_BIN && existsSync(TSLAB_BIN);
  } catch {
    return false;
  }
}
