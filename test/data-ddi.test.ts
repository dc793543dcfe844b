import { beforeAll, describe, expect, it } from "vitest";
import { ddiPairs, loadDdiCorpus, parseDdiDocument, type DdiDocument } from "../src/data/index.js";

describe("DDI Extraction 2013 corpus", () => {
  let docs: DdiDocument[];
  beforeAll(async () => {
    docs = await loadDdiCorpus();
  });

  it("has 1,017 documents across the splits and sources", () => {
    expect(docs).toHaveLength(1017);
    expect(new Set(docs.map((d) => d.id)).size).toBe(1017);
    const bySplit: Record<string, number> = {};
    for (const d of docs) bySplit[`${d.split}/${d.source}`] = (bySplit[`${d.split}/${d.source}`] ?? 0) + 1;
    expect(bySplit).toEqual({
      "train/DrugBank": 572,
      "train/MedLine": 142,
      "test-ddi/DrugBank": 158,
      "test-ddi/MedLine": 33,
      "test-ner/DrugBank": 54,
      "test-ner/MedLine": 58,
    });
    expect(docs.reduce((s, d) => s + d.sentences.length, 0)).toBe(8940);
  });

  it("has 34,449 pairs (5,000 interactions) with typed labels", () => {
    const pairs = ddiPairs(docs);
    expect(pairs).toHaveLength(34449);
    const pos = pairs.filter((p) => p.ddi);
    expect(pos).toHaveLength(5000);
    const types: Record<string, number> = {};
    for (const p of pos) if (p.type !== null) types[p.type] = (types[p.type] ?? 0) + 1;
    expect(types).toEqual({ mechanism: 1621, effect: 2047, advise: 1047, int: 284 });
    // One positive pair carries no type attribute upstream.
    expect(pos.filter((p) => p.type === null)).toHaveLength(1);
    expect(pairs.filter((p) => !p.ddi).every((p) => p.type === null)).toBe(true);
    expect(pairs.filter((p) => p.split === "test-ner")).toHaveLength(941);
    const first = pairs.find((p) => p.id === "DDI-MedLine.d208.s0.p0")!;
    expect(first).toMatchObject({ ddi: true, type: "effect", entity1: { text: "Implanon", type: "brand" }, entity2: { text: "antiretroviral", type: "group" } });
  });

  it("keeps entity offsets aligned with the sentence text (inclusive ends)", () => {
    let entities = 0;
    let discontinuous = 0;
    const misaligned: string[] = [];
    const types: Record<string, number> = {};
    for (const d of docs) {
      for (const s of d.sentences) {
        for (const e of s.entities) {
          entities++;
          types[e.type] = (types[e.type] ?? 0) + 1;
          if (e.spans.length > 1) {
            discontinuous++;
            continue;
          }
          const [a, b] = e.spans[0]!;
          if (s.text.slice(a, b + 1) !== e.text) misaligned.push(e.id);
        }
      }
    }
    expect(misaligned).toEqual([]);
    expect(entities).toBe(18491);
    expect(discontinuous).toBe(49);
    expect(types).toEqual({ drug: 11640, group: 4221, brand: 1865, drug_n: 765 });
  });

  it("parses a document and rejects bad labels", () => {
    const xml = `<?xml version="1.0"?>
<document id="D1">
  <sentence id="D1.s0" text="Aspirin &amp; warfarin&#xa;bleed.">
    <entity id="D1.s0.e0" charOffset="0-6" type="drug" text="Aspirin"/>
    <entity id="D1.s0.e1" charOffset="10-17" type="drug" text="warfarin"/>
    <pair id="D1.s0.p0" e1="D1.s0.e0" e2="D1.s0.e1" ddi="true" type="effect"/>
  </sentence>
</document>`;
    const doc = parseDdiDocument(xml, "x.xml", "train", "MedLine");
    expect(doc.sentences[0]!.text).toBe("Aspirin & warfarin\nbleed.");
    expect(doc.sentences[0]!.entities[1]!.spans).toEqual([[10, 17]]);
    expect(doc.sentences[0]!.text.slice(10, 18)).toBe("warfarin");
    expect(ddiPairs([doc])[0]!.entity2.text).toBe("warfarin");
    expect(() => parseDdiDocument(xml.replace('type="effect"', 'type="synergy"'), "x.xml", "train", "MedLine")).toThrow(
      'Unexpected format in x.xml: pair D1.s0.p0 has type "synergy"',
    );
    expect(() => parseDdiDocument(xml.replace('ddi="true"', 'ddi="yes"'), "x.xml", "train", "MedLine")).toThrow(/has ddi="yes"/);
    expect(() => parseDdiDocument(xml.replace('charOffset="0-6"', 'charOffset="a-b"'), "x.xml", "train", "MedLine")).toThrow(/bad charOffset "a-b"/);
  });
});
