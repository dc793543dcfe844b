import { z } from "zod";
import { checkInteraction, findDrug } from "../clinical/drugs/index.js";
import { ToolError } from "../env/errors.js";
import { defineTool, type Tool, type ToolContext } from "../env/tool.js";
import { buildDefaultMemorySource } from "../knowledge/memory-source.js";
import { makeSnippet, queryTerms, tokenize } from "../knowledge/memory-source.js";
import type { KnowledgeDocument, KnowledgeHit, KnowledgeSource } from "../knowledge/source.js";

/**
 * Knowledge tools shared by name across domains (DESIGN Appendix A "shared knowledge tools"):
 * literature and encyclopedia search, browsing, evidence retrieval, guidelines, interactions and
 * citations, all over a `KnowledgeSource`. A domain may add case documents (the abstract a question
 * is about, a study report) that are ranked together with the knowledge base but live only in that
 * episode's state. Every tool honours `task.meta.excludeSources` (a string list), so a task built
 * next to a benchmark can keep that benchmark's passages out of reach.
 */
export interface KnowledgeToolOptions<S> {
  /** The knowledge base (default: the per-process default in-memory source). */
  source?: () => Promise<KnowledgeSource>;
  /** Documents of the current case, searched and browsed like the knowledge base. */
  caseDocuments?: (ctx: ToolContext<S>) => readonly KnowledgeDocument[];
}

/** Which corpus each tool reads. Literature = PubMed abstracts and MEDLINE sentences. */
export const LITERATURE_SOURCES = ["bc5cdr_abstract", "ddi_corpus_sentence", "case_article"] as const;
export const WIKI_SOURCES = ["medgym_condition", "medgym_drug", "medgym_lab", "medquad"] as const;
export const GUIDELINE_SOURCES = ["medgym_guideline", "medgym_condition"] as const;

const query = z.string().min(2).max(500).describe("Search words, e.g. 'warfarin bleeding risk elderly'");
const kParam = z.number().int().min(1).max(10).optional().describe("Number of results (default 5)");
const docId = z.string().min(1).max(120);

function excluded<S>(ctx: ToolContext<S>): string[] {
  const ex = ctx.task.meta?.excludeSources;
  return Array.isArray(ex) ? ex.map(String) : [];
}

let sourceFactory: () => Promise<KnowledgeSource> = () => buildDefaultMemorySource();

/**
 * Choose the knowledge base behind every knowledge tool that was not given its own `source`
 * (another backend, or a smaller build for quick tests). `null` restores the default in-memory
 * source. Tools resolve the source on each call, so this applies to tools already defined.
 */
export function setDefaultKnowledgeSource(factory: (() => Promise<KnowledgeSource>) | null): void {
  sourceFactory = factory ?? (() => buildDefaultMemorySource());
}

/** The knowledge base the tools use by default (see setDefaultKnowledgeSource). */
export function defaultKnowledgeSource(): Promise<KnowledgeSource> {
  return sourceFactory();
}

const defaultSource = (): Promise<KnowledgeSource> => sourceFactory();

/** Case documents that share at least half of the query's terms (and at least one), best first. */
export function matchCaseDocuments(docs: readonly KnowledgeDocument[], q: string, sources: readonly string[] | null): KnowledgeHit[] {
  const terms = queryTerms(q);
  if (terms.length === 0) return [];
  const out: KnowledgeHit[] = [];
  for (const d of docs) {
    if (sources && !sources.includes(d.source)) continue;
    const words = new Set(tokenize(`${d.title} ${d.text}`));
    const hits = terms.filter((t) => words.has(t)).length;
    if (hits >= Math.max(1, Math.ceil(terms.length / 2))) {
      out.push({ id: d.id, source: d.source, title: d.title, snippet: makeSnippet(d.text, terms), score: Math.round((hits / terms.length) * 1000) / 1000 });
    }
  }
  return out.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}

