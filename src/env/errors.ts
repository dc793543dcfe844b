import { closest, distance } from "fastest-levenshtein";

/** Up to three known names close to `name`, for "did you mean" messages. */
export function suggest(name: string, known: readonly string[]): string[] {
  if (known.length === 0) return [];
  const scored = known
    .map((k) => ({ k, d: distance(name.toLowerCase(), k.toLowerCase()) }))
    .filter(({ k, d }) => d <= Math.max(2, Math.floor(k.length / 3)) || k.includes(name) || name.includes(k))
    .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k));
  const out = scored.slice(0, 3).map((s) => s.k);
  return out.length > 0 ? out : [closest(name, known as string[])];
}

function didYouMean(name: string, known: readonly string[]): string {
  const s = suggest(name, known);
  return s.length ? ` Did you mean ${s.map((x) => `"${x}"`).join(", ")}?` : "";
}

/** `make()` was given an id nobody registered. */
export class UnknownEnvError extends Error {
  readonly code = "unknown_env";
  constructor(readonly envId: string, readonly known: readonly string[]) {
    super(`No environment registered as "${envId}".${didYouMean(envId, known)} Registered: ${known.join(", ") || "(none)"}.`);
    this.name = "UnknownEnvError";
  }
}

/** A domain name that no module registered (import "medgym/domains" to register the built-in ones). */
export class UnknownDomainError extends Error {
  readonly code = "unknown_domain";
  constructor(readonly domain: string, readonly known: readonly string[]) {
    super(
      `Unknown domain "${domain}".${didYouMean(domain, known)} Registered domains: ${known.join(", ") || "(none: import the domains module, e.g. `import \"medgym/domains\"`, to register the built-in ones)"}.`,
    );
    this.name = "UnknownDomainError";
  }
}

export class UnknownTaskError extends Error {
  readonly code = "unknown_task";
  constructor(readonly domain: string, readonly taskId: string, known: readonly string[]) {
    super(`Domain "${domain}" has no task "${taskId}".${didYouMean(taskId, known)}`);
    this.name = "UnknownTaskError";
  }
}

/** Invalid options to make()/reset(): the message states the rule that was broken. */
export class EnvConfigError extends Error {
  readonly code = "env_config";
  constructor(message: string) {
    super(message);
    this.name = "EnvConfigError";
  }
}

/**
 * Thrown by a tool's execute() to refuse a request with a message for the agent (unknown patient,
 * test not available, ...). The environment turns it into an observation; the episode goes on.
 */
export class ToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ToolError";
  }
}
