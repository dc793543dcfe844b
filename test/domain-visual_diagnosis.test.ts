import { existsSync } from "node:fs";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { make, playTasks, registerDomain, type Env, type Task, type ToolCall } from "../src/env/index.js";
import { loadVqaRad } from "../src/data/index.js";
import { buildDefaultMemorySource } from "../src/knowledge/index.js";
import { randomPolicy } from "../src/policy/random.js";
import { setDefaultKnowledgeSource } from "../src/tools/knowledge.js";
import { visualDiagnosis } from "../domains/visual_diagnosis/index.js";
import { decodeGray, encodePngGray, imageSize, regionStats, segmentObject } from "../domains/visual_diagnosis/images.js";
import { similarVqaImages } from "../domains/visual_diagnosis/library.js";
import {
  drawSynthetic,
  pneumoniaTaskIndices,
  pneumoniaTrain,
  syntheticStudy,
  SYNTH_SPACING_MM,
  vqaRadImagePath,
  vqaRadTestDeclaration,
  vqaRadTrainRows,
} from "../domains/visual_diagnosis/sources.js";
import { generateTasks, PNEUMONIA_PER_CLASS, vqaImageSplit } from "../domains/visual_diagnosis/tasks.js";

// search_imaging_knowledge is the only knowledge tool here; a small build of the default sources
// keeps the test quick (the full build is tested in knowledge-memory.test.ts).
beforeAll(() => {
  setDefaultKnowledgeSource(() => buildDefaultMemorySource({ maxPerSource: 300 }));
  registerDomain(visualDiagnosis);
});

const REFERENCE_TOOLS = [
  "analyze_medical_image",
  "get_image_report",
  "get_patient_context",
  "search_similar_cases",
  "compare_with_prior",
  "search_imaging_knowledge",
  "measure_lesion",
  "classify_finding",
  "annotate_regions",
  "calculate_image_metrics",
  "get_differential_visual",
  "assess_image_quality",
  "track_lesion_changes",
  "think",
  "submit_answer",
  "record_visual_diagnosis",
  "crop_image",
  "zoom_region",
  "get_region_statistics",
];

const tasks = () => visualDiagnosis.tasksFor("all");
const family = (f: string, pred: (t: Task) => boolean = () => true) => tasks().find((t) => t.meta?.family === f && pred(t))!;

async function episode(task: Task): Promise<Env> {
  const env = make("MedGym-v0", { domain: "visual_diagnosis", taskId: task.id, maxTurns: 60 });
  await env.reset({ seed: 2 });
  return env;
}

describe("pixel operations", () => {
  it("writes PNGs that sharp decodes to the same pixels, and reads sizes from headers", async () => {
    const img = { width: 5, height: 3, data: Uint8Array.from({ length: 15 }, (_, i) => i * 17) };
    const png = encodePngGray(img);
    const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height, info.channels]).toEqual([5, 3, 1]);
    expect([...data]).toEqual([...img.data]);
    const row = vqaRadTrainRows()[0]!;
    const meta = await sharp(vqaRadImagePath(row.imageName)).metadata();
    expect(imageSize(vqaRadImagePath(row.imageName))).toEqual({ width: meta.width, height: meta.height });
  });

  it("segments and measures a synthetic lesion within a pixel or two of its true size", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const s = syntheticStudy(seed * 7919);
      const img = drawSynthetic(s, "prior");
      const half = Math.ceil(2 * s.lesion.a + 6);
      const seg = segmentObject(img, { x: s.lesion.cx - half, y: s.lesion.cy - half, width: 2 * half + 1, height: 2 * half + 1 });
      expect(seg).not.toBeNull();
      expect(Math.abs(seg!.longestPx - 2 * s.lesion.a)).toBeLessThan(2);
      expect(seg!.polarity).toBe(s.lesion.dark ? "dark" : "bright");
      // Plain liver (no lesion) gives no object.
      const plain = segmentObject(img, { x: 60, y: 150, width: 24, height: 14 });
      expect(plain).toBeNull();
    }
  });

  it("computes region statistics on the real decoded image", async () => {
    const row = vqaRadTrainRows()[0]!;
    const img = await decodeGray(vqaRadImagePath(row.imageName));
    const s = regionStats(img, { x: 0, y: 0, width: img.width, height: img.height }, 4);
    expect(s.n).toBe(img.width * img.height);
    expect(s.histogram.reduce((a, b) => a + b, 0)).toBe(s.n);
    expect(s.min).toBeLessThanOrEqual(s.p50);
    expect(s.p50).toBeLessThanOrEqual(s.max);
  });
});

