import type { Task } from "../../src/env/index.js";
import type { VisualState } from "./data-model.js";
import { ORGAN_LABEL } from "./tasks.js";
import { pneumoniaPngPath, SYNTH_SIZE, SYNTH_SPACING_MM, syntheticPngPaths, syntheticStudy, vqaRadImagePath, vqaRadImageSize } from "./sources.js";

const day = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Hepatic segment of a point on the synthetic slice (image left = patient right). */
function segmentOf(cx: number, cy: number): string {
  return cx < 90 ? (cy < 116 ? "VII" : "VI") : cy < 116 ? "VIII" : "V";
}

/**
 * The episode's images and case. Images the domain derives itself (PneumoniaMNIST PNGs, synthetic
 * CT slices) are written to the data cache here, once, under content-addressed names, so the file
 * named in the ticket exists from reset on; the state is still a pure function of the task.
 */
export function createVisualState(task: Task): VisualState {
  const m = task.meta ?? {};
  switch (m.family) {
    case "vqa_rad": {
      const name = String(m.imageName);
      const size = vqaRadImageSize(name);
      const organ = ORGAN_LABEL[String(m.organ)] ?? String(m.organ).toLowerCase();
      return {
        case: { source: "vqa_rad", organ, modality: "radiology image (modality not stated)", context: [], caseUrl: String(m.caseUrl) },
        images: { "IMG-1": { id: "IMG-1", path: vqaRadImagePath(name), ...size, role: "current", description: `${name}, ${organ} teaching-file image` } },
        nextDerived: 2,
        annotations: [],
        recordedDiagnoses: [],
      };
    }
    case "pneumonia": {
      const index = Number(m.pneumoniaIndex);
      return {
        case: { source: "pneumoniamnist", organ: "chest", modality: "X-ray, frontal projection (28 x 28 px downsample)", context: [] },
        images: { "IMG-1": { id: "IMG-1", path: pneumoniaPngPath(index), width: 28, height: 28, role: "current", description: `PneumoniaMNIST train image ${index}` } },
        nextDerived: 2,
        annotations: [],
        recordedDiagnoses: [],
      };
    }
    case "followup": {
      const s = syntheticStudy(Number(m.syntheticSeed));
      const paths = syntheticPngPaths(s, true);
      const current = Date.UTC(2025, 2, 3) + (s.seed % 200) * day;
      const prior = current - s.intervalDays * day;
      const diam = 2 * s.lesion.a * SYNTH_SPACING_MM;
      const seg = segmentOf(s.lesion.cx, s.lesion.cy);
      const base = { width: SYNTH_SIZE, height: SYNTH_SIZE, pixelSpacingMm: SYNTH_SPACING_MM };
      return {
        case: {
          source: "synthetic",
          organ: "abdomen (liver)",
          modality: "CT, axial, portal venous phase",
          context: [`Metastatic ${s.primary}.`, `Systemic therapy started after the baseline CT of ${iso(prior)}.`, "Restaging CT requested to assess response."],
          reportOnFile: `Baseline CT ${iso(prior)} (IMG-0): ${s.lesion.dark ? "hypodense" : "hyperenhancing"} lesion in hepatic segment ${seg}, centred at pixel (x ${Math.round(s.lesion.cx)}, y ${Math.round(s.lesion.cy)}), longest diameter ${diam.toFixed(1)} mm. Target lesion 1 for RECIST 1.1. No other measurable disease.`,
        },
        images: {
          "IMG-0": { id: "IMG-0", path: paths.prior, ...base, role: "prior", acquired: iso(prior), description: `baseline CT slice of ${iso(prior)}` },
          "IMG-1": { id: "IMG-1", path: paths.current, ...base, role: "current", acquired: iso(current), description: `restaging CT slice of ${iso(current)}` },
        },
        nextDerived: 2,
        annotations: [],
        recordedDiagnoses: [],
      };
    }
    default:
      throw new Error(`visual_diagnosis task ${task.id}: unknown family "${String(m.family)}"`);
  }
}
