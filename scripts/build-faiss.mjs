#!/usr/bin/env node
// Builds faiss-node's native addon against Debian's libfaiss-dev (see native/faiss/binding.gyp).
// faiss-node's own install script is denied in package.json `allowScripts` because it downloads
// from GitHub. Runs as the project's postinstall; a missing libfaiss is reported, not fatal, so
// that the rest of MedGym installs and `medgym doctor` can say what is missing.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(root, "package.json"));
const nativeDir = join(root, "native", "faiss");
const lib = "/usr/lib/x86_64-linux-gnu/libfaiss.a";

let pkgDir;
try {
  pkgDir = dirname(require.resolve("faiss-node/package.json"));
} catch {
  console.log("[build-faiss] faiss-node is not installed; skipping");
  process.exit(0);
}
const target = join(pkgDir, "build", "Release", "faiss-node.node");
if (existsSync(target) && !process.env.MEDGYM_REBUILD_FAISS) {
  console.log(`[build-faiss] ${target} exists; set MEDGYM_REBUILD_FAISS=1 to rebuild`);
  process.exit(0);
}
if (!existsSync(lib) || !existsSync("/usr/include/faiss/Index.h")) {
  console.warn(
    "[build-faiss] libfaiss-dev is not installed, so the FAISS dense index is unavailable.\n" +
      "  Fix: apt-get install -y libfaiss-dev libopenblas-dev liblapack-dev && npm rebuild medgym\n" +
      "  (or run `node scripts/build-faiss.mjs`)",
  );
  process.exit(0);
}
const nodeGyp = require.resolve("node-gyp/bin/node-gyp.js");
console.log("[build-faiss] building faiss-node against Debian libfaiss (about 30 s)...");
// gyp mangles absolute source paths, so faiss-node's location is passed relative to the binding.
const nodedir = process.env.npm_config_nodedir || (existsSync("/usr/include/node/node_api.h") ? "/usr" : undefined);
const args = [nodeGyp, "rebuild", "--loglevel=warn", `--faiss_node_src=${relative(nativeDir, pkgDir)}`];
if (nodedir) args.push(`--nodedir=${nodedir}`);
execFileSync(process.execPath, args, {
  cwd: nativeDir,
  stdio: "inherit",
});
mkdirSync(dirname(target), { recursive: true });
copyFileSync(join(nativeDir, "build", "Release", "faiss-node.node"), target);
console.log(`[build-faiss] installed ${target}`);
