/**
 * `medgym data list [--json]`: where each dataset's files are (cache, mirror, missing).
 * `medgym data verify [name]`: checks every declared file's size and sha256; exit code 1 when
 * anything is missing or differs.
 */
import type { Command } from "commander";
import { listDatasets } from "../../data/registry.js";
import { datasetStatus, verifyDataset, type DatasetStatusRow, type DatasetVerification } from "../../data/resolve.js";

/** Plain-text table: one header row, columns padded to the widest cell. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

export function formatStatusTable(rows: DatasetStatusRow[]): string {
  return formatTable(
    ["name", "location", "files", "records", "licence", "path"],
    rows.map((r) => [
      r.name,
      r.location,
      `${r.filesFound}/${r.filesTotal}`,
      Object.entries(r.records)
        .map(([k, v]) => `${k}=${v}`)
        .join(" "),
      r.licence,
      r.path ?? "",
    ]),
  );
}

export function formatVerification(v: DatasetVerification): string {
  const bad = v.files.filter((f) => f.status !== "ok");
  const where = [...new Set(v.files.map((f) => f.location).filter(Boolean))].join("+") || "nowhere";
  const head = `${v.ok ? "ok  " : "FAIL"}  ${v.name}  (${v.files.length - bad.length}/${v.files.length} files ok, from ${where})`;
  return [head, ...bad.map((f) => `      ${f.status}: ${f.path}${f.detail ? ` - ${f.detail}` : ""}`)].join("\n");
}

export function register(program: Command): void {
  const data = program.command("data").description("public datasets: list where they are, verify sizes and checksums");

  data
    .command("list")
    .description("one row per declared dataset: location (cache, mirror or missing), files found, expected records")
    .option("--json", "print the rows as JSON")
    .action((opts: { json?: boolean }) => {
      const rows = datasetStatus();
      process.stdout.write(opts.json ? `${JSON.stringify(rows, null, 2)}\n` : `${formatStatusTable(rows)}\n`);
    });

  data
    .command("verify")
    .description("check that every declared file exists with the declared size and sha256 (all datasets, or one)")
    .argument("[name]", "dataset name (see `medgym data list`)")
    .action(async (name: string | undefined) => {
      const names = name === undefined ? listDatasets().map((d) => d.name) : [name];
      let failed = 0;
      for (const n of names) {
        const v = await verifyDataset(n);
        if (!v.ok) failed++;
        process.stdout.write(`${formatVerification(v)}\n`);
      }
      process.stdout.write(failed === 0 ? `all ${names.length} dataset(s) verified\n` : `${failed} of ${names.length} dataset(s) failed verification\n`);
      if (failed > 0) process.exitCode = 1;
    });
}
