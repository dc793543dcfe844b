import { existsSync, readFileSync } from "node:fs";
import { isAbsolute } from "node:path";
import { describe, expect, it } from "vitest";
import { imageAt, listVqaRadImages, loadPathVqaSubset, loadPneumoniaMnist, loadVqaRad } from "../src/data/index.js";

const isJpeg = (path: string) => {
  const b = readFileSync(path);
  return b[0] === 0xff && b[1] === 0xd8;
};

describe("VQA-RAD", () => {
  it("has 2,248 QA split 1,797 / 451 by phrase_type, CLOSED 1,299 / OPEN 949", async () => {
    const all = await loadVqaRad();
    expect(all).toHaveLength(2248);
    expect(new Set(all.map((q) => q.id)).size).toBe(2248);
    expect(all.filter((q) => q.split === "train")).toHaveLength(1797);
    expect(all.filter((q) => q.split === "test")).toHaveLength(451);
    expect(all.filter((q) => q.answerType === "CLOSED")).toHaveLength(1299);
    expect(all.filter((q) => q.answerType === "OPEN")).toHaveLength(949);
    expect(all.filter((q) => q.split === "test").every((q) => q.phraseType.startsWith("test_"))).toBe(true);
    expect(all.every((q) => typeof q.answer === "string")).toBe(true);
    expect(all[0]).toMatchObject({
      id: "0",
      split: "train",
      phraseType: "freeform",
      imageName: "synpic54610.jpg",
      imageOrgan: "HEAD",
      question: "Are regions of the brain infarcted?",
      answer: "Yes",
      answerType: "CLOSED",
      questionType: "PRES",
    });
    const test = await loadVqaRad({ split: "test" });
    expect(test).toHaveLength(451);
    expect(test.every((q) => q.split === "test")).toBe(true);
  });

  it("points every row at an existing absolute image path; 315 images, 314 with questions", async () => {
    const all = await loadVqaRad();
    const used = new Set(all.map((q) => q.imagePath));
    expect(used.size).toBe(314);
    for (const p of used) {
      expect(isAbsolute(p)).toBe(true);
      expect(existsSync(p)).toBe(true);
    }
    expect(isJpeg(all[0]!.imagePath)).toBe(true);
    const images = await listVqaRadImages();
    expect(images).toHaveLength(315);
    expect(images.filter((p) => !used.has(p))).toHaveLength(1);
  });
});

describe("PathVQA test subset", () => {
  it("has 2,234 QA over 250 existing images", async () => {
    const qa = await loadPathVqaSubset();
    expect(qa).toHaveLength(2234);
    const images = new Set(qa.map((q) => q.imagePath));
    expect(images.size).toBe(250);
    for (const p of images) expect(existsSync(p)).toBe(true);
    expect(isJpeg(qa[0]!.imagePath)).toBe(true);
    expect(qa[0]).toMatchObject({
      id: "pathvqa-0",
      imageName: "pathvqa_00000.jpg",
      question: "what are positively charged, thus allowing the compaction of the negatively charged dna?",
      answer: "the histone subunits",
      answerType: "OPEN",
      questionTypeHeuristic: "ATTRIBUTE",
    });
    expect(qa.filter((q) => q.answerType === "CLOSED")).toHaveLength(1062);
    expect(qa.filter((q) => q.answerType === "OPEN")).toHaveLength(1172);
  });
});

describe("PneumoniaMNIST", () => {
  it("parses the npz into uint8 images and 0/1 labels per split", async () => {
    const d = await loadPneumoniaMnist();
    expect([d.train.count, d.val.count, d.test.count]).toEqual([3882, 524, 624]);
    for (const s of [d.train, d.val, d.test]) {
      expect(s.height).toBe(28);
      expect(s.width).toBe(28);
      expect(s.images).toBeInstanceOf(Uint8Array);
      expect(s.images.length).toBe(s.count * 28 * 28);
      expect(s.labels.length).toBe(s.count);
      const ones = s.labels.reduce((a, b) => a + b, 0);
      expect(ones).toBeGreaterThan(0);
      expect(ones).toBeLessThan(s.count);
    }
    const img = imageAt(d.test, 0);
    expect(img.length).toBe(784);
    expect(Math.max(...img)).toBeGreaterThan(Math.min(...img));
    expect(() => imageAt(d.test, 624)).toThrow("image index 624 outside 0..623");
    expect(d.labelNames).toEqual(["normal", "pneumonia"]);
  });
});
