/** State of the medical_qa domain: one question and the study abstract it is about, if any. */

/** A PubMedQA abstract without its conclusion (the conclusion is the long answer). */
export interface QaArticle {
  pmid: string;
  year: string;
  /** Section label (BACKGROUND, METHODS, RESULTS, ...) and text, in order. */
  sections: { label: string; text: string }[];
  meshes: string[];
}

export type QuestionFormat = "yes_no_maybe" | "single_best_answer";

export interface MedicalQaState {
  questionId: string;
  format: QuestionFormat;
  stem: string;
  options: Record<string, string>;
  articles: QaArticle[];
}
