/**
 * State of the ehr_management domain: one patient's electronic health record (read-only, built
 * from the MIMIC-IV demo or the Synthea FHIR sample) plus what the agent wrote into it during the
 * episode (notes, orders, consult requests).
 *
 * Times are kept as the source writes them. MIMIC: "YYYY-MM-DD HH:MM:SS" (shifted into 2100-2200
 * by de-identification). Synthea: ISO 8601 with offset.
 */

export interface LabEvent {
  itemid: number;
  label: string;
  fluid: string;
  category: string;
  charttime: string;
  /** The result as reported (text for qualitative results). */
  value: string | null;
  valuenum: number | null;
  unit: string | null;
  refLow: number | null;
  refHigh: number | null;
  /** "abnormal" when the lab flagged it. */
  flag: string | null;
  priority: string | null;
}

export interface Prescription {
  drug: string;
  drugType: string;
  starttime: string | null;
  stoptime: string | null;
  dose: string | null;
  doseUnit: string | null;
  route: string | null;
  dosesPer24h: number | null;
  prodStrength: string | null;
}

export interface CodedDiagnosis {
  seq: number;
  code: string;
  version: 9 | 10;
  title: string;
}

export interface CodedProcedure {
  seq: number;
  chartdate: string;
  code: string;
  version: 9 | 10;
  title: string;
}

export interface IcuStay {
  stayId: string;
  firstCareunit: string;
  lastCareunit: string;
  intime: string;
  outtime: string | null;
  losDays: number | null;
}

export interface IcuProcedure {
  stayId: string;
  label: string;
  category: string;
  starttime: string;
  endtime: string | null;
  value: number | null;
  unit: string | null;
}

export interface IcuOutput {
  stayId: string;
  charttime: string;
  label: string;
  valueMl: number;
}

export interface Transfer {
  eventtype: string;
  careunit: string | null;
  intime: string | null;
  outtime: string | null;
}

export interface MicroResult {
  chartdate: string;
  charttime: string | null;
  specimen: string;
  test: string;
  organism: string | null;
  antibiotic: string | null;
  interpretation: string | null;
  comments: string | null;
}

export interface ProviderOrder {
  ordertime: string;
  orderType: string;
  orderSubtype: string | null;
  /** Detail fields from poe_detail (e.g. "Code status": "Resuscitate (Full code)"). */
  details: Record<string, string>;
  status: string | null;
}

export interface Drg {
  type: string;
  code: string;
  description: string;
  severity: number | null;
  mortality: number | null;
}

export interface MimicAdmission {
  hadmId: string;
  admittime: string;
  dischtime: string;
  deathtime: string | null;
  admissionType: string;
  admissionLocation: string | null;
  dischargeLocation: string | null;
  insurance: string | null;
  language: string | null;
  maritalStatus: string | null;
  race: string | null;
  edregtime: string | null;
  edouttime: string | null;
  expired: boolean;
  services: { transfertime: string; prevService: string | null; currService: string }[];
  diagnoses: CodedDiagnosis[];
  procedures: CodedProcedure[];
  labs: LabEvent[];
  prescriptions: Prescription[];
  icuStays: IcuStay[];
  icuProcedures: IcuProcedure[];
  icuOutputs: IcuOutput[];
  transfers: Transfer[];
  micro: MicroResult[];
  orders: ProviderOrder[];
  drg: Drg[];
}

export interface OmrMeasurement {
  chartdate: string;
  seq: number;
  name: string;
  value: string;
}

export interface MimicChart {
  source: "mimic";
  patientId: string;
  sex: "female" | "male";
  anchorAge: number;
  anchorYear: number;
  anchorYearGroup: string;
  dod: string | null;
  admissions: MimicAdmission[];
  omr: OmrMeasurement[];
}

export interface SyntheaEncounter {
  id: string;
  class: string;
  type: string;
  start: string;
  end: string | null;
  reason: string | null;
  location: string | null;
  provider: string | null;
}

export interface SyntheaCondition {
  code: string;
  display: string;
  clinicalStatus: string;
  category: string;
  onset: string | null;
  abatement: string | null;
  encounterId: string | null;
}

export interface SyntheaMedication {
  rxnorm: string;
  display: string;
  status: string;
  authoredOn: string;
  reason: string | null;
  encounterId: string | null;
  dosage: string | null;
}

export interface SyntheaProcedure {
  code: string;
  display: string;
  start: string;
  end: string | null;
  encounterId: string | null;
  reason: string | null;
}

export interface SyntheaAllergy {
  substance: string;
  category: string;
  criticality: string | null;
  clinicalStatus: string;
  recorded: string;
  reactions: string[];
}

export interface SyntheaImmunization {
  cvx: string;
  display: string;
  date: string;
  encounterId: string | null;
}

export interface SyntheaNote {
  encounterId: string | null;
  date: string;
  type: string;
  text: string;
}

export interface SyntheaChart {
  source: "synthea";
  patientId: string;
  name: string;
  sex: "female" | "male";
  birthDate: string;
  deceased: string | null;
  race: string | null;
  ethnicity: string | null;
  maritalStatus: string | null;
  language: string | null;
  city: string | null;
  state: string | null;
  encounters: SyntheaEncounter[];
  conditions: SyntheaCondition[];
  medications: SyntheaMedication[];
  procedures: SyntheaProcedure[];
  allergies: SyntheaAllergy[];
  immunizations: SyntheaImmunization[];
  notes: SyntheaNote[];
}

export type Chart = MimicChart | SyntheaChart;

export interface ChartNote {
  patientId: string;
  encounterId: string | null;
  noteType: string;
  text: string;
  turn: number;
}

export interface ChartOrder {
  patientId: string;
  encounterId: string | null;
  category: string;
  item: string;
  details: string;
  priority: string;
  turn: number;
}

export interface ConsultRequest {
  patientId: string;
  encounterId: string | null;
  service: string;
  reason: string;
  urgency: string;
  turn: number;
}

export interface EhrState {
  patientId: string;
  source: Chart["source"];
  /**
   * The record the ticket is about. Shared and deep-frozen: tools never change it. Held as a
   * non-enumerable property so the per-step state hash covers what the episode changes (notes,
   * orders, consults) instead of re-serialising megabytes of immutable chart data.
   */
  readonly chart: Chart;
  notes: ChartNote[];
  orders: ChartOrder[];
  consults: ConsultRequest[];
}
