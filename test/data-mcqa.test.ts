import { beforeAll, describe, expect, it } from "vitest";
import {
  loadBioAsq,
  loadBioAsqYesNo,
  loadMedMCQA,
  loadMedQA,
  loadMmluMedical,
  loadMmluProHealth,
  loadPubMedQA,
  MCQA_SETS,
  loadMcqaSet,
  OPTION_LETTERS,
  type BioAsqQuestion,
  type McqaItem,
} from "../src/data/index.js";

/** Checks every item; collects problems so one assertion reports them all (and stays fast). */
function expectWellFormed(items: McqaItem[], minOptions: number, maxOptions: number): void {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const it of items) {
    const keys = Object.keys(it.options);
    if (typeof it.question !== "string" || it.question.length === 0) problems.push(`${it.id}: empty question`);
    // Letters are contiguous from A, so "answer is a key" also means "a valid letter".
    if (keys.join() !== OPTION_LETTERS.slice(0, keys.length).join()) problems.push(`${it.id}: option keys ${keys.join()}`);
    if (keys.length < minOptions || keys.length > maxOptions) problems.push(`${it.id}: ${keys.length} options`);
    if (!keys.includes(it.answer)) problems.push(`${it.id}: answer ${it.answer} not in ${keys.join()}`);
    if (Object.values(it.options).some((t) => typeof t !== "string")) problems.push(`${it.id}: non-string option`);
    ids.add(it.id);
  }
  expect(problems).toEqual([]);
  expect(ids.size).toBe(items.length);
}

describe("MedQA-USMLE", () => {
  it("loads the 1,273 4-option test items with the answer text in meta", async () => {
    const items = await loadMedQA();
    expect(items).toHaveLength(1273);
    expectWellFormed(items, 4, 4);
    const first = items[0]!;
    expect(first.id).toBe("medqa-test-0");
    expect(first.answer).toBe("B");
    expect(first.options.B).toBe(first.meta.answerText);
    expect(first.meta.step).toBe("step1");
    expect(items.filter((i) => i.meta.step === "step1")).toHaveLength(679);
    expect(items.filter((i) => i.meta.step === "step2&3")).toHaveLength(594);
  });
});

describe("MedMCQA", () => {
  it("loads the 4,183 dev items with explanation, subject and topic", async () => {
    const items = await loadMedMCQA();
    expect(items).toHaveLength(4183);
    expectWellFormed(items, 4, 4);
    const first = items[0]!;
    expect(first.id).toBe("45258d3d-b974-44dd-a161-c3fccbdadd88");
    expect(first.answer).toBe("A"); // cop 1
    expect(first.options.A).toBe("Impulse through myelinated fibers is slower than non-myelinated fibers");
    expect(first.meta).toEqual({ exp: null, subject: "Physiology", topic: null, choiceType: "multi" });
    expect(items[1]!.meta.exp).toMatch(/^Ans-a\. The oncotic pressure/);
    expect(items.filter((i) => i.meta.exp === null)).toHaveLength(1977);
    const letters = Object.fromEntries(["A", "B", "C", "D"].map((l) => [l, items.filter((i) => i.answer === l).length]));
    expect(letters).toEqual({ A: 1348, B: 1085, C: 925, D: 825 });
  });
});

describe("MMLU medical subjects", () => {
  it("loads each subject with its README count", async () => {
    const expected = {
      anatomy: 135,
      clinical_knowledge: 265,
      college_biology: 144,
      college_medicine: 173,
      medical_genetics: 100,
      professional_medicine: 272,
    } as const;
    const all = await loadMmluMedical();
    expect(all).toHaveLength(1089);
    expectWellFormed(all, 4, 4);
    for (const [subject, n] of Object.entries(expected)) {
      expect(all.filter((i) => i.meta.subject === subject), subject).toHaveLength(n);
    }
    const genetics = await loadMmluMedical({ subjects: "medical_genetics" });
    expect(genetics).toHaveLength(100);
    expect(genetics.every((i) => i.meta.subject === "medical_genetics")).toBe(true);
    const two = await loadMmluMedical({ subjects: ["anatomy", "college_medicine"] });
    expect(two).toHaveLength(135 + 173);
    expect(all[1]!.question).toBe('A "dished face" profile is often associated with');
  });

  it("rejects an unknown subject", async () => {
    await expect(loadMmluMedical({ subjects: ["astronomy" as never] })).rejects.toThrow(/Unknown MMLU medical subject "astronomy"/);
  });
});

