import { createHash } from "node:crypto";
import { z } from "zod";
import { loadConditions } from "../../src/clinical/conditions/index.js";
import { defineTool, ToolError, type Tool, type ToolContext } from "../../src/env/index.js";
import { modalityLabel } from "../../src/knowledge/documents.js";
import { queryTerms } from "../../src/knowledge/memory-source.js";
import { thinkTool } from "../../src/tools/common.js";
import { knowledgeSearchTool } from "../../src/tools/knowledge.js";
import type { CaseImage, VisualState } from "./data-model.js";
import {
  asymmetry,
  cropGray,
  decodeGray,
  derivedDir,
  descriptor,
  encodePngGray,
  entropy,
  fullBox,
  laplacianVariance,
  regionStats,
  segmentObject,
  writeOnce,
  zoomPng,
  type Box,
  type GrayImage,
  type Segment,
} from "./images.js";
import { pixelVector, pneumoniaLibraryStats, similarPneumoniaImages, similarVqaImages } from "./library.js";

type Ctx = ToolContext<VisualState>;

const imageId = z.string().min(1).max(20).describe("Image id, e.g. IMG-1 (see list_images)");
const coord = z.number().int().min(0).max(8192);
const boxSchema = z
  .object({ x: coord.describe("left, px"), y: coord.describe("top, px"), width: z.number().int().min(1).max(8192), height: z.number().int().min(1).max(8192) })
  .describe("Rectangle in pixel coordinates of the image");

function image(ctx: Ctx, id: string): CaseImage {
  const img = ctx.state.images[id.trim().toUpperCase()];
  if (!img) throw new ToolError(`No image "${id.slice(0, 20)}" in this case. Images: ${Object.keys(ctx.state.images).join(", ")}.`);
  return img;
}

function checkBox(img: CaseImage, b: Box | undefined): Box {
  if (!b) return fullBox(img);
  if (b.x + b.width > img.width || b.y + b.height > img.height) {
    throw new ToolError(`Box x ${b.x}-${b.x + b.width}, y ${b.y}-${b.y + b.height} falls outside ${img.id} (${img.width} x ${img.height} px).`);
  }
  return b;
}

async function pixels(img: CaseImage): Promise<GrayImage> {
  try {
    return await decodeGray(img.path);
  } catch (e) {
    throw new ToolError(`Could not read ${img.id} (${img.path}): ${(e as Error).message}`);
  }
}

const f1 = (x: number) => x.toFixed(1);
const boxText = (b: Box) => `x ${b.x}-${b.x + b.width - 1}, y ${b.y}-${b.y + b.height - 1}`;
const mm = (px: number, img: CaseImage) => (img.pixelSpacingMm ? ` (${f1(px * img.pixelSpacingMm)} mm)` : "");

function registerDerived(ctx: Ctx, parent: CaseImage, box: Box, scale: number, path: string, width: number, height: number, role: "crop" | "zoom"): CaseImage {
  const id = `IMG-${ctx.state.nextDerived++}`;
  const img: CaseImage = {
    id,
    path,
    width,
    height,
    role,
    pixelSpacingMm: parent.pixelSpacingMm ? parent.pixelSpacingMm / scale : undefined,
    origin: { imageId: parent.id, box, scale },
    description: `${role} of ${parent.id} (${boxText(box)}${scale !== 1 ? `, x${scale}` : ""})`,
  };
  ctx.state.images[id] = img;
  return img;
}

const derivedName = (parent: CaseImage, box: Box, scale: number, kind: string) =>
  `${kind}_${createHash("sha1").update(`${parent.path}|${box.x},${box.y},${box.width},${box.height}|${scale}`).digest("hex").slice(0, 16)}.png`;

// ------------------------------------------------------------------ image tools

