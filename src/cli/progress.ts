import cliProgress from "cli-progress";

/**
 * A progress bar on stderr (stdout stays clean for --json). Shown when stderr is a terminal or
 * MEDGYM_PROGRESS=1; silent otherwise, so CI logs are not flooded.
 */
export interface Progress {
  tick(n?: number, payload?: Record<string, string | number>): void;
  stop(): void;
}

export function progressBar(total: number, label: string): Progress {
  const enabled = process.stderr.isTTY || process.env.MEDGYM_PROGRESS === "1";
  if (!enabled || total <= 0) return { tick() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {value}/{total} {percentage}% | ETA {eta_formatted} {info}`,
      stream: process.stderr,
      hideCursor: true,
      noTTYOutput: !process.stderr.isTTY,
      notTTYSchedule: 2000,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { info: "" });
  return {
    tick(n = 1, payload) {
      bar.increment(n, payload ? { info: Object.entries(payload).map(([k, v]) => `${k} ${v}`).join(" ") } : undefined);
    },
    stop() {
      bar.stop();
    },
  };
}
