/**
 * cli: the `medgym` command. Each subcommand lives in commands/<name>.ts and exports
 * `register(program)`; errors print one clear line and exit 1 instead of a stack trace
 * (set MEDGYM_DEBUG=1 for the trace).
 */
import { Command, CommanderError } from "commander";
import "../../domains/index.js";
import { register as registerDoctor } from "./commands/doctor.js";
import { register as registerStats } from "./commands/stats.js";
import { register as registerPlay } from "./commands/play.js";
import { register as registerCalc } from "./commands/calc.js";
import { register as registerData } from "./commands/data.js";


export function buildProgram(): Command {
  const program = new Command();
  program.name("medgym").description("MedGym: a research workbench for multi-turn, tool-using medical agents").version("0.1.0");
  program.exitOverride();
  for (const register of [registerDoctor, registerStats, registerPlay, registerCalc, registerData]) register(program);
  return program;
}

export async function main(argv = process.argv): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // commander already printed help/version/usage errors.
      process.exitCode = e.exitCode;
      return;
    }
    if (process.env.MEDGYM_DEBUG) console.error(e);
    else console.error(`medgym: ${(e as Error)?.message ?? String(e)}`);
    process.exitCode = 1;
  }
}
