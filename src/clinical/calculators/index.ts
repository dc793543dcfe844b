/**
 * The 55 MedCalc-Bench clinical calculators as pure functions with typed (zod) inputs.
 *
 * - `CALCULATORS`: the registry, ordered by MedCalc-Bench Calculator ID.
 * - `getCalculator(idOrSlugOrName)`: lookup by numeric ID, slug ("cockcroft_gault") or name.
 * - `fromMedcalcEntities(id, entities)`: MedCalc-Bench `Relevant Entities` -> validated inputs.
 * Each calculator's `compute` validates its input with its schema and returns the value, its unit
 * and a step-by-step explanation; `inputJsonSchema(calc)` gives the JSON Schema for a tool definition.
 */

import { closest, distance } from "fastest-levenshtein";
import { z } from "zod";
import { EntityBag, type PyValue, parseEntities } from "./entities.js";
import { adjustedBodyWeight, bmi, bodySurfaceArea, idealBodyWeight, maintenanceFluids, meanArterialPressureCalc, targetWeight } from "./body.js";
import { cha2ds2Vasc, framinghamRisk, hasBled, heartScore, revisedCardiacRiskIndex } from "./cardiology-risk.js";
import { charlson } from "./comorbidity.js";
import { apacheII, glasgowComaScale, sirs, sofa } from "./critical-care.js";
import { mme, steroidConversion } from "./dosage.js";
import {
  albuminCorrectedAnionGap,
  albuminCorrectedDeltaGap,
  albuminCorrectedDeltaRatio,
  anionGapCalc,
  calciumCorrection,
  deltaGap,
  deltaRatio,
  freeWaterDeficit,
  serumOsmolality,
  sodiumCorrection,
} from "./electrolytes.js";
import { glasgowBlatchford } from "./gi-bleeding.js";
import { childPugh, fib4, meldNa } from "./hepatology.js";
import { homaIr, ldlCalculated } from "./metabolic.js";
import { estimatedConceptionDate, estimatedDueDate, gestationalAge } from "./obstetrics.js";
import { centor, feverPain } from "./pharyngitis.js";
import { curb65, psi } from "./pneumonia.js";
import { qtcBazett, qtcFramingham, qtcFridericia, qtcHodges, qtcRautaharju } from "./qtc.js";
import { cockcroftGault, ckdEpi, fena, mdrd } from "./renal.js";
import { caprini, percRule, wellsDvt, wellsPe } from "./thrombosis.js";
import { type AnyCalculator, describeIssues } from "./types.js";

export type { AnyCalculator, CalcResult, CalculatorSpec, OutputType } from "./types.js";
export { CalculatorInputError, defineCalculator } from "./types.js";
export { EntityBag, EntityParseError, parseEntities, parsePythonLiteral, type PyValue } from "./entities.js";

export const CALCULATORS: readonly AnyCalculator[] = [
  cockcroftGault,
  ckdEpi,
  cha2ds2Vasc,
  meanArterialPressureCalc,
  bmi,
  calciumCorrection,
  wellsPe,
  mdrd,
  idealBodyWeight,
  qtcBazett,
  estimatedDueDate,
  childPugh,
  wellsDvt,
  revisedCardiacRiskIndex,
  heartScore,
  fib4,
  centor,
  glasgowComaScale,
  maintenanceFluids,
  meldNa,
  steroidConversion,
  hasBled,
  sodiumCorrection,
  glasgowBlatchford,
  apacheII,
  psi,
  serumOsmolality,
  homaIr,
  charlson,
  feverPain,
  caprini,
  freeWaterDeficit,
  anionGapCalc,
  fena,
  sofa,
  ldlCalculated,
  curb65,
  framinghamRisk,
  percRule,
  mme,
  sirs,
  qtcFridericia,
  qtcFramingham,
  qtcHodges,
  qtcRautaharju,
  bodySurfaceArea,
  targetWeight,
  adjustedBodyWeight,
  deltaGap,
  deltaRatio,
  albuminCorrectedAnionGap,
  albuminCorrectedDeltaGap,
  albuminCorrectedDeltaRatio,
  estimatedConceptionDate,
  gestationalAge,
].sort((a, b) => a.id - b.id);

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();

const BY_ID = new Map(CALCULATORS.map((c) => [c.id, c]));
const BY_KEY = new Map<string, AnyCalculator>();
for (const c of CALCULATORS) {
  BY_KEY.set(norm(c.slug), c);
  BY_KEY.set(norm(c.name), c);
}

export class UnknownCalculatorError extends Error {
  constructor(query: string | number, suggestions: string[]) {
    super(`Unknown calculator '${query}'.${suggestions.length ? ` Did you mean: ${suggestions.join(", ")}?` : ""} Run \`medgym calc list\` for all 55.`);
    this.name = "UnknownCalculatorError";
  }
}

/** Look a calculator up by MedCalc ID (number or numeric string), slug or full name. */
export function getCalculator(idOrSlugOrName: number | string): AnyCalculator {
  const q = typeof idOrSlugOrName === "number" ? String(idOrSlugOrName) : idOrSlugOrName.trim();
  if (/^\d+$/.test(q)) {
    const hit = BY_ID.get(Number(q));
    if (hit) return hit;
    const ids = [...BY_ID.keys()].sort((a, b) => Math.abs(a - Number(q)) - Math.abs(b - Number(q))).slice(0, 3);
    throw new UnknownCalculatorError(q, ids.map((id) => `${id} (${BY_ID.get(id)!.slug})`));
  }
  const k = norm(q);
  const hit = BY_KEY.get(k);
  if (hit) return hit;
  const keys = [...BY_KEY.keys()];
  const partial = CALCULATORS.filter((c) => k.length >= 3 && (norm(c.slug).includes(k) || norm(c.name).includes(k)));
  const ranked = [...keys].sort((a, b) => distance(k, a) - distance(k, b));
  const suggestions = new Set<string>(partial.map((c) => c.slug));
  const best = closest(k, keys);
  if (best) suggestions.add(BY_KEY.get(best)!.slug);
  for (const r of ranked) {
    if (suggestions.size >= 3) break;
    suggestions.add(BY_KEY.get(r)!.slug);
  }
  throw new UnknownCalculatorError(q, [...suggestions].slice(0, 5));
}

/**
 * JSON Schema of what a caller may send (input side: fields with defaults are optional), for
 * function-calling tool definitions.
 */
export function inputJsonSchema(calculator: AnyCalculator | number | string): Record<string, unknown> {
  const calc = typeof calculator === "object" ? calculator : getCalculator(calculator);
  return z.toJSONSchema(calc.inputs, { io: "input" }) as Record<string, unknown>;
}

/**
 * Map MedCalc-Bench entities (the `Relevant Entities` literal, its parsed dict, or an EntityBag)
 * to the calculator's validated inputs, converting units on the way.
 */
export function fromMedcalcEntities(calculatorId: number | string, entities: string | Record<string, PyValue> | EntityBag): Record<string, unknown> {
  const calc = getCalculator(calculatorId);
  const bag = entities instanceof EntityBag ? entities : new EntityBag(typeof entities === "string" ? parseEntities(entities) : entities);
  const raw = calc.fromMedcalc(bag);
  const parsed = calc.inputs.safeParse(raw);
  if (!parsed.success) throw new Error(`${calc.name}: cannot build inputs from MedCalc entities: ${describeIssues(parsed.error.issues)}`);
  return parsed.data as Record<string, unknown>;
}
