/**
 * Psychiatric rating instruments: item wording, scoring rules and severity bands from the
 * published instruments, plus a seeded item generator that hits a chosen total so that answers
 * stay consistent with the hidden diagnosis and severity.
 *
 * - PHQ-9 (Kroenke 2001): 9 items 0-3, total 0-27; 0-4 minimal, 5-9 mild, 10-14 moderate,
 *   15-19 moderately severe, 20-27 severe. Item 9 asks about thoughts of death or self-harm.
 *   Example: 2,2,1,2,1,1,2,1,0 -> 12, moderate.
 * - GAD-7 (Spitzer 2006): 7 items 0-3, total 0-21; 0-4 minimal, 5-9 mild, 10-14 moderate, 15-21 severe.
 * - MMSE (Folstein 1975): 30 points over orientation 10, registration 3, attention 5, recall 3,
 *   language and praxis 9; 25-30 no impairment, 21-24 mild, 10-20 moderate, 0-9 severe.
 * - PCL-5 (Weathers 2013): 20 items 0-4, total 0-80; a total >= 33 (the 31-33 cut-off range)
 *   suggests probable PTSD; DSM-5 pattern: item >= 2 endorsed, needing 1 B (1-5), 1 C (6-7),
 *   2 D (8-14) and 2 E (15-20) items.
 * - CAGE (Ewing 1984): 4 yes/no, >= 2 clinically significant.
 * - AUDIT-C: 3 items 0-4, positive >= 4 in men, >= 3 in women. DAST-10: 0 none, 1-2 low,
 *   3-5 moderate, 6-8 substantial, 9-10 severe.
 * - MDQ (Hirschfeld 2000): positive with >= 7 of 13 symptoms, several in the same period, and
 *   moderate or serious problems.
 * - Y-BOCS (Goodman 1989): 10 items 0-4, total 0-40; 0-7 subclinical, 8-15 mild, 16-23 moderate,
 *   24-31 severe, 32-40 extreme.
 * - CIWA-Ar (Sullivan 1989): 9 items 0-7 plus orientation 0-4, total 0-67; < 10 mild, 10-18
 *   moderate, >= 19 severe withdrawal.
 * - COWS (Wesson 2003): 11 items, total 0-48; 5-12 mild, 13-24 moderate, 25-36 moderately
 *   severe, > 36 severe.
 * - C-SSRS screener (Posner 2011): high risk with intent (Q4), a plan with intent (Q5) or suicidal
 *   behaviour in the past 3 months; moderate with a method (Q3) or behaviour more than 3 months
 *   ago; low with a wish to be dead or non-specific active thoughts only.
 * - Brøset Violence Checklist (Almvik 2000): 6 behaviours, 0 low, 1-2 moderate, >= 3 high risk.
 * - SCOFF (Morgan 1999): 5 yes/no, >= 2 suggests an eating disorder.
 * - Capacity (Appelbaum 2007): communicate a choice, understand, appreciate, reason; all four needed.
 */
import type { Rng } from "../../src/util/rng.js";

export interface Band {
  label: string;
  min: number;
  max: number;
}

const band = (bands: readonly Band[], total: number): string => bands.find((b) => total >= b.min && total <= b.max)?.label ?? bands[bands.length - 1].label;

export const PHQ9_ITEMS = [
  "Little interest or pleasure in doing things",
  "Feeling down, depressed, or hopeless",
  "Trouble falling or staying asleep, or sleeping too much",
  "Feeling tired or having little energy",
  "Poor appetite or overeating",
  "Feeling bad about yourself, or that you are a failure or have let yourself or your family down",
  "Trouble concentrating on things",
  "Moving or speaking so slowly that other people could have noticed, or being so fidgety or restless",
  "Thoughts that you would be better off dead or of hurting yourself in some way",
] as const;
export const PHQ9_BANDS: Band[] = [
  { label: "minimal", min: 0, max: 4 },
  { label: "mild", min: 5, max: 9 },
  { label: "moderate", min: 10, max: 14 },
  { label: "moderately severe", min: 15, max: 19 },
  { label: "severe", min: 20, max: 27 },
];

