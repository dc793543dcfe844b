import type { Rng } from "../../util/rng.js";
import type { AnalyteKey, Condition } from "../conditions/schema.js";
import { BINARY_ANALYTES } from "../conditions/schema.js";
import { getLab, hasLab } from "../labs/index.js";
import { FEMALE_NAMES, MALE_NAMES, SURNAMES } from "./names.js";

/**
 * Seeded patients drawn from a condition profile, so that what the tools reveal (symptoms, exam,
 * vitals, labs, imaging) is consistent with the hidden diagnosis. Analytes the profile does not
 * mention come from the adult reference range of the lab catalogue, so a basic panel looks like a
 * real one with only the characteristic values abnormal.
 */
export interface PatientVitals {
  hr: number; // beats/min
  sbp: number; // mmHg
  dbp: number; // mmHg
  rr: number; // breaths/min
  tempC: number; // °C
  spo2: number; // %
}

export interface GeneratedPatient {
  id: string;
  name: string;
  /** Years (fractions for infants). */
  age: number;
  sex: "female" | "male";
  weightKg: number;
  heightCm: number;
  conditionId: string;
  pregnancy?: { gestationalWeeks: number };
  postpartum?: boolean;
  chiefComplaint: string;
  symptoms: string[];
  history: { pmh: string[]; medications: string[]; social: string[]; family: string[] };
  allergies: { substance: string; reaction: string }[];
  exam: string[];
  vitals: PatientVitals;
  /** Analyte key -> value in the catalogue's unit. */
  labs: Partial<Record<AnalyteKey | string, number>>;
  imaging: { modality: string; region: string; finding: string }[];
}

export interface PatientOptions {
  id: string;
  /** Analytes to fill from the reference range when the profile does not set them. */
  baselinePanel?: readonly string[];
  /** Probability of a recorded drug allergy (default 0.25). */
  allergyRate?: number;
}

/** CBC + BMP: what almost every hospital patient has drawn. */
export const BASELINE_PANEL = ["wbc", "hemoglobin", "platelets", "sodium", "potassium", "chloride", "bicarbonate", "bun", "creatinine", "glucose", "calcium"] as const;

const ALLERGIES: { substance: string; reaction: string; weight: number }[] = [
  { substance: "penicillin", reaction: "urticarial rash", weight: 10 },
  { substance: "sulfonamide antibiotics", reaction: "maculopapular rash", weight: 4 },
  { substance: "cephalosporins", reaction: "hives", weight: 1.5 },
  { substance: "nsaids", reaction: "bronchospasm", weight: 2 },
  { substance: "codeine", reaction: "nausea and pruritus", weight: 2 },
  { substance: "iodinated contrast", reaction: "hives", weight: 1.5 },
  { substance: "latex", reaction: "contact dermatitis", weight: 1 },
  { substance: "aspirin", reaction: "angioedema", weight: 1 },
  { substance: "morphine", reaction: "pruritus and hypotension", weight: 1 },
  { substance: "vancomycin", reaction: "flushing (infusion reaction)", weight: 0.7 },
];

/** Physiological clamps; a normal draw never leaves them. */
const VITAL_LIMITS: Record<keyof PatientVitals, [number, number]> = {
  hr: [25, 230],
  sbp: [50, 260],
  dbp: [25, 150],
  rr: [4, 70],
  tempC: [32, 42.5],
  spo2: [60, 100],
};

