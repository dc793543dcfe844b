/** State of the visual_diagnosis domain: the case's images (on disk) and what the agent did. */
import type { Box } from "./images.js";

export type ImageSource = "vqa_rad" | "pneumoniamnist" | "synthetic";
export type ImageRole = "current" | "prior" | "crop" | "zoom";

export interface CaseImage {
  id: string;
  /** Absolute path of the image file. */
  path: string;
  width: number;
  height: number;
  role: ImageRole;
  /** Millimetres per pixel when known (synthetic studies); teaching-file images have none. */
  pixelSpacingMm?: number;
  /** For crops and zooms: the image and box they were cut from, and the zoom factor. */
  origin?: { imageId: string; box: Box; scale: number };
  acquired?: string;
  description: string;
}

export interface VisualCase {
  source: ImageSource;
  /** What the image shows, as a requisition would state it (organ, modality, view). */
  organ: string;
  modality: string;
  /** Clinical context, when the source has any. */
  context: string[];
  /** Report on file (the prior's report for follow-up studies), or none. */
  reportOnFile?: string;
  /** Teaching-file link for VQA-RAD images. */
  caseUrl?: string;
}

export interface Annotation {
  imageId: string;
  label: string;
  box: Box;
  turn: number;
}

export interface VisualState {
  case: VisualCase;
  images: Record<string, CaseImage>;
  /** Counter for derived image ids (crops and zooms). */
  nextDerived: number;
  annotations: Annotation[];
  recordedDiagnoses: { diagnosis: string; confidence: string; turn: number }[];
}
