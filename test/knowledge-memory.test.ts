import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineDomain, defineTool, make, registerDomain, type Task } from "../src/env/index.js";
import {
  browseArticleTool,
  getCitationTool,
  retrieveEvidenceTool,
  searchGuidelinesTool,
  searchPubmedTool,
  setDefaultKnowledgeSource,
} from "../src/tools/knowledge.js";
import {
  documentsHash,
  indexWithDiskCache,
  buildDefaultMemorySource,
  defaultPassageSources,
  EVALUATION_DERIVED_SOURCES,
  GENERAL_PASSAGE_SOURCES,
  makeSnippet,
  MAX_K,
  MemoryKnowledgeSource,
  normalizeSearch,
  projectDocuments,
  queryTerms,
  type KnowledgeDocument,
  type KnowledgeSource,
} from "../src/knowledge/index.js";

const DOCS: KnowledgeDocument[] = [
  { id: "a:1", source: "alpha", title: "Pulmonary embolism", text: "Pulmonary embolism is a blockage of a pulmonary artery. Anticoagulation with heparin is first-line. CT pulmonary angiography confirms it." },
  { id: "a:2", source: "alpha", title: "Deep vein thrombosis", text: "A clot in a deep vein of the leg. Compression ultrasound shows a noncompressible vein. Anticoagulation prevents embolism." },
  { id: "b:1", source: "beta", title: "Community-acquired pneumonia", text: "Lobar consolidation on the chest radiograph. Amoxicillin is first-line for outpatients." },
  { id: "b:2", source: "beta", title: "Warfarin", text: "Vitamin K antagonist. Fluconazole raises the INR by inhibiting CYP2C9; monitor closely." },
  { id: "c:1", source: "gamma", title: "Appendicitis", text: "Right lower quadrant pain, fever and leukocytosis; the appendix is dilated on CT." },
];

describe("MemoryKnowledgeSource", () => {
  const kb = new MemoryKnowledgeSource(DOCS, { name: "test" });

  it("ranks the document that matches the query first and returns the hit shape", async () => {
    const hits = await kb.search("pulmonary embolism anticoagulation");
    expect(hits[0]!.id).toBe("a:1");
    expect(hits[0]).toEqual({ id: "a:1", source: "alpha", title: "Pulmonary embolism", snippet: expect.stringContaining("embolism"), score: expect.any(Number) });
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((x, y) => y - x));
  });

  it("honours k, sources and excludeSources", async () => {
    expect(await kb.search("first-line", { k: 1 })).toHaveLength(1);
    const onlyBeta = await kb.search("first-line anticoagulation amoxicillin", { sources: ["beta"] });
    expect(onlyBeta.length).toBeGreaterThan(0);
    expect(onlyBeta.every((h) => h.source === "beta")).toBe(true);
    const noAlpha = await kb.search("embolism anticoagulation", { excludeSources: ["alpha"] });
    expect(noAlpha.every((h) => h.source !== "alpha")).toBe(true);
  });

  it("matches word prefixes and small typos", async () => {
    expect((await kb.search("anticoag"))[0]?.id).toMatch(/^a:/);
    expect((await kb.search("appendicitiss"))[0]?.id).toBe("c:1");
  });

  it("gets a document by id and returns undefined for unknown ids", async () => {
    expect(await kb.get("b:2")).toEqual(DOCS[3]);
    expect(await kb.get("nope")).toBeUndefined();
    // A copy: callers cannot change the index's documents.
    const d = (await kb.get("b:2"))!;
    d.text = "changed";
    expect((await kb.get("b:2"))!.text).toBe(DOCS[3]!.text);
  });

  it("never interprets query text as syntax", async () => {
    const hostile = [
      "",
      "   ",
      "\u0000\u0001\u0002",
      '"embolism" AND NOT warfarin OR *',
      "'; DROP TABLE docs; --",
      "embolism* ~2 ^3 (pneumonia) [x] {y} /regex.*/ \\",
      "__proto__ constructor prototype",
      "a".repeat(100_000),
      "🫁 lungs 肺 embolism",
      "NEAR(embolism warfarin) title:pneumonia",
    ];
    for (const q of hostile) {
      const hits = await kb.search(q, { k: 3 });
      expect(Array.isArray(hits)).toBe(true);
      for (const h of hits) expect(DOCS.some((d) => d.id === h.id)).toBe(true);
    }
    expect(await kb.search("")).toEqual([]);
    expect(await kb.search("the of and")).toEqual([]);
    // Operators are plain words: this finds the documents about embolism, nothing special.
    expect((await kb.search('"embolism" AND NOT warfarin'))[0]?.id).toMatch(/^a:/);
  });

  it("is deterministic, ties ordered by id", async () => {
    const twin = new MemoryKnowledgeSource([
      { id: "z", source: "s", title: "", text: "renal colic" },
      { id: "m", source: "s", title: "", text: "renal colic" },
    ]);
    expect((await twin.search("renal colic")).map((h) => h.id)).toEqual(["m", "z"]);
    expect(await kb.search("anticoagulation embolism")).toEqual(await kb.search("anticoagulation embolism"));
  });

  it("rejects duplicate ids and reports sizes per source", () => {
    expect(() => new MemoryKnowledgeSource([DOCS[0]!, DOCS[0]!])).toThrow(/duplicate document id "a:1"/);
    expect(kb.size).toBe(5);
    expect(kb.sourceCounts()).toEqual({ alpha: 2, beta: 2, gamma: 1 });
  });

  it("satisfies the KnowledgeSource interface", () => {
    const s: KnowledgeSource = kb;
    expect(s.name).toBe("test");
  });
});