export const GAD7_ITEMS = [
  "Feeling nervous, anxious, or on edge",
  "Not being able to stop or control worrying",
  "Worrying too much about different things",
  "Trouble relaxing",
  "Being so restless that it is hard to sit still",
  "Becoming easily annoyed or irritable",
  "Feeling afraid as if something awful might happen",
] as const;
export const GAD7_BANDS: Band[] = [
  { label: "minimal", min: 0, max: 4 },
  { label: "mild", min: 5, max: 9 },
  { label: "moderate", min: 10, max: 14 },
  { label: "severe", min: 15, max: 21 },
];

export const FREQUENCY = ["not at all", "several days", "more than half the days", "nearly every day"] as const;

export const MMSE_DOMAINS = [
  { key: "orientation_time", label: "Orientation to time", max: 5 },
  { key: "orientation_place", label: "Orientation to place", max: 5 },
  { key: "registration", label: "Registration (3 words)", max: 3 },
  { key: "attention", label: "Attention and calculation (serial 7s)", max: 5 },
  { key: "recall", label: "Recall (3 words)", max: 3 },
  { key: "naming", label: "Naming", max: 2 },
  { key: "repetition", label: "Repetition", max: 1 },
  { key: "command", label: "Three-stage command", max: 3 },
  { key: "reading", label: "Reading", max: 1 },
  { key: "writing", label: "Writing", max: 1 },
  { key: "copying", label: "Copying", max: 1 },
] as const;
export const MMSE_BANDS: Band[] = [
  { label: "severe", min: 0, max: 9 },
  { label: "moderate", min: 10, max: 20 },
  { label: "mild", min: 21, max: 24 },
  { label: "no cognitive impairment", min: 25, max: 30 },
];

export const PCL5_ITEMS = [
  "Repeated, disturbing, and unwanted memories of the stressful experience",
  "Repeated, disturbing dreams of the stressful experience",
  "Suddenly feeling or acting as if the stressful experience were actually happening again",
  "Feeling very upset when something reminded you of the stressful experience",
  "Strong physical reactions when something reminded you of the stressful experience",
  "Avoiding memories, thoughts, or feelings related to the stressful experience",
  "Avoiding external reminders of the stressful experience",
  "Trouble remembering important parts of the stressful experience",
  "Strong negative beliefs about yourself, other people, or the world",
  "Blaming yourself or someone else for the stressful experience or what happened after it",
  "Strong negative feelings such as fear, horror, anger, guilt, or shame",
  "Loss of interest in activities that you used to enjoy",
  "Feeling distant or cut off from other people",
  "Trouble experiencing positive feelings",
  "Irritable behavior, angry outbursts, or acting aggressively",
  "Taking too many risks or doing things that could cause you harm",
  "Being superalert or watchful or on guard",
  "Feeling jumpy or easily startled",
  "Having difficulty concentrating",
  "Trouble falling or staying asleep",
] as const;
export const PCL5_CUTOFF = 33;
export const PCL5_SEVERITY = ["not at all", "a little bit", "moderately", "quite a bit", "extremely"] as const;

export const CAGE_ITEMS = [
  "Have you ever felt you should Cut down on your drinking?",
  "Have people Annoyed you by criticizing your drinking?",
  "Have you ever felt bad or Guilty about your drinking?",
  "Have you ever had a drink first thing in the morning to steady your nerves or get rid of a hangover (Eye-opener)?",
] as const;

export const MDQ_ITEMS = [
  "felt so good or hyper that others thought you were not your normal self",
  "so irritable that you shouted at people or started fights",
  "felt much more self-confident than usual",
  "got much less sleep than usual and found you didn't really miss it",
  "much more talkative or spoke faster than usual",
  "thoughts raced through your head",
  "so easily distracted that you had trouble concentrating",
  "had much more energy than usual",
  "much more active or did many more things than usual",
  "much more social or outgoing than usual",
  "much more interested in sex than usual",
  "did things that were unusual, excessive, foolish or risky",
  "spending money got you or your family into trouble",
] as const;
export const MDQ_IMPAIRMENT = ["no problem", "minor problem", "moderate problem", "serious problem"] as const;

