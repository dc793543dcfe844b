/** State of the obstetrics domain: a labour-and-delivery / obstetric triage unit, its patients and the agent's orders. */

export const CTG_VARIABILITY = ["absent", "minimal", "moderate", "marked"] as const;
export type CtgVariability = (typeof CTG_VARIABILITY)[number];
export const CTG_DECELERATIONS = ["none", "early", "variable_intermittent", "variable_recurrent", "late_intermittent", "late_recurrent", "prolonged"] as const;
export type CtgDeceleration = (typeof CTG_DECELERATIONS)[number];

export interface Ctg {
  baselineFhr: number;
  variability: CtgVariability;
  accelerations: boolean;
  decelerations: CtgDeceleration;
  sinusoidal: boolean;
  contractionsPer10Min: number;
}

export const CERVIX_CONSISTENCY = ["firm", "medium", "soft"] as const;
export const CERVIX_POSITION = ["posterior", "mid", "anterior"] as const;

export interface Cervix {
  dilationCm: number;
  effacementPct: number;
  /** -3 .. +3 */
  station: number;
  consistency: (typeof CERVIX_CONSISTENCY)[number];
  position: (typeof CERVIX_POSITION)[number];
}

export interface Biophysical {
  nstReactive: boolean;
  breathing: boolean;
  movements: boolean;
  tone: boolean;
  /** Deepest vertical pocket, cm (>= 2 cm scores 2). */
  deepestPocketCm: number;
  afiCm: number;
}

export interface Dating {
  /** Day numbers (days since 1970-01-01, UTC). */
  today: number;
  lmp: number;
  lmpCertain: boolean;
  ultrasound?: { date: number; gaDays: number };
}

export interface PrenatalLabs {
  abo: "A" | "B" | "AB" | "O";
  rhNegative: boolean;
  /** Anti-D alloimmunisation (antibody screen positive for anti-D). */
  antiD: boolean;
  antiDTiter?: string;
  rubellaImmune: boolean;
  hbsag: boolean;
  hiv: boolean;
  syphilis: boolean;
  gbs: "positive" | "negative" | "not done";
  /** 1-h 50 g glucose challenge, mg/dL. */
  gct?: number;
  /** 3-h 100 g OGTT: fasting, 1 h, 2 h, 3 h (mg/dL). */
  ogtt?: [number, number, number, number];
  /** Self-monitored glucose over the last week for women with GDM. */
  smbg?: { fastingMean: number; fastingAboveTarget: number; postprandialMean: number; postprandialAboveTarget: number; readings: number };
  antiDGivenThisPregnancy: boolean;
}

export interface ObPatient {
  id: string;
  name: string;
  age: number;
  weightKg: number;
  heightCm: number;
  /** Hidden: the condition the case was generated from. */
  conditionId: string;
  pregnant: boolean;
  postpartum: boolean;
  /** True gestational age in days (for pregnant patients); the clinical estimate comes from `dating`. */
  gaDays?: number;
  dating?: Dating;
  gravida: number;
  para: { term: number; preterm: number; abortions: number; living: number };
  priorCesarean: boolean;
  chiefComplaint: string;
  symptoms: string[];
  exam: string[];
  history: { pmh: string[]; medications: string[]; social: string[]; family: string[] };
  allergies: { substance: string; reaction: string }[];
  vitals: { hr: number; sbp: number; dbp: number; rr: number; tempC: number; spo2: number };
  labs: Record<string, number>;
  imaging: { modality: string; region: string; finding: string }[];
  prenatal: PrenatalLabs;
  /** Fetal cells in maternal blood, % (Kleihauer-Betke). */
  kleihauerBetkePct: number;
  ctg?: Ctg;
  bpp?: Biophysical;
  cervix?: Cervix;
  membranesRuptured: boolean;
  placenta: string;
  presentation: "cephalic" | "breech" | "transverse";
  efwPercentile?: number;
  cervicalLengthMm?: number;
  fetalFibronectin?: "positive" | "negative" | "not valid";
  fetalCardiacActivity?: boolean;
}

export interface ObOrder {
  patientId: string;
  kind: "labs" | "medication";
  items: string[];
  turn: number;
}

export interface ObState {
  patients: Record<string, ObPatient>;
  orders: ObOrder[];
  /** Digital cervical examinations performed (they matter in previa and preterm ROM). */
  cervicalExams: { patientId: string; turn: number }[];
}
