import type { ExpectedAction, Task, TaskAnswer } from "../../src/env/index.js";
import { deriveSeed, hashString } from "../../src/util/rng.js";
import { derivedDir } from "./images.js";
import {
  pneumoniaTaskIndices,
  SYNTH_SIZE,
  SYNTH_SPACING_MM,
  syntheticPngPaths,
  syntheticStudy,
  vqaRadImagePath,
  vqaRadImageSize,
  vqaRadTrainRows,
} from "./sources.js";

/**
 * visual_diagnosis tasks over real pixels:
 * - VQA-RAD questions from the training side only (see sources.ts: no test image, no test question);
 *   split by image, so all questions about one image fall in the same split;
 * - PneumoniaMNIST train images, pneumonia vs normal, balanced;
 * - synthetic liver-metastasis follow-up CTs (prior + current), RECIST 1.1 response.
 * Closed VQA questions are graded as labels, open ones by token F1 (exact answers score 1).
 */
export const TEST_FRACTION = 0.2;
export const PNEUMONIA_PER_CLASS = 120;
export const FOLLOWUP_COUNT = 140;
const BASE_SEED = 20_251_105;
const DOMAIN = "visual_diagnosis";

export const ORGAN_LABEL: Record<string, string> = { HEAD: "head", CHEST: "chest", ABD: "abdomen" };

const RECIST_ABBREV: Record<string, string> = { "complete response": "CR", "partial response": "PR", "stable disease": "SD", "progressive disease": "PD" };

function vqaTasks(): Task[] {
  const rows = vqaRadTrainRows();
  return rows.map((r) => {
    const size = vqaRadImageSize(r.imageName);
    const path = vqaRadImagePath(r.imageName);
    const closed = r.answerType === "CLOSED";
    const answer: TaskAnswer = closed ? { kind: "label", value: r.answer.toLowerCase() } : { kind: "text", value: r.answer.toLowerCase() };
    const actions: ExpectedAction[] = [
      { actionId: "look", name: "analyze_medical_image", arguments: { image_id: "IMG-1" }, compareArgs: ["image_id"] },
      { actionId: "region", name: /POS/.test(r.questionType) ? "compare_regions" : "get_region_statistics" },
      { actionId: "submit", name: "submit_answer", arguments: { answer: r.answer.toLowerCase() } },
    ];
    return {
      id: `${DOMAIN}-vqarad-${r.qid}`,
      domain: DOMAIN,
      split: "train",
      description: {
        purpose: "Answer a question about a real radiology image.",
        difficulty: closed ? "medium" : "hard",
        keyChallenges: ["look at the image with the region tools", "answer in the form the question asks for"],
      },
      userScenario: { persona: "radiology trainee", instructions: "Asks a question about a teaching-file image." },
      ticket: `Image IMG-1: ${r.imageName} (${size.width} x ${size.height} px, ${ORGAN_LABEL[r.organ] ?? r.organ.toLowerCase()} image from a radiology teaching file), file ${path}.\nQuestion: ${r.question}\nAnswer with submit_answer: a single word or a short phrase (yes or no for a yes/no question).`,
      evaluationCriteria: {
        actions,
        nlAssertions: [`The answer is "${r.answer}".`],
        rewardBasis: ["accuracy", "format", "process"],
      },
      answer,
      caseId: `VQA-${r.qid}`,
      caseSeed: deriveSeed(BASE_SEED, "vqarad", r.qid),
      meta: { family: "vqa_rad", source: "vqa_rad", qid: r.qid, imageName: r.imageName, organ: r.organ, questionType: r.questionType, answerType: r.answerType, question: r.question, caseUrl: r.caseUrl },
    } satisfies Task;
  });
}

function pneumoniaTasks(): Task[] {
  return pneumoniaTaskIndices(PNEUMONIA_PER_CLASS).map(({ index, label }) => {
    const path = derivedDir("pneumoniamnist", `train_${String(index).padStart(4, "0")}.png`);
    const value = label === 1 ? "pneumonia" : "normal";
    return {
      id: `${DOMAIN}-pneumonia-${String(index).padStart(4, "0")}`,
      domain: DOMAIN,
      split: "train",
      description: { purpose: "Decide whether a chest radiograph shows pneumonia.", difficulty: "medium", keyChallenges: ["use the image tools on a very small image", "weigh similar cases"] },
      userScenario: { persona: "paediatric emergency physician", instructions: "Asks for a read of a chest radiograph." },
      ticket: `Image IMG-1: PneumoniaMNIST train image ${index} (28 x 28 px frontal paediatric chest radiograph, downsampled), file ${path}.\nQuestion: Does this radiograph show pneumonia, or is it normal? Answer "pneumonia" or "normal" with submit_answer.`,
      evaluationCriteria: {
        actions: [
          { actionId: "look", name: "assess_image_quality", arguments: { image_id: "IMG-1" }, compareArgs: ["image_id"] },
          { actionId: "similar", name: "search_similar_cases" },
          { actionId: "record", name: "record_visual_diagnosis" },
          { actionId: "submit", name: "submit_answer", arguments: { answer: value } },
        ],
        nlAssertions: [`The radiograph is ${value}.`],
        rewardBasis: ["accuracy", "format", "process"],
      },
      answer: label === 1 ? { kind: "label", value, accepted: ["pneumonia present", "consistent with pneumonia"] } : { kind: "label", value, accepted: ["no pneumonia", "normal chest radiograph", "normal chest x-ray"] },
      caseId: `PNM-${index}`,
      caseSeed: deriveSeed(BASE_SEED, "pneumonia", index),
      meta: { family: "pneumonia", source: "pneumoniamnist", pneumoniaIndex: index, ...(label === 1 ? { condition: "community_acquired_pneumonia" } : {}) },
    } satisfies Task;
  });
}