export const YBOCS_ITEMS = [
  "Time occupied by obsessive thoughts",
  "Interference due to obsessive thoughts",
  "Distress associated with obsessive thoughts",
  "Resistance against obsessions",
  "Degree of control over obsessive thoughts",
  "Time spent performing compulsive behaviors",
  "Interference due to compulsive behaviors",
  "Distress associated with compulsive behavior",
  "Resistance against compulsions",
  "Degree of control over compulsive behavior",
] as const;
export const YBOCS_BANDS: Band[] = [
  { label: "subclinical", min: 0, max: 7 },
  { label: "mild", min: 8, max: 15 },
  { label: "moderate", min: 16, max: 23 },
  { label: "severe", min: 24, max: 31 },
  { label: "extreme", min: 32, max: 40 },
];

export const CIWA_ITEMS = [
  { label: "Nausea and vomiting", max: 7 },
  { label: "Tremor", max: 7 },
  { label: "Paroxysmal sweats", max: 7 },
  { label: "Anxiety", max: 7 },
  { label: "Agitation", max: 7 },
  { label: "Tactile disturbances", max: 7 },
  { label: "Auditory disturbances", max: 7 },
  { label: "Visual disturbances", max: 7 },
  { label: "Headache, fullness in head", max: 7 },
  { label: "Orientation and clouding of sensorium", max: 4 },
] as const;
export const CIWA_BANDS: Band[] = [
  { label: "mild", min: 0, max: 9 },
  { label: "moderate", min: 10, max: 18 },
  { label: "severe", min: 19, max: 67 },
];

export const COWS_ITEMS = [
  { label: "Resting pulse rate", max: 4 },
  { label: "Sweating", max: 4 },
  { label: "Restlessness", max: 5 },
  { label: "Pupil size", max: 5 },
  { label: "Bone or joint aches", max: 4 },
  { label: "Runny nose or tearing", max: 4 },
  { label: "GI upset", max: 5 },
  { label: "Tremor", max: 4 },
  { label: "Yawning", max: 4 },
  { label: "Anxiety or irritability", max: 4 },
  { label: "Gooseflesh skin", max: 5 },
] as const;
export const COWS_BANDS: Band[] = [
  { label: "no active withdrawal", min: 0, max: 4 },
  { label: "mild", min: 5, max: 12 },
  { label: "moderate", min: 13, max: 24 },
  { label: "moderately severe", min: 25, max: 36 },
  { label: "severe", min: 37, max: 48 },
];

export const CSSRS_ITEMS = [
  "Have you wished you were dead or wished you could go to sleep and not wake up? (past month)",
  "Have you actually had any thoughts about killing yourself? (past month)",
  "Have you thought about how you might do this? (method)",
  "Have you had any intention of acting on these thoughts of killing yourself? (intent)",
  "Have you started to work out or worked out the details of how to kill yourself? Do you intend to carry out this plan? (plan with intent)",
  "Have you done anything, started to do anything, or prepared to do anything to end your life? (behaviour)",
] as const;

export const BVC_ITEMS = ["Confused", "Irritable", "Boisterous", "Verbal threats", "Physical threats", "Attacking objects"] as const;

export const SCOFF_ITEMS = [
  "Do you make yourself Sick because you feel uncomfortably full?",
  "Do you worry you have lost Control over how much you eat?",
  "Have you recently lost more than One stone (6.35 kg) in a 3-month period?",
  "Do you believe yourself to be Fat when others say you are too thin?",
  "Would you say that Food dominates your life?",
] as const;

export const AUDITC_ITEMS = [
  { label: "How often do you have a drink containing alcohol?", answers: ["never", "monthly or less", "2-4 times a month", "2-3 times a week", "4 or more times a week"] },
  { label: "How many standard drinks on a typical drinking day?", answers: ["1 or 2", "3 or 4", "5 or 6", "7 to 9", "10 or more"] },
  { label: "How often do you have six or more drinks on one occasion?", answers: ["never", "less than monthly", "monthly", "weekly", "daily or almost daily"] },
] as const;

