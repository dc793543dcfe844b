/**
 * Supporting evidence from the DDI Extraction 2013 corpus: annotated sentences (DrugBank and
 * MEDLINE) in which two drugs are marked as interacting, with the annotation type (mechanism,
 * effect, advise, int). Only the corpus's training documents are used (DESIGN.md Appendix C).
 *
 * The domain's tools are synchronous, so the zip is located like every dataset file (cache, then
 * mirror) and read with adm-zip on first use; src/data/loaders/ddi.ts parses the documents.
 */
import AdmZip from "adm-zip";
import { locateDataFile } from "../../src/data/resolve.js";
import { ddiPairs, parseDdiDocument, type DdiInteractionType } from "../../src/data/loaders/ddi.js";

export interface DdiEvidence {
  sentence: string;
  type: DdiInteractionType | null;
  source: string;
  mentions: [string, string];
}

let index: Map<string, DdiEvidence[]> | undefined;

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

function load(): Map<string, DdiEvidence[]> {
  if (index) return index;
  const hit = locateDataFile("ddi-corpus", "ddi/DDICorpus-2013.zip");
  if (!hit) throw new Error("search_ddi_literature needs ddi/DDICorpus-2013.zip (dataset ddi-corpus) in the data cache or mirror.");
  const zip = new AdmZip(hit.path);
  const docs = zip
    .getEntries()
    .filter((e) => /^DDICorpus\/Train\/(DrugBank|MedLine)\/[^/]+\.xml$/.test(e.entryName))
    .sort((a, b) => a.entryName.localeCompare(b.entryName))
    .map((e) => parseDdiDocument(e.getData().toString("utf8"), e.entryName, "train", e.entryName.includes("/DrugBank/") ? "DrugBank" : "MedLine"));
  const out = new Map<string, DdiEvidence[]>();
  for (const p of ddiPairs(docs)) {
    if (!p.ddi) continue;
    const a = norm(p.entity1.text), b = norm(p.entity2.text);
    if (a === b) continue;
    const k = key(a, b);
    const list = out.get(k) ?? [];
    if (!list.some((x) => x.sentence === p.sentence)) list.push({ sentence: p.sentence, type: p.type, source: p.documentId, mentions: [p.entity1.text, p.entity2.text] });
    out.set(k, list);
  }
  index = out;
  return out;
}

/** Annotated interacting-pair sentences for any naming of the two drugs (generic names, aliases, brands). */
export function ddiEvidence(namesA: readonly string[], namesB: readonly string[], limit = 3): DdiEvidence[] {
  const idx = load();
  const out: DdiEvidence[] = [];
  for (const a of new Set(namesA.map(norm)))
    for (const b of new Set(namesB.map(norm))) for (const e of idx.get(key(a, b)) ?? []) if (!out.some((x) => x.sentence === e.sentence)) out.push(e);
  return out.slice(0, limit);
}
