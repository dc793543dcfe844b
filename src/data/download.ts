/**
 * Fetches one dataset file over HTTP(S): streams into a temporary sibling of the target while
 * hashing, shows a progress bar on a terminal, checks size and sha256 when declared, and only
 * then renames into place, so a reader never sees a partial or corrupt file.
 */
import { Presets, SingleBar } from "cli-progress";
import { createHash, randomBytes } from "node:crypto";
import { createWriteStream, mkdirSync, renameSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import { Readable } from "node:stream";
import { finished } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";

export interface DownloadOptions {
  sha256?: string;
  bytes?: number;
  /** Shown in front of the progress bar. */
  label?: string;
  /** Abort the whole transfer after this long; default 10 minutes. */
  timeoutMs?: number;
  /** Draw a progress bar on stderr when it is a terminal (or MEDGYM_PROGRESS=1); default true. */
  progress?: boolean;
}

export async function downloadFile(url: string, dest: string, opts: DownloadOptions = {}): Promise<void> {
  const res = await fetch(url, { signal: AbortSignal.timeout(opts.timeoutMs ?? 600_000), redirect: "follow" });
  if (!res.ok || !res.body) {
    throw new Error(`HTTP ${res.status} ${res.statusText}`.trim());
  }
  mkdirSync(dirname(dest), { recursive: true });
  const tmp = `${dest}.part-${process.pid}-${randomBytes(4).toString("hex")}`;
  const headerLen = Number(res.headers.get("content-length") ?? NaN);
  const total = Number.isFinite(headerLen) && headerLen > 0 ? headerLen : (opts.bytes ?? 0);
  const bar =
    opts.progress !== false && (process.stderr.isTTY || process.env.MEDGYM_PROGRESS === "1")
      ? new SingleBar(
          {
            format: `${opts.label ?? "download"} [{bar}] {percentage}% | {value}/{total} bytes`,
            stream: process.stderr,
            hideCursor: true,
            noTTYOutput: !process.stderr.isTTY,
            notTTYSchedule: 2000,
          },
          Presets.shades_classic,
        )
      : null;
  bar?.start(total, 0);

  const hash = createHash("sha256");
  let received = 0;
  const out = createWriteStream(tmp);
  try {
    const body = Readable.fromWeb(res.body as unknown as WebReadableStream<Uint8Array>);
    for await (const chunk of body) {
      const buf = chunk as Buffer;
      hash.update(buf);
      received += buf.length;
      if (!out.write(buf)) await new Promise<void>((ok) => out.once("drain", ok));
      bar?.update(received);
    }
    out.end();
    await finished(out);
    bar?.stop();
    if (opts.bytes !== undefined && received !== opts.bytes) {
      throw new Error(`size mismatch: received ${received} bytes, expected ${opts.bytes}`);
    }
    const digest = hash.digest("hex");
    if (opts.sha256 !== undefined && digest !== opts.sha256) {
      throw new Error(`sha256 mismatch: got ${digest}, expected ${opts.sha256}`);
    }
    renameSync(tmp, dest);
  } catch (err) {
    bar?.stop();
    out.destroy();
    rmSync(tmp, { force: true });
    throw err;
  }
}
