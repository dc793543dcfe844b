import type { Task } from "../../src/env/index.js";
import type { MedicalQaState, QuestionFormat } from "./data-model.js";
import { pubmedqaArticle } from "./sources.js";

/**
 * The episode's state: the question as data plus, for PubMedQA questions, the study abstract the
 * literature tools serve. Pure function of the task (the abstract is read from the dataset by PMID).
 */
export function createMedicalQaState(task: Task): MedicalQaState {
  const meta = task.meta ?? {};
  if (task.answer.kind !== "choice") throw new Error(`medical_qa task ${task.id}: expected a choice answer`);
  const pmid = typeof meta.pmid === "string" ? meta.pmid : undefined;
  return {
    questionId: task.caseId ?? task.id,
    format: (meta.format as QuestionFormat) ?? "single_best_answer",
    stem: String(meta.stem ?? ""),
    options: { ...task.answer.options },
    articles: pmid ? [structuredClone(pubmedqaArticle(pmid))] : [],
  };
}