export function formatHits(q: string, hits: readonly KnowledgeHit[]): string {
  if (hits.length === 0) return `No results for "${q.slice(0, 80)}". Try other words (a disease, drug or finding name).`;
  const lines = hits.map((h, i) => `[${i + 1}] ${h.id} (${h.source}) ${h.title ? `${h.title} — ` : ""}${h.snippet}`);
  return `${hits.length} result(s) for "${q.slice(0, 80)}":\n${lines.join("\n")}`;
}

interface SearchSpec {
  name: string;
  description: string;
  sources: readonly string[] | null;
  category?: string;
  /** Rewrites a hit's snippet from its full document (e.g. to show the management section). */
  focus?: (doc: KnowledgeDocument, hit: KnowledgeHit) => string;
}

/** A search tool over some sources of the knowledge base (plus the case's own documents). */
export function knowledgeSearchTool<S>(spec: SearchSpec, opts: KnowledgeToolOptions<S> = {}): Tool<S> {
  const getSource = opts.source ?? defaultSource;
  return defineTool<S, z.ZodObject<{ query: typeof query; k: typeof kParam }>>({
    name: spec.name,
    description: spec.description,
    kind: "read",
    category: spec.category ?? "knowledge",
    parameters: z.object({ query, k: kParam }),
    async execute({ query: q, k }, ctx) {
      const n = k ?? 5;
      const ex = excluded(ctx);
      const local = matchCaseDocuments(opts.caseDocuments?.(ctx) ?? [], q, spec.sources).filter((h) => !ex.includes(h.source));
      const kb = await (await getSource()).search(q, { k: n, sources: spec.sources?.filter((s) => s !== "case_article"), excludeSources: ex });
      const seen = new Set(local.map((h) => h.id));
      let hits = [...local, ...kb.filter((h) => !seen.has(h.id))].slice(0, n);
      if (spec.focus) {
        const src = await getSource();
        const docs = opts.caseDocuments?.(ctx) ?? [];
        hits = await Promise.all(
          hits.map(async (h) => {
            const d = docs.find((x) => x.id === h.id) ?? (await src.get(h.id));
            return d ? { ...h, snippet: spec.focus!(d, h) } : h;
          }),
        );
      }
      return formatHits(q, hits);
    },
  });
}

/** A browse tool: the full text of a document by id (or, for encyclopedia entries, by exact title). */
export function knowledgeBrowseTool<S>(
  spec: { name: string; description: string; sources: readonly string[] | null; maxChars?: number },
  opts: KnowledgeToolOptions<S> = {},
): Tool<S> {
  const getSource = opts.source ?? defaultSource;
  const maxChars = spec.maxChars ?? 4_000;
  return defineTool<S, z.ZodObject<{ id: z.ZodString }>>({
    name: spec.name,
    description: spec.description,
    kind: "read",
    category: "knowledge",
    parameters: z.object({ id: docId.describe("A result id from a search, e.g. 'condition:pulmonary_embolism' or 'bc5cdr:8701013'; an exact entry title also works") }),
    async execute({ id }, ctx) {
      const doc = await resolveDocument(id, spec.sources, getSource, opts.caseDocuments?.(ctx) ?? [], excluded(ctx));
      const text = doc.text.length > maxChars ? `${doc.text.slice(0, maxChars)} … [truncated]` : doc.text;
      return `${doc.id} (${doc.source})${doc.title ? `\n${doc.title}` : ""}\n${text}`;
    },
  });
}

const normTitle = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();

export async function resolveDocument(
  id: string,
  sources: readonly string[] | null,
  getSource: () => Promise<KnowledgeSource>,
  caseDocs: readonly KnowledgeDocument[],
  exclude: readonly string[],
): Promise<KnowledgeDocument> {
  const ok = (d: KnowledgeDocument | undefined): d is KnowledgeDocument => !!d && (!sources || sources.includes(d.source)) && !exclude.includes(d.source);
  const local = caseDocs.find((d) => d.id === id || d.id === `pmid:${id}`);
  if (ok(local)) return local;
  const kb = await getSource();
  const direct = await kb.get(id);
  if (ok(direct)) return direct;
  // Bare PubMed ids and entry titles are what people type; resolve them through a search.
  const hits = await kb.search(id, { k: 10, sources: sources?.filter((s) => s !== "case_article"), excludeSources: exclude });
  const byTitle = hits.find((h) => normTitle(h.title) === normTitle(id) || h.id.endsWith(`:${id}`));
  if (byTitle) {
    const d = await kb.get(byTitle.id);
    if (ok(d)) return d;
  }
  const near = hits.slice(0, 3).map((h) => h.id);
  throw new ToolError(`No document "${id.slice(0, 80)}" here.${near.length ? ` Closest: ${near.join(", ")}.` : ""} Use an id from a search result.`);
}

