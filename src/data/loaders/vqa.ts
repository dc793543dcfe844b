/**
 * Medical visual QA on real images: VQA-RAD (radiology, official train/test split) and the
 * PathVQA test subset (pathology). Rows carry absolute image paths, resolved through the cache
 * and mirror like every other dataset file.
 */
import { DataFormatError } from "../errors.js";
import { readJson } from "../read.js";
import { getDataset } from "../registry.js";
import { resolveDataFile } from "../resolve.js";

export type VqaAnswerType = "CLOSED" | "OPEN";

// ---------------------------------------------------------------- VQA-RAD

const VQA_RAD_DIR = "vqa/vqa_rad";

export interface VqaRadItem {
  /** The source qid as a string. */
  id: string;
  split: "train" | "test";
  /** freeform, para, test_freeform, test_para. */
  phraseType: string;
  imageName: string;
  imagePath: string;
  /** Organ system of the image: HEAD, CHEST, ABD. */
  imageOrgan: string;
  question: string;
  /** Always a string (a few source answers are JSON numbers). */
  answer: string;
  /** Trimmed: two source rows say "CLOSED " with a trailing space. */
  answerType: VqaAnswerType;
  /** PRES, SIZE, POS, ABN, ... (may be a comma list). */
  questionType: string;
  /** qid of the linked free-form / paraphrased question. */
  linkedId: string;
  caseUrl: string;
}

interface VqaRadRaw {
  qid: number | string;
  phrase_type: string;
  qid_linked_id: string;
  image_case_url: string;
  image_name: string;
  image_organ: string;
  question: string;
  question_type: string;
  answer: string | number;
  answer_type: string;
}

function answerType(v: string, where: string): VqaAnswerType {
  const t = v.trim().toUpperCase();
  if (t !== "CLOSED" && t !== "OPEN") throw new DataFormatError(where, `answer_type "${v}" is neither CLOSED nor OPEN`);
  return t;
}

/** VQA-RAD QA rows (2,248; train 1,797 / test 451), optionally one split only. */
export async function loadVqaRad(opts: { split?: "train" | "test" } = {}): Promise<VqaRadItem[]> {
  const path = await resolveDataFile("vqa-rad", `${VQA_RAD_DIR}/VQA_RAD Dataset Public.json`);
  const rows = readJson<VqaRadRaw[]>(path);
  if (!Array.isArray(rows)) throw new DataFormatError(path, "expected a JSON array");
  const imagePaths = new Map<string, string>();
  const out: VqaRadItem[] = [];
  for (const r of rows) {
    const split = r.phrase_type.startsWith("test_") ? "test" : "train";
    if (opts.split !== undefined && split !== opts.split) continue;
    let imagePath = imagePaths.get(r.image_name);
    if (imagePath === undefined) {
      imagePath = await resolveDataFile("vqa-rad", `${VQA_RAD_DIR}/images/${r.image_name}`);
      imagePaths.set(r.image_name, imagePath);
    }
    out.push({
      id: String(r.qid),
      split,
      phraseType: r.phrase_type,
      imageName: r.image_name,
      imagePath,
      imageOrgan: r.image_organ,
      question: r.question,
      answer: String(r.answer),
      answerType: answerType(r.answer_type, `${path} (qid ${r.qid})`),
      questionType: r.question_type,
      linkedId: r.qid_linked_id,
      caseUrl: r.image_case_url,
    });
  }
  return out;
}

/** Absolute paths of all VQA-RAD images (315; one of them has no question). */
export async function listVqaRadImages(): Promise<string[]> {
  const files = getDataset("vqa-rad").files.filter((f) => f.path.startsWith(`${VQA_RAD_DIR}/images/`));
  const out: string[] = [];
  for (const f of files) out.push(await resolveDataFile("vqa-rad", f.path));
  return out;
}

// ---------------------------------------------------------------- PathVQA subset

const PATHVQA_DIR = "vqa/pathvqa_test_subset";

export interface PathVqaItem {
  /** `pathvqa-<row index>`. */
  id: string;
  imageName: string;
  imagePath: string;
  question: string;
  answer: string;
  answerType: VqaAnswerType;
  /** Derived by a script in the source repo (YESNO, ATTRIBUTE, ...), not an original field. */
  questionTypeHeuristic: string;
  /** Path of the image in the source repo. */
  sourceImagePath: string;
}

interface PathVqaRaw {
  image: string;
  question: string;
  answer: string;
  answer_type: string;
  question_type_heuristic: string;
  source_image_path: string;
}

/** PathVQA test subset: 2,234 QA over 250 images. */
export async function loadPathVqaSubset(): Promise<PathVqaItem[]> {
  const path = await resolveDataFile("pathvqa-subset", `${PATHVQA_DIR}/qa.json`);
  const rows = readJson<PathVqaRaw[]>(path);
  if (!Array.isArray(rows)) throw new DataFormatError(path, "expected a JSON array");
  const imagePaths = new Map<string, string>();
  const out: PathVqaItem[] = [];
  for (const [i, r] of rows.entries()) {
    let imagePath = imagePaths.get(r.image);
    if (imagePath === undefined) {
      imagePath = await resolveDataFile("pathvqa-subset", `${PATHVQA_DIR}/${r.image}`);
      imagePaths.set(r.image, imagePath);
    }
    out.push({
      id: `pathvqa-${i}`,
      imageName: r.image.slice(r.image.lastIndexOf("/") + 1),
      imagePath,
      question: r.question,
      answer: String(r.answer),
      answerType: answerType(r.answer_type, `${path} (row ${i})`),
      questionTypeHeuristic: r.question_type_heuristic,
      sourceImagePath: r.source_image_path,
    });
  }
  return out;
}
