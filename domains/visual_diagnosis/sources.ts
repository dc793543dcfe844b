/**
 * The real images behind visual_diagnosis, read synchronously (a domain's `tasks()` and
 * `createState()` are synchronous): VQA-RAD QA rows and PneumoniaMNIST arrays from the data cache
 * or mirror (the same declared files as src/data/loaders/vqa.ts and pneumoniamnist.ts), plus the
 * synthetic follow-up studies this domain draws itself.
 *
 * Train/test hygiene (DESIGN Appendix C): VQA-RAD's test split is a benchmark. Its test rows share
 * 202 of their 203 images with training rows, so using "train rows" alone would still put test
 * images into training episodes. The gym therefore keeps only training rows whose image never
 * appears in a test row and whose question text is not a test question. PneumoniaMNIST: only its
 * train split is used; its val/test splits are never read.
 */
import { existsSync } from "node:fs";
import AdmZip from "adm-zip";
import { parseNpy } from "../../src/data/npy.js";
import { readText } from "../../src/data/read.js";
import { locateDataFile } from "../../src/data/resolve.js";
import { createRng, hashString } from "../../src/util/rng.js";
import { derivedDir, encodePngGray, imageSize, writeOnce, type GrayImage } from "./images.js";

function locate(dataset: string, rel: string): string {
  const hit = locateDataFile(dataset, rel);
  if (!hit) {
    throw new Error(
      `visual_diagnosis needs ${rel} (dataset "${dataset}"), which is neither in the data cache nor in the mirror. ` +
        `Run \`medgym data verify ${dataset}\` to see where it is expected, or point MEDGYM_DATA_MIRROR at the shared data.`,
    );
  }
  return hit.path;
}

// ------------------------------------------------------------------ VQA-RAD

export interface VqaRadRow {
  qid: string;
  imageName: string;
  organ: string;
  question: string;
  answer: string;
  answerType: "CLOSED" | "OPEN";
  questionType: string;
  caseUrl: string;
  test: boolean;
}

const VQA_DIR = "vqa/vqa_rad";
export const normQuestion = (q: string) => q.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();

let vqaCache: { rows: VqaRadRow[]; testImages: Set<string>; testQuestions: Set<string> } | undefined;

function loadVqa() {
  if (vqaCache) return vqaCache;
  const raw = JSON.parse(readText(locate("vqa-rad", `${VQA_DIR}/VQA_RAD Dataset Public.json`))) as Record<string, unknown>[];
  const rows: VqaRadRow[] = raw.map((r) => ({
    qid: String(r.qid),
    imageName: String(r.image_name),
    organ: String(r.image_organ).trim(),
    question: String(r.question).trim(),
    answer: String(r.answer).trim(),
    answerType: String(r.answer_type).trim().toUpperCase() === "CLOSED" ? "CLOSED" : "OPEN",
    questionType: String(r.question_type).trim(),
    caseUrl: String(r.image_case_url),
    test: String(r.phrase_type).startsWith("test_"),
  }));
  const test = rows.filter((r) => r.test);
  vqaCache = { rows, testImages: new Set(test.map((r) => r.imageName)), testQuestions: new Set(test.map((r) => normQuestion(r.question))) };
  return vqaCache;
}

/** VQA-RAD rows the gym may use: training rows on images and with questions that the test split never has. */
export function vqaRadTrainRows(): VqaRadRow[] {
  const { rows, testImages, testQuestions } = loadVqa();
  return rows.filter((r) => !r.test && !testImages.has(r.imageName) && !testQuestions.has(normQuestion(r.question)));
}

/** Image names and normalised question texts of the VQA-RAD test split (for hygiene checks). */
export function vqaRadTestDeclaration(): { images: ReadonlySet<string>; questions: ReadonlySet<string>; qids: ReadonlySet<string> } {
  const { rows, testImages, testQuestions } = loadVqa();
  return { images: testImages, questions: testQuestions, qids: new Set(rows.filter((r) => r.test).map((r) => r.qid)) };
}