export const listImages = defineTool({
  name: "list_images",
  description: "The images of this case (current, prior, and any crops or zooms made so far) with their files and sizes.",
  kind: "read",
  parameters: z.object({}),
  execute(_a, ctx: Ctx) {
    return Object.values(ctx.state.images)
      .map((i) => `${i.id} (${i.role}) ${i.width} x ${i.height} px${i.pixelSpacingMm ? `, ${i.pixelSpacingMm.toFixed(2)} mm/px` : ""}${i.acquired ? `, ${i.acquired}` : ""}: ${i.description}; file ${i.path}`)
      .join("\n");
  },
});

export const analyzeMedicalImage = defineTool({
  name: "analyze_medical_image",
  description: "Global analysis of an image's pixels: size, intensity distribution, background fraction, 3 x 3 grid of mean intensities, and left-right asymmetry.",
  kind: "read",
  parameters: z.object({ image_id: imageId }),
  async execute({ image_id }, ctx: Ctx) {
    const meta = image(ctx, image_id);
    const img = await pixels(meta);
    const s = regionStats(img, fullBox(img), 256);
    let dark = 0;
    for (let v = 0; v <= 10; v++) dark += s.histogram[v]!;
    const grid: string[] = [];
    let brightest = { v: -1, r: 0, c: 0 };
    for (let r = 0; r < 3; r++) {
      const row: string[] = [];
      for (let c = 0; c < 3; c++) {
        const b = { x: Math.floor((c * img.width) / 3), y: Math.floor((r * img.height) / 3), width: Math.floor(img.width / 3), height: Math.floor(img.height / 3) };
        const m = regionStats(img, b, 1).mean;
        if (m > brightest.v) brightest = { v: m, r, c };
        row.push(f1(m));
      }
      grid.push(`[${row.join(" ")}]`);
    }
    const where = `${["upper", "middle", "lower"][brightest.r]} ${["left", "centre", "right"][brightest.c]}`;
    return [
      `${meta.id}: ${img.width} x ${img.height} px, 8-bit grayscale${meta.pixelSpacingMm ? `, ${meta.pixelSpacingMm.toFixed(2)} mm/px` : ""}.`,
      `Intensity mean ${f1(s.mean)}, SD ${f1(s.std)}, range ${s.min}-${s.max}, median ${s.p50}; near-black background (<= 10) ${f1((100 * dark) / s.n)}% of pixels.`,
      `3 x 3 grid means, top to bottom: ${grid.join(" ")}; brightest cell ${where}.`,
      `Left-right asymmetry ${f1(asymmetry(img))} (mean absolute difference of mirrored halves; image left is patient right on standard radiographs and axial slices).`,
    ].join("\n");
  },
});

export const cropImage = defineTool({
  name: "crop_image",
  description: "Cut a box out of an image into a new image (saved as a PNG file) that every image tool can then use by its new id.",
  kind: "read",
  mutates: true,
  category: "image_region",
  parameters: z.object({ image_id: imageId, box: boxSchema }),
  async execute({ image_id, box }, ctx: Ctx) {
    const meta = image(ctx, image_id);
    const b = checkBox(meta, box);
    const img = await pixels(meta);
    const crop = cropGray(img, b);
    const path = derivedDir("crops", derivedName(meta, b, 1, "crop"));
    writeOnce(path, encodePngGray(crop));
    const out = registerDerived(ctx, meta, b, 1, path, crop.width, crop.height, "crop");
    const s = regionStats(crop, fullBox(crop));
    return `${out.id}: crop of ${meta.id} at ${boxText(b)}, ${crop.width} x ${crop.height} px, mean ${f1(s.mean)}, SD ${f1(s.std)}; file ${path}`;
  },
});

export const zoomRegion = defineTool({
  name: "zoom_region",
  description: "Enlarge a box of an image by a factor (Lanczos resampling) into a new image file, for a closer look at small structures.",
  kind: "read",
  mutates: true,
  category: "image_region",
  parameters: z.object({ image_id: imageId, box: boxSchema.optional().describe("Default: the whole image"), scale: z.number().min(1).max(8).describe("Magnification, 1-8") }),
  async execute({ image_id, box, scale }, ctx: Ctx) {
    const meta = image(ctx, image_id);
    const b = checkBox(meta, box);
    if (b.width * scale > 4096 || b.height * scale > 4096) throw new ToolError(`Zoomed image would be ${Math.round(b.width * scale)} x ${Math.round(b.height * scale)} px; keep it within 4096 px (smaller box or factor).`);
    const img = await pixels(meta);
    const z = await zoomPng(img, b, scale);
    const path = derivedDir("zooms", derivedName(meta, b, scale, "zoom"));
    writeOnce(path, z.png);
    const out = registerDerived(ctx, meta, b, scale, path, z.width, z.height, "zoom");
    return `${out.id}: ${boxText(b)} of ${meta.id} enlarged x${scale} to ${z.width} x ${z.height} px; file ${path}`;
  },
});

