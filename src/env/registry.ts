import type { Domain } from "./domain.js";
import { UnknownDomainError, UnknownEnvError } from "./errors.js";
import type { Env, EnvOptions } from "./env.js";

/**
 * Two registries, as in gymnasium: environment ids (`MedGym-v0`) and clinical domains. Domains
 * register themselves (`domains/index.ts` registers the built-in ones); library code reaches a
 * domain only by name through here, so `src/` never imports `domains/`.
 */
const domains = new Map<string, Domain<any>>();
type EnvFactory = (opts: EnvOptions) => Env;
const envs = new Map<string, EnvFactory>();

export function registerDomain(domain: Domain<any>, opts: { override?: boolean } = {}): void {
  if (domains.has(domain.name) && !opts.override && domains.get(domain.name) !== domain) {
    throw new Error(`registerDomain: "${domain.name}" is already registered (pass {override: true} to replace it)`);
  }
  domains.set(domain.name, domain);
}

export function getDomain<S = unknown>(name: string): Domain<S> {
  const d = domains.get(name);
  if (!d) throw new UnknownDomainError(name, [...domains.keys()].sort());
  return d as Domain<S>;
}

export function listDomains(): string[] {
  return [...domains.keys()].sort();
}

export function registerEnv(id: string, factory: EnvFactory): void {
  if (!/^[A-Za-z][\w-]*-v\d+$/.test(id)) throw new Error(`registerEnv: id "${id}" must look like Name-v0`);
  envs.set(id, factory);
}

export function listEnvs(): string[] {
  return [...envs.keys()].sort();
}

/** Create an environment by id, e.g. `make("MedGym-v0", { domain: "news2_triage", seed: 1 })`. */
export function make(id: string, opts: EnvOptions): Env {
  const f = envs.get(id);
  if (!f) throw new UnknownEnvError(id, listEnvs());
  return f(opts);
}
