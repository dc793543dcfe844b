/**
 * PubMedQA for the gym, read synchronously: a domain's `tasks()` and `createState()` are
 * synchronous (DomainSpec), so this module locates the same declared dataset files as
 * src/data/loaders/pubmedqa.ts (cache, then mirror) and parses them once per process.
 *
 * Train/test hygiene (DESIGN Appendix C): PubMedQA's benchmark is its 500-item labelled test
 * split, so the gym uses only the labelled items whose PMIDs are NOT in test_ground_truth.json.
 */
import { locateDataFile } from "../../src/data/resolve.js";
import { readText } from "../../src/data/read.js";
import { PUBMEDQA_FILE, PUBMEDQA_TEST_FILE } from "../../src/data/loaders/pubmedqa.js";
import type { QaArticle } from "./data-model.js";

export interface PubMedQaTrainItem {
  pmid: string;
  question: string;
  decision: "yes" | "no" | "maybe";
  article: QaArticle;
}

interface PqalRaw {
  QUESTION: string;
  CONTEXTS: string[];
  LABELS: string[];
  MESHES?: string[];
  YEAR?: string;
  final_decision: string;
}

function locate(rel: string): string {
  const hit = locateDataFile("pubmedqa", rel);
  if (!hit) {
    throw new Error(
      `medical_qa needs ${rel} (dataset "pubmedqa"), which is neither in the data cache nor in the mirror. ` +
        "Run `medgym data verify pubmedqa` to see where it is expected, or point MEDGYM_DATA_MIRROR at the shared data.",
    );
  }
  return hit.path;
}

let cache: { train: PubMedQaTrainItem[]; byId: Map<string, PubMedQaTrainItem>; testIds: Set<string> } | undefined;

function load(): { train: PubMedQaTrainItem[]; byId: Map<string, PubMedQaTrainItem>; testIds: Set<string> } {
  if (cache) return cache;
  const all = JSON.parse(readText(locate(PUBMEDQA_FILE))) as Record<string, PqalRaw>;
  const testIds = new Set(Object.keys(JSON.parse(readText(locate(PUBMEDQA_TEST_FILE))) as Record<string, string>));
  const train: PubMedQaTrainItem[] = [];
  // Object key order of a JSON object with numeric-looking keys is not file order; sort for stability.
  for (const pmid of Object.keys(all).sort()) {
    if (testIds.has(pmid)) continue;
    const r = all[pmid]!;
    const decision = r.final_decision;
    if (decision !== "yes" && decision !== "no" && decision !== "maybe") throw new Error(`PubMedQA ${pmid}: decision "${decision}" is not yes/no/maybe`);
    train.push({
      pmid,
      question: r.QUESTION,
      decision,
      article: {
        pmid,
        year: r.YEAR ?? "",
        sections: r.CONTEXTS.map((text, i) => ({ label: r.LABELS[i] ?? "TEXT", text })),
        meshes: r.MESHES ?? [],
      },
    });
  }
  cache = { train, byId: new Map(train.map((x) => [x.pmid, x])), testIds };
  return cache;
}

/** PubMedQA labelled items outside the benchmark's test split, sorted by PMID. */
export function pubmedqaTrainItems(): readonly PubMedQaTrainItem[] {
  return load().train;
}

/** PMIDs of the benchmark's 500-item test split (never used for tasks). */
export function pubmedqaTestIds(): ReadonlySet<string> {
  return load().testIds;
}

export function pubmedqaArticle(pmid: string): QaArticle {
  const hit = load().byId.get(pmid);
  if (!hit) throw new Error(`PubMedQA article ${pmid} is not a training-side item`);
  return hit.article;
}