describe("PubMedQA", () => {
  it("loads the 1,000 labelled items with contexts and the 500-id test split", async () => {
    const labelled = await loadPubMedQA();
    expect(labelled).toHaveLength(1000);
    expectWellFormed(labelled, 3, 3);
    expect(labelled[0]!.options).toEqual({ A: "yes", B: "no", C: "maybe" });
    const dist = Object.fromEntries(["A", "B", "C"].map((l) => [l, labelled.filter((i) => i.answer === l).length]));
    expect(dist).toEqual({ A: 552, B: 338, C: 110 });
    // File order is kept although PMIDs are integer-like object keys.
    expect(labelled[0]!.id).toBe("pubmedqa-21645374");
    const lace = labelled[0]!;
    expect(lace.meta.contexts).toHaveLength(2);
    expect(lace.meta.labels).toEqual(["BACKGROUND", "RESULTS"]);
    expect(lace.meta.longAnswer).toMatch(/^Results depicted mitochondrial dynamics/);

    const test = await loadPubMedQA({ split: "test" });
    expect(test).toHaveLength(500);
    expectWellFormed(test, 3, 3);
    expect(test[0]!.id).toBe("pubmedqa-12377809");
    expect(test[0]!.answer).toBe("A");
    const labelledIds = new Set(labelled.map((i) => i.id));
    expect(test.every((i) => labelledIds.has(i.id))).toBe(true);
    expect(test.every((i) => i.meta.contexts.length > 0)).toBe(true);
  });
});

describe("BioASQ", () => {
  let all: BioAsqQuestion[];
  beforeAll(async () => {
    all = await loadBioAsq();
  });

  it("loads all 2,310 questions with types, gold documents and snippets", () => {
    expect(all).toHaveLength(2310);
    expect(new Set(all.map((q) => q.id)).size).toBe(2310);
    const types = Object.fromEntries(["yesno", "factoid", "list", "summary"].map((t) => [t, all.filter((q) => q.type === t).length]));
    expect(types).toEqual({ yesno: 618, factoid: 740, list: 409, summary: 543 });
    expect(new Set(all.map((q) => q.batch)).size).toBe(25);
    expect(all.reduce((s, q) => s + q.snippets.length, 0)).toBe(21998);
    const problems: string[] = [];
    for (const q of all) {
      if (q.documents.length === 0 || q.pmids.length !== q.documents.length) problems.push(`${q.id}: documents`);
      if (q.snippets.some((s) => !/^\d+$/.test(s.pmid))) problems.push(`${q.id}: snippet pmid`);
      if (q.type === "summary" && q.exactAnswer !== null) problems.push(`${q.id}: summary with exact answer`);
      if ((q.type === "factoid" || q.type === "list") && !(Array.isArray(q.exactAnswer) && q.exactAnswer.every((a) => Array.isArray(a)))) {
        problems.push(`${q.id}: exact answer is not a list of synonym lists`);
      }
    }
    expect(problems).toEqual([]);
    const baloxavir = all.find((q) => q.id === "5c58a74e86df2b917400000d")!;
    expect(baloxavir).toMatchObject({ type: "yesno", batch: "7B1", exactAnswer: "yes", body: "Is Baloxavir effective for influenza?" });
    expect(baloxavir.pmids[0]).toBe("29623652");
  });

  it("exposes the 618 yes/no questions as MCQA (A = yes, B = no)", async () => {
    const yn = await loadBioAsqYesNo();
    expect(yn).toHaveLength(618);
    expectWellFormed(yn, 2, 2);
    expect(yn.filter((i) => i.answer === "A")).toHaveLength(395); // 394 "yes" + 1 "Yes"
    expect(yn.filter((i) => i.answer === "B")).toHaveLength(223);
    expect(yn[0]!.meta.snippets.length).toBeGreaterThan(0);
  });
});

describe("MMLU-Pro health", () => {
  it("loads 553 test items with 3-10 options (empty padding dropped) and 3 validation items", async () => {
    const items = await loadMmluProHealth();
    expect(items).toHaveLength(553);
    expectWellFormed(items, 3, 10);
    const counts = new Map<number, number>();
    for (const i of items) counts.set(Object.keys(i.options).length, (counts.get(Object.keys(i.options).length) ?? 0) + 1);
    expect(counts.get(10)).toBe(398);
    expect(counts.get(4)).toBe(45);
    expect(counts.get(3)).toBe(2);
    const polio = items.find((i) => i.id === "mmlu-pro-6001")!;
    expect(polio.answer).toBe("E");
    expect(Object.keys(polio.options)).toEqual(["A", "B", "C", "D", "E", "F", "G"]);
    expect(polio.meta.src).toBe("ori_mmlu-virology");
    expect(await loadMmluProHealth({ split: "validation" })).toHaveLength(3);
  });
});

describe("MCQA sets by name", () => {
  it("loads every named set and each answer is one of its option keys", async () => {
    const sizes: Record<string, number> = {};
    const bad: string[] = [];
    for (const name of MCQA_SETS) {
      const items = await loadMcqaSet(name);
      for (const i of items) if (!(i.answer in i.options)) bad.push(`${name}/${i.id}`);
      sizes[name] = items.length;
    }
    expect(bad).toEqual([]);
    expect(sizes).toEqual({
      medqa: 1273,
      medmcqa: 4183,
      mmlu_anatomy: 135,
      mmlu_clinical_knowledge: 265,
      mmlu_college_biology: 144,
      mmlu_college_medicine: 173,
      mmlu_medical_genetics: 100,
      mmlu_professional_medicine: 272,
      pubmedqa: 500,
      bioasq_yesno: 618,
      mmlu_pro_health: 553,
    });
  });
});