export const getRegionStatistics = defineTool({
  name: "get_region_statistics",
  description: "Intensity statistics of a box (whole image by default): mean, SD, min, max, 5th/50th/95th percentiles and a histogram.",
  kind: "read",
  category: "image_region",
  parameters: z.object({ image_id: imageId, box: boxSchema.optional(), bins: z.number().int().min(2).max(32).optional().describe("Histogram bins over 0-255 (default 8)") }),
  async execute({ image_id, box, bins }, ctx: Ctx) {
    const meta = image(ctx, image_id);
    const b = checkBox(meta, box);
    const s = regionStats(await pixels(meta), b, bins ?? 8);
    const pct = s.histogram.map((c) => `${Math.round((100 * c) / s.n)}%`).join(" ");
    return `${meta.id} ${boxText(b)} (${s.n} px): mean ${f1(s.mean)}, SD ${f1(s.std)}, min ${s.min}, max ${s.max}, p5 ${s.p5}, median ${s.p50}, p95 ${s.p95}. Histogram (${s.histogram.length} bins, dark to bright): ${pct}.`;
  },
});

export const compareRegions = defineTool({
  name: "compare_regions",
  description: "Compare two boxes of an image (e.g. left and right lung): mean intensities, the difference and its size relative to the pooled SD.",
  kind: "read",
  category: "image_region",
  parameters: z.object({ image_id: imageId, box_a: boxSchema, box_b: boxSchema, label_a: z.string().max(40).optional(), label_b: z.string().max(40).optional() }),
  async execute({ image_id, box_a, box_b, label_a, label_b }, ctx: Ctx) {
    const meta = image(ctx, image_id);
    const img = await pixels(meta);
    const a = regionStats(img, checkBox(meta, box_a));
    const b = regionStats(img, checkBox(meta, box_b));
    const la = label_a ?? "A";
    const lb = label_b ?? "B";
    const pooled = Math.sqrt((a.std ** 2 + b.std ** 2) / 2) || 1;
    const d = a.mean - b.mean;
    const verdict = Math.abs(d) / pooled < 0.2 ? "similar" : d > 0 ? `${la} brighter (denser / more opaque on radiographs)` : `${lb} brighter (denser / more opaque on radiographs)`;
    return `${la} ${boxText(box_a)}: mean ${f1(a.mean)}, SD ${f1(a.std)}. ${lb} ${boxText(box_b)}: mean ${f1(b.mean)}, SD ${f1(b.std)}. Difference ${d >= 0 ? "+" : ""}${f1(d)} (${f1(Math.abs(d) / pooled)} pooled SD): ${verdict}.`;
  },
});

function describeSegment(s: Segment, meta: CaseImage): string {
  return `${s.polarity} object: mean ${f1(s.meanInside)} vs background ${f1(s.meanBackground)} (SD ${f1(s.stdBackground)}); area ${s.area} px${meta.pixelSpacingMm ? ` (${f1(s.area * meta.pixelSpacingMm ** 2)} mm2)` : ""}; longest diameter ${f1(s.longestPx)} px${mm(s.longestPx, meta)}, perpendicular ${f1(s.perpendicularPx)} px${mm(s.perpendicularPx, meta)}; centroid (${f1(s.centroid.x)}, ${f1(s.centroid.y)}); extent ${boxText(s.bbox)}.`;
}

