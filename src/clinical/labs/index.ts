/**
 * Lab catalogue: loads data/clinical/labs.yaml once, validates it, and interprets and formats
 * results against adult reference ranges. Limits are exclusive: a value equal to `low` or `high`
 * is normal, and a value equal to a critical limit is abnormal but not critical, so every
 * boundary belongs to the less severe category.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { projectRoot } from "../../data/resolve.js";
import { distance } from "fastest-levenshtein";
import { LabFileSchema, LabSchema, type Lab, type LabInterpretation, type LabPanel } from "./schema.js";

export * from "./schema.js";

// From the project root rather than this module, so the compiled copy in dist/ reads the same files.
export const LABS_FILE = join(projectRoot(), "data", "clinical", "labs.yaml");

export class LabDataError extends Error {
  constructor(
    readonly key: string | undefined,
    readonly issuePath: string,
    detail: string,
  ) {
    super(`labs.yaml${key ? ` [${key}]` : ""} at ${issuePath || "<root>"}: ${detail}`);
    this.name = "LabDataError";
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "");
}

/** Parses and validates a lab catalogue document; exported so tests can feed malformed input. */
export function parseLabFile(source: string): Lab[] {
  let doc: unknown;
  try {
    doc = parse(source);
  } catch (e) {
    throw new LabDataError(undefined, "", `YAML parse error: ${(e as Error).message}`);
  }
  const head = LabFileSchema.safeParse(doc);
  if (!head.success) throw new LabDataError(undefined, formatPath(head.error.issues[0]!.path), head.error.issues[0]!.message);
  const seen = new Set<string>();
  return head.data.labs.map((raw, i) => {
    const res = LabSchema.safeParse(raw);
    const rawKey = (raw as { key?: unknown } | null)?.key;
    const key = typeof rawKey === "string" ? rawKey : `#${i}`;
    if (!res.success) {
      const issue = res.error.issues[0]!;
      throw new LabDataError(key, `labs[${i}].${formatPath(issue.path)}`, issue.message);
    }
    if (seen.has(res.data.key)) throw new LabDataError(key, `labs[${i}].key`, "duplicate key");
    seen.add(res.data.key);
    return Object.freeze(res.data);
  });
}

let cache: { list: Lab[]; byKey: Map<string, Lab> } | undefined;

function load(): { list: Lab[]; byKey: Map<string, Lab> } {
  if (cache) return cache;
  const list = parseLabFile(readFileSync(LABS_FILE, "utf8"));
  cache = { list, byKey: new Map(list.map((l) => [l.key, l])) };
  return cache;
}

/** For tests: forget the cached catalogue. */
export function clearLabCache(): void {
  cache = undefined;
}

/** Every analyte in the catalogue, in authored order. */
export function loadLabs(): Lab[] {
  return load().list.slice();
}

export function hasLab(key: string): boolean {
  return load().byKey.has(key);
}

/** One analyte by key; an unknown key throws and names the closest keys. */
export function getLab(key: string): Lab {
  const { byKey, list } = load();
  const hit = byKey.get(key);
  if (hit) return hit;
  const near = list
    .map((l) => ({ k: l.key, d: distance(key, l.key) }))
    .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k))
    .slice(0, 3)
    .map((x) => x.k);
  throw new Error(`Unknown lab key "${key}". Did you mean: ${near.join(", ")}?`);
}

export function labsByPanel(panel: LabPanel): Lab[] {
  return load().list.filter((l) => l.panel === panel);
}

/**
 * Classify a value against the adult range. Qualitative analytes: 0 (negative) is normal and any
 * positive value reads "high", i.e. abnormal/positive.
 */
export function interpretLab(key: string, value: number): LabInterpretation {
  if (!Number.isFinite(value)) throw new Error(`interpretLab(${key}): value must be a finite number, got ${value}`);
  const lab = getLab(key);
  if (lab.scale === "qualitative") return value > 0 ? "high" : "normal";
  if (lab.criticalLow !== undefined && value < lab.criticalLow) return "critical_low";
  if (lab.criticalHigh !== undefined && value > lab.criticalHigh) return "critical_high";
  if (value < lab.low) return "low";
  if (value > lab.high) return "high";
  return "normal";
}

const FLAG: Record<LabInterpretation, string> = { low: "L", high: "H", critical_low: "LL", critical_high: "HH", normal: "" };

/** Units that read better left out of a one-line result ("INR 2.4", "pH 7.21"). */
const SILENT_UNITS = new Set(["ratio", "arterial pH"]);

function num(v: number): string {
  // toPrecision trims binary noise such as 0.30000000000000004 without rounding real digits away.
  return String(Number(v.toPrecision(6)));
}

/**
 * One compact line: `Potassium 6.1 mmol/L (H; ref 3.3-5.1)`; normal values omit the flag,
 * critical ones read LL/HH, qualitative ones read Positive/Negative with flag A.
 */
export function formatLabValue(key: string, value: number): string {
  const lab = getLab(key);
  const interp = interpretLab(key, value);
  if (lab.scale === "qualitative") {
    const pos = value > 0;
    return `${lab.name} ${pos ? "Positive" : "Negative"} (${pos ? "A; " : ""}ref Negative)`;
  }
  const unit = SILENT_UNITS.has(lab.unit) ? "" : ` ${lab.unit}`;
  const flag = FLAG[interp];
  return `${lab.name} ${num(value)}${unit} (${flag ? `${flag}; ` : ""}ref ${num(lab.low)}-${num(lab.high)})`;
}
