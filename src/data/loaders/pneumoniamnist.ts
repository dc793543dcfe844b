/**
 * PneumoniaMNIST (MedMNIST v2): 28x28 grayscale chest X-rays, label 0 = normal, 1 = pneumonia,
 * read from the .npz (a zip of .npy arrays).
 */
import AdmZip from "adm-zip";
import { DataFormatError } from "../errors.js";
import { parseNpy } from "../npy.js";
import { resolveDataFile } from "../resolve.js";

export interface ImageSplit {
  count: number;
  height: number;
  width: number;
  /** count * height * width bytes, image-major, row-major within an image. */
  images: Uint8Array;
  /** One label per image. */
  labels: Uint8Array;
}

export interface PneumoniaMnist {
  train: ImageSplit;
  val: ImageSplit;
  test: ImageSplit;
  labelNames: readonly ["normal", "pneumonia"];
}

/** The pixels of image `i` of a split (a view, not a copy). */
export function imageAt(split: ImageSplit, i: number): Uint8Array {
  if (!Number.isInteger(i) || i < 0 || i >= split.count) throw new RangeError(`image index ${i} outside 0..${split.count - 1}`);
  const n = split.height * split.width;
  return split.images.subarray(i * n, (i + 1) * n);
}

export async function loadPneumoniaMnist(): Promise<PneumoniaMnist> {
  const path = await resolveDataFile("pneumoniamnist", "vqa/pneumoniamnist/pneumoniamnist.npz");
  const zip = new AdmZip(path);
  const read = (name: string) => {
    const e = zip.getEntry(name);
    if (!e) throw new DataFormatError(path, `no ${name} in the archive`);
    return parseNpy(new Uint8Array(e.getData()), name);
  };
  const split = (s: "train" | "val" | "test"): ImageSplit => {
    const img = read(`${s}_images.npy`);
    const lab = read(`${s}_labels.npy`);
    if (img.shape.length !== 3) throw new DataFormatError(path, `${s}_images has shape (${img.shape.join(", ")}), expected (n, h, w)`);
    const [count, height, width] = img.shape as [number, number, number];
    const labelCount = lab.shape.reduce((a, b) => a * b, 1);
    if (lab.shape[0] !== count || labelCount !== count) {
      throw new DataFormatError(path, `${s}: ${count} images but labels of shape (${lab.shape.join(", ")})`);
    }
    const bad = lab.data.findIndex((v) => v > 1);
    if (bad >= 0) throw new DataFormatError(path, `${s}: label ${lab.data[bad]} at index ${bad} is not 0/1`);
    return { count, height, width, images: img.data, labels: lab.data };
  };
  return { train: split("train"), val: split("val"), test: split("test"), labelNames: ["normal", "pneumonia"] };
}
