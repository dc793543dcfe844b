import { createHash } from "node:crypto";
import { stableStringify } from "./stable-json.js";

/** sha256 hex of a string or buffer. */
export function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Content hash of any JSON-like value, independent of key order (first 16 hex chars of sha256). */
export function contentHash(value: unknown): string {
  return sha256(stableStringify(value)).slice(0, 16);
}

/**
 * Hash of a state object by its plain JSON form (V8's native serialiser, several times faster than
 * the canonical one). Key order is insertion order, which is deterministic when states are built
 * and changed by the same code, as episode states are; use `contentHash` for values that may be
 * assembled in different orders.
 */
export function stateHash(value: unknown): string {
  return sha256(JSON.stringify(value) ?? "null").slice(0, 16);
}
