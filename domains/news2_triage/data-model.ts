/** State of the news2_triage domain: one ward with its patients and what the agent has done. */
export type Avpu = "alert" | "confusion" | "voice" | "pain" | "unresponsive";

export interface Vitals {
  respiratoryRate: number; // breaths/min
  spo2: number; // %
  onOxygen: boolean;
  systolicBp: number; // mmHg
  diastolicBp: number; // mmHg
  heartRate: number; // beats/min
  temperatureC: number; // °C
  consciousness: Avpu;
}

export interface Patient {
  id: string;
  name: string;
  age: number;
  sex: "female" | "male";
  ward: string;
  reason: string;
  /** Hidden driver of the vital signs; the agent must infer risk from the measurements. */
  profile: string;
  vitals: Vitals;
  labs: { lactate: number; wbc: number; hemoglobin: number; creatinine: number };
}

export interface Escalation {
  patientId: string;
  level: "ward_review" | "urgent_response" | "emergency_response";
  reason: string;
  turn: number;
}

export interface WardState {
  patients: Record<string, Patient>;
  notes: { patientId: string; text: string; turn: number }[];
  escalations: Escalation[];
}
