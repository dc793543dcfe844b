/**
 * PubMedQA labelled set (PQA-L, 1,000) and its 500-question test split, as yes/no/maybe MCQA
 * items (A = yes, B = no, C = maybe) with the abstract contexts in meta.
 */
import { DataFormatError } from "../errors.js";
import { jsonTopLevelKeys, readText } from "../read.js";
import { resolveDataFile } from "../resolve.js";
import { checkMcqaItem, type McqaItem } from "./mcqa.js";

export const PUBMEDQA_FILE = "mcqa/pubmedqa/ori_pqal.json";
export const PUBMEDQA_TEST_FILE = "mcqa/pubmedqa/test_ground_truth.json";

export const YES_NO_MAYBE_OPTIONS: Readonly<Record<string, string>> = Object.freeze({ A: "yes", B: "no", C: "maybe" });
const LETTER_OF: Record<string, string> = { yes: "A", no: "B", maybe: "C" };

export interface PubMedQaMeta extends Record<string, unknown> {
  pmid: string;
  /** Abstract sections without the conclusion, in order. */
  contexts: string[];
  /** Section label of each context (BACKGROUND, METHODS, ...). */
  labels: string[];
  meshes: string[];
  year: string;
  /** The abstract's conclusion, which PubMedQA treats as the long answer. */
  longAnswer: string;
  finalDecision: "yes" | "no" | "maybe";
}

interface PqalRaw {
  QUESTION: string;
  CONTEXTS: string[];
  LABELS: string[];
  MESHES?: string[];
  YEAR?: string;
  LONG_ANSWER: string;
  final_decision: string;
}

/** A JSON object file and its keys in file order (PMIDs would otherwise come out sorted). */
function readOrderedObject<V>(path: string): [Record<string, V>, string[]] {
  const text = readText(path);
  let obj: Record<string, V>;
  try {
    obj = JSON.parse(text) as Record<string, V>;
  } catch (err) {
    throw new DataFormatError(path, `invalid JSON (${(err as Error).message})`);
  }
  const order = jsonTopLevelKeys(text);
  if (order.length !== Object.keys(obj).length) throw new DataFormatError(path, "duplicate top-level keys");
  return [obj, order];
}

/**
 * `split: "labelled"` (default) gives all 1,000 PQA-L items; `"test"` gives the 500 whose ids
 * are in test_ground_truth.json, answered from that file. Ids are `pubmedqa-<pmid>`; items keep
 * the files' order.
 */
export async function loadPubMedQA(opts: { split?: "labelled" | "test" } = {}): Promise<McqaItem<PubMedQaMeta>[]> {
  const split = opts.split ?? "labelled";
  const path = await resolveDataFile("pubmedqa", PUBMEDQA_FILE);
  const [all, order] = readOrderedObject<PqalRaw>(path);
  let entries: [string, PqalRaw, string][];
  if (split === "labelled") {
    entries = order.map((pmid) => [pmid, all[pmid]!, all[pmid]!.final_decision]);
  } else {
    const testPath = await resolveDataFile("pubmedqa", PUBMEDQA_TEST_FILE);
    const [truth, testOrder] = readOrderedObject<string>(testPath);
    entries = testOrder.map((pmid) => {
      const decision = truth[pmid]!;
      const r = all[pmid];
      if (!r) throw new DataFormatError(testPath, `test id ${pmid} is not in ${PUBMEDQA_FILE}`);
      return [pmid, r, decision];
    });
  }
  return entries.map(([pmid, r, decision]) => {
    const answer = LETTER_OF[decision];
    if (!answer) throw new DataFormatError(path, `item ${pmid}: decision "${decision}" is not yes/no/maybe`);
    const item: McqaItem<PubMedQaMeta> = {
      id: `pubmedqa-${pmid}`,
      question: r.QUESTION,
      options: { ...YES_NO_MAYBE_OPTIONS },
      answer,
      meta: {
        pmid,
        contexts: r.CONTEXTS,
        labels: r.LABELS,
        meshes: r.MESHES ?? [],
        year: r.YEAR ?? "",
        longAnswer: r.LONG_ANSWER,
        finalDecision: decision as PubMedQaMeta["finalDecision"],
      },
    };
    checkMcqaItem(item, path);
    return item;
  });
}
