/**
 * State of the drug_interaction domain: one patient (demographics, condition, allergies, labs,
 * ECG, liver status, pregnancy) with a medication list, plus what the agent did in the episode
 * (new prescriptions, discontinuations, monitoring requests).
 */

export interface MedicationEntry {
  /** Drug table id (src/clinical/drugs), e.g. "metoprolol". */
  drugId: string;
  name: string;
  /** Amount per administration, in `unit`. */
  dose: number;
  unit: string;
  route: string;
  /** How the regimen is written on the chart, e.g. "twice daily". */
  frequency: string;
  /** Administrations per 24 h, when the regimen is scheduled (null for as-needed use). */
  dosesPerDay: number | null;
  indication: string;
  status: "active" | "discontinued";
  /** "home" for the list the patient arrived with, "episode" for drugs the agent started. */
  source: "home" | "episode";
}

export interface LiverStatus {
  cirrhosis: boolean;
  ascites: "absent" | "slight" | "moderate";
  encephalopathy: "none" | "grade 1-2" | "grade 3-4";
}

export interface DrugLevel {
  drugId: string;
  /** Monitoring parameter of the drug table the level belongs to, e.g. "vancomycin trough". */
  parameter: string;
  value: number;
  unit: string;
  /** When it was drawn relative to dosing. */
  timing: string;
}

export interface RxPatient {
  id: string;
  name: string;
  age: number;
  sex: "female" | "male";
  weightKg: number;
  heightCm: number;
  /** Condition profile id (src/clinical/conditions) and its name. */
  conditionId: string;
  conditionName: string;
  pmh: string[];
  pregnancy?: { gestationalWeeks: number };
  allergies: { substance: string; reaction: string }[];
  /** Lab key (src/clinical/labs catalogue) -> value in the catalogue unit. */
  labs: Record<string, number>;
  liver?: LiverStatus;
  ecg?: { heartRate: number; qtMs: number; rhythm: string };
  drugLevel?: DrugLevel;
}

export interface PrescriptionRecord {
  drugId: string;
  dose: number;
  unit: string;
  dosesPerDay: number;
  route: string;
  indication: string;
  turn: number;
}

export interface MonitoringRecord {
  parameter: string;
  timing: string;
  reason: string;
  turn: number;
}

export interface RxState {
  patient: RxPatient;
  medications: MedicationEntry[];
  prescriptions: PrescriptionRecord[];
  discontinued: { drugId: string; reason: string; turn: number }[];
  monitoring: MonitoringRecord[];
}