describe("visual_diagnosis tools", () => {
  it("has the reference tools plus the region tools", () => {
    expect(visualDiagnosis.tools.length).toBeGreaterThanOrEqual(16);
    for (const n of REFERENCE_TOOLS) expect(visualDiagnosis.toolNames()).toContain(n);
  });

  it("each tool answers a well-formed call and refuses a bad one", async () => {
    const t = family("followup", (x) => Number(x.meta?.factor) > 1.3);
    const env = await episode(t);
    const rep = (await env.step({ name: "get_image_report", arguments: { image_id: "IMG-0" } })).observation;
    const x = Number(rep.match(/x (\d+)/)![1]);
    const y = Number(rep.match(/y (\d+)/)![1]);
    const box = { x: x - 34, y: y - 34, width: 69, height: 69 };
    const happy: [ToolCall, RegExp][] = [
      [{ name: "list_images", arguments: {} }, /IMG-0 \(prior\) 256 x 256 px, 0\.80 mm\/px/],
      [{ name: "analyze_medical_image", arguments: { image_id: "IMG-1" } }, /3 x 3 grid means/],
      [{ name: "get_patient_context", arguments: {} }, /Metastatic/],
      [{ name: "compare_with_prior", arguments: { box } }, /px \([\d.]+%\) changed/],
      [{ name: "search_imaging_knowledge", arguments: { query: "liver metastases CT" } }, /result\(s\)|No results/],
      [{ name: "measure_lesion", arguments: { image_id: "IMG-0", box } }, /longest diameter [\d.]+ px \([\d.]+ mm\)/],
      [{ name: "classify_finding", arguments: { image_id: "IMG-0", box } }, /(hypodense|hyperdense).*margin/],
      [{ name: "annotate_regions", arguments: { image_id: "IMG-1", regions: [{ label: "target lesion", box }] } }, /1 region\(s\) annotated/],
      [{ name: "calculate_image_metrics", arguments: { image_id: "IMG-1", box, background_box: { x: 0, y: 0, width: 20, height: 20 } } }, /SNR [\d.]+; entropy [\d.]+ bits; sharpness .*; CNR/],
      [{ name: "get_differential_visual", arguments: { finding: "lobar consolidation", modality: "xray", region: "chest" } }, /Community-acquired pneumonia/],
      [{ name: "assess_image_quality", arguments: { image_id: "IMG-1" } }, /Verdict:/],
      [{ name: "track_lesion_changes", arguments: { prior_image_id: "IMG-0", current_image_id: "IMG-1", box } }, /RECIST 1\.1 \(single target lesion\): progressive disease \(PD\)/],
      [{ name: "crop_image", arguments: { image_id: "IMG-1", box } }, /^IMG-2: crop of IMG-1 .* 69 x 69 px/],
      [{ name: "zoom_region", arguments: { image_id: "IMG-2", scale: 3 } }, /^IMG-3: .* enlarged x3 to 207 x 207 px/],
      [{ name: "get_region_statistics", arguments: { image_id: "IMG-3", bins: 4 } }, /Histogram \(4 bins/],
      [{ name: "compare_regions", arguments: { image_id: "IMG-1", box_a: box, box_b: { x: 150, y: 60, width: 30, height: 30 } } }, /Difference/],
      [{ name: "record_visual_diagnosis", arguments: { diagnosis: "liver metastasis, progressive disease", confidence: "high" } }, /Recorded/],
      [{ name: "think", arguments: { thought: "Target lesion grew." } }, /Noted/],
    ];
    for (const [c, re] of happy) {
      const r = await env.step(c);
      expect(r.info.formatError, `${c.name}: ${r.observation}`).toBeUndefined();
      expect(r.info.toolError, `${c.name}: ${r.observation}`).toBeUndefined();
      expect(r.observation, c.name).toMatch(re);
    }
    // Crops and zooms are real files with the stated size.
    const files = env.record().turns.map((x) => x.observation.match(/^IMG-\d+: .*; file (\S+\.png)$/)?.[1]).filter(Boolean) as string[];
    expect(files.length).toBe(2);
    for (const f of files) expect(existsSync(f)).toBe(true);
    expect((await sharp(files[1]!).metadata()).width).toBe(207);
    const bad: ToolCall[] = [
      { name: "list_images", arguments: { image_id: "IMG-1" } },
      { name: "analyze_medical_image", arguments: { image_id: "IMG-9" } },
      { name: "get_image_report", arguments: {} },
      { name: "get_patient_context", arguments: { x: 1 } },
      { name: "search_similar_cases", arguments: { image_id: "IMG-1" } },
      { name: "compare_with_prior", arguments: { box: { x: 250, y: 250, width: 20, height: 20 } } },
      { name: "search_imaging_knowledge", arguments: { query: "" } },
      { name: "measure_lesion", arguments: { image_id: "IMG-1", box: { x: 0, y: 0, width: 3, height: 3 } } },
      { name: "classify_finding", arguments: { image_id: "IMG-1" } },
      { name: "annotate_regions", arguments: { image_id: "IMG-1", regions: [] } },
      { name: "calculate_image_metrics", arguments: { image_id: "IMG-1", box: { x: -1, y: 0, width: 5, height: 5 } } },
      { name: "get_differential_visual", arguments: { finding: "of the" } },
      { name: "assess_image_quality", arguments: { image_id: 1 } },
      { name: "track_lesion_changes", arguments: { prior_image_id: "IMG-1", current_image_id: "IMG-1", box } },
      { name: "crop_image", arguments: { image_id: "IMG-1", box: { x: 200, y: 200, width: 100, height: 100 } } },
      { name: "zoom_region", arguments: { image_id: "IMG-1", scale: 20 } },
      { name: "get_region_statistics", arguments: { image_id: "IMG-1", bins: 1000 } },
      { name: "compare_regions", arguments: { image_id: "IMG-1", box_a: box } },
      { name: "record_visual_diagnosis", arguments: { diagnosis: "x", confidence: "certain" } },
      { name: "think", arguments: {} },
      { name: "submit_answer", arguments: { answer: "" } },
    ];
    for (const c of bad) {
      const r = await env.step(c);
      expect(r.info.formatError?.code === "invalid_arguments" || r.info.toolError !== undefined, `${c.name} should refuse: ${r.observation}`).toBe(true);
      expect(r.terminated).toBe(false);
    }
    const end = await env.step({ name: "submit_answer", arguments: { answer: "progressive disease" } });
    expect(end.terminated).toBe(true);
    expect(end.info.reward?.components.accuracy).toBe(1);
  });

  it("finds similar cases for real images: kNN labels for PneumoniaMNIST, training QA for VQA-RAD", async () => {
    const p = await episode(family("pneumonia"));
    const r1 = await p.step({ name: "search_similar_cases", arguments: { image_id: "IMG-1", k: 7 } });
    expect(r1.observation).toMatch(/7 nearest of \d+ training radiographs .* Vote: \d+ pneumonia, \d+ normal\./);
    const v = await episode(family("vqa_rad"));
    const r2 = await v.step({ name: "search_similar_cases", arguments: { image_id: "IMG-1", k: 2 } });
    expect(r2.observation.split("\n")).toHaveLength(2);
    expect(r2.observation).toMatch(/similarity [\d.-]+\): Q "/);
  });
});

describe("visual_diagnosis tasks", () => {
  it("has at least 400 tasks in three families, about 80/20, unique ids", () => {
    const all = tasks();
    expect(all.length).toBeGreaterThanOrEqual(400);
    const frac = all.filter((t) => t.split === "test").length / all.length;
    expect(frac).toBeGreaterThan(0.19);
    expect(frac).toBeLessThan(0.21);
    expect(new Set(all.map((t) => t.id)).size).toBe(all.length);
    const fam = (f: string) => all.filter((t) => t.meta?.family === f);
    expect(fam("vqa_rad").length).toBeGreaterThan(600);
    expect(fam("pneumonia").length).toBe(2 * PNEUMONIA_PER_CLASS);
    expect(fam("pneumonia").filter((t) => t.answer.kind === "label" && t.answer.value === "pneumonia").length).toBe(PNEUMONIA_PER_CLASS);
    expect(fam("followup").length).toBeGreaterThanOrEqual(100);
    // Every ticket names an image file and its size.
    for (const t of all) expect(t.ticket).toMatch(/\d+ x \d+ px/);
  });

  it("is deterministic", () => {
    expect(JSON.stringify(generateTasks())).toBe(JSON.stringify(tasks()));
  });

  it("closed VQA questions are graded as labels, open ones by token F1", () => {
    for (const t of tasks().filter((x) => x.meta?.family === "vqa_rad")) expect(t.answer.kind).toBe(t.meta!.answerType === "CLOSED" ? "label" : "text");
  });
});

describe("visual_diagnosis train/test hygiene (DESIGN Appendix C)", () => {
  it("uses no VQA-RAD test question, test image or test question text", async () => {
    const test = await loadVqaRad({ split: "test" });
    expect(test.length).toBe(451);
    const decl = vqaRadTestDeclaration();
    const testQids = new Set(test.map((r) => r.id));
    const testImages = new Set(test.map((r) => r.imageName));
    expect([...decl.images].sort()).toEqual([...testImages].sort());
    const norm = (q: string) => q.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
    const testQuestions = new Set(test.map((r) => norm(r.question)));
    const vqa = tasks().filter((t) => t.meta?.family === "vqa_rad");
    for (const t of vqa) {
      expect(testQids.has(String(t.meta!.qid))).toBe(false);
      expect(testImages.has(String(t.meta!.imageName))).toBe(false);
      expect(testQuestions.has(norm(String(t.meta!.question)))).toBe(false);
      for (const img of testImages) expect(t.ticket.includes(img)).toBe(false);
    }
    // Only training rows were used at all.
    const train = new Set((await loadVqaRad({ split: "train" })).map((r) => r.id));
    for (const t of vqa) expect(train.has(String(t.meta!.qid))).toBe(true);
  });

  it("keeps every image in one gym split and the similar-case library free of test images", async () => {
    const split = vqaImageSplit();
    const seen = new Map<string, string>();
    for (const t of tasks().filter((x) => x.meta?.family === "vqa_rad")) {
      const img = String(t.meta!.imageName);
      expect(seen.get(img) ?? t.split).toBe(t.split);
      seen.set(img, t.split);
      expect(split.get(img)).toBe(t.split);
    }
    const decl = vqaRadTestDeclaration();
    const neighbours = await similarVqaImages(new Float32Array(256).fill(1 / 16), "", 500);
    for (const n of neighbours) {
      expect(decl.images.has(n.imageName)).toBe(false);
      expect(split.get(n.imageName)).toBe("train");
    }
  });

  it("uses PneumoniaMNIST train images only, never as their own similar cases", () => {
    const t = pneumoniaTrain();
    const idx = pneumoniaTaskIndices(PNEUMONIA_PER_CLASS);
    for (const { index, label } of idx) {
      expect(index).toBeLessThan(t.count);
      expect(t.labels[index]).toBe(label);
    }
    expect(SYNTH_SPACING_MM).toBe(0.8);
  });
});

describe("visual_diagnosis policies", () => {
  it("the expert solves at least 95% of the whole test split and uses every tool", async () => {
    const recs = await playTasks({ domain: visualDiagnosis, split: "test", policy: (t) => visualDiagnosis.expert!(t), maxTurns: 30 });
    expect(recs.length).toBe(visualDiagnosis.tasksFor("test").length);
    const ok = recs.filter((r) => r.terminated && (r.reward?.components.accuracy ?? 0) >= 1).length;
    expect(ok / recs.length).toBeGreaterThanOrEqual(0.95);
    // The follow-up studies are solved from the pixels, not from the answer key.
    const fu = recs.filter((r) => visualDiagnosis.task(r.taskId).meta?.family === "followup");
    expect(fu.every((r) => (r.reward?.components.accuracy ?? 0) >= 1)).toBe(true);
    const used = new Set(recs.flatMap((r) => r.turns.filter((t) => t.toolCall && !t.toolError && !t.formatError).map((t) => t.toolCall!.name)));
    expect(visualDiagnosis.toolNames().filter((n) => !used.has(n))).toEqual([]);
  }, 120_000);

  it("a random policy succeeds on fewer than 30% of 100 episodes", async () => {
    const recs = await playTasks({ domain: visualDiagnosis, split: "test", limit: 100, seed: 4, policy: () => randomPolicy({ seed: 17 }) });
    expect(recs.length).toBe(100);
    const ok = recs.filter((r) => r.terminated && (r.reward?.components.accuracy ?? 0) >= 1).length;
    expect(ok / recs.length).toBeLessThan(0.3);
  }, 120_000);
});