function followupTasks(): Task[] {
  const out: Task[] = [];
  for (let i = 0; i < FOLLOWUP_COUNT; i++) {
    const seed = deriveSeed(BASE_SEED, "followup", i);
    const s = syntheticStudy(seed);
    const paths = syntheticPngPaths(s);
    out.push({
      id: `${DOMAIN}-followup-${String(i).padStart(3, "0")}`,
      domain: DOMAIN,
      split: "train",
      description: {
        purpose: "Measure a target lesion on a prior and a current CT and classify the response by RECIST 1.1.",
        difficulty: s.response === "stable disease" ? "hard" : "medium",
        keyChallenges: ["find the target lesion from the prior report", "measure it on both images", "apply the RECIST thresholds"],
      },
      userScenario: { persona: "oncologist", instructions: "Asks for the response assessment of a liver metastasis." },
      ticket: `Follow-up CT of the liver (metastatic ${s.primary}). Current image IMG-1 and prior image IMG-0, both ${SYNTH_SIZE} x ${SYNTH_SIZE} px axial slices with ${SYNTH_SPACING_MM} mm pixels: files ${paths.current} and ${paths.prior}.\nQuestion: What is the response of the target lesion by RECIST 1.1 (complete response, partial response, stable disease or progressive disease)? Answer with submit_answer.`,
      evaluationCriteria: {
        actions: [
          { actionId: "prior_report", name: "get_image_report", arguments: { image_id: "IMG-0" }, compareArgs: ["image_id"] },
          { actionId: "measure", name: "measure_lesion" },
          { actionId: "track", name: "track_lesion_changes" },
          { actionId: "submit", name: "submit_answer", arguments: { answer: s.response } },
        ],
        nlAssertions: [`The target lesion response is ${s.response}.`],
        rewardBasis: ["accuracy", "format", "process"],
      },
      answer: { kind: "label", value: s.response, accepted: [RECIST_ABBREV[s.response]!, `${s.response} (${RECIST_ABBREV[s.response]})`] },
      caseId: `FUP-${String(i).padStart(3, "0")}`,
      caseSeed: seed,
      meta: { family: "followup", source: "synthetic", syntheticSeed: seed, factor: s.factor },
    });
  }
  return out;
}

let imageSplit: Map<string, "train" | "test"> | undefined;

/**
 * The split of each VQA-RAD image: images in hash order go to test until 20% of the questions are
 * there, so every question about an image is in the same split (no image is seen in both).
 */
export function vqaImageSplit(): ReadonlyMap<string, "train" | "test"> {
  if (imageSplit) return imageSplit;
  const counts = new Map<string, number>();
  for (const r of vqaRadTrainRows()) counts.set(r.imageName, (counts.get(r.imageName) ?? 0) + 1);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const images = [...counts.keys()].sort((a, b) => hashString(a) - hashString(b) || a.localeCompare(b));
  const target = Math.round(total * TEST_FRACTION);
  imageSplit = new Map();
  let n = 0;
  for (const img of images) {
    const test = n < target;
    if (test) n += counts.get(img)!;
    imageSplit.set(img, test ? "test" : "train");
  }
  return imageSplit;
}

/** Exactly 20% test per family (VQA-RAD: about 20%, by whole images). */
function assignSplits(tasks: Task[]): Task[] {
  const byFamily = new Map<string, Task[]>();
  for (const t of tasks) byFamily.set(String(t.meta!.family), [...(byFamily.get(String(t.meta!.family)) ?? []), t]);
  for (const [family, group] of byFamily) {
    if (family === "vqa_rad") {
      const split = vqaImageSplit();
      for (const t of group) t.split = split.get(String(t.meta!.imageName))!;
      continue;
    }
    const order = [...group].sort((a, b) => hashString(a.id) - hashString(b.id) || a.id.localeCompare(b.id));
    const nTest = Math.round(group.length * TEST_FRACTION);
    order.forEach((t, i) => (t.split = i < nTest ? "test" : "train"));
  }
  return tasks;
}

export function generateTasks(): Task[] {
  return assignSplits([...vqaTasks(), ...pneumoniaTasks(), ...followupTasks()]);
}
