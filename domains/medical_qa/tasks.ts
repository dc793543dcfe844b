import type { ExpectedAction, Task } from "../../src/env/index.js";
import { deriveSeed, hashString } from "../../src/util/rng.js";
import { generateQuestions, type GeneratedQuestion, type QuestionFamily } from "./questions.js";
import { pubmedqaTrainItems } from "./sources.js";

/**
 * medical_qa tasks, built only from training-side data (DESIGN Appendix C):
 * - PubMedQA labelled items that are not in its 500-item test split (yes/no/maybe; the abstract
 *   is served by the literature tools, its conclusion is withheld);
 * - single-best-answer questions generated from the project's clinical tables (questions.ts).
 * Within each family the split is exactly 20% test, chosen by a hash of the task id, so adding a
 * question never moves another one across the split.
 */
export const TEST_FRACTION = 0.2;
const BASE_SEED = 20_251_102;
const DOMAIN = "medical_qa";

const FORMAT_NOTE = "Check the evidence with the tools, then call submit_answer with the letter of the single best option.";

function optionLines(options: Record<string, string>): string {
  return Object.entries(options)
    .map(([k, v]) => `${k}) ${v}`)
    .join("\n");
}

function assignSplits(tasks: Task[]): Task[] {
  const byFamily = new Map<string, Task[]>();
  for (const t of tasks) {
    const f = String(t.meta?.family);
    byFamily.set(f, [...(byFamily.get(f) ?? []), t]);
  }
  for (const group of byFamily.values()) {
    const order = [...group].sort((a, b) => hashString(a.id) - hashString(b.id) || a.id.localeCompare(b.id));
    const nTest = Math.round(group.length * TEST_FRACTION);
    order.forEach((t, i) => (t.split = i < nTest ? "test" : "train"));
  }
  return tasks;
}

function pubmedqaTasks(): Task[] {
  return pubmedqaTrainItems().map((item) => {
    const options = { A: "yes", B: "no", C: "maybe" };
    const value = { yes: "A", no: "B", maybe: "C" }[item.decision];
    const id = `${DOMAIN}-pubmedqa-${item.pmid}`;
    return {
      id,
      domain: DOMAIN,
      split: "train",
      description: {
        purpose: "Answer a research question from the results of a PubMed abstract.",
        difficulty: item.decision === "maybe" ? "hard" : "medium",
        keyChallenges: ["find and read the study abstract", "judge whether the results support yes, no or an uncertain answer"],
      },
      userScenario: { persona: "clinician reading the literature", instructions: "Asks whether a study answers its research question." },
      ticket: `Research question from PubMed article ${item.pmid}${item.article.year ? ` (${item.article.year})` : ""}: ${item.question}\nAnswer according to the study's results.\n${optionLines(options)}\n${FORMAT_NOTE}`,
      evaluationCriteria: {
        actions: [
          { actionId: "read", name: "browse_article", arguments: { id: `pmid:${item.pmid}` } },
          { actionId: "submit", name: "submit_answer", arguments: { answer: value } },
        ],
        nlAssertions: [`The answer follows from the abstract's results: ${item.decision}.`],
        rewardBasis: ["accuracy", "format", "process"],
      },
      answer: { kind: "choice", value, options },
      caseId: `Q-pubmedqa-${item.pmid}`,
      caseSeed: deriveSeed(BASE_SEED, "pubmedqa", item.pmid),
      meta: { source: "pubmedqa", family: "pubmedqa", format: "yes_no_maybe", pmid: item.pmid, stem: item.question },
    } satisfies Task;
  });
}

const PURPOSE: Record<QuestionFamily, string> = {
  diagnosis: "Identify the most likely diagnosis from a clinical vignette.",
  first_line: "Choose a first-line drug treatment for a condition.",
  drug_class: "Identify a drug's pharmacological class.",
  lab: "Identify the laboratory abnormality characteristic of a condition.",
  avoid: "Identify a drug to avoid in a condition.",
  imaging: "Identify the imaging or test finding typical of a condition.",
  interaction: "Identify a drug with a major interaction.",
  calculator: "Compute a clinical score or derived value.",
};

function expectedActions(q: GeneratedQuestion): ExpectedAction[] {
  const m = q.meta;
  const submit: ExpectedAction = { actionId: "submit", name: "submit_answer", arguments: { answer: q.answer } };
  switch (q.family) {
    case "diagnosis":
      return [{ actionId: "ddx", name: "get_differential_diagnosis" }, { actionId: "criteria", name: "check_diagnostic_criteria", arguments: { condition: m.condition }, compareArgs: ["condition"] }, submit];
    case "first_line":
    case "avoid":
      return [{ actionId: "guideline", name: "search_guidelines" }, { actionId: "drug", name: "get_drug_information", arguments: { drug: m.drug }, compareArgs: ["drug"] }, submit];
    case "drug_class":
      return [{ actionId: "drug", name: "get_drug_information", arguments: { drug: m.drug }, compareArgs: ["drug"] }, submit];
    case "lab":
      return [{ actionId: "lab", name: "lookup_lab_reference", arguments: { lab: m.lab }, compareArgs: ["lab"] }, submit];
    case "imaging":
      return [{ actionId: "wiki", name: "browse_wiki_entry", arguments: { id: `condition:${m.condition}` }, compareArgs: ["id"] }, submit];
    case "interaction":
      return [{ actionId: "ddi", name: "search_drug_interactions" }, submit];
    case "calculator":
      return [{ actionId: "calc", name: "calculate_clinical_score", arguments: { calculator: m.calculator }, compareArgs: ["calculator"] }, submit];
  }
}

function generatedTasks(): Task[] {
  return generateQuestions().map((q) => {
    const id = `${DOMAIN}-${q.id}`;
    return {
      id,
      domain: DOMAIN,
      split: "train",
      description: { purpose: PURPOSE[q.family], difficulty: q.difficulty, keyChallenges: ["look the facts up with the tools instead of guessing", "choose exactly one option"] },
      userScenario: { persona: "medical student", instructions: "Asks a single-best-answer question and expects one letter." },
      ticket: `Question (single best answer): ${q.stem}\n${optionLines(q.options)}\n${FORMAT_NOTE}`,
      evaluationCriteria: {
        actions: expectedActions(q),
        nlAssertions: [`The answer is ${q.answer}) ${q.options[q.answer]}.`],
        rewardBasis: ["accuracy", "format", "process"],
      },
      answer: { kind: "choice", value: q.answer, options: q.options },
      caseId: `Q-${q.id}`,
      caseSeed: deriveSeed(BASE_SEED, q.id),
      meta: { source: "generated", family: q.family, format: "single_best_answer", stem: q.stem, ...q.meta },
    } satisfies Task;
  });
}

export function generateTasks(): Task[] {
  return assignSplits([...pubmedqaTasks(), ...generatedTasks()]);
}
