import type { Pathway } from "../../src/clinical/conditions/index.js";
import type { GeneratedPatient } from "../../src/clinical/patients/index.js";

/** Phase ids across all pathways; each pathway uses an ordered subset. */
export type PhaseId = "triage" | "workup" | "antithrombotic" | "electrolytes" | "imaging" | "reperfusion" | "screening" | "bundle" | "reassessment" | "risk" | "anticoagulation" | "criteria" | "echo" | "treatment";

export interface PhaseSpec {
  id: PhaseId;
  /** The setting (which domain's ward/desk) the phase happens in. */
  setting: string;
  question: string;
  options: string[];
  truth: string;
}

/** Facts of a pathway case beyond the generated patient (revealed by the tools, phase by phase). */
export interface PathwayFacts {
  gcs: number;
  setting: string;
  homeMeds: string[];
  // acute chest pain
  ecg?: "st_elevation" | "st_depression" | "nonspecific";
  // stroke
  lastKnownWellHours?: number;
  deficits?: string[];
  deficitsResolved?: boolean;
  fingerstickGlucose?: number;
  ct?: "hemorrhage" | "no_hemorrhage";
  recentMajorSurgeryDays?: number;
  // sepsis
  mapAfterFluids?: number;
  lactateAfterFluids?: number;
  // post-op PE
  surgery?: string;
  postopDay?: number;
  dvtSigns?: boolean;
  hemoptysis?: boolean;
  malignancy?: boolean;
  alternativeLikely?: boolean;
  activeBleeding?: boolean;
  // Kawasaki
  feverDays?: number;
  kawasakiCriteria?: string[];
  echo?: "coronary_aneurysm" | "normal_coronaries" | "ventricular_dysfunction";
  coronaryZ?: number;
  ejectionFraction?: number;
}

export interface PathwayCase {
  caseId: string;
  pathway: Pathway;
  conditionId: string;
  patient: GeneratedPatient;
  facts: PathwayFacts;
  phases: PhaseSpec[];
  disposition: string;
}

export interface PhaseRecord {
  phase: PhaseId;
  decision: string;
  correct: boolean;
  turn: number;
  minute: number;
}

export interface CrossDomainState {
  case: PathwayCase;
  /** Index of the current phase in `case.phases`; equals phases.length when every phase is done. */
  phaseIndex: number;
  phaseLog: PhaseRecord[];
  orders: { kind: "lab" | "imaging"; item: string; turn: number; minute: number }[];
  prescriptions: { drug: string; dose?: string; turn: number; minute: number }[];
  bundle: { element: string; detail?: string; turn: number; minute: number }[];
  submitted?: string;
}