export function vqaRadImagePath(imageName: string): string {
  return locate("vqa-rad", `${VQA_DIR}/images/${imageName}`);
}

const sizes = new Map<string, { width: number; height: number }>();
export function vqaRadImageSize(imageName: string): { width: number; height: number } {
  let s = sizes.get(imageName);
  if (!s) {
    s = imageSize(vqaRadImagePath(imageName));
    sizes.set(imageName, s);
  }
  return s;
}

// ------------------------------------------------------------------ PneumoniaMNIST (train split only)

interface PneumoniaTrain {
  count: number;
  side: number;
  images: Uint8Array;
  labels: Uint8Array;
}

let pneuCache: PneumoniaTrain | undefined;

export function pneumoniaTrain(): PneumoniaTrain {
  if (pneuCache) return pneuCache;
  const path = locate("pneumoniamnist", "vqa/pneumoniamnist/pneumoniamnist.npz");
  const zip = new AdmZip(path);
  const read = (name: string) => {
    const e = zip.getEntry(name);
    if (!e) throw new Error(`${path}: no ${name}`);
    return parseNpy(new Uint8Array(e.getData()), name);
  };
  const img = read("train_images.npy");
  const lab = read("train_labels.npy");
  pneuCache = { count: img.shape[0]!, side: img.shape[1]!, images: img.data, labels: lab.data };
  return pneuCache;
}

export function pneumoniaImage(index: number): GrayImage {
  const t = pneumoniaTrain();
  const n = t.side * t.side;
  return { width: t.side, height: t.side, data: t.images.slice(index * n, (index + 1) * n) };
}

/**
 * Train-split indices used as tasks: `perClass` normal and `perClass` pneumonia images, drawn with
 * a fixed seed. The other train images form the similar-case library.
 */
export function pneumoniaTaskIndices(perClass: number): { index: number; label: 0 | 1 }[] {
  const t = pneumoniaTrain();
  const rng = createRng(20_251_104);
  const byLabel: number[][] = [[], []];
  for (let i = 0; i < t.count; i++) byLabel[t.labels[i]!]!.push(i);
  const pick = (l: 0 | 1) => rng.shuffle(byLabel[l]!).slice(0, perClass).sort((a, b) => a - b).map((index) => ({ index, label: l }));
  return [...pick(0), ...pick(1)];
}

/** Writes (once) and returns the PNG of a PneumoniaMNIST train image. */
export function pneumoniaPngPath(index: number): string {
  const path = derivedDir("pneumoniamnist", `train_${String(index).padStart(4, "0")}.png`);
  writeOnce(path, encodePngGray(pneumoniaImage(index)));
  return path;
}

// ------------------------------------------------------------------ synthetic follow-up studies

export const SYNTH_SIZE = 256;
export const SYNTH_SPACING_MM = 0.8;

export type RecistResponse = "complete response" | "partial response" | "stable disease" | "progressive disease";

export interface SyntheticStudy {
  seed: number;
  response: RecistResponse;
  /** Prior lesion: centre and semi-axes in pixels, orientation in radians. */
  lesion: { cx: number; cy: number; a: number; b: number; angle: number; dark: boolean };
  /** Current lesion size relative to the prior (0 = gone). */
  factor: number;
  intervalDays: number;
  primary: string;
  body: { mean: number; liver: number };
}

const PRIMARIES = ["colorectal adenocarcinoma", "breast carcinoma", "pancreatic adenocarcinoma", "neuroendocrine tumour", "melanoma"];

/**
 * The plan of a synthetic follow-up study (cheap; the pixels are drawn on demand): an axial CT-like
 * slice of the upper abdomen (256 x 256, 0.8 mm pixels) with one liver metastasis as a soft-edged
 * ellipse. The follow-up scales the lesion by a factor chosen well inside one RECIST 1.1 class, so
 * a caliper error of a pixel or two cannot change the class: PD >= +35% and >= +8 mm, PR <= -50%,
 * SD within +-8%, CR = gone.
 */
