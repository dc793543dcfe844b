/**
 * Streaming readers shared by the loaders: text lines, JSON lines and CSV rows from plain or
 * gzip files. Large files are never loaded into one string; errors name the file and line.
 */
import Papa from "papaparse";
import { createReadStream, readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { createGunzip, gunzipSync } from "node:zlib";
import { DataFormatError } from "./errors.js";

// Large reads: papaparse has a fixed cost per call, so fewer, bigger batches parse faster.
const READ_CHUNK = 1 << 18;

function openStream(path: string): Readable {
  const raw = createReadStream(path, { highWaterMark: READ_CHUNK });
  if (!path.endsWith(".gz")) return raw;
  const gunzip = createGunzip({ chunkSize: READ_CHUNK });
  raw.on("error", (e) => gunzip.destroy(e));
  // A consumer that stops early destroys the gunzip stream; release the file with it.
  gunzip.on("close", () => raw.destroy());
  return raw.pipe(gunzip);
}

/** Whole file as UTF-8 text (gunzipped when the name ends in .gz). For small and medium files. */
export function readText(path: string): string {
  const buf = readFileSync(path);
  return (path.endsWith(".gz") ? gunzipSync(buf) : buf).toString("utf8");
}

export function readJson<T = unknown>(path: string): T {
  const text = readText(path);
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw new DataFormatError(path, `invalid JSON (${(err as Error).message})`);
  }
}

/**
 * Keys of a JSON object text's top level, in file order. JS objects enumerate integer-like keys
 * (PubMed ids) in numeric order, not file order, so loaders that must keep the source order
 * read it from the text.
 */
export function jsonTopLevelKeys(text: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      if (depth === 1 && expectKey) {
        keys.push(JSON.parse(text.slice(i, j + 1)) as string);
        expectKey = false;
      }
      i = j;
    } else if (c === "{" || c === "[") {
      depth++;
      if (depth === 1) expectKey = c === "{";
    } else if (c === "}" || c === "]") depth--;
    else if (c === "," && depth === 1) expectKey = true;
  }
  return keys;
}

/** Lines without their line terminator; handles \n and \r\n. */
export async function* iterateLines(path: string): AsyncGenerator<string> {
  const input = openStream(path);
  const rl = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of rl) yield line;
  } finally {
    rl.close();
    input.destroy();
  }
}

/** One parsed JSON value per non-blank line. */
export async function* iterateJsonLines<T = unknown>(path: string): AsyncGenerator<T> {
  let lineNo = 0;
  for await (const line of iterateLines(path)) {
    lineNo++;
    if (line.trim() === "") continue;
    try {
      yield JSON.parse(line) as T;
    } catch (err) {
      throw new DataFormatError(path, `line ${lineNo} is not valid JSON (${(err as Error).message})`);
    }
  }
}

export async function readJsonLines<T = unknown>(path: string): Promise<T[]> {
  const out: T[] = [];
  for await (const v of iterateJsonLines<T>(path)) out.push(v);
  return out;
}

/**
 * Raw CSV records in batches, streamed. The text is cut only at newlines outside quotes (even
 * quote parity since the last cut, which RFC 4180's "" escapes preserve), so quoted fields may
 * span lines; each cut is parsed by papaparse. Backpressure comes from the for-await over the
 * file stream, so memory stays at a few chunks whatever the file size.
 */
export async function* iterateCsvBatches(path: string): AsyncGenerator<string[][]> {
  const stream = openStream(path);
  const decoder = new TextDecoder("utf-8");
  let carry = "";
  let quotes = 0; // quote count in `carry` up to `scanned`
  let scanned = 0;
  let rowBase = 0;
  const parse = (text: string): string[][] => {
    const res = Papa.parse<string[]>(text, { header: false, delimiter: ",", skipEmptyLines: true });
    if (res.errors.length > 0) {
      const e = res.errors[0]!;
      throw new DataFormatError(path, `CSV error near record ${rowBase + (e.row ?? 0) + 1}: ${e.message}`);
    }
    rowBase += res.data.length;
    return res.data;
  };
  try {
    for await (const chunk of stream) {
      carry += decoder.decode(chunk as Buffer, { stream: true });
      let cut = -1;
      for (let i = scanned; i < carry.length; i++) {
        const c = carry.charCodeAt(i);
        if (c === 34) quotes++;
        else if (c === 10 && (quotes & 1) === 0) cut = i;
      }
      scanned = carry.length;
      if (cut < 0) continue;
      const head = carry.slice(0, cut + 1);
      carry = carry.slice(cut + 1);
      let q = 0;
      for (let i = 0; i < carry.length; i++) if (carry.charCodeAt(i) === 34) q++;
      quotes = q;
      scanned = carry.length;
      const rows = parse(head);
      if (rows.length > 0) yield rows;
    }
    carry += decoder.decode();
    if (carry.trim() !== "") {
      const rows = parse(carry);
      if (rows.length > 0) yield rows;
    }
  } finally {
    stream.destroy();
  }
}

export interface CsvHeader {
  columns: string[];
  /** column name -> field index */
  index: Map<string, number>;
}

/**
 * Header row + data rows as arrays, streamed. With `expectColumns` the header must contain
 * those columns, so a changed upstream format fails loudly instead of yielding undefined fields.
 */
export async function* iterateCsvRecords(
  path: string,
  opts: { expectColumns?: readonly string[] } = {},
): AsyncGenerator<{ header: CsvHeader; fields: string[] }> {
  let header: CsvHeader | null = null;
  for await (const batch of iterateCsvBatches(path)) {
    for (const fields of batch) {
      if (header === null) {
        const columns = fields.map((f, i) => (i === 0 ? f.replace(/^\uFEFF/, "") : f));
        header = { columns, index: new Map(columns.map((c, i) => [c, i])) };
        const missing = (opts.expectColumns ?? []).filter((c) => !header!.index.has(c));
        if (missing.length > 0) throw new DataFormatError(path, `missing CSV columns: ${missing.join(", ")} (found: ${columns.join(", ")})`);
        continue;
      }
      if (fields.length !== header.columns.length) {
        throw new DataFormatError(path, `a record has ${fields.length} fields, the header has ${header.columns.length}: ${fields.join(",").slice(0, 80)}`);
      }
      yield { header, fields };
    }
  }
  if (header === null) throw new DataFormatError(path, "empty CSV file (no header row)");
}

/** CSV rows as objects keyed by the header row (values are the raw strings), streamed. */
export async function* iterateCsvObjects(
  path: string,
  opts: { expectColumns?: readonly string[] } = {},
): AsyncGenerator<Record<string, string>> {
  for await (const { header, fields } of iterateCsvRecords(path, opts)) {
    const row: Record<string, string> = {};
    header.columns.forEach((c, i) => (row[c] = fields[i]!));
    yield row;
  }
}

export async function readCsvObjects(path: string, opts: { expectColumns?: readonly string[] } = {}): Promise<Record<string, string>[]> {
  const out: Record<string, string>[] = [];
  for await (const row of iterateCsvObjects(path, opts)) out.push(row);
  return out;
}

/** Header-less CSV as arrays of fields (small files). */
export function readCsvArrays(path: string): string[][] {
  const res = Papa.parse<string[]>(readText(path), { header: false, delimiter: ",", skipEmptyLines: true });
  if (res.errors.length > 0) {
    const e = res.errors[0]!;
    throw new DataFormatError(path, `CSV error at row ${e.row}: ${e.message}`);
  }
  return res.data;
}
