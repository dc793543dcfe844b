/** State of the radiology_report domain: one study to report, its priors, and what was sent. */

export type RadModality = "xray" | "ct" | "cta" | "mri" | "ultrasound" | "nuclear" | "fluoroscopy" | "mammography";

export type StudyKind = "diagnostic" | "fleischner" | "tirads" | "birads" | "lirads" | "lungrads" | "cac" | "dose" | "growth";

export interface Lesion {
  id: string;
  location: string;
  /** Long axis, short axis (axial) and craniocaudal diameters, mm, as measured (0.1 mm). */
  dims: [number, number, number];
  description: string;
  /** Solid-component size for part-solid nodules, mm. */
  solidComponentMm?: number;
}

export interface PriorStudy {
  id: string;
  date: string;
  modality: RadModality;
  region: string;
  report: string;
  lesions: Lesion[];
}

export interface RadPatient {
  id: string;
  name: string;
  age: number;
  sex: "female" | "male";
  weightKg: number;
  presentation: string;
  history: string[];
  medications: string[];
  allergies: string[];
  /** Risk factors relevant to the classification (smoking, family history, cirrhosis, ...); empty = none. */
  riskFactors: string[];
  /** Serum creatinine, mg/dL (for contrast safety). */
  creatinineMgDl: number;
}

export interface DoseSeries {
  name: string;
  ctdiVolMGy: number;
  dlpMGyCm: number;
}

export interface Study {
  id: string;
  kind: StudyKind;
  modality: RadModality;
  region: string;
  /** Key of the dose k-factor table for CT (head, neck, chest, abdomen_pelvis, chest_abdomen_pelvis). */
  doseRegion?: string;
  protocol: string;
  contrast: "none" | "iodinated" | "gadolinium";
  date: string;
  indication: string;
  orderingPhysician: string;
  patient: RadPatient;
  /** What the images show, as the reading radiologist would list it. */
  findings: string[];
  /** Structured descriptors for the classification systems (TI-RADS features, LI-RADS features, ...). */
  descriptors: Record<string, string>;
  lesions: Lesion[];
  priors: PriorStudy[];
  calcium: { artery: string; areaMm2: number; peakHu: number }[];
  dose: DoseSeries[];
}

export interface CriticalAlert {
  studyId: string;
  finding: string;
  recipient: string;
  urgency: "immediate" | "urgent";
  turn: number;
}

export interface SubmittedReport {
  studyId: string;
  findings: string;
  impression: string;
  category?: string;
  recommendation?: string;
  turn: number;
}

export interface RadiologyState {
  study: Study;
  alerts: CriticalAlert[];
  reports: SubmittedReport[];
}
