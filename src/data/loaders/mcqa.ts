/**
 * Multiple-choice QA sets in one shape (McqaItem): MedQA-USMLE, MedMCQA, the six medical MMLU
 * subjects and MMLU-Pro health. PubMedQA and BioASQ yes/no live in their own files but return
 * the same shape.
 */
import { DataFormatError } from "../errors.js";
import { readCsvArrays, readJson, readJsonLines } from "../read.js";
import { resolveDataFile } from "../resolve.js";

export interface McqaItem<M extends Record<string, unknown> = Record<string, unknown>> {
  id: string;
  question: string;
  /** Option letter ("A", "B", ...) -> option text, in letter order. */
  options: Record<string, string>;
  /** The correct option's letter; always a key of `options`. */
  answer: string;
  meta: M;
}

export const OPTION_LETTERS = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"] as const;

/** Throws when an item's answer letter is not one of its options (a loader or data bug). */
export function checkMcqaItem(item: McqaItem, file: string): void {
  if (!item.question || typeof item.question !== "string") throw new DataFormatError(file, `item ${item.id} has no question text`);
  if (!(item.answer in item.options)) {
    throw new DataFormatError(file, `item ${item.id}: answer "${item.answer}" is not an option (${Object.keys(item.options).join(", ")})`);
  }
}

// ---------------------------------------------------------------- MedQA-USMLE

export const MEDQA_FILE = "mcqa/medqa/data_clean/questions/US/4_options/phrases_no_exclude_test.jsonl";

export interface MedQaMeta extends Record<string, unknown> {
  /** USMLE step: "step1" or "step2&3". */
  step: string;
  answerText: string;
}

interface MedQaRaw {
  question: string;
  answer: string;
  options: Record<string, string>;
  meta_info: string;
  answer_idx: string;
}

/** MedQA-USMLE 4-option test split (1,273). Ids are `medqa-test-<line index>`. */
export async function loadMedQA(): Promise<McqaItem<MedQaMeta>[]> {
  const path = await resolveDataFile("medqa-usmle", MEDQA_FILE);
  const rows = await readJsonLines<MedQaRaw>(path);
  return rows.map((r, i) => {
    const item: McqaItem<MedQaMeta> = {
      id: `medqa-test-${i}`,
      question: r.question,
      options: { ...r.options },
      answer: r.answer_idx,
      meta: { step: r.meta_info, answerText: r.answer },
    };
    checkMcqaItem(item, path);
    if (item.options[item.answer] !== r.answer) {
      throw new DataFormatError(path, `line ${i + 1}: answer_idx ${r.answer_idx} does not match the answer text`);
    }
    return item;
  });
}

// ---------------------------------------------------------------- MedMCQA

export const MEDMCQA_FILE = "mcqa/medmcqa/data/dev.json";

export interface MedMcqaMeta extends Record<string, unknown> {
  /** The explanation ("exp"), null when the source has none. */
  exp: string | null;
  subject: string;
  topic: string | null;
  choiceType: string;
}

interface MedMcqaRaw {
  id: string;
  question: string;
  opa: string;
  opb: string;
  opc: string;
  opd: string;
  cop: number;
  exp: string | null;
  subject_name: string;
  topic_name: string | null;
  choice_type: string;
}

/** MedMCQA dev split (4,183). `cop` is 1-based in this file (1 = A). */
export async function loadMedMCQA(): Promise<McqaItem<MedMcqaMeta>[]> {
  const path = await resolveDataFile("medmcqa", MEDMCQA_FILE);
  const rows = await readJsonLines<MedMcqaRaw>(path);
  return rows.map((r) => {
    if (!Number.isInteger(r.cop) || r.cop < 1 || r.cop > 4) throw new DataFormatError(path, `item ${r.id}: cop ${r.cop} is not 1..4`);
    const item: McqaItem<MedMcqaMeta> = {
      id: r.id,
      question: r.question,
      options: { A: r.opa, B: r.opb, C: r.opc, D: r.opd },
      answer: OPTION_LETTERS[r.cop - 1]!,
      meta: { exp: r.exp, subject: r.subject_name, topic: r.topic_name, choiceType: r.choice_type },
    };
    checkMcqaItem(item, path);
    return item;
  });
}

