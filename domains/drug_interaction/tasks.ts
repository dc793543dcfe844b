import type { Task } from "../../src/env/index.js";
import { deriveSeed, hashString } from "../../src/util/rng.js";
import { FAMILIES, buildCase, lowerFirst } from "./generator.js";

/**
 * drug_interaction tasks: for each family, seeded cases (cases.ts) until the family's count is
 * reached. Ground truth follows from the drug table's functions (interactions, renal and hepatic
 * rules, pregnancy categories, monitoring ranges) applied to the generated patient. The split is by
 * a hash of the task id (about 20% test), so no family's test tasks share one variant.
 */
export const DOMAIN = "drug_interaction";
const BASE_SEED = 20_250_415;
const TEST_FRACTION = 0.2;

export interface RxTaskMeta {
  family: string;
  condition: string;
  params: Record<string, string | number | string[]>;
  [k: string]: unknown;
}

export function generateTasks(seed = BASE_SEED): Task[] {
  const tasks: Task[] = [];
  let patientNo = 1000;
  for (const [family, { count }] of Object.entries(FAMILIES)) {
    let made = 0;
    for (let i = 0; made < count && i < count * 3; i++) {
      const caseSeed = deriveSeed(seed, family, i);
      const patientId = `RX-${patientNo}`;
      const c = buildCase(family, caseSeed, patientId);
      if (!c) continue;
      patientNo++;
      made++;
      const p = c.patient;
      const id = `${DOMAIN}-${family}-${String(made).padStart(3, "0")}`;
      const split = hashString(`${seed}:${id}`) % 1000 < TEST_FRACTION * 1000 ? "test" : "train";
      const meta: RxTaskMeta = { family, condition: p.conditionId, params: c.draft.params };
      tasks.push({
        id,
        domain: DOMAIN,
        split,
        description: {
          purpose: `Medication safety: ${family.replace(/_/g, " ")}.`,
          difficulty: c.draft.difficulty,
          keyChallenges: ["gather the patient's medications and data through the tools", "apply the drug table's rules, not memory", "answer in the requested format"],
        },
        userScenario: { persona: "ward physician asking the clinical pharmacist", instructions: c.draft.question },
        ticket: `Pharmacy consult for ${p.id} (${p.name}, ${p.age} y ${p.sex}, ${lowerFirst(p.conditionName)}). ${c.draft.question}`,
        evaluationCriteria: {
          actions: c.draft.actions,
          nlAssertions: [c.draft.assertion],
          ...(c.draft.mustMention?.length ? { mustMention: c.draft.mustMention } : {}),
          safety: c.draft.safety ?? [],
          rewardBasis: ["accuracy", "format", "process", "safety"],
        },
        answer: c.draft.answer,
        caseId: patientId,
        caseSeed,
        meta,
      });
    }
    // The drug table is still growing: a family it cannot fully support shrinks rather than taking
    // the whole domain down, and says so.
    if (made < count) process.emitWarning(`drug_interaction: family ${family} produced ${made} of ${count} cases; the drug table may lack what it needs`);
  }
  return tasks;
}
