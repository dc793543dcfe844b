import { conditionsByDomain, getCondition, type Condition } from "../../src/clinical/conditions/index.js";

let adult: Condition[] | undefined;

/** Drug-interaction condition profiles that describe adults (the drug table doses adults), in id order. */
export function adultConditions(): Condition[] {
  adult ??= conditionsByDomain("drug_interaction")
    .filter((c) => c.demographics.ageRange[1] >= 25 && !c.demographics.pregnancy)
    .sort((a, b) => a.id.localeCompare(b.id));
  if (adult.length === 0) throw new Error("drug_interaction: no adult condition profiles for the domain");
  return adult;
}


/** First-line drugs (generic names) of a condition, for "other first-line options" as alternatives. */
export function conditionFirstLine(conditionId: string): string[] {
  return [...getCondition(conditionId).management.firstLine];
}
