/**
 * Canonical JSON: object keys sorted, so equal values always serialise to equal bytes.
 * State hashes and caches key on it. Written as one pass that emits the string directly (no
 * intermediate sorted copies) because the environment hashes state on every write step.
 */
export function stableStringify(value: unknown): string {
  return write(value) ?? "null";
}

function write(v: unknown): string | undefined {
  if (v === null) return "null";
  switch (typeof v) {
    case "string":
      return JSON.stringify(v);
    case "number":
      return Number.isFinite(v) ? String(v) : "null";
    case "boolean":
      return v ? "true" : "false";
    case "bigint":
      throw new TypeError("stableStringify: BigInt is not JSON-serialisable");
    case "object":
      break;
    default:
      return undefined; // functions, symbols, undefined: omitted like JSON.stringify
  }
  if (Array.isArray(v)) {
    let s = "[";
    for (let i = 0; i < v.length; i++) {
      if (i) s += ",";
      s += write(v[i]) ?? "null";
    }
    return s + "]";
  }
  if (v instanceof Map) return write(Object.fromEntries(v));
  if (v instanceof Set) return write([...v]);
  const toJSON = (v as { toJSON?: () => unknown }).toJSON;
  if (typeof toJSON === "function") return write(toJSON.call(v));
  const keys = Object.keys(v as object).sort();
  let s = "{";
  let first = true;
  for (const k of keys) {
    const w = write((v as Record<string, unknown>)[k]);
    if (w === undefined) continue;
    if (!first) s += ",";
    first = false;
    s += JSON.stringify(k) + ":" + w;
  }
  return s + "}";
}