export const measureLesion = defineTool({
  name: "measure_lesion",
  description: "Segment the dominant discrete object in a box (Otsu threshold, largest connected component not touching the box edge) and measure it: area, longest and perpendicular diameters (mm when the pixel spacing is known), contrast, centroid.",
  kind: "read",
  parameters: z.object({ image_id: imageId, box: boxSchema.describe("A box around the lesion with some margin") }),
  async execute({ image_id, box }, ctx: Ctx) {
    const meta = image(ctx, image_id);
    const b = checkBox(meta, box);
    if (b.width < 5 || b.height < 5) throw new ToolError("The box must be at least 5 x 5 px.");
    const s = segmentObject(await pixels(meta), b);
    if (!s) return `${meta.id} ${boxText(b)}: no discrete lesion (no object with contrast above 4 background SDs and at least 12 px).`;
    return `${meta.id} ${boxText(b)}: ${describeSegment(s, meta)}`;
  },
});

export const classifyFinding = defineTool({
  name: "classify_finding",
  description: "Characterise the finding in a box from its pixels: density relative to its surroundings, internal homogeneity, margin definition and shape.",
  kind: "read",
  parameters: z.object({ image_id: imageId, box: boxSchema }),
  async execute({ image_id, box }, ctx: Ctx) {
    const meta = image(ctx, image_id);
    const b = checkBox(meta, box);
    const img = await pixels(meta);
    const s = segmentObject(img, b);
    const ring: Box = { x: Math.max(0, b.x - 8), y: Math.max(0, b.y - 8), width: Math.min(img.width, b.x + b.width + 8) - Math.max(0, b.x - 8), height: Math.min(img.height, b.y + b.height + 8) - Math.max(0, b.y - 8) };
    const inner = regionStats(img, b);
    const outer = regionStats(img, ring);
    if (!s) {
      const d = inner.mean - outer.mean;
      return `${meta.id} ${boxText(b)}: no discrete finding; the region is ${Math.abs(d) < 5 ? "iso-intense to" : d > 0 ? "brighter than" : "darker than"} its surroundings (${d >= 0 ? "+" : ""}${f1(d)}), texture SD ${f1(inner.std)}.`;
    }
    const diff = s.meanInside - s.meanBackground;
    const inside = regionStats(img, s.bbox);
    const cv = inside.std / Math.max(1, inside.mean);
    const fill = s.area / ((Math.PI / 4) * s.longestPx * s.perpendicularPx);
    const ratio = s.perpendicularPx / s.longestPx;
    const shape = fill < 0.8 ? "irregular" : ratio > 0.85 ? "round" : "oval";
    const margin = Math.abs(diff) > 8 * Math.max(1, s.stdBackground) ? "well-defined" : "ill-defined";
    return `${meta.id} ${boxText(b)}: ${diff > 0 ? "hyperdense/hyperintense" : "hypodense/hypointense"} finding (${diff >= 0 ? "+" : ""}${f1(diff)} vs surroundings), ${cv < 0.15 ? "homogeneous" : "heterogeneous"} (CV ${cv.toFixed(2)}), ${margin} margin, ${shape} (axis ratio ${ratio.toFixed(2)}, fill ${fill.toFixed(2)}); ${f1(s.longestPx)} px${mm(s.longestPx, meta)} longest.`;
  },
});

export const annotateRegions = defineTool({
  name: "annotate_regions",
  description: "Mark labelled boxes on an image in the case record (e.g. 'target lesion', 'right lower zone opacity'); returns each region's mean intensity.",
  kind: "write",
  parameters: z.object({ image_id: imageId, regions: z.array(z.object({ label: z.string().min(1).max(60), box: boxSchema })).min(1).max(10) }),
  async execute({ image_id, regions }, ctx: Ctx) {
    const meta = image(ctx, image_id);
    const img = await pixels(meta);
    const lines: string[] = [];
    for (const r of regions) {
      const b = checkBox(meta, r.box);
      ctx.state.annotations.push({ imageId: meta.id, label: r.label, box: b, turn: ctx.turn });
      lines.push(`"${r.label}" at ${boxText(b)} (mean ${f1(regionStats(img, b, 1).mean)})`);
    }
    ctx.record({ type: "note", code: "regions_annotated", detail: `${meta.id}: ${regions.map((r) => r.label).join(", ").slice(0, 80)}` });
    return `${regions.length} region(s) annotated on ${meta.id}: ${lines.join("; ")}.`;
  },
});

