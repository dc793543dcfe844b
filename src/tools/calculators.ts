import { z } from "zod";
import { CALCULATORS, getCalculator, type AnyCalculator } from "../clinical/calculators/index.js";
import { ToolError } from "../env/errors.js";
import { defineTool, type Tool } from "../env/tool.js";

/**
 * Clinical calculators as agent tools: `calculate_<slug>` with the calculator's own typed inputs
 * (units in the field names) as its schema, so the MedCalc-Bench formulas and the tools can never
 * drift apart. Domains pick the calculators a clinician in that setting would use.
 */
export function calculatorTool<S>(slugOrId: string | number, opts: { name?: string; description?: string } = {}): Tool<S> {
  const calc: AnyCalculator = getCalculator(slugOrId);
  if (!(calc.inputs instanceof z.ZodObject)) throw new Error(`calculatorTool: ${calc.name} does not take an object of inputs`);
  return defineTool<S, z.ZodObject>({
    name: opts.name ?? `calculate_${calc.slug}`,
    description: opts.description ?? `${calc.name}. Returns the value with a step-by-step explanation.`,
    kind: "read",
    category: "calculator",
    parameters: calc.inputs as z.ZodObject,
    execute(args) {
      try {
        const r = calc.compute(args);
        return `${calc.name}: ${r.value}${r.unit ? ` ${r.unit}` : ""}\n${r.explanation}`;
      } catch (e) {
        throw new ToolError((e as Error).message);
      }
    },
  });
}

/** Every MedCalc-Bench calculator's slug, for domains that expose a chosen subset. */
export function calculatorSlugs(): string[] {
  return CALCULATORS.map((c) => c.slug);
}
