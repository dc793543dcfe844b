/**
 * Reference libraries for search_similar_cases, built from training-side images only:
 * - VQA-RAD: the images of the gym's own *train* split (never a test-split image, never an image of
 *   the benchmark's test split), each with its training questions and answers;
 * - PneumoniaMNIST: the train-split images that are not gym tasks, each with its label.
 * Descriptors are computed from the real pixels; VQA-RAD's are cached on disk (decoding ~90 JPEGs
 * takes a second or two) keyed by file name and byte size.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { cosine, decodeGray, derivedDir, descriptor } from "./images.js";
import { pneumoniaTaskIndices, pneumoniaTrain, vqaRadImagePath, vqaRadTrainRows, type VqaRadRow } from "./sources.js";
import { PNEUMONIA_PER_CLASS, vqaImageSplit } from "./tasks.js";

export interface VqaNeighbour {
  imageName: string;
  organ: string;
  similarity: number;
  qa: { question: string; answer: string }[];
}

let vqaLib: Promise<{ name: string; organ: string; vec: Float32Array; qa: VqaRadRow[] }[]> | undefined;

function vqaLibrary() {
  vqaLib ??= (async () => {
    const split = vqaImageSplit();
    const rows = vqaRadTrainRows().filter((r) => split.get(r.imageName) === "train");
    const byImage = new Map<string, VqaRadRow[]>();
    for (const r of rows) byImage.set(r.imageName, [...(byImage.get(r.imageName) ?? []), r]);
    const cachePath = derivedDir("descriptors", "vqa_rad_train_v1.json");
    let cache: Record<string, { bytes: number; vec: number[] }> = {};
    try {
      cache = JSON.parse(readFileSync(cachePath, "utf8"));
    } catch {
      cache = {};
    }
    let dirty = false;
    const out: { name: string; organ: string; vec: Float32Array; qa: VqaRadRow[] }[] = [];
    for (const name of [...byImage.keys()].sort()) {
      const path = vqaRadImagePath(name);
      const bytes = statSync(path).size;
      let vec: Float32Array;
      if (cache[name]?.bytes === bytes) vec = Float32Array.from(cache[name]!.vec);
      else {
        vec = descriptor(await decodeGray(path));
        cache[name] = { bytes, vec: [...vec].map((v) => Math.round(v * 1e6) / 1e6) };
        vec = Float32Array.from(cache[name]!.vec);
        dirty = true;
      }
      out.push({ name, organ: byImage.get(name)![0]!.organ, vec, qa: byImage.get(name)! });
    }
    if (dirty) {
      // tmp + rename: a concurrent reader sees the old cache or the new one, never half a file.
      mkdirSync(dirname(cachePath), { recursive: true });
      const tmp = `${cachePath}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(cache));
      renameSync(tmp, cachePath);
    }
    return out;
  })();
  vqaLib.catch(() => (vqaLib = undefined));
  return vqaLib;
}

export async function similarVqaImages(vec: Float32Array, exclude: string, k: number): Promise<VqaNeighbour[]> {
  const lib = await vqaLibrary();
  return lib
    .filter((e) => e.name !== exclude)
    .map((e) => ({ imageName: e.name, organ: e.organ, similarity: cosine(vec, e.vec), qa: e.qa.slice(0, 2).map((r) => ({ question: r.question, answer: r.answer })) }))
    .sort((a, b) => b.similarity - a.similarity || a.imageName.localeCompare(b.imageName))
    .slice(0, k);
}

let pneuLib: { index: number; label: number; vec: Float32Array }[] | undefined;

/** Zero-mean, unit-norm raw pixels: at 28 x 28 the whole image is the descriptor. */
export function pixelVector(data: Uint8Array): Float32Array {
  const v = Float32Array.from(data);
  let m = 0;
  for (const x of v) m += x;
  m /= v.length;
  let n = 0;
  for (let i = 0; i < v.length; i++) {
    v[i] = v[i]! - m;
    n += v[i]! * v[i]!;
  }
  n = Math.sqrt(n) || 1;
  for (let i = 0; i < v.length; i++) v[i] = v[i]! / n;
  return v;
}

function pneumoniaLibrary() {
  if (pneuLib) return pneuLib;
  const t = pneumoniaTrain();
  const used = new Set(pneumoniaTaskIndices(PNEUMONIA_PER_CLASS).map((x) => x.index));
  const n = t.side * t.side;
  pneuLib = [];
  for (let i = 0; i < t.count; i++) if (!used.has(i)) pneuLib.push({ index: i, label: t.labels[i]!, vec: pixelVector(t.images.subarray(i * n, (i + 1) * n)) });
  return pneuLib;
}

export function similarPneumoniaImages(vec: Float32Array, k: number): { index: number; label: "pneumonia" | "normal"; similarity: number }[] {
  return pneumoniaLibrary()
    .map((e) => ({ index: e.index, label: e.label === 1 ? ("pneumonia" as const) : ("normal" as const), similarity: cosine(vec, e.vec) }))
    .sort((a, b) => b.similarity - a.similarity || a.index - b.index)
    .slice(0, k);
}

/** Size of the PneumoniaMNIST reference library and its class counts (for the tool's message). */
export function pneumoniaLibraryStats(): { size: number; pneumonia: number; normal: number } {
  const lib = pneumoniaLibrary();
  const p = lib.filter((e) => e.label === 1).length;
  return { size: lib.length, pneumonia: p, normal: lib.length - p };
}