export const DAST_BANDS: Band[] = [
  { label: "no problems reported", min: 0, max: 0 },
  { label: "low level", min: 1, max: 2 },
  { label: "moderate level", min: 3, max: 5 },
  { label: "substantial level", min: 6, max: 8 },
  { label: "severe level", min: 9, max: 10 },
];

// ---------------------------------------------------------------------------------------------
// Scoring

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

function checkItems(name: string, items: readonly number[], n: number, max: number | readonly number[]): void {
  if (items.length !== n) throw new RangeError(`${name}: expected ${n} items, got ${items.length}`);
  items.forEach((v, i) => {
    const m = typeof max === "number" ? max : max[i];
    if (!Number.isInteger(v) || v < 0 || v > m) throw new RangeError(`${name}: item ${i + 1} must be an integer 0-${m}, got ${v}`);
  });
}

export function scorePhq9(items: readonly number[]): { total: number; band: string; item9: number } {
  checkItems("PHQ-9", items, 9, 3);
  const total = sum(items);
  return { total, band: band(PHQ9_BANDS, total), item9: items[8] };
}

export function scoreGad7(items: readonly number[]): { total: number; band: string } {
  checkItems("GAD-7", items, 7, 3);
  const total = sum(items);
  return { total, band: band(GAD7_BANDS, total) };
}

export function scoreMmse(domains: readonly number[]): { total: number; band: string } {
  checkItems("MMSE", domains, MMSE_DOMAINS.length, MMSE_DOMAINS.map((d) => d.max));
  const total = sum(domains);
  return { total, band: band(MMSE_BANDS, total) };
}

export function scorePcl5(items: readonly number[]): { total: number; probable: boolean; clusters: { B: number; C: number; D: number; E: number }; dsmPattern: boolean } {
  checkItems("PCL-5", items, 20, 4);
  const total = sum(items);
  const endorsed = (from: number, to: number) => items.slice(from, to).filter((v) => v >= 2).length;
  const clusters = { B: endorsed(0, 5), C: endorsed(5, 7), D: endorsed(7, 14), E: endorsed(14, 20) };
  const dsmPattern = clusters.B >= 1 && clusters.C >= 1 && clusters.D >= 2 && clusters.E >= 2;
  return { total, probable: total >= PCL5_CUTOFF, clusters, dsmPattern };
}

export function scoreCage(answers: readonly boolean[]): { score: number; significant: boolean } {
  if (answers.length !== 4) throw new RangeError(`CAGE: expected 4 answers, got ${answers.length}`);
  const score = answers.filter(Boolean).length;
  return { score, significant: score >= 2 };
}

export function scoreAuditC(items: readonly number[], sex: "female" | "male"): { total: number; positive: boolean } {
  checkItems("AUDIT-C", items, 3, 4);
  const total = sum(items);
  return { total, positive: total >= (sex === "female" ? 3 : 4) };
}

export function scoreDast10(score: number): string {
  return band(DAST_BANDS, score);
}

export function scoreMdq(symptoms: readonly boolean[], samePeriod: boolean, impairment: (typeof MDQ_IMPAIRMENT)[number]): { yes: number; positive: boolean } {
  if (symptoms.length !== 13) throw new RangeError(`MDQ: expected 13 answers, got ${symptoms.length}`);
  const yes = symptoms.filter(Boolean).length;
  return { yes, positive: yes >= 7 && samePeriod && (impairment === "moderate problem" || impairment === "serious problem") };
}

export function scoreYbocs(items: readonly number[]): { total: number; band: string } {
  checkItems("Y-BOCS", items, 10, 4);
  const total = sum(items);
  return { total, band: band(YBOCS_BANDS, total) };
}

export function scoreCiwa(items: readonly number[]): { total: number; band: string } {
  checkItems("CIWA-Ar", items, 10, CIWA_ITEMS.map((i) => i.max));
  const total = sum(items);
  return { total, band: band(CIWA_BANDS, total) };
}