export const calculateImageMetrics = defineTool({
  name: "calculate_image_metrics",
  description: "Quantitative image metrics of a box: signal-to-noise ratio (mean/SD), contrast-to-noise ratio against a background box, Shannon entropy and sharpness (Laplacian variance).",
  kind: "read",
  category: "calculator",
  parameters: z.object({ image_id: imageId, box: boxSchema.optional(), background_box: boxSchema.optional() }),
  async execute({ image_id, box, background_box }, ctx: Ctx) {
    const meta = image(ctx, image_id);
    const img = await pixels(meta);
    const b = checkBox(meta, box);
    const s = regionStats(img, b);
    const parts = [`${meta.id} ${boxText(b)}: SNR ${f1(s.mean / Math.max(s.std, 1e-6))}`, `entropy ${entropy(img, b).toFixed(2)} bits`, `sharpness (Laplacian variance) ${f1(laplacianVariance(img, b))}`];
    if (background_box) {
      const bg = regionStats(img, checkBox(meta, background_box));
      parts.push(`CNR vs background ${f1(Math.abs(s.mean - bg.mean) / Math.max(bg.std, 1e-6))}`);
    }
    return `${parts.join("; ")}.`;
  },
});

export const assessImageQuality = defineTool({
  name: "assess_image_quality",
  description: "Technical quality of an image: resolution, exposure (clipping), contrast, sharpness and noise, with a verdict (diagnostic or limited).",
  kind: "read",
  parameters: z.object({ image_id: imageId }),
  async execute({ image_id }, ctx: Ctx) {
    const meta = image(ctx, image_id);
    const img = await pixels(meta);
    const all = fullBox(img);
    const s = regionStats(img, all, 256);
    const clipLow = (100 * s.histogram[0]!) / s.n;
    const clipHigh = (100 * s.histogram[255]!) / s.n;
    const contrast = s.p95 - s.p5;
    const sharp = laplacianVariance(img, all);
    const res = Math.min(img.width, img.height);
    const problems: string[] = [];
    if (res < 64) problems.push("very low resolution");
    if (clipHigh > 5) problems.push("overexposed areas");
    if (contrast < 40) problems.push("low contrast");
    if (sharp < 20) problems.push("soft/blurred");
    return `${meta.id}: ${img.width} x ${img.height} px (${res < 64 ? "very low" : res < 256 ? "low" : "adequate"} resolution); exposure: ${f1(clipLow)}% at 0, ${f1(clipHigh)}% at 255; contrast p95-p5 ${contrast}; sharpness ${f1(sharp)}. Verdict: ${problems.length ? `limited (${problems.join(", ")})` : "diagnostic quality"}.`;
  },
});

// ------------------------------------------------------------------ case and knowledge tools

export const getImageReport = defineTool({
  name: "get_image_report",
  description: "Any report and acquisition details on file for an image (a prior's report, the teaching-file source, the dataset).",
  kind: "read",
  parameters: z.object({ image_id: imageId }),
  execute({ image_id }, ctx: Ctx) {
    const meta = image(ctx, image_id);
    const c = ctx.state.case;
    if (meta.origin) return `${meta.id} is a ${meta.role} of ${meta.origin.imageId} (${boxText(meta.origin.box)}${meta.origin.scale !== 1 ? `, x${meta.origin.scale}` : ""}); see that image's report.`;
    if (c.source === "synthetic") return meta.role === "prior" ? c.reportOnFile ?? "No report on file." : `${meta.id}: ${c.modality}, ${meta.acquired}. Not yet reported: this is the study to read.`;
    if (c.source === "vqa_rad") return `${meta.id}: ${c.organ} image from the MedPix teaching file (VQA-RAD), ${c.modality}. Source case: ${c.caseUrl}. No radiology report is attached.`;
    return `${meta.id}: ${c.modality}, ${c.organ}; PneumoniaMNIST (MedMNIST v2) training image. No report is attached.`;
  },
});