describe("disk cache of an index", () => {
  it("reloads an identical index and rebuilds on a corrupt or stale file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "medgym-kb-"));
    try {
      const a = indexWithDiskCache(DOCS, dir);
      const files = readdirSync(dir);
      expect(files).toHaveLength(1);
      expect(files[0]).toContain(documentsHash(DOCS).slice(0, 20));
      const b = indexWithDiskCache(DOCS, dir);
      for (const q of ["embolism anticoagulation", "first-line", "warfarin fluconazole"]) expect(await b.search(q)).toEqual(await a.search(q));
      writeFileSync(join(dir, files[0]!), "{not json");
      const c = indexWithDiskCache(DOCS, dir);
      expect(await c.search("pneumonia")).toEqual(await a.search("pneumonia"));
      // Different documents never reuse the file.
      const other = [...DOCS, { id: "d:1", source: "delta", title: "Gout", text: "Monosodium urate crystals." }];
      expect(documentsHash(other)).not.toBe(documentsHash(DOCS));
      expect((await indexWithDiskCache(other, dir).search("urate"))[0]?.id).toBe("d:1");
      expect(readdirSync(dir).filter((f) => f.endsWith(".json"))).toHaveLength(2);
      expect(existsSync(join(dir, files[0]!))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("query normalisation and snippets", () => {
  it("clamps k and strips control characters", () => {
    expect(normalizeSearch("x", { k: 0 }).k).toBe(1);
    expect(normalizeSearch("x", { k: 1e9 }).k).toBe(MAX_K);
    expect(normalizeSearch("x", { k: Number.NaN }).k).toBe(5);
    expect(normalizeSearch("a\u0000b").query).toBe("a b");
    const { allow } = normalizeSearch("q", { sources: ["a", "b"], excludeSources: ["b"] });
    expect([allow("a"), allow("b"), allow("c")]).toEqual([true, false, false]);
  });

  it("drops stop words and caps the number of terms", () => {
    expect(queryTerms("What is the treatment of the disease?")).toEqual(["treatment", "disease"]);
    expect(queryTerms(Array.from({ length: 200 }, (_, i) => `term${i}`).join(" ")).length).toBe(48);
  });

  it("snippets centre on the sentence with the query terms", () => {
    const text = `${"Filler sentence about nothing in particular. ".repeat(20)}Heparin is first-line for embolism. ${"More filler text here. ".repeat(20)}`;
    const snip = makeSnippet(text, ["heparin", "embolism"]);
    expect(snip).toContain("Heparin is first-line for embolism.");
    expect(snip.length).toBeLessThanOrEqual(330);
  });
});

describe("project documents", () => {
  const docs = projectDocuments();
  const byId = new Map(docs.map((d) => [d.id, d]));

  it("renders conditions, drugs, labs and guideline summaries", () => {
    const sources = new Set(docs.map((d) => d.source));
    expect([...sources].sort()).toEqual(["medgym_condition", "medgym_drug", "medgym_guideline", "medgym_lab"]);
    const stemi = byId.get("condition:stemi")!;
    expect(stemi.title).toBe("ST-elevation myocardial infarction");
    expect(stemi.text).toMatch(/Troponin I elevated/);
    expect(stemi.text).toMatch(/Management: first-line drugs .*aspirin/);
    expect(byId.get("drug:warfarin")?.text).toMatch(/Pregnancy \(category X\)/);
    expect(byId.get("lab:lipase")?.text).toMatch(/Raised in: .*pancreatitis/i);
    expect(docs.some((d) => d.source === "medgym_guideline" && /Key points:/.test(d.text))).toBe(true);
    expect(new Set(docs.map((d) => d.id)).size).toBe(docs.length);
  });
});

describe("default knowledge base", () => {
  it("lists only general passage sources unless an evaluation source is named", () => {
    expect(defaultPassageSources()).toEqual([...GENERAL_PASSAGE_SOURCES]);
    expect(defaultPassageSources({ excludeSources: ["synthea_note"] })).not.toContain("synthea_note");
    expect(defaultPassageSources({ allowEvaluationSources: ["pubmedqa_context", "not_a_source"] })).toEqual([...GENERAL_PASSAGE_SOURCES, "pubmedqa_context"]);
  });

  it("builds within seconds, leaves every evaluation-derived source out and is cached per process", async () => {
    const t0 = performance.now();
    const kb = await buildDefaultMemorySource();
    const ms = performance.now() - t0;
    console.log(`default knowledge base: ${kb.size} documents in ${(ms / 1000).toFixed(1)} s`, kb.sourceCounts());
    // A few seconds on an idle 2-core machine; generous here because test workers share the CPU.
    expect(ms).toBeLessThan(30_000);
    const counts = kb.sourceCounts();
    for (const s of EVALUATION_DERIVED_SOURCES) expect(counts[s]).toBeUndefined();
    for (const s of [...GENERAL_PASSAGE_SOURCES, "medgym_condition", "medgym_drug", "medgym_lab", "medgym_guideline"]) expect(counts[s]).toBeGreaterThan(0);
    // MedQuAD: only the first chunk of each answer (documented limit).
    expect(counts.medquad).toBeLessThan(17_000);
    expect(await buildDefaultMemorySource()).toBe(kb);
    const hits = await kb.search("pulmonary embolism anticoagulation", { k: 5 });
    expect(hits.some((h) => h.id === "condition:pulmonary_embolism")).toBe(true);
    for (const q of ["pubmedqa", "What is the role of CRP in appendicitis?", "ans-a guyton"]) {
      for (const h of await kb.search(q, { k: 20 })) expect(EVALUATION_DERIVED_SOURCES as readonly string[]).not.toContain(h.source);
    }
    // Ids that repeat in the corpus stay unique and stable.
    expect(await kb.get("medquad:0000051-1_0")).toBeDefined();
  });

  it("includes an evaluation source only when asked for by name, and honours excludeSources", async () => {
    const kb = await buildDefaultMemorySource({ allowEvaluationSources: ["pubmedqa_context"], excludeSources: ["synthea_note", "medgym_lab"], maxPerSource: 40 });
    const counts = kb.sourceCounts();
    expect(counts.pubmedqa_context).toBe(40);
    expect(counts.synthea_note).toBeUndefined();
    expect(counts.medgym_lab).toBeUndefined();
    expect(counts.bioasq_snippet).toBeUndefined();
  });
});

describe("shared knowledge tools (src/tools/knowledge.ts)", () => {
  const kb = new MemoryKnowledgeSource([
    ...DOCS,
    { id: "condition:sepsis", source: "medgym_condition", title: "Sepsis", text: "Sepsis is organ dysfunction from infection. Management: first-line drugs piperacillin-tazobactam. Red flags: hypotension." },
    { id: "bc5cdr:123", source: "bc5cdr_abstract", title: "Heparin-induced thrombocytopenia.", text: "Heparin can cause thrombocytopenia in embolism patients." },
  ]);
  interface S {
    docs: KnowledgeDocument[];
  }
  const caseDoc: KnowledgeDocument = { id: "pmid:999", source: "case_article", title: "PubMed 999: study abstract", text: "RESULTS: heparin reduced embolism recurrence." };
  const opts = { source: async () => kb, caseDocuments: (ctx: { state: S }) => ctx.state.docs };
  const tools = [searchPubmedTool<S>(opts), browseArticleTool<S>(opts), retrieveEvidenceTool<S>(opts), searchGuidelinesTool<S>(opts), getCitationTool<S>(opts)];
  const task = (excludeSources?: string[]): Task => ({
    id: `kt-${excludeSources ? "ex" : "all"}`,
    domain: "knowledge_tools_test",
    split: "test",
    description: { purpose: "test", difficulty: "easy" },
    ticket: "t",
    evaluationCriteria: { actions: [], nlAssertions: [], rewardBasis: [] },
    answer: { kind: "text", value: "x" },
    meta: excludeSources ? { excludeSources } : {},
  });
  const domain = defineDomain<S>({
    name: "knowledge_tools_test",
    title: "t",
    description: "t",
    policy: "p",
    tools: [...tools, defineTool<S, z.ZodObject<{ answer: z.ZodString }>>({ name: "submit_answer", description: "Submit.", kind: "terminal", parameters: z.object({ answer: z.string() }), execute: ({ answer }, ctx) => (ctx.submit(answer), "ok") })],
    tasks: () => [task(), task(["bc5cdr_abstract", "case_article"])],
    createState: () => ({ docs: [caseDoc] }),
  });

  it("ranks the case's own document with the literature, browses and cites it", async () => {
    registerDomain(domain);
    const env = make("MedGym-v0", { domain: domain.name, taskId: "kt-all" });
    await env.reset();
    const s = await env.step({ name: "search_pubmed", arguments: { query: "heparin embolism" } });
    expect(s.observation).toMatch(/\[1\] pmid:999 \(case_article\)/);
    expect(s.observation).toContain("bc5cdr:123");
    expect((await env.step({ name: "browse_article", arguments: { id: "999" } })).observation).toContain("heparin reduced embolism recurrence");
    expect((await env.step({ name: "get_citation", arguments: { id: "bc5cdr:123" } })).observation).toBe("Heparin-induced thrombocytopenia. PubMed PMID 123. Abstract from the BioCreative V CDR corpus.");
    expect((await env.step({ name: "search_guidelines", arguments: { query: "sepsis first-line" } })).observation).toMatch(/Management: first-line drugs piperacillin-tazobactam\. Red flags: hypotension\./);
  });

  it("honours a task's excludeSources in search, browse and citation", async () => {
    registerDomain(domain);
    const env = make("MedGym-v0", { domain: domain.name, taskId: "kt-ex" });
    await env.reset();
    const s = await env.step({ name: "retrieve_evidence", arguments: { query: "heparin embolism", k: 10 } });
    expect(s.observation).not.toContain("bc5cdr:123");
    expect(s.observation).not.toContain("pmid:999");
    expect((await env.step({ name: "browse_article", arguments: { id: "bc5cdr:123" } })).info.toolError).toBeDefined();
    expect((await env.step({ name: "get_citation", arguments: { id: "pmid:999" } })).info.toolError).toBeDefined();
  });

  it("lets the default source be swapped for every tool built without one", async () => {
    setDefaultKnowledgeSource(async () => kb);
    try {
      const t = retrieveEvidenceTool<S>();
      const out = await t.execute({ query: "warfarin fluconazole" }, { state: { docs: [] }, task: task(), turn: 1, rng: undefined as never, record() {}, submit() {} });
      expect(out).toContain("b:2");
    } finally {
      setDefaultKnowledgeSource(null);
    }
  });
});
