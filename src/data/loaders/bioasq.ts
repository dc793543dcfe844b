/**
 * BioASQ Task B golden sets 7B-11B: every question with its type, gold documents and snippets
 * (for retrieval evaluation), and the yes/no subset as MCQA items (A = yes, B = no).
 */
import { DataFormatError } from "../errors.js";
import { readJson } from "../read.js";
import { resolveDataFile } from "../resolve.js";
import { getDataset } from "../registry.js";
import { checkMcqaItem, type McqaItem } from "./mcqa.js";

export type BioAsqType = "yesno" | "factoid" | "list" | "summary";

export interface BioAsqSnippet {
  text: string;
  /** PubMed URL of the snippet's document. */
  document: string;
  pmid: string;
  beginSection: string;
  endSection: string;
  offsetInBeginSection: number;
  offsetInEndSection: number;
}

export interface BioAsqQuestion {
  id: string;
  body: string;
  type: BioAsqType;
  /** Batch the question comes from, e.g. "7B1". */
  batch: string;
  /**
   * yesno: "yes" | "no" (lower-cased); factoid/list: synonym lists per answer; summary: null.
   */
  exactAnswer: string | string[][] | null;
  idealAnswer: string[];
  /** Gold document URLs as given (http://www.ncbi.nlm.nih.gov/pubmed/<pmid>). */
  documents: string[];
  /** PMIDs parsed from `documents`. */
  pmids: string[];
  snippets: BioAsqSnippet[];
}

interface BioAsqRaw {
  id: string;
  body: string;
  type: string;
  exact_answer?: unknown;
  ideal_answer?: string | string[];
  documents: string[];
  snippets: {
    text: string;
    document: string;
    beginSection: string;
    endSection: string;
    offsetInBeginSection: number;
    offsetInEndSection: number;
  }[];
}

const TYPES: readonly string[] = ["yesno", "factoid", "list", "summary"];

function pmidOf(url: string, file: string): string {
  const m = /(\d+)\/?$/.exec(url);
  if (!m) throw new DataFormatError(file, `document URL without a PMID: ${url}`);
  return m[1]!;
}

function normaliseExact(raw: unknown, type: BioAsqType, id: string, file: string): BioAsqQuestion["exactAnswer"] {
  if (type === "summary") return null;
  if (type === "yesno") {
    if (typeof raw !== "string") throw new DataFormatError(file, `yes/no question ${id} has no string exact_answer`);
    const v = raw.trim().toLowerCase();
    if (v !== "yes" && v !== "no") throw new DataFormatError(file, `yes/no question ${id} has exact_answer "${raw}"`);
    return v;
  }
  if (!Array.isArray(raw)) throw new DataFormatError(file, `${type} question ${id} has no exact_answer list`);
  // Older batches sometimes give a flat list of strings; nest them so every answer is a synonym list.
  return raw.map((a) => (Array.isArray(a) ? a.map(String) : [String(a)]));
}

/** All golden questions of every batch (2,310), in batch-file order. */
export async function loadBioAsq(): Promise<BioAsqQuestion[]> {
  const files = getDataset("bioasq").files.filter((f) => f.path.endsWith("_golden.json"));
  files.sort((a, b) => batchKey(a.path) - batchKey(b.path));
  const out: BioAsqQuestion[] = [];
  for (const f of files) {
    const path = await resolveDataFile("bioasq", f.path);
    const batch = /(\d+B\d+)_golden\.json$/.exec(f.path)![1]!;
    const data = readJson<{ questions: BioAsqRaw[] }>(path);
    if (!Array.isArray(data.questions)) throw new DataFormatError(path, "no 'questions' array");
    for (const q of data.questions) {
      if (!TYPES.includes(q.type)) throw new DataFormatError(path, `question ${q.id} has unknown type "${q.type}"`);
      const type = q.type as BioAsqType;
      out.push({
        id: q.id,
        body: q.body,
        type,
        batch,
        exactAnswer: normaliseExact(q.exact_answer, type, q.id, path),
        idealAnswer: q.ideal_answer === undefined ? [] : Array.isArray(q.ideal_answer) ? q.ideal_answer : [q.ideal_answer],
        documents: q.documents,
        pmids: q.documents.map((d) => pmidOf(d, path)),
        snippets: q.snippets.map((s) => ({
          text: s.text,
          document: s.document,
          pmid: pmidOf(s.document, path),
          beginSection: s.beginSection,
          endSection: s.endSection,
          offsetInBeginSection: s.offsetInBeginSection,
          offsetInEndSection: s.offsetInEndSection,
        })),
      });
    }
  }
  return out;
}

function batchKey(path: string): number {
  const m = /(\d+)B(\d+)_golden\.json$/.exec(path);
  return m ? Number(m[1]) * 100 + Number(m[2]) : Number.MAX_SAFE_INTEGER;
}

export interface BioAsqYesNoMeta extends Record<string, unknown> {
  batch: string;
  idealAnswer: string[];
  documents: string[];
  pmids: string[];
  snippets: BioAsqSnippet[];
}

/** The 618 yes/no questions as MCQA items (A = yes, B = no). */
export async function loadBioAsqYesNo(): Promise<McqaItem<BioAsqYesNoMeta>[]> {
  const all = await loadBioAsq();
  return all
    .filter((q) => q.type === "yesno")
    .map((q) => {
      const item: McqaItem<BioAsqYesNoMeta> = {
        id: `bioasq-${q.id}`,
        question: q.body,
        options: { A: "yes", B: "no" },
        answer: q.exactAnswer === "yes" ? "A" : "B",
        meta: { batch: q.batch, idealAnswer: q.idealAnswer, documents: q.documents, pmids: q.pmids, snippets: q.snippets },
      };
      checkMcqaItem(item, "bioasq");
      return item;
    });
}
