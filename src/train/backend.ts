import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * TensorFlow.js backend detection. Preference: @tensorflow/tfjs-node-gpu, then
 * @tensorflow/tfjs-node (declared as the optional dependency `tfjs-node-native`, an alias, because
 * danfojs-node's override needs the plain name), then the WASM backend, then pure-JS CPU.
 * Detection only checks that a package's native binding loads; it never downloads anything.
 */
export interface BackendProbe {
  name: "tensorflow-gpu" | "tensorflow" | "wasm" | "cpu";
  package: string;
  available: boolean;
  detail: string;
}

const require = createRequire(import.meta.url);

function probeNative(name: BackendProbe["name"], specifiers: string[], realName: string): BackendProbe {
  for (const spec of specifiers) {
    let pkgJson: { name?: string; version?: string };
    try {
      pkgJson = require(`${spec}/package.json`);
    } catch {
      continue;
    }
    // danfojs-node's alias installs plain tfjs under the name @tensorflow/tfjs-node; it is not native.
    if (pkgJson.name !== realName) continue;
    // Requiring a tfjs-node whose binding is missing half-registers its kernels (and floods stderr),
    // so look for the compiled binding before loading anything.
    const lib = join(dirname(require.resolve(`${spec}/package.json`)), "lib");
    const hasBinding = existsSync(lib) && readdirSync(lib).some((d) => existsSync(join(lib, d, "tfjs_binding.node")));
    if (!hasBinding) {
      return {
        name,
        package: `${spec}@${pkgJson.version}`,
        available: false,
        detail: `installed without its native binding (lib/*/tfjs_binding.node). Its install script downloads libtensorflow; on a machine that can reach it, approve the script in package.json "allowScripts" and run \`npm rebuild ${spec}\`.`,
      };
    }
    try {
      require(spec);
      return { name, package: `${spec}@${pkgJson.version}`, available: true, detail: "native libtensorflow binding loaded" };
    } catch (e) {
      const msg = String((e as Error).message).split("\n")[0];
      return {
        name,
        package: `${spec}@${pkgJson.version}`,
        available: false,
        detail: `installed but its native binding did not load (${msg.slice(0, 120)}). Its install script downloads libtensorflow; on a machine that can reach it, approve the script in package.json "allowScripts" and run \`npm rebuild ${spec}\`.`,
      };
    }
  }
  return { name, package: realName, available: false, detail: "not installed" };
}

export function probeBackends(): BackendProbe[] {
  const probes: BackendProbe[] = [
    probeNative("tensorflow-gpu", ["@tensorflow/tfjs-node-gpu"], "@tensorflow/tfjs-node-gpu"),
    probeNative("tensorflow", ["tfjs-node-native", "@tensorflow/tfjs-node"], "@tensorflow/tfjs-node"),
  ];
  let wasm: BackendProbe = { name: "wasm", package: "@tensorflow/tfjs-backend-wasm", available: false, detail: "not installed" };
  try {
    const v = require("@tensorflow/tfjs-backend-wasm/package.json").version;
    wasm = { name: "wasm", package: `@tensorflow/tfjs-backend-wasm@${v}`, available: true, detail: "WASM SIMD (single-threaded in Node)" };
  } catch {
    /* reported as not installed */
  }
  probes.push(wasm);
  let cpu: BackendProbe = { name: "cpu", package: "@tensorflow/tfjs", available: false, detail: "not installed" };
  try {
    const v = require("@tensorflow/tfjs/package.json").version;
    cpu = { name: "cpu", package: `@tensorflow/tfjs@${v}`, available: true, detail: "pure JavaScript kernels (slowest)" };
  } catch {
    /* reported as not installed */
  }
  probes.push(cpu);
  return probes;
}

/** The backend MedGym would use: the first available in preference order. */
export function preferredBackend(probes = probeBackends()): BackendProbe | undefined {
  return probes.find((p) => p.available);
}
