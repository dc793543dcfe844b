/**
 * `medgym calc`: the MedCalc-Bench calculators from the command line.
 *   medgym calc --medcalc <file.csv> [--json] [--calculator <id>] [--conventions <c>]
 *                                                                     score a MedCalc-Bench CSV; <c> is
 *                                                                     "medcalc-bench" (default here: the
 *                                                                     benchmark's reference code, whose
 *                                                                     labels deviate from the published
 *                                                                     formulas for some calculators) or
 *                                                                     "published" (the textbook formulas,
 *                                                                     which the agent tools use)
 *   medgym calc list [--json]                                          the 55 calculators
 *   medgym calc compute <calculator> --input '<json>'                  one calculation
 */

import type { Command } from "commander";
import { CALCULATORS, getCalculator, inputJsonSchema } from "../../clinical/calculators/index.js";
import { parseConventions } from "../../clinical/calculators/medcalc-conventions.js";
import { runMedcalcCsv } from "../../clinical/calculators/medcalc-runner.js";

/**
 * Scoring a benchmark file defaults to the benchmark's own conventions, because its labels were
 * produced by its reference code; the summary always carries the published-formula accuracy too,
 * so the gap between the two is visible in every run.
 */
function printRun(file: string, opts: { json?: boolean; calculator?: string; conventions?: string }): void {
  const conventions = parseConventions(opts.conventions ?? "medcalc-bench");
  const run = runMedcalcCsv(file, { calculator: opts.calculator, conventions });
  const other = conventions === "published" ? undefined : runMedcalcCsv(file, { calculator: opts.calculator, conventions: "published" }).summary;
  const { total, withinLimits, accuracy } = run.summary;
  const published = other ? { withinLimits: other.withinLimits, accuracy: other.accuracy } : undefined;
  if (opts.json) {
    console.log(JSON.stringify({ ...run, summary: { ...run.summary, conventions, ...(published ? { published } : {}) } }, null, 2));
    return;
  }
  for (const r of run.rows) {
    const v = r.value === null ? "-" : typeof r.value === "number" ? String(Number(r.value.toFixed(3))) : r.value;
    const mark = r.withinLimits ? "ok   " : "WRONG";
    const range = r.lower === r.upper ? r.lower : `[${r.lower}, ${r.upper}]`;
    console.log(`${String(r.row).padStart(5)}  ${String(r.calculatorId).padStart(2)}  ${mark}  ${v.padEnd(22)} expected ${range}  ${r.calculatorName}${r.error ? `  error: ${r.error}` : ""}`);
  }
  console.log(JSON.stringify({ conventions, total, withinLimits, accuracy, ...(published ? { published } : {}) }));
}

export function register(program: Command): void {
  const calc = program
    .command("calc")
    .description("clinical calculators (the 55 of MedCalc-Bench): score a MedCalc-Bench CSV, list them, or compute one")
    .option("--medcalc <file>", "MedCalc-Bench CSV (e.g. the dev sample) to compute and score row by row")
    .option("--calculator <id>", "only rows of this calculator (ID, slug or name)")
    .option("--conventions <conventions>", 'formulas for --medcalc: "medcalc-bench" (default: reproduce the benchmark\'s reference implementation, which made its labels) or "published" (the textbook formulas the agent tools use)', "medcalc-bench")
    .option("--json", "print one JSON document with conventions, rows and summary")
    .action((opts: { medcalc?: string; calculator?: string; json?: boolean; conventions?: string }) => {
      if (!opts.medcalc) {
        calc.outputHelp();
        return;
      }
      printRun(opts.medcalc, opts);
    });

  calc
    .command("list")
    .description("the 55 calculators: MedCalc ID, slug, output type, name")
    .option("--json", "print one JSON document")
    .action((_opts: unknown, cmd: Command) => {
      // `--json` is also an option of `calc` itself, which commander lets claim it; read both levels.
      const opts = cmd.optsWithGlobals<{ json?: boolean }>();
      const rows = CALCULATORS.map((c) => ({ id: c.id, slug: c.slug, name: c.name, category: c.category, outputType: c.outputType }));
      if (opts.json) console.log(JSON.stringify(rows, null, 2));
      else {
        for (const r of rows) console.log(`${String(r.id).padStart(2)}  ${r.slug.padEnd(32)} ${r.outputType.padEnd(8)} ${r.name}`);
        console.log(`${rows.length} calculators`);
      }
    });

  calc
    .command("compute <calculator>")
    .description("compute one calculator from JSON inputs (see its schema with --schema)")
    .option("--input <json>", "inputs as a JSON object, in the units the field names state")
    .option("--schema", "print the calculator's input JSON schema instead of computing")
    .action((name: string, opts: { input?: string; schema?: boolean }) => {
      const c = getCalculator(name);
      if (opts.schema) {
        console.log(JSON.stringify(inputJsonSchema(c), null, 2));
        return;
      }
      if (!opts.input) throw new Error(`calc compute ${c.slug}: --input '<json>' is required (use --schema to see the fields)`);
      let input: unknown;
      try {
        input = JSON.parse(opts.input);
      } catch (e) {
        throw new Error(`calc compute ${c.slug}: --input is not valid JSON: ${(e as Error).message}`);
      }
      console.log(JSON.stringify(c.compute(input), null, 2));
    });
}