export function syntheticStudy(seed: number): SyntheticStudy {
  const rng = createRng(seed);
  const response = rng.weighted<RecistResponse>(["complete response", "partial response", "stable disease", "progressive disease"], [0.15, 0.3, 0.25, 0.3]);
  const a = 9 + rng.next() * 5;
  const b = a * (0.7 + rng.next() * 0.3);
  const angle = rng.next() * Math.PI;
  const cx = 96 + rng.int(-16, 16);
  const cy = 116 + rng.int(-12, 12);
  const dark = rng.chance(0.75);
  let factor: number;
  if (response === "complete response") factor = 0;
  else if (response === "partial response") factor = 0.35 + rng.next() * 0.15;
  else if (response === "stable disease") factor = 0.92 + rng.next() * 0.16;
  else factor = Math.max(1.35, 1 + 5 / a + 0.05) + rng.next() * 0.3;
  return {
    seed,
    response,
    lesion: { cx, cy, a, b, angle, dark },
    factor,
    intervalDays: rng.int(56, 120),
    primary: rng.pick(PRIMARIES),
    body: { mean: 100 + rng.int(-6, 6), liver: 132 + rng.int(-6, 6) },
  };
}

/** Draws the prior (scale 1) or current (scale = factor) slice, with its own seeded noise. */
export function drawSynthetic(s: SyntheticStudy, which: "prior" | "current"): GrayImage {
  const scale = which === "prior" ? 1 : s.factor;
  const nrng = createRng((s.seed ^ (which === "prior" ? 0x5bd1e995 : 0x27d4eb2f)) >>> 0);
  const { cx, cy, a, b, angle, dark } = s.lesion;
  const data = new Uint8Array(SYNTH_SIZE * SYNTH_SIZE);
  const ca = Math.cos(angle);
  const sa = Math.sin(angle);
  for (let y = 0; y < SYNTH_SIZE; y++)
    for (let x = 0; x < SYNTH_SIZE; x++) {
      const inBody = ((x - 128) / 112) ** 2 + ((y - 128) / 88) ** 2 <= 1;
      let v = inBody ? s.body.mean : 8;
      if (inBody && ((x - 96) / 64) ** 2 + ((y - 116) / 54) ** 2 <= 1) v = s.body.liver;
      if ((x - 128) ** 2 + (y - 196) ** 2 <= 13 ** 2) v = 235;
      if ((x - 146) ** 2 + (y - 168) ** 2 <= 7 ** 2) v = 170;
      if (scale > 0) {
        const dx = x - cx;
        const dy = y - cy;
        const u = (dx * ca + dy * sa) / (a * scale);
        const w = (-dx * sa + dy * ca) / (b * scale);
        const r = Math.sqrt(u * u + w * w);
        // Soft edge over about one pixel: partial-volume blending as on a real slice.
        const edge = Math.min(1, Math.max(0, (1 - r) * a * scale + 0.5));
        v = v * (1 - edge) + (dark ? 72 : 188) * edge;
      }
      data[y * SYNTH_SIZE + x] = Math.max(0, Math.min(255, Math.round(v + (inBody ? nrng.normal(0, 5) : nrng.normal(0, 2)))));
    }
  return { width: SYNTH_SIZE, height: SYNTH_SIZE, data };
}

/** Paths of a synthetic study's PNGs (content-addressed by seed); `write` draws them if missing. */
export function syntheticPngPaths(s: SyntheticStudy, write = false): { prior: string; current: string } {
  const tag = (hashString(`synthetic:${s.seed}`) >>> 0).toString(16).padStart(8, "0");
  const out = { prior: derivedDir("synthetic", `ct_${tag}_prior.png`), current: derivedDir("synthetic", `ct_${tag}_current.png`) };
  if (write) {
    if (!existsSync(out.prior)) writeOnce(out.prior, encodePngGray(drawSynthetic(s, "prior")));
    if (!existsSync(out.current)) writeOnce(out.current, encodePngGray(drawSynthetic(s, "current")));
  }
  return out;
}
