/**
 * DDI Extraction 2013 corpus, read straight from its zip: documents (DrugBank and MEDLINE),
 * sentences, drug mentions with character offsets, and candidate drug pairs labelled
 * ddi true/false with the interaction type (mechanism, effect, advise, int).
 */
import AdmZip from "adm-zip";
import { DataFormatError } from "../errors.js";
import { resolveDataFile } from "../resolve.js";
import { parseXml, type XmlElement } from "../xml.js";

export type DdiEntityType = "drug" | "drug_n" | "brand" | "group";
export type DdiInteractionType = "mechanism" | "effect" | "advise" | "int";
/** train; test for the DDI-extraction task; test for the drug-NER task. */
export type DdiSplit = "train" | "test-ddi" | "test-ner";

export interface DdiEntity {
  id: string;
  text: string;
  type: DdiEntityType;
  /**
   * Spans as [start, end] with an INCLUSIVE end, as in the corpus ("59-65;75-78" gives two
   * spans for a discontinuous mention). sentence.text.slice(start, end + 1) is the span text.
   */
  spans: [number, number][];
}

export interface DdiPair {
  id: string;
  e1: string;
  e2: string;
  ddi: boolean;
  /** Set when ddi is true. */
  type: DdiInteractionType | null;
}

export interface DdiSentence {
  id: string;
  text: string;
  entities: DdiEntity[];
  pairs: DdiPair[];
}

export interface DdiDocument {
  id: string;
  source: "DrugBank" | "MedLine";
  split: DdiSplit;
  /** Path inside the zip. */
  file: string;
  sentences: DdiSentence[];
}

const ENTITY_TYPES: readonly string[] = ["drug", "drug_n", "brand", "group"];
const DDI_TYPES: readonly string[] = ["mechanism", "effect", "advise", "int"];

function splitOf(entryName: string): { split: DdiSplit; source: DdiDocument["source"] } | null {
  const m = /^DDICorpus\/(Train|Test\/Test for DDI Extraction task|Test\/Test for DrugNER task)\/(DrugBank|MedLine)\/[^/]+\.xml$/.exec(entryName);
  if (!m) return null;
  const split: DdiSplit = m[1] === "Train" ? "train" : m[1]!.includes("DDI Extraction") ? "test-ddi" : "test-ner";
  return { split, source: m[2] as DdiDocument["source"] };
}

function parseSpans(s: string, where: string): [number, number][] {
  return s.split(";").map((part) => {
    const m = /^(\d+)-(\d+)$/.exec(part.trim());
    if (!m) throw new DataFormatError(where, `bad charOffset "${s}"`);
    return [Number(m[1]), Number(m[2])];
  });
}

function need(el: XmlElement, attr: string, where: string): string {
  const v = el.attrs[attr];
  if (v === undefined) throw new DataFormatError(where, `<${el.name}> without ${attr}`);
  return v;
}

export function parseDdiDocument(xml: string, file: string, split: DdiSplit, source: DdiDocument["source"]): DdiDocument {
  const root = parseXml(xml);
  if (root.name !== "document") throw new DataFormatError(file, `root element is <${root.name}>, expected <document>`);
  const sentences = root.children
    .filter((c) => c.name === "sentence")
    .map((s): DdiSentence => {
      const entities: DdiEntity[] = [];
      const pairs: DdiPair[] = [];
      for (const c of s.children) {
        if (c.name === "entity") {
          const type = need(c, "type", file);
          if (!ENTITY_TYPES.includes(type)) throw new DataFormatError(file, `entity ${c.attrs.id} has type "${type}"`);
          entities.push({ id: need(c, "id", file), text: need(c, "text", file), type: type as DdiEntityType, spans: parseSpans(need(c, "charOffset", file), file) });
        } else if (c.name === "pair") {
          const ddi = need(c, "ddi", file);
          if (ddi !== "true" && ddi !== "false") throw new DataFormatError(file, `pair ${c.attrs.id} has ddi="${ddi}"`);
          const type = c.attrs.type ?? null;
          if (type !== null && !DDI_TYPES.includes(type)) throw new DataFormatError(file, `pair ${c.attrs.id} has type "${type}"`);
          pairs.push({ id: need(c, "id", file), e1: need(c, "e1", file), e2: need(c, "e2", file), ddi: ddi === "true", type: type as DdiInteractionType | null });
        }
      }
      return { id: need(s, "id", file), text: need(s, "text", file), entities, pairs };
    });
  return { id: need(root, "id", file), source, split, file, sentences };
}

/** All 1,017 documents of the corpus, ordered by split then zip entry name. */
export async function loadDdiCorpus(): Promise<DdiDocument[]> {
  const path = await resolveDataFile("ddi-corpus", "ddi/DDICorpus-2013.zip");
  const zip = new AdmZip(path);
  const docs: DdiDocument[] = [];
  const entries = zip
    .getEntries()
    .filter((e) => !e.isDirectory)
    .sort((a, b) => (a.entryName < b.entryName ? -1 : a.entryName > b.entryName ? 1 : 0));
  for (const e of entries) {
    const where = splitOf(e.entryName);
    if (!where) continue;
    docs.push(parseDdiDocument(e.getData().toString("utf8"), e.entryName, where.split, where.source));
  }
  if (docs.length === 0) throw new DataFormatError(path, "no DDICorpus/<split>/<source>/*.xml documents in the zip");
  const order: Record<DdiSplit, number> = { train: 0, "test-ddi": 1, "test-ner": 2 };
  return docs.sort((a, b) => order[a.split] - order[b.split]);
}

export interface DdiPairRecord extends DdiPair {
  documentId: string;
  split: DdiSplit;
  sentenceId: string;
  sentence: string;
  entity1: DdiEntity;
  entity2: DdiEntity;
}

/** Every candidate pair with its sentence and both drug mentions resolved. */
export function ddiPairs(docs: readonly DdiDocument[]): DdiPairRecord[] {
  const out: DdiPairRecord[] = [];
  for (const d of docs) {
    for (const s of d.sentences) {
      const byId = new Map(s.entities.map((e) => [e.id, e]));
      for (const p of s.pairs) {
        const entity1 = byId.get(p.e1);
        const entity2 = byId.get(p.e2);
        if (!entity1 || !entity2) throw new DataFormatError(d.file, `pair ${p.id} refers to a missing entity`);
        out.push({ ...p, documentId: d.id, split: d.split, sentenceId: s.id, sentence: s.text, entity1, entity2 });
      }
    }
  }
  return out;
}
