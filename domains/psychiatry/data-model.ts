/** State of the psychiatry domain: one psychiatric assessment service, its patients, and the agent's orders. */
import type { CapacityAbilities, CssrsAnswers, MDQ_IMPAIRMENT } from "./instruments.js";

/** What kind of disorder a profile is, read from its ICD-10 code; it drives the instrument answers and the mental state. */
export const PSYCH_CATEGORIES = [
  "depression",
  "bipolar_mania",
  "gad",
  "panic",
  "ptsd",
  "psychosis",
  "ocd",
  "anorexia",
  "bulimia",
  "alcohol_use",
  "alcohol_withdrawal",
  "alcohol_withdrawal_delirium",
  "opioid_use",
  "opioid_withdrawal",
  "delirium",
  "dementia",
  "adhd",
  "borderline",
  "nms",
  "serotonin_syndrome",
  "catatonia",
  "overdose",
  "other",
] as const;
export type PsychCategory = (typeof PSYCH_CATEGORIES)[number];

export const PSYCH_DISPOSITIONS = [
  "involuntary_psychiatric_admission",
  "voluntary_psychiatric_admission",
  "medical_admission",
  "detoxification_unit",
  "outpatient_with_safety_plan",
  "routine_outpatient_follow_up",
] as const;
export type PsychDisposition = (typeof PSYCH_DISPOSITIONS)[number];

export interface Instruments {
  /** null when the patient cannot complete self-report instruments (mute, delirious, obtunded). */
  phq9: number[] | null;
  gad7: number[] | null;
  pcl5: number[] | null;
  ybocs: number[] | null;
  mmse: number[] | null;
  cage: boolean[];
  auditC: number[];
  dast10: number;
  mdq: { symptoms: boolean[]; samePeriod: boolean; impairment: (typeof MDQ_IMPAIRMENT)[number] };
  scoff: boolean[];
  ciwa: number[];
  cows: number[];
  cssrs: CssrsAnswers;
  bvc: boolean[];
  capacity: CapacityAbilities;
}

export interface MentalStatus {
  appearance: string;
  behavior: string;
  speech: string;
  mood: string;
  affect: string;
  thoughtProcess: string;
  thoughtContent: string;
  perception: string;
  cognition: string;
  insight: string;
  judgment: string;
}

export interface PsychPatient {
  id: string;
  name: string;
  age: number;
  sex: "female" | "male";
  weightKg: number;
  heightCm: number;
  /** Hidden: the condition the case was generated from, and its category. */
  conditionId: string;
  category: PsychCategory;
  setting: "emergency department" | "outpatient clinic" | "medical ward (consultation-liaison)";
  broughtBy: string;
  durationText: string;
  chiefComplaint: string;
  symptoms: string[];
  exam: string[];
  history: { pmh: string[]; medications: string[]; social: string[]; family: string[] };
  allergies: { substance: string; reaction: string }[];
  pregnancy?: { gestationalWeeks: number };
  vitals: { hr: number; sbp: number; dbp: number; rr: number; tempC: number; spo2: number };
  labs: Record<string, number>;
  imaging: { modality: string; region: string; finding: string }[];
  /** Formulary drug ids the patient takes now. */
  currentMeds: string[];
  ecg: { heartRate: number; qtMs: number };
  urineDrugScreen: string[];
  ethanolMgDl: number;
  psychHistory: { priorEpisodes: string; hospitalizations: number; suicideAttempts: string; selfHarm: string; treatmentHistory: string[] };
  socialContext: { livesWith: string; support: string; firearms: boolean; employment: string; recentStressor: string };
  /** The patient's stated wish about admission, as told to the assessing clinician. */
  acceptsAdmission: boolean;
  instruments: Instruments;
  mse: MentalStatus;
}

export interface Prescription {
  patientId: string;
  drug: string;
  dose?: string;
  turn: number;
}

export interface PsychState {
  patients: Record<string, PsychPatient>;
  prescriptions: Prescription[];
}
