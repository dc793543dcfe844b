/**
 * Long-form medical QA: the four MedLFQA sets (KQA Golden, KQA Silver, LiveQA, MedicationQA)
 * with their Must_have / Nice_to_have statements, and the HealthSearchQA questions.
 */
import { DataFormatError } from "../errors.js";
import { readJsonLines } from "../read.js";
import { resolveDataFile } from "../resolve.js";

export const MEDLFQA_SUBSETS = ["kqa_golden", "kqa_silver", "live_qa", "medication_qa"] as const;
export type MedLfqaSubset = (typeof MEDLFQA_SUBSETS)[number];

export const MEDLFQA_FILES: Readonly<Record<MedLfqaSubset, string>> = {
  kqa_golden: "lfqa/kqa_golden_test_MedLFQA.jsonl",
  kqa_silver: "lfqa/kqa_silver_wogold_test_MedLFQA.jsonl",
  live_qa: "lfqa/live_qa_test_MedLFQA.jsonl",
  medication_qa: "lfqa/medication_qa_test_MedLFQA.jsonl",
};

export interface LfqaItem {
  /** `<subset>-<line index>`. */
  id: string;
  question: string;
  /** The reference free-form answer. */
  answer: string;
  mustHave: string[];
  niceToHave: string[];
  /** The subset the item comes from. */
  source: MedLfqaSubset;
  /** K-QA only: the web source of the answer (Golden) and the diagnosis the question is about. */
  references?: string;
  icd10Diagnosis?: string;
}

interface MedLfqaRaw {
  Question: string;
  Free_form_answer: string;
  Must_have: string[];
  Nice_to_have: string[];
  Sources?: string;
  ICD_10_diag?: string;
}

function strings(v: unknown, what: string, file: string, line: number): string[] {
  if (!Array.isArray(v) || v.some((s) => typeof s !== "string")) throw new DataFormatError(file, `line ${line}: ${what} is not a list of strings`);
  return v as string[];
}

export async function loadMedLfqa(subset: MedLfqaSubset): Promise<LfqaItem[]> {
  const file = MEDLFQA_FILES[subset];
  if (!file) throw new Error(`Unknown MedLFQA subset "${subset}"; choose from ${MEDLFQA_SUBSETS.join(", ")}`);
  const path = await resolveDataFile("medlfqa", file);
  const rows = await readJsonLines<MedLfqaRaw>(path);
  return rows.map((r, i) => {
    if (typeof r.Question !== "string" || r.Question.trim() === "") throw new DataFormatError(path, `line ${i + 1}: empty Question`);
    const item: LfqaItem = {
      id: `${subset}-${i}`,
      question: r.Question,
      answer: r.Free_form_answer,
      mustHave: strings(r.Must_have, "Must_have", path, i + 1),
      niceToHave: strings(r.Nice_to_have, "Nice_to_have", path, i + 1),
      source: subset,
    };
    if (r.Sources !== undefined) item.references = r.Sources;
    if (r.ICD_10_diag !== undefined) item.icd10Diagnosis = r.ICD_10_diag;
    return item;
  });
}

/** All four MedLFQA subsets, concatenated in MEDLFQA_SUBSETS order. */
export async function loadAllMedLfqa(): Promise<LfqaItem[]> {
  const out: LfqaItem[] = [];
  for (const s of MEDLFQA_SUBSETS) out.push(...(await loadMedLfqa(s)));
  return out;
}

export interface HealthSearchQuestion {
  id: string;
  question: string;
}

/**
 * HealthSearchQA questions. The mirrored file has 4,436 lines but only 3,173 questions (the
 * count published with Med-PaLM): 1,263 lines are empty, and most others carry a CSV row-number
 * prefix ("70,Will scabies go away on its own?", or just "," on 90 lines). Empty lines are
 * dropped and the prefix removed; duplicates (17) are kept as in the source.
 */
export async function loadHealthSearchQA(): Promise<HealthSearchQuestion[]> {
  const path = await resolveDataFile("healthsearchqa", "lfqa/healthsearch_qa_test.jsonl");
  const rows = await readJsonLines<{ Question: string }>(path);
  const out: HealthSearchQuestion[] = [];
  rows.forEach((r, i) => {
    if (typeof r.Question !== "string") throw new DataFormatError(path, `line ${i + 1}: no Question`);
    const question = r.Question.replace(/^\d*,/, "").trim();
    if (question !== "") out.push({ id: `healthsearchqa-${out.length}`, question });
  });
  return out;
}