// ---------------------------------------------------------------- MMLU medical

export const MMLU_MEDICAL_SUBJECTS = [
  "anatomy",
  "clinical_knowledge",
  "college_biology",
  "college_medicine",
  "medical_genetics",
  "professional_medicine",
] as const;
export type MmluMedicalSubject = (typeof MMLU_MEDICAL_SUBJECTS)[number];

export interface MmluMeta extends Record<string, unknown> {
  subject: MmluMedicalSubject;
}

export const mmluFile = (subject: MmluMedicalSubject): string => `mcqa/mmlu/data/test/${subject}_test.csv`;

/** MMLU test items of the chosen medical subjects (default: all six), in subject then file order. */
export async function loadMmluMedical(
  opts: { subjects?: MmluMedicalSubject | readonly MmluMedicalSubject[] } = {},
): Promise<McqaItem<MmluMeta>[]> {
  const subjects = opts.subjects === undefined ? MMLU_MEDICAL_SUBJECTS : typeof opts.subjects === "string" ? [opts.subjects] : opts.subjects;
  const out: McqaItem<MmluMeta>[] = [];
  for (const subject of subjects) {
    if (!(MMLU_MEDICAL_SUBJECTS as readonly string[]).includes(subject)) {
      throw new Error(`Unknown MMLU medical subject "${subject}"; choose from ${MMLU_MEDICAL_SUBJECTS.join(", ")}`);
    }
    const path = await resolveDataFile("mmlu-medical", mmluFile(subject));
    readCsvArrays(path).forEach((row, i) => {
      if (row.length !== 6) throw new DataFormatError(path, `row ${i + 1} has ${row.length} fields, expected 6 (question, A, B, C, D, answer)`);
      const [question, a, b, c, d, answer] = row as [string, string, string, string, string, string];
      const item: McqaItem<MmluMeta> = {
        id: `mmlu-${subject}-${i}`,
        question,
        options: { A: a, B: b, C: c, D: d },
        answer: answer.trim(),
        meta: { subject },
      };
      checkMcqaItem(item, path);
      out.push(item);
    });
  }
  return out;
}

// ---------------------------------------------------------------- MMLU-Pro health

export interface MmluProMeta extends Record<string, unknown> {
  questionId: number;
  /** Origin of the question in MMLU-Pro, e.g. "ori_mmlu-virology". */
  src: string;
  cotContent: string;
}

interface MmluProRaw {
  question_id: number;
  question: string;
  options: Record<string, string>;
  answer: string;
  cot_content: string;
  src: string;
}

/**
 * MMLU-Pro health (553 test, 3 validation). The source pads every item to ten option slots with
 * empty strings; only the non-empty ones are kept, so items have 3 to 10 options.
 */
export async function loadMmluProHealth(opts: { split?: "test" | "validation" } = {}): Promise<McqaItem<MmluProMeta>[]> {
  const split = opts.split ?? "test";
  const path = await resolveDataFile("mmlu-pro-health", `mcqa/mmlu_pro_health/${split}_health.json`);
  const rows = readJson<MmluProRaw[]>(path);
  return rows.map((r) => {
    const options: Record<string, string> = {};
    for (const letter of OPTION_LETTERS) {
      const text = r.options[letter];
      if (text !== undefined && text !== "") options[letter] = text;
    }
    const item: McqaItem<MmluProMeta> = {
      id: `mmlu-pro-${r.question_id}`,
      question: r.question,
      options,
      answer: r.answer,
      meta: { questionId: r.question_id, src: r.src, cotContent: r.cot_content },
    };
    checkMcqaItem(item, path);
    return item;
  });
}
