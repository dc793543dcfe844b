import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";

/**
 * One headless Chromium per process, shared by every render: on a 2-core machine launching costs
 * ~0.5-1 s and parsing plotly.js (4.8 MB) ~1.3 s, against ~0.2 s per figure once warm.
 * Debian's chromium is driven by playwright-core (which ships no browser of its own).
 */

export const DEFAULT_CHROMIUM = "/usr/bin/chromium";

// Flags: no first-run/sync/update traffic, no GPU (headless servers have none), no QUIC; the
// renderer must work on an offline machine and never phone home.
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export class ChromiumNotFoundError extends Error {
  constructor(readonly path: string) {
    super(
      `Chromium not found at ${path}. Figures are rendered with headless Chromium: install it with ` +
        `\`apt-get install chromium\`, or set MEDGYM_CHROMIUM to the path of a Chromium/Chrome binary.`,
    );
    this.name = "ChromiumNotFoundError";
  }
}

interface Session {
  context: BrowserContext;
  page: Page;
  userDataDir: string;
}

let session: Promise<Session> | undefined;
let userDataDirs = new Set<string>();
let exitHookInstalled = false;

export function chromiumPath(): string {
  return process.env.MEDGYM_CHROMIUM || DEFAULT_CHROMIUM;
}

/** plotly.js-dist-min's bundle, read from node_modules so rendering never needs a CDN. */
export function plotlyBundlePath(): string {
  return createRequire(import.meta.url).resolve("plotly.js-dist-min");
}

let plotlyCache: string | undefined;
export function plotlySource(): string {
  plotlyCache ??= readFileSync(plotlyBundlePath(), "utf8");
  return plotlyCache;
}

/** The page that renders figures; `setup` runs once after plotly is loaded into it. */
export function getPage(setup: string): Promise<Page> {
  session ??= launch(setup).catch((e) => {
    session = undefined; // let a later call retry (e.g. after the user installs chromium)
    throw e;
  });
  return session.then((s) => s.page);
}

async function launch(setup: string): Promise<Session> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) throw new ChromiumNotFoundError(executablePath);
  installExitHook();
  // A fresh profile per process: no state leaks between runs, and parallel runs never share one.
  const userDataDir = mkdtempSync(join(tmpdir(), "medgym-chromium-"));
  userDataDirs.add(userDataDir);
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      args: CHROMIUM_ARGS,
      offline: true,
    });
  } catch (e) {
    removeDir(userDataDir);
    throw new Error(`Could not start Chromium at ${executablePath}: ${(e as Error).message.split("\n")[0]}`, { cause: e });
  }
  try {
    // Belt and braces on top of `offline`: any request the page makes (a figure pointing at a
    // remote image or font) fails instead of hanging or silently fetching.
    await context.route(/^(https?|wss?|ftp):/, (route) => route.abort("blockedbyclient"));
    const page = context.pages()[0] ?? (await context.newPage());
    // Load plotly from node_modules by file:// URL rather than injecting 4.8 MB through the
    // DevTools protocol (that took ~2x as long on a 2-core machine).
    const html = join(userDataDir, "render.html");
    writeFileSync(
      html,
      `<!doctype html><html><head><meta charset="utf-8"><script src="${pathToFileURL(plotlyBundlePath()).href}"></script>` +
        `<script>${setup}</script></head><body></body></html>`,
    );
    await page.goto(pathToFileURL(html).href);
    if ((await page.evaluate("typeof Plotly")) !== "object") throw new Error(`plotly.js did not load from ${plotlyBundlePath()}`);
    return { context, page, userDataDir };
  } catch (e) {
    await context.close().catch(() => {});
    removeDir(userDataDir);
    throw e;
  }
}

/**
 * An open browser keeps Node's event loop alive, so a script that never calls closeRenderer()
 * would hang at its end. The browser therefore closes itself after MEDGYM_RENDER_IDLE_MS
 * (default 10 s) without renders; the next render relaunches it (~2 s). "0" keeps it open until
 * closeRenderer() or process exit (interactive sessions that render often).
 */
let idleTimer: NodeJS.Timeout | undefined;

export function holdBrowser(): void {
  clearTimeout(idleTimer);
  idleTimer = undefined;
}

export function releaseBrowser(): void {
  holdBrowser();
  const raw = process.env.MEDGYM_RENDER_IDLE_MS;
  const ms = raw === undefined || raw === "" ? 10_000 : Number(raw);
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`MEDGYM_RENDER_IDLE_MS must be a number of milliseconds >= 0, got "${raw}"`);
  if (ms > 0 && session) idleTimer = setTimeout(() => void closeRenderer().catch(() => {}), ms);
}

/** Close the shared browser and delete its profile. Safe to call at any time, repeatedly. */
export async function closeRenderer(): Promise<void> {
  holdBrowser();
  const s = session;
  session = undefined;
  if (!s) return;
  let open: Session;
  try {
    open = await s;
  } catch {
    return; // launch failed; nothing to close
  }
  try {
    await open.context.close();
  } finally {
    removeDir(open.userDataDir);
  }
}

function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  userDataDirs.delete(dir);
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Playwright kills the browser on process exit; we only have to delete the temp profile. The
  // 'exit' handler must be synchronous, which rmSync is.
  process.once("exit", () => {
    for (const dir of userDataDirs) rmSync(dir, { recursive: true, force: true });
    userDataDirs = new Set();
  });
}
