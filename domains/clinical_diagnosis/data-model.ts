/**
 * State of the clinical_diagnosis domain: an acute-care unit with the index patient and another
 * patient (so patient ids matter), everything hidden about each patient (the full lab table, the
 * imaging and ECG findings the condition produced), and what the agent did during the episode.
 */
import type { GeneratedPatient } from "../../src/clinical/patients/index.js";

export const EXAM_SYSTEMS = [
  "general",
  "heent",
  "neck",
  "cardiovascular",
  "respiratory",
  "abdominal",
  "genitourinary",
  "extremities",
  "skin",
  "neurological",
] as const;
export type ExamSystem = (typeof EXAM_SYSTEMS)[number];

export interface VitalsReading {
  /** Minutes before the latest reading (0 = latest). */
  minutesAgo: number;
  hr: number;
  sbp: number;
  dbp: number;
  rr: number;
  tempC: number;
  spo2: number;
}

export interface Immunization {
  vaccine: string;
  date: string;
  note?: string;
}

export interface HomeMedication {
  /** As the patient or the referral letter names it ("enoxaparin prophylaxis"). */
  name: string;
  /** Catalogue drug id when the name resolves in the drug table. */
  drugId?: string;
  sig: string;
}

export interface GcsScore {
  eye: "eyes open spontaneously" | "eye opening to verbal command" | "eye opening to pain" | "no eye opening";
  verbal: "oriented" | "confused" | "inappropriate words" | "incomprehensible sounds" | "no verbal response";
  motor: "obeys commands" | "localizes pain" | "withdrawal from pain" | "flexion to pain" | "extension to pain" | "no motor response";
  total: number;
}

export interface EcgTracing {
  rate: number;
  rhythm: string;
  prMs: number;
  qrsMs: number;
  qtMs: number;
  axis: string;
  /** Abnormal findings from the condition; empty for a normal tracing. */
  findings: string[];
}

/** A patient chart: the generated patient plus what a hospital record holds around it. */
export interface ChartPatient extends Omit<GeneratedPatient, "labs"> {
  mrn: string;
  location: string;
  arrival: string;
  /** Comorbidities that are not part of the condition's picture (background rates, see generator). */
  background: { pmh: string[]; medications: string[] };
  homeMedications: HomeMedication[];
  /** Every catalogue analyte: profile values, the baseline panel, and normal values elsewhere. */
  hiddenLabs: Record<string, number>;
  /** Analytes already resulted when the patient arrives (CBC + BMP). */
  initialLabs: string[];
  vitalsTrend: VitalsReading[];
  gcs: GcsScore;
  ecg: EcgTracing;
  immunizations: Immunization[];
  triageNote: string;
  nursingNote: string;
}

export interface LabOrder {
  patientId: string;
  analytes: string[];
  turn: number;
}

export interface ImagingOrder {
  patientId: string;
  modality: string;
  region: string;
  contrast: boolean;
  findings: string[];
  turn: number;
}

export interface Prescription {
  patientId: string;
  drugId: string;
  drugName: string;
  dose: string;
  route: string;
  frequency: string;
  indication?: string;
  turn: number;
}

export interface ChartNote {
  patientId: string;
  kind: string;
  text: string;
  turn: number;
}

export interface RecordedDiagnosis {
  patientId: string;
  diagnosis: string;
  icd10?: string;
  certainty: "working" | "confirmed";
  /** Condition id when the text matches a condition profile. */
  conditionId?: string;
  turn: number;
}

export interface Referral {
  patientId: string;
  service: string;
  urgency: "routine" | "urgent" | "emergent";
  reason: string;
  turn: number;
}

export interface ClinicState {
  patients: Record<string, ChartPatient>;
  /** Lab results available per patient (analyte key -> value), initial panel plus orders. */
  resulted: Record<string, Record<string, number>>;
  labOrders: LabOrder[];
  imaging: ImagingOrder[];
  ecgsRecorded: string[];
  prescriptions: Prescription[];
  notes: ChartNote[];
  diagnoses: RecordedDiagnosis[];
  referrals: Referral[];
}
