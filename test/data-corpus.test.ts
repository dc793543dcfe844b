import { describe, expect, it } from "vitest";
import { iteratePassages, loadBc5cdr, loadMedicalLexicon, loadMedQuAD, parsePubTator, PASSAGE_SOURCES } from "../src/data/index.js";

describe("MedQuAD", () => {
  it("loads the 16,407 answered QA pairs", async () => {
    const qa = await loadMedQuAD();
    expect(qa).toHaveLength(16407);
    // MedQuAD ids repeat across (and even within) its NIH collections; the line index is the key.
    expect(new Set(qa.map((q) => q.id)).size).toBe(12133);
    expect(new Set(qa.map((q) => `${q.id}|${q.question}`)).size).toBe(16407);
    expect(qa.map((q) => q.index)).toEqual([...Array(16407).keys()]);
    expect(qa[0]).toMatchObject({
      index: 0,
      id: "0000051-1",
      qtype: "information",
      focus: "Paget's Disease of Bone",
      question: "What is (are) Paget's Disease of Bone ?",
      source: "7_SeniorHealth_QA",
      url: "http://nihseniorhealth.gov/pagetsdiseaseofbone/toc.html",
    });
    expect(qa.filter((q) => q.source === "3_GHR_QA")).toHaveLength(5430);
    expect(qa.every((q) => q.answer.length > 0)).toBe(true);
  });
});

describe("BC5CDR", () => {
  it("loads 1,500 distinct abstracts, 500 per split (the training file's repeated dev half is dropped)", async () => {
    const all = await loadBc5cdr();
    expect(all).toHaveLength(1500);
    expect(new Set(all.map((a) => a.pmid)).size).toBe(1500);
    for (const split of ["train", "dev", "test"] as const) {
      expect(all.filter((a) => a.split === split), split).toHaveLength(500);
    }
    expect((await loadBc5cdr({ split: "dev" }))[0]!.pmid).toBe("6794356");
    expect(all.reduce((s, a) => s + a.relations.length, 0)).toBe(3116);
  });

  it("keeps annotation offsets aligned with title + ' ' + abstract", async () => {
    const all = await loadBc5cdr();
    let n = 0;
    const misaligned: string[] = [];
    for (const a of all) {
      const text = `${a.title} ${a.abstract}`;
      for (const an of a.annotations) {
        n++;
        if (text.slice(an.start, an.end) !== an.text) misaligned.push(`${a.pmid}:${an.start}-${an.end}`);
      }
    }
    expect(n).toBe(28785);
    expect(misaligned).toEqual([]);
    const toxic = all.find((a) => a.pmid === "2234245")!.annotations[0]!;
    expect(toxic).toEqual({
      start: 0,
      end: 28,
      text: "Ocular and auditory toxicity",
      type: "Disease",
      meshIds: ["D014786", "D006311"],
      componentNames: ["Ocular toxicity", "auditory toxicity"],
    });
    const noId = all.find((a) => a.pmid === "227508")!.annotations.find((x) => x.text === "nalozone")!;
    expect(noId.meshIds).toEqual([]);
  });

  it("rejects malformed PubTator blocks", () => {
    expect(() => parsePubTator("1|t|T\n2|a|A\n", "f.txt", "test")).toThrow(/lacks \|t\| and \|a\| lines/);
    expect(() => parsePubTator("1|t|T\n1|a|A\n1\t0\t1\tT\tGene\tX\n", "f.txt", "test")).toThrow(/annotation type "Gene"/);
    expect(parsePubTator("1|t|T\n1|a|A\n1\tCID\tD1\tD2\n\n", "f.txt", "test")[0]!.relations).toEqual([{ type: "CID", chemical: "D1", disease: "D2" }]);
  });
});

describe("passage corpus", () => {
  it("streams 70,358 passages with their sources", async () => {
    const counts: Record<string, number> = {};
    let n = 0;
    for await (const p of iteratePassages()) {
      n++;
      counts[p.source] = (counts[p.source] ?? 0) + 1;
      if (n === 1) {
        expect(p.id).toBe("bioasq_snippet:5d387360a1e1595105000007_0");
        expect(p.title).toBe("http://www.ncbi.nlm.nih.gov/pubmed/24667640");
      }
    }
    expect(n).toBe(70358);
    expect(Object.keys(counts).sort()).toEqual([...PASSAGE_SOURCES].sort());
    expect(counts).toMatchObject({ medquad: 29613, bioasq_snippet: 20552, ddi_corpus_sentence: 8133, bc5cdr_abstract: 1500, synthea_note: 1215 });
  });

  it("filters by source while streaming", async () => {
    let n = 0;
    const seen = new Set<string>();
    for await (const p of iteratePassages({ sources: ["bc5cdr_abstract", "synthea_note"] })) {
      seen.add(p.source);
      n++;
    }
    expect(n).toBe(2715);
    expect([...seen].sort()).toEqual(["bc5cdr_abstract", "synthea_note"]);
  });
});

describe("hunspell medical lexicon", () => {
  it("reads the 90,142 declared entries, skipping the indented header block", async () => {
    const lex = await loadMedicalLexicon();
    expect(lex.declaredCount).toBe(90142);
    expect(lex.entries).toHaveLength(90142);
    expect(lex.entries[0]).toEqual({ word: "11-dehydrocorticosterone", flags: "" });
    expect(lex.entries.find((e) => e.word === "Aarskog")).toEqual({ word: "Aarskog", flags: "M" });
    expect(lex.entries[lex.entries.length - 1]!.word).toBe("Zyvox");
    expect(lex.entries.filter((e) => e.flags !== "")).toHaveLength(6590);
    expect(lex.entries.some((e) => /[ \t\r\n]/.test(e.word))).toBe(false);
    // Three eponyms lost their "ö" to a no-break space upstream (Schönlein, Sjögren, ...).
    expect(lex.entries.filter((e) => e.word.includes("\u00a0")).map((e) => e.word.replace("\u00a0", "?"))).toEqual(["Sch?nberg", "Sch?nlein", "Sj?gren"]);
  });
});