export function scoreCows(items: readonly number[]): { total: number; band: string } {
  checkItems("COWS", items, 11, COWS_ITEMS.map((i) => i.max));
  const total = sum(items);
  return { total, band: band(COWS_BANDS, total) };
}

export type SuicideRisk = "none" | "low" | "moderate" | "high";

export interface CssrsAnswers {
  wishDead: boolean;
  activeThoughts: boolean;
  method: boolean;
  intent: boolean;
  planWithIntent: boolean;
  /** Suicidal behaviour: never, in the past 3 months, or longer ago. */
  behavior: "never" | "past_3_months" | "lifetime";
}

export function cssrsRisk(a: CssrsAnswers): SuicideRisk {
  if (a.intent || a.planWithIntent || a.behavior === "past_3_months") return "high";
  if (a.method || a.behavior === "lifetime") return "moderate";
  if (a.wishDead || a.activeThoughts) return "low";
  return "none";
}

export function scoreBvc(items: readonly boolean[]): { score: number; risk: "low" | "moderate" | "high" } {
  if (items.length !== 6) throw new RangeError(`BVC: expected 6 answers, got ${items.length}`);
  const score = items.filter(Boolean).length;
  return { score, risk: score >= 3 ? "high" : score >= 1 ? "moderate" : "low" };
}

export function scoreScoff(answers: readonly boolean[]): { score: number; positive: boolean } {
  if (answers.length !== 5) throw new RangeError(`SCOFF: expected 5 answers, got ${answers.length}`);
  const score = answers.filter(Boolean).length;
  return { score, positive: score >= 2 };
}

export interface CapacityAbilities {
  communicatesChoice: boolean;
  understands: boolean;
  appreciates: boolean;
  reasons: boolean;
}

export function hasCapacity(a: CapacityAbilities): boolean {
  return a.communicatesChoice && a.understands && a.appreciates && a.reasons;
}

// ---------------------------------------------------------------------------------------------
// Generation

/** A total drawn uniformly inside a band. */
export function totalInBand(bands: readonly Band[], label: string, rng: Rng): number {
  const b = bands.find((x) => x.label === label);
  if (!b) throw new RangeError(`unknown band "${label}"`);
  return rng.int(b.min, b.max);
}

/**
 * Item scores that add up to exactly `total`: a spread around the mean item score, then unit
 * moves on random items with room left. `fixed` pins items (e.g. PHQ-9 item 9 from the suicide screen).
 */
export function distribute(total: number, maxes: readonly number[], rng: Rng, fixed: Record<number, number> = {}): number[] {
  const capacity = maxes.reduce((a, m, i) => a + (i in fixed ? fixed[i] : m), 0);
  const pinned = Object.values(fixed).reduce((a, b) => a + b, 0);
  const target = Math.max(pinned, Math.min(total, capacity));
  const free = maxes.map((_, i) => i).filter((i) => !(i in fixed));
  const out = maxes.map((_, i) => (i in fixed ? fixed[i] : 0));
  const freeCap = free.reduce((a, i) => a + maxes[i], 0);
  const mean = freeCap ? (target - pinned) / freeCap : 0;
  for (const i of free) out[i] = Math.max(0, Math.min(maxes[i], Math.round(maxes[i] * mean + rng.normal(0, 0.6))));
  let diff = target - out.reduce((a, b) => a + b, 0);
  for (let guard = 0; diff !== 0 && guard < 10_000; guard++) {
    const i = free[rng.int(0, free.length - 1)];
    if (diff > 0 && out[i] < maxes[i]) {
      out[i]++;
      diff--;
    } else if (diff < 0 && out[i] > 0) {
      out[i]--;
      diff++;
    }
  }
  return out;
}

/** `k` of `n` yes/no answers set to yes, at random positions (some positions can be forced). */
export function yesNo(n: number, k: number, rng: Rng, forced: readonly number[] = []): boolean[] {
  const out = Array<boolean>(n).fill(false);
  for (const i of forced) out[i] = true;
  const rest = rng.shuffle([...Array(n).keys()].filter((i) => !out[i]));
  for (let j = 0; j < Math.max(0, Math.min(n, k) - forced.length); j++) out[rest[j]] = true;
  return out;
}