/** Formats a reference for a document id, by source. */
export function citationFor(d: KnowledgeDocument): string {
  const local = d.id.slice(d.id.indexOf(":") + 1).replace(/#\d+$/, "");
  switch (d.source) {
    case "bc5cdr_abstract":
      return `${d.title} PubMed PMID ${local}. Abstract from the BioCreative V CDR corpus.`;
    case "case_article":
      return `${d.title || "Untitled study"} PubMed PMID ${local}.`;
    case "ddi_corpus_sentence":
      return `${local.startsWith("DDI-MedLine") ? "MEDLINE abstract" : "DrugBank text"} ${local.replace(/\.s\d+$/, "")}, sentence ${local.match(/\.s(\d+)$/)?.[1] ?? "?"}. DDI Extraction 2013 corpus.`;
    case "medquad":
      return `"${d.title}" MedQuAD (NIH consumer health question-answer collection), item ${local}.`;
    case "synthea_note":
      return `Synthetic clinical note ${local} (Synthea). Not a real patient.`;
    case "medgym_condition":
      return `${d.title}. MedGym condition profile (project-authored summary), ${d.id}.`;
    case "medgym_drug":
      return `${d.title}. MedGym drug monograph (project-authored), ${d.id}.`;
    case "medgym_lab":
      return `${d.title}. MedGym laboratory reference table (project-authored), ${d.id}.`;
    case "medgym_guideline":
      return `${d.title}. MedGym guideline summary (project-authored), ${d.id}.`;
    default:
      return `${d.title || d.id} (${d.source}).`;
  }
}

export function searchPubmedTool<S>(opts: KnowledgeToolOptions<S> = {}): Tool<S> {
  return knowledgeSearchTool<S>(
    { name: "search_pubmed", description: "Search biomedical literature (PubMed abstracts and MEDLINE sentences, plus the article this case is about). Returns ids, titles and the best-matching passage.", sources: LITERATURE_SOURCES },
    opts,
  );
}

export function browseArticleTool<S>(opts: KnowledgeToolOptions<S> = {}): Tool<S> {
  return knowledgeBrowseTool<S>({ name: "browse_article", description: "Read a literature result in full: title and abstract text (by result id or PMID).", sources: LITERATURE_SOURCES }, opts);
}

export function searchMedicalWikiTool<S>(opts: KnowledgeToolOptions<S> = {}): Tool<S> {
  return knowledgeSearchTool<S>(
    { name: "search_medical_wiki", description: "Search the medical encyclopedia: condition entries, drug monographs, lab reference entries and NIH consumer-health answers.", sources: WIKI_SOURCES },
    opts,
  );
}

export function browseWikiEntryTool<S>(opts: KnowledgeToolOptions<S> = {}): Tool<S> {
  return knowledgeBrowseTool<S>({ name: "browse_wiki_entry", description: "Read an encyclopedia entry in full (by result id such as 'condition:stemi' or by its exact title).", sources: WIKI_SOURCES }, opts);
}

export function retrieveEvidenceTool<S>(opts: KnowledgeToolOptions<S> = {}): Tool<S> {
  return knowledgeSearchTool<S>(
    { name: "retrieve_evidence", description: "Retrieve the passages most relevant to a question from every source of the knowledge base (literature, encyclopedia, drug and lab tables).", sources: null },
    opts,
  );
}

/** The management part of a condition entry: what a guideline summary says. */
export function managementSection(d: KnowledgeDocument, hit: KnowledgeHit): string {
  if (d.source !== "medgym_condition") return hit.snippet;
  const parts = d.text.match(/(Management|Cautions|Red flags): [^]*?(?=(?: (?:Cautions|Red flags): )|$)/g);
  return parts ? parts.join(" ") : hit.snippet;
}

export function searchGuidelinesTool<S>(opts: KnowledgeToolOptions<S> = {}): Tool<S> {
  return knowledgeSearchTool<S>(
    {
      name: "search_guidelines",
      description: "Search guideline-style management summaries: first-line treatment, drugs to avoid, interventions, cautions, red flags and disposition.",
      sources: GUIDELINE_SOURCES,
      focus: managementSection,
    },
    opts,
  );
}

export function getCitationTool<S>(opts: KnowledgeToolOptions<S> = {}): Tool<S> {
  const getSource = opts.source ?? defaultSource;
  return defineTool<S, z.ZodObject<{ id: z.ZodString }>>({
    name: "get_citation",
    description: "Format a citation for a search result id, so a claim can be attributed to its source.",
    kind: "read",
    category: "knowledge",
    parameters: z.object({ id: docId.describe("A result id, e.g. 'bc5cdr:8701013'") }),
    async execute({ id }, ctx) {
      const d = await resolveDocument(id, null, getSource, opts.caseDocuments?.(ctx) ?? [], excluded(ctx));
      return citationFor(d);
    },
  });
}

/**
 * Interaction evidence for a drug pair: the project's interaction table (authored entry or a
 * class-level rule) and the DDI-corpus sentences that mention both drugs.
 */
export function searchDrugInteractionsTool<S>(opts: KnowledgeToolOptions<S> = {}): Tool<S> {
  const getSource = opts.source ?? defaultSource;
  const drug = z.string().min(2).max(80);
  return defineTool<S, z.ZodObject<{ drug_a: z.ZodString; drug_b: z.ZodString }>>({
    name: "search_drug_interactions",
    description: "Interaction between two drugs: severity, mechanism and management from the drug tables, plus literature sentences that mention both.",
    kind: "read",
    category: "knowledge",
    parameters: z.object({ drug_a: drug.describe("Generic drug name, e.g. warfarin"), drug_b: drug.describe("Generic drug name, e.g. fluconazole") }),
    async execute({ drug_a, drug_b }, ctx) {
      const a = findDrug(drug_a);
      const b = findDrug(drug_b);
      const lines: string[] = [];
      if (a && b) {
        if (a.id === b.id) throw new ToolError(`"${drug_a}" and "${drug_b}" are the same drug (${a.name}).`);
        const r = checkInteraction(a.id, b.id);
        lines.push(r ? `${a.name} + ${b.name}: ${r.severity.toUpperCase()} (${r.kind}). ${r.mechanism} Effect: ${r.effect} Management: ${r.management}` : `${a.name} + ${b.name}: no interaction in the drug tables.`);
      } else {
        lines.push(`Drug tables: ${[!a && drug_a, !b && drug_b].filter(Boolean).join(" and ")} not in the formulary; literature only.`);
      }
      const kb = await getSource();
      const na = (a?.name ?? drug_a).toLowerCase();
      const nb = (b?.name ?? drug_b).toLowerCase();
      const hits = await kb.search(`${na} ${nb} interaction`, { k: 30, sources: ["ddi_corpus_sentence", "bc5cdr_abstract"], excludeSources: excluded(ctx) });
      const both: KnowledgeHit[] = [];
      for (const h of hits) {
        const d = await kb.get(h.id);
        const s = `${d?.title ?? ""} ${d?.text ?? ""}`.toLowerCase();
        if (s.includes(na.split(" ")[0]!) && s.includes(nb.split(" ")[0]!)) both.push(h);
      }
      lines.push(both.length ? `Literature (${both.length}):\n${both.slice(0, 4).map((h) => `- ${h.id}: ${h.snippet}`).join("\n")}` : "Literature: no sentence mentions both drugs.");
      return lines.join("\n");
    },
  });
}