export const getPatientContext = defineTool({
  name: "get_patient_context",
  description: "Clinical context that came with the image (history, treatment, the question of the referrer), when the source has any.",
  kind: "read",
  parameters: z.object({}),
  execute(_a, ctx: Ctx) {
    const c = ctx.state.case;
    if (c.context.length === 0) return `No clinical details accompany this ${c.source === "vqa_rad" ? "teaching-file image" : "dataset image"}: read it on its own merits.`;
    return c.context.join(" ");
  },
});

export const searchSimilarCases = defineTool({
  name: "search_similar_cases",
  description: "Find reference images most similar to this one (cosine similarity of pixel descriptors) in the training-side library of the same source, with their labels or their question-answer pairs.",
  kind: "read",
  parameters: z.object({ image_id: imageId, k: z.number().int().min(1).max(15).optional().describe("Number of neighbours (default 5)") }),
  async execute({ image_id, k }, ctx: Ctx) {
    const meta = image(ctx, image_id);
    const src = ctx.state.case.source;
    const n = k ?? 5;
    if (src === "synthetic") throw new ToolError("There is no reference library for synthetic follow-up studies; compare with the prior instead.");
    const img = await pixels(meta);
    if (src === "pneumoniamnist") {
      if (img.width !== 28 || img.height !== 28) throw new ToolError("Similar-case search for this dataset works on the original 28 x 28 image (IMG-1).");
      const hits = similarPneumoniaImages(pixelVector(img.data), n);
      const p = hits.filter((h) => h.label === "pneumonia").length;
      const lib = pneumoniaLibraryStats();
      return `${n} nearest of ${lib.size} training radiographs (${lib.pneumonia} pneumonia, ${lib.normal} normal): ${hits.map((h) => `#${h.index} ${h.label} (${h.similarity.toFixed(3)})`).join(", ")}. Vote: ${p} pneumonia, ${n - p} normal.`;
    }
    const exclude = meta.path.slice(meta.path.lastIndexOf("/") + 1);
    const hits = await similarVqaImages(descriptor(img), exclude, n);
    return hits.map((h) => `${h.imageName} (${h.organ.toLowerCase()}, similarity ${h.similarity.toFixed(3)}): ${h.qa.map((q) => `Q "${q.question}" A "${q.answer}"`).join("; ")}`).join("\n");
  },
});

export const compareWithPrior = defineTool({
  name: "compare_with_prior",
  description: "Pixel-wise comparison of the current image with the prior: where and how much the image changed (after 3 x 3 smoothing, changes above 25 grey levels).",
  kind: "read",
  parameters: z.object({ box: boxSchema.optional().describe("Restrict the comparison to a box (default: whole image)") }),
  async execute({ box }, ctx: Ctx) {
    const prior = Object.values(ctx.state.images).find((i) => i.role === "prior");
    const cur = ctx.state.images["IMG-1"]!;
    if (!prior) throw new ToolError("This case has no prior image to compare with.");
    const b = checkBox(cur, box);
    const [p, c] = await Promise.all([pixels(prior), pixels(cur)]);
    let changed = 0;
    let sum = 0;
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -1;
    let y1 = -1;
    let brighter = 0;
    for (let y = Math.max(1, b.y); y < Math.min(c.height - 1, b.y + b.height); y++)
      for (let x = Math.max(1, b.x); x < Math.min(c.width - 1, b.x + b.width); x++) {
        let d = 0;
        for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) d += c.data[(y + dy) * c.width + x + dx]! - p.data[(y + dy) * p.width + x + dx]!;
        d /= 9;
        sum += Math.abs(d);
        if (Math.abs(d) > 25) {
          changed++;
          if (d > 0) brighter++;
          x0 = Math.min(x0, x);
          y0 = Math.min(y0, y);
          x1 = Math.max(x1, x);
          y1 = Math.max(y1, y);
        }
      }
    const n = b.width * b.height;
    const interval = prior.acquired && cur.acquired ? ` over ${Math.round((Date.parse(cur.acquired) - Date.parse(prior.acquired)) / 86_400_000)} days` : "";
    if (changed === 0) return `${cur.id} vs ${prior.id}${interval}: no focal change (mean absolute difference ${f1(sum / n)}).`;
    return `${cur.id} vs ${prior.id}${interval}: ${changed} px (${f1((100 * changed) / n)}%) changed, within x ${x0}-${x1}, y ${y0}-${y1}; ${brighter} px brighter, ${changed - brighter} px darker now; mean absolute difference ${f1(sum / n)}.`;
  },
});

