import type { Domain } from "./domain.js";
import { suggest } from "./errors.js";

/**
 * Imported case files (e.g. AgentClinic OSCE cases) become a domain built from the file: the
 * domain that understands a format registers a loader for it, and `medgym play --cases-file F
 * --cases-format X` plays the result like any other domain.
 */
export type CaseFormatLoader = (file: string) => Domain<any>;

const formats = new Map<string, CaseFormatLoader>();

export function registerCaseFormat(name: string, loader: CaseFormatLoader): void {
  formats.set(name, loader);
}

export function listCaseFormats(): string[] {
  return [...formats.keys()].sort();
}

export function loadCasesDomain(format: string, file: string): Domain<any> {
  const loader = formats.get(format);
  if (!loader) {
    const near = suggest(format, listCaseFormats());
    throw new Error(`Unknown cases format "${format}".${near.length ? ` Did you mean ${near.map((n) => `"${n}"`).join(", ")}?` : ""} Known formats: ${listCaseFormats().join(", ") || "(none registered)"}.`);
  }
  return loader(file);
}
