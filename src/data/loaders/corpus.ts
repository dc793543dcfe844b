/**
 * Text corpora for retrieval and knowledge bases: MedQuAD answers, BC5CDR abstracts with
 * chemical/disease annotations, and the small passage corpus (streamed, never loaded whole).
 */
import { DataFormatError } from "../errors.js";
import { iterateJsonLines, readJsonLines, readText } from "../read.js";
import { resolveDataFile } from "../resolve.js";

// ---------------------------------------------------------------- MedQuAD

export interface MedQuadQa {
  /** Line index in the file: the only unique key (source ids repeat across and within sites). */
  index: number;
  /** MedQuAD's own id (document id + question number), e.g. "0000051-1"; NOT unique. */
  id: string;
  /** Question type, e.g. "information", "symptoms", "treatment". */
  qtype: string;
  focus: string;
  question: string;
  answer: string;
  /** Collection (NIH site), e.g. "3_GHR_QA". */
  source: string;
  url: string;
}

/** The 16,407 answered MedQuAD QA pairs. */
export async function loadMedQuAD(): Promise<MedQuadQa[]> {
  const path = await resolveDataFile("medquad", "corpus/medquad_qa.jsonl");
  const rows = await readJsonLines<Record<string, unknown>>(path);
  return rows.map((r, i) => {
    for (const k of ["id", "qtype", "focus", "question", "answer", "source", "url"]) {
      if (typeof r[k] !== "string") throw new DataFormatError(path, `line ${i + 1}: field "${k}" is not a string`);
    }
    return {
      index: i,
      id: r.id as string,
      qtype: r.qtype as string,
      focus: r.focus as string,
      question: r.question as string,
      answer: r.answer as string,
      source: r.source as string,
      url: r.url as string,
    };
  });
}

// ---------------------------------------------------------------- BC5CDR

export type Bc5cdrSplit = "train" | "dev" | "test";

export interface Bc5cdrAnnotation {
  /** Character offsets into `title + " " + abstract` (end exclusive). */
  start: number;
  end: number;
  text: string;
  type: "Chemical" | "Disease";
  /** MeSH ids; several for composite mentions, empty when the mention has none ("-1"). */
  meshIds: string[];
  /** For composite mentions ("Ocular and auditory toxicity"): the individual mention names. */
  componentNames?: string[];
}

export interface Bc5cdrRelation {
  /** Chemical-induced disease. */
  type: "CID";
  chemical: string;
  disease: string;
}

export interface Bc5cdrAbstract {
  pmid: string;
  split: Bc5cdrSplit;
  title: string;
  abstract: string;
  annotations: Bc5cdrAnnotation[];
  relations: Bc5cdrRelation[];
}

const BC5CDR_FILES: readonly [Bc5cdrSplit, string][] = [
  ["train", "corpus/bc5cdr/CDR_TrainingSet.PubTator.txt"],
  ["dev", "corpus/bc5cdr/CDR_DevelopmentSet.PubTator.txt"],
  ["test", "corpus/bc5cdr/CDR_TestSet.PubTator.txt"],
];

export function parsePubTator(text: string, file: string, split: Bc5cdrSplit): Bc5cdrAbstract[] {
  const out: Bc5cdrAbstract[] = [];
  for (const block of text.replace(/\r\n/g, "\n").split(/\n\s*\n/)) {
    const lines = block.split("\n").filter((l) => l.trim() !== "");
    if (lines.length === 0) continue;
    const t = /^(\d+)\|t\|(.*)$/.exec(lines[0]!);
    const a = lines[1] !== undefined ? /^(\d+)\|a\|(.*)$/.exec(lines[1]) : null;
    if (!t || !a || t[1] !== a[1]) throw new DataFormatError(file, `block starting "${lines[0]!.slice(0, 40)}" lacks |t| and |a| lines`);
    const doc: Bc5cdrAbstract = { pmid: t[1]!, split, title: t[2]!, abstract: a[2]!, annotations: [], relations: [] };
    for (const line of lines.slice(2)) {
      const f = line.split("\t");
      if (f[0] !== doc.pmid) throw new DataFormatError(file, `line for PMID ${f[0]} inside the block of ${doc.pmid}`);
      if (f[1] === "CID" && f.length === 4) {
        doc.relations.push({ type: "CID", chemical: f[2]!, disease: f[3]! });
      } else if (f.length === 6 || f.length === 7) {
        const type = f[4];
        if (type !== "Chemical" && type !== "Disease") throw new DataFormatError(file, `PMID ${doc.pmid}: annotation type "${type}"`);
        const ann: Bc5cdrAnnotation = {
          start: Number(f[1]),
          end: Number(f[2]),
          text: f[3]!,
          type,
          meshIds: f[5] === "-1" ? [] : f[5]!.split("|"),
        };
        if (f.length === 7) ann.componentNames = f[6]!.split("|");
        doc.annotations.push(ann);
      } else {
        throw new DataFormatError(file, `PMID ${doc.pmid}: line with ${f.length} tab-separated fields: ${line.slice(0, 60)}`);
      }
    }
    out.push(doc);
  }
  return out;
}