const RECIST_NAMES = { CR: "complete response", PR: "partial response", SD: "stable disease", PD: "progressive disease" } as const;

export const trackLesionChanges = defineTool({
  name: "track_lesion_changes",
  description: "Measure the same lesion on the prior and the current image (same box) and classify the change by RECIST 1.1 for a single target lesion: CR gone; PR >= 30% decrease; PD >= 20% and >= 5 mm increase; otherwise SD.",
  kind: "read",
  parameters: z.object({ prior_image_id: imageId, current_image_id: imageId, box: boxSchema.describe("A box containing the lesion on both images") }),
  async execute({ prior_image_id, current_image_id, box }, ctx: Ctx) {
    const pm = image(ctx, prior_image_id);
    const cm = image(ctx, current_image_id);
    if (pm.id === cm.id) throw new ToolError("Give two different images (prior and current).");
    if (pm.width !== cm.width || pm.height !== cm.height) throw new ToolError(`${pm.id} and ${cm.id} differ in size; track on the original images.`);
    const b = checkBox(cm, box);
    const before = segmentObject(await pixels(pm), b);
    const after = segmentObject(await pixels(cm), b);
    if (!before) throw new ToolError(`No lesion found on ${pm.id} in ${boxText(b)}; put the box around the target lesion of the prior report.`);
    const spacing = cm.pixelSpacingMm;
    const d0 = before.longestPx * (spacing ?? 1);
    const unit = spacing ? "mm" : "px";
    if (!after) return `${pm.id}: ${f1(d0)} ${unit}; ${cm.id}: no lesion in ${boxText(b)}. RECIST 1.1 (single target lesion): ${RECIST_NAMES.CR} (CR).`;
    const d1 = after.longestPx * (spacing ?? 1);
    const pct = ((d1 - d0) / d0) * 100;
    let code: keyof typeof RECIST_NAMES;
    if (pct <= -30) code = "PR";
    else if (pct >= 20 && (spacing ? d1 - d0 >= 5 : true)) code = "PD";
    else code = "SD";
    return `${pm.id}: longest diameter ${f1(d0)} ${unit}; ${cm.id}: ${f1(d1)} ${unit}; change ${pct >= 0 ? "+" : ""}${f1(pct)}% (${d1 - d0 >= 0 ? "+" : ""}${f1(d1 - d0)} ${unit}). RECIST 1.1 (single target lesion): ${RECIST_NAMES[code]} (${code}).${spacing ? "" : " Pixel spacing unknown: the 5 mm rule could not be applied."}`;
  },
});

// Findings that state an absence ("no consolidation") describe what is not there and cannot match an appearance.
const ABSENCE = /^(no|normal|without|absent)\b/i;
const conditionIndex = () =>
  loadConditions().flatMap((c) => c.imaging.filter((i) => !ABSENCE.test(i.finding)).map((i) => ({ c, i, words: new Set(queryTerms(`${i.finding} ${i.region}`)) })));
let imagingItems: ReturnType<typeof conditionIndex> | undefined;