export function generatePatient(condition: Condition, rng: Rng, opts: PatientOptions): GeneratedPatient {
  const d = condition.demographics;
  const sex = rng.chance(d.femaleFraction) ? "female" : "male";
  const [amin, amax] = d.ageRange;
  const age = amax < 2 ? round(amin + rng.next() * (amax - amin), 1) : rng.int(Math.ceil(amin), Math.floor(amax));
  const { weightKg, heightCm } = anthropometrics(age, sex, rng);

  const symptoms = present(condition.symptoms.map((s) => ({ item: s.name, p: s.p })), rng, 2);
  const exam = present(condition.exam.map((e) => ({ item: e.finding, p: e.p })), rng, 1);
  const pick = (xs?: { name: string; p: number }[]) => (xs ? xs.filter((x) => rng.chance(x.p)).map((x) => x.name) : []);

  const vitals = {} as PatientVitals;
  for (const key of Object.keys(VITAL_LIMITS) as (keyof PatientVitals)[]) {
    const v = condition.vitals[key];
    const [lo, hi] = VITAL_LIMITS[key];
    const raw = clamp(rng.normal(v.mean, v.sd), lo, hi);
    vitals[key] = key === "tempC" ? round(raw, 1) : Math.round(raw);
  }
  if (vitals.dbp >= vitals.sbp - 10) vitals.dbp = Math.max(VITAL_LIMITS.dbp[0], vitals.sbp - 15);

  const labs: GeneratedPatient["labs"] = {};
  for (const key of opts.baselinePanel ?? BASELINE_PANEL) {
    if (hasLab(key)) labs[key] = normalValue(key, rng);
  }
  for (const [key, ms] of Object.entries(condition.labs) as [AnalyteKey, { mean: number; sd: number }][]) {
    if (BINARY_ANALYTES.has(key)) labs[key] = rng.chance(ms.mean) ? 1 : 0;
    else labs[key] = roundLab(key, Math.max(0, rng.normal(ms.mean, ms.sd)));
  }

  const imaging = condition.imaging.filter((i) => rng.chance(i.p)).map(({ modality, region, finding }) => ({ modality, region, finding }));
  const allergies = rng.chance(opts.allergyRate ?? 0.25)
    ? [(() => { const a = rng.weighted(ALLERGIES, ALLERGIES.map((x) => x.weight)); return { substance: a.substance, reaction: a.reaction }; })()]
    : [];

  const first = sex === "female" ? rng.pick(FEMALE_NAMES) : rng.pick(MALE_NAMES);
  const patient: GeneratedPatient = {
    id: opts.id,
    name: `${first} ${rng.pick(SURNAMES)}`,
    age,
    sex,
    weightKg,
    heightCm,
    conditionId: condition.id,
    chiefComplaint: rng.pick(condition.chiefComplaints),
    symptoms,
    history: { pmh: pick(condition.history.pmh), medications: pick(condition.history.medications), social: pick(condition.history.social), family: pick(condition.history.family) },
    allergies,
    exam,
    vitals,
    labs,
    imaging,
  };
  if (d.pregnancy) {
    const [g0, g1] = d.gestationalWeeks ?? [8, 40];
    patient.pregnancy = { gestationalWeeks: rng.int(g0, g1) };
  }
  if (d.postpartum) patient.postpartum = true;
  return patient;
}

/** Items drawn by their probabilities; if fewer than `min` came up, the likeliest are added. */
function present(items: { item: string; p: number }[], rng: Rng, min: number): string[] {
  const chosen = items.filter((x) => rng.chance(x.p)).map((x) => x.item);
  if (chosen.length >= min) return chosen;
  for (const x of [...items].sort((a, b) => b.p - a.p)) {
    if (chosen.length >= min) break;
    if (!chosen.includes(x.item)) chosen.push(x.item);
  }
  return chosen;
}

/** A value inside the adult reference range (normal around the mid-point, clamped to the range). */
export function normalValue(key: string, rng: Rng): number {
  const lab = getLab(key);
  if (lab.scale === "qualitative") return 0;
  const mid = (lab.low + lab.high) / 2;
  const sd = (lab.high - lab.low) / 6;
  return roundLab(key, clamp(rng.normal(mid, sd), lab.low, lab.high));
}

/** Round as a laboratory reports: to the precision the reference range is written in, plus one digit for small ranges. */
export function roundLab(key: string, v: number): number {
  const lab = hasLab(key) ? getLab(key) : undefined;
  const span = lab ? Math.max(Math.abs(lab.high), Math.abs(lab.low)) : Math.abs(v);
  const digits = span >= 100 ? 0 : span >= 10 ? 1 : span >= 1 ? 2 : 3;
  return round(v, digits);
}

function anthropometrics(age: number, sex: "female" | "male", rng: Rng): { weightKg: number; heightCm: number } {
  if (age < 18) {
    // Rough growth curve: enough for weight-based dosing and pediatric scores.
    const h = age < 1 ? 50 + age * 25 : Math.min(175, 75 + age * 6);
    const w = age < 1 ? 3.5 + age * 6.5 : Math.max(10, 2 * age + 8 + rng.normal(0, age * 0.4));
    return { weightKg: round(w, 1), heightCm: Math.round(h + rng.normal(0, 3)) };
  }
  const heightCm = Math.round(clamp(rng.normal(sex === "female" ? 163 : 177, 7), 140, 205));
  const bmi = clamp(rng.normal(27, 5), 16, 48);
  return { weightKg: round((bmi * heightCm * heightCm) / 10_000, 1), heightCm };
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const round = (x: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};
