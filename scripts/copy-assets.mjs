#!/usr/bin/env node
// tsc emits only JavaScript; domain policies (policy.md) and other data files that modules read
// relative to themselves must sit beside the compiled modules in dist/.
import { cpSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const ASSET = /\.(md|json|yaml|yml|txt)$/;
let n = 0;
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (ASSET.test(name)) {
      cpSync(p, join(root, "dist", relative(root, p)));
      n++;
    }
  }
}
for (const top of ["src", "domains"]) walk(join(root, top));
console.log(`copied ${n} asset file(s) into dist/`);