export const getDifferentialVisual = defineTool({
  name: "get_differential_visual",
  description: "Conditions whose typical imaging findings match a described appearance, optionally limited to a modality and region.",
  kind: "read",
  parameters: z.object({
    finding: z.string().min(3).max(300).describe("The appearance, e.g. 'hypodense liver lesion' or 'lobar consolidation'"),
    modality: z.enum(["xray", "ct", "cta", "mri", "ultrasound", "nuclear", "clinical_photo", "dermoscopy", "fundoscopy"]).optional(),
    region: z.string().min(2).max(60).optional().describe("e.g. chest, brain, liver"),
  }),
  execute({ finding, modality, region }) {
    imagingItems ??= conditionIndex();
    const q = new Set(queryTerms(finding));
    if (q.size === 0) throw new ToolError("Describe the finding in words, e.g. 'ring-enhancing lesion'.");
    const r = region?.toLowerCase();
    const scored = imagingItems
      .filter((x) => (!modality || x.i.modality === modality) && (!r || x.i.region.toLowerCase().includes(r) || r.includes(x.i.region.toLowerCase())))
      .map((x) => ({ ...x, hits: [...q].filter((w) => x.words.has(w)).length }))
      .filter((x) => x.hits > 0)
      .sort((a, b) => b.hits - a.hits || b.i.p - a.i.p || a.c.id.localeCompare(b.c.id));
    const seen = new Set<string>();
    const lines: string[] = [];
    for (const s of scored) {
      if (seen.has(s.c.id)) continue;
      seen.add(s.c.id);
      lines.push(`${s.c.name} (${s.c.id}) — ${modalityLabel(s.i.modality)} ${s.i.region}: ${s.i.finding} (${Math.round(s.i.p * 100)}%)`);
      if (lines.length === 8) break;
    }
    return lines.length ? `Differential for "${finding.slice(0, 80)}":\n${lines.join("\n")}` : `No condition profile describes "${finding.slice(0, 80)}"${modality ? ` on ${modality}` : ""}${region ? ` in the ${region}` : ""}.`;
  },
});

export const searchImagingKnowledge = knowledgeSearchTool<VisualState>({
  name: "search_imaging_knowledge",
  description: "Search the medical encyclopedia (condition entries with their imaging findings, consumer-health answers) for an imaging topic or appearance.",
  sources: ["medgym_condition", "medquad"],
});

export const recordVisualDiagnosis = defineTool({
  name: "record_visual_diagnosis",
  description: "Record the imaging diagnosis and its confidence in the case record (does not end the episode).",
  kind: "write",
  parameters: z.object({ diagnosis: z.string().min(2).max(200), confidence: z.enum(["low", "moderate", "high"]), image_id: imageId.optional() }),
  execute({ diagnosis, confidence, image_id }, ctx: Ctx) {
    if (image_id) image(ctx, image_id);
    ctx.state.recordedDiagnoses.push({ diagnosis, confidence, turn: ctx.turn });
    ctx.record({ type: "diagnosis", code: "visual_diagnosis_recorded", detail: `${diagnosis.slice(0, 80)} (${confidence})` });
    return `Recorded: ${diagnosis} (${confidence} confidence).`;
  },
});

export const submitAnswer = defineTool({
  name: "submit_answer",
  description: "Submit the final answer to the question (a word or short phrase, e.g. 'yes', 'left', 'pneumonia', 'partial response'). Ends the episode.",
  kind: "terminal",
  parameters: z.object({ answer: z.string().min(1).max(200), rationale: z.string().max(1000).optional() }),
  execute({ answer }, ctx: Ctx) {
    ctx.submit(answer.trim());
    return `Submitted "${answer.trim().slice(0, 60)}".`;
  },
});

export const VISUAL_TOOLS: readonly Tool<VisualState>[] = [
  listImages,
  analyzeMedicalImage,
  getImageReport,
  getPatientContext,
  searchSimilarCases,
  compareWithPrior,
  searchImagingKnowledge,
  measureLesion,
  classifyFinding,
  annotateRegions,
  calculateImageMetrics,
  getDifferentialVisual,
  assessImageQuality,
  trackLesionChanges,
  cropImage,
  zoomRegion,
  getRegionStatistics,
  compareRegions,
  thinkTool<VisualState>(),
  recordVisualDiagnosis,
  submitAnswer,
];
