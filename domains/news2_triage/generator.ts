import { createRng, type Rng } from "../../src/util/rng.js";
import type { Avpu, Patient } from "./data-model.js";

/**
 * Seeded ward patients. Each profile is a clinical picture whose vital signs follow it (mean, sd);
 * values are clamped to physiological limits and rounded as a chart would show them.
 */
interface Profile {
  id: string;
  reasons: string[];
  ageRange: [number, number];
  rr: [number, number];
  spo2: [number, number];
  oxygen: number; // probability of supplemental O2
  sbp: [number, number];
  hr: [number, number];
  temp: [number, number];
  avpu: [Avpu, number][];
  lactate: [number, number];
  wbc: [number, number];
  weight: number;
}

const PROFILES: Profile[] = [
  { id: "stable_postop", reasons: ["day 2 after laparoscopic cholecystectomy", "day 1 after total knee replacement", "day 3 after hernia repair"], ageRange: [30, 85], rr: [15, 2], spo2: [97, 1.2], oxygen: 0.05, sbp: [128, 12], hr: [76, 9], temp: [36.8, 0.35], avpu: [["alert", 1]], lactate: [1.0, 0.3], wbc: [8, 1.8], weight: 3 },
  { id: "early_sepsis", reasons: ["urinary tract infection", "cellulitis of the left leg", "community-acquired pneumonia"], ageRange: [45, 92], rr: [22, 2.5], spo2: [94.5, 1.5], oxygen: 0.3, sbp: [104, 10], hr: [108, 10], temp: [38.6, 0.5], avpu: [["alert", 0.8], ["confusion", 0.2]], lactate: [2.6, 0.7], wbc: [15, 3.5], weight: 2 },
  { id: "septic_shock", reasons: ["pyelonephritis", "perforated diverticulitis", "biliary sepsis"], ageRange: [50, 92], rr: [27, 3], spo2: [92, 2], oxygen: 0.7, sbp: [84, 8], hr: [126, 10], temp: [39.1, 0.8], avpu: [["confusion", 0.5], ["alert", 0.3], ["voice", 0.2]], lactate: [5.2, 1.4], wbc: [21, 5], weight: 1 },
  { id: "opioid_oversedation", reasons: ["post-operative pain on patient-controlled morphine", "hip fracture on oxycodone"], ageRange: [60, 95], rr: [9, 1.5], spo2: [92, 2], oxygen: 0.4, sbp: [112, 12], hr: [62, 8], temp: [36.4, 0.4], avpu: [["voice", 0.6], ["pain", 0.2], ["alert", 0.2]], lactate: [1.3, 0.4], wbc: [8.5, 2], weight: 1 },
  { id: "gi_bleed", reasons: ["melaena on a background of peptic ulcer disease", "haematemesis while on warfarin"], ageRange: [40, 90], rr: [20, 2.5], spo2: [96, 1.5], oxygen: 0.1, sbp: [98, 10], hr: [112, 12], temp: [36.5, 0.4], avpu: [["alert", 0.9], ["confusion", 0.1]], lactate: [2.4, 0.8], wbc: [10, 2.5], weight: 1.5 },
  { id: "pulmonary_embolism", reasons: ["day 5 after hip arthroplasty with new breathlessness", "pleuritic chest pain after a long-haul flight"], ageRange: [35, 85], rr: [24, 3], spo2: [92, 2], oxygen: 0.5, sbp: [112, 14], hr: [114, 11], temp: [37.4, 0.5], avpu: [["alert", 1]], lactate: [1.8, 0.6], wbc: [10, 2], weight: 1.5 },
  { id: "heart_failure", reasons: ["decompensated heart failure, on furosemide infusion", "fluid overload after transfusion"], ageRange: [60, 95], rr: [21, 2.5], spo2: [94, 1.8], oxygen: 0.6, sbp: [138, 18], hr: [94, 12], temp: [36.7, 0.3], avpu: [["alert", 1]], lactate: [1.4, 0.4], wbc: [8, 2], weight: 1.5 },
];

const FIRST = ["Alex", "Sam", "Jordan", "Maria", "Li", "Aisha", "Tom", "Grace", "Ravi", "Elena", "Kofi", "Hannah", "Omar", "Yuki", "Peter", "Fatima"];
const LAST = ["Smith", "Okafor", "Nguyen", "Garcia", "Patel", "Müller", "Kowalski", "Haddad", "Johansson", "Tanaka", "Brown", "Silva"];
const WARDS = ["Surgical ward 4B", "Medical ward 7A", "Orthopaedic ward 3C", "Acute medical unit"];

const round1 = (x: number) => Math.round(x * 10) / 10;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

export function generatePatient(seed: number, index: number): Patient {
  const rng: Rng = createRng(seed);
  const p = rng.weighted(PROFILES, PROFILES.map((x) => x.weight));
  const age = rng.int(p.ageRange[0], p.ageRange[1]);
  const sex = rng.chance(0.5) ? "female" : "male";
  const sbp = Math.round(clamp(rng.normal(...p.sbp), 60, 230));
  const vitals = {
    respiratoryRate: Math.round(clamp(rng.normal(...p.rr), 5, 45)),
    spo2: Math.round(clamp(rng.normal(...p.spo2), 78, 100)),
    onOxygen: rng.chance(p.oxygen),
    systolicBp: sbp,
    diastolicBp: Math.round(clamp(sbp * (0.55 + rng.next() * 0.12), 35, 130)),
    heartRate: Math.round(clamp(rng.normal(...p.hr), 35, 190)),
    temperatureC: round1(clamp(rng.normal(...p.temp), 34, 41.5)),
    consciousness: rng.weighted(p.avpu.map((a) => a[0]), p.avpu.map((a) => a[1])),
  };
  return {
    id: `P-${String(1000 + index)}`,
    name: `${rng.pick(FIRST)} ${rng.pick(LAST)}`,
    age,
    sex,
    ward: rng.pick(WARDS),
    reason: rng.pick(p.reasons),
    profile: p.id,
    vitals,
    labs: {
      lactate: round1(clamp(rng.normal(...p.lactate), 0.4, 15)),
      wbc: round1(clamp(rng.normal(...p.wbc), 1, 45)),
      hemoglobin: round1(clamp(rng.normal(p.id === "gi_bleed" ? 8.2 : 12.8, 1.2), 4, 18)),
      creatinine: round1(clamp(rng.normal(p.id === "septic_shock" ? 2.1 : 1.0, 0.3), 0.4, 8)),
    },
  };
}