/**
 * The 1,500 BC5CDR abstracts (500 per split). The mirror's training file also repeats the 500
 * development abstracts verbatim after the training ones; each PMID is kept once, under the
 * split of the dedicated file (dev), so splits never overlap.
 */
export async function loadBc5cdr(opts: { split?: Bc5cdrSplit } = {}): Promise<Bc5cdrAbstract[]> {
  const bySplit = new Map<Bc5cdrSplit, Bc5cdrAbstract[]>();
  for (const [split, rel] of BC5CDR_FILES) {
    const path = await resolveDataFile("bc5cdr", rel);
    bySplit.set(split, parsePubTator(readText(path), path, split));
  }
  const devIds = new Set(bySplit.get("dev")!.map((d) => d.pmid));
  const seen = new Set<string>();
  const out: Bc5cdrAbstract[] = [];
  for (const split of ["train", "dev", "test"] as const) {
    for (const d of bySplit.get(split)!) {
      if (split === "train" && devIds.has(d.pmid)) continue;
      if (seen.has(d.pmid)) throw new DataFormatError(rel(split), `PMID ${d.pmid} appears in two splits`);
      seen.add(d.pmid);
      if (opts.split === undefined || opts.split === split) out.push(d);
    }
  }
  return out;
}

function rel(split: Bc5cdrSplit): string {
  return BC5CDR_FILES.find(([s]) => s === split)![1];
}

// ---------------------------------------------------------------- passages

export interface Passage {
  /** "<source>:<source-specific id>". */
  id: string;
  /** e.g. medquad, bioasq_snippet, pubmedqa_context, ddi_corpus_sentence (see PASSAGE_SOURCES). */
  source: string;
  title: string;
  text: string;
}

/**
 * Sources in the passage corpus. The evaluation-derived ones (everything but medquad,
 * bc5cdr_abstract, ddi_corpus_sentence, synthea_note) must be excluded from a knowledge base
 * used to evaluate the benchmark they were cut from.
 */
export const PASSAGE_SOURCES = [
  "medquad",
  "bc5cdr_abstract",
  "ddi_corpus_sentence",
  "synthea_note",
  "bioasq_snippet",
  "pubmedqa_context",
  "pubmedqa_long_answer",
  "medmcqa_explanation",
  "medlfqa_answer",
  "medcalc_note",
] as const;

/** Streams passages (gunzip + line reader); `sources` keeps only those sources. */
export async function* iteratePassages(opts: { sources?: readonly string[] } = {}): AsyncGenerator<Passage> {
  const path = await resolveDataFile("passages-small", "corpus/passages_small_corpus.jsonl.gz");
  const keep = opts.sources ? new Set(opts.sources) : null;
  let line = 0;
  for await (const p of iterateJsonLines<Passage>(path)) {
    line++;
    if (typeof p.id !== "string" || typeof p.source !== "string" || typeof p.text !== "string") {
      throw new DataFormatError(path, `line ${line}: a passage needs string id, source and text`);
    }
    if (keep && !keep.has(p.source)) continue;
    yield { id: p.id, source: p.source, title: typeof p.title === "string" ? p.title : "", text: p.text };
  }
}
