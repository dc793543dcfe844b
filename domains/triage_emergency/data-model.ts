/** State of the triage_emergency domain: one emergency department, its patients, and what the agent did. */
import type { GcsEye, GcsMotor, GcsVerbal } from "./scores.js";

export type ArrivalMode = "ambulance" | "walk-in" | "private vehicle" | "police";
export type EdArea = "resuscitation" | "acute" | "fast_track" | "waiting_room";
export const ED_AREAS: readonly EdArea[] = ["resuscitation", "acute", "fast_track", "waiting_room"];

export const PROTOCOLS = ["stemi", "stroke", "sepsis", "trauma", "massive_transfusion", "pulmonary_embolism_response"] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export const IMAGING_ORDERS = ["ecg", "xray", "ct", "cta", "ultrasound", "mri", "echo"] as const;
export type ImagingOrder = (typeof IMAGING_ORDERS)[number];

export interface EdVitals {
  hr: number; // beats/min
  sbp: number; // mmHg
  dbp: number; // mmHg
  rr: number; // breaths/min
  tempC: number; // °C
  spo2: number; // %, room air
}

export interface Toxicology {
  /** Serum ethanol, mg/dL. */
  ethanolMgDl: number;
  /** Serum acetaminophen, µg/mL (0 = not detected). */
  acetaminophen: number;
  /** Serum salicylate, mg/dL (0 = not detected). */
  salicylate: number;
  /** Urine drug screen classes that are positive. */
  urineDrugScreen: string[];
  /** Bedside toxidrome description. */
  toxidrome: string;
  pupils: string;
  /** Hours since ingestion when an ingestion is reported. */
  ingestionHours?: number;
}

export interface EdPatient {
  id: string;
  name: string;
  age: number;
  sex: "female" | "male";
  weightKg: number;
  heightCm: number;
  /** Hidden: the condition the case was generated from. */
  conditionId: string;
  arrival: { mode: ArrivalMode; time: string };
  /** Hours since symptom onset. */
  onsetHours: number;
  /** Hours since last known well, for new neurological deficits. */
  lastKnownWellHours?: number;
  chiefComplaint: string;
  symptoms: string[];
  exam: string[];
  history: { pmh: string[]; medications: string[]; social: string[]; family: string[] };
  allergies: { substance: string; reaction: string }[];
  pregnancy?: { gestationalWeeks: number };
  vitals: EdVitals;
  painScore: number;
  gcs: { eye: GcsEye; verbal: GcsVerbal; motor: GcsMotor };
  /** Every catalogue analyte, catalogue units; results are revealed only when ordered. */
  labs: Record<string, number>;
  imaging: { modality: string; region: string; finding: string }[];
  tox: Toxicology;
  injury?: { mechanism: string; penetrating: boolean };
}

export interface EdOrder {
  patientId: string;
  kind: "labs" | "imaging";
  items: string[];
  turn: number;
}

export interface EdState {
  patients: Record<string, EdPatient>;
  /** Order in which patients arrived (the board order). */
  board: string[];
  beds: Record<EdArea, { total: number; occupied: number }>;
  waitingCount: number;
  boarding: number;
  orders: EdOrder[];
  activations: { patientId: string; protocol: Protocol; turn: number }[];
  placements: { patientId: string; area: EdArea; bed: string; turn: number }[];
}
