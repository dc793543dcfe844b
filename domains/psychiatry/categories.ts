/**
 * Disorder categories read from ICD-10 codes, and what each category looks like on the rating
 * instruments and in the mental state. Severity bands are drawn per case from the weights here, so
 * two patients with the same diagnosis can score differently while staying consistent with it.
 */
import type { Condition } from "../../src/clinical/conditions/index.js";
import type { PsychCategory } from "./data-model.js";
import type { SuicideRisk } from "./instruments.js";

export function categoryOf(c: Condition): PsychCategory {
  const code = c.icd10;
  const name = [c.name, ...c.synonyms].join(" ").toLowerCase();
  if (/^T(3[6-9]|[45]\d|6[0-5])/.test(code)) return "overdose";
  if (/^F3[23]|^F34\.1|^F53|^F31\.[3-5]/.test(code)) return "depression";
  if (/^F31/.test(code)) return "bipolar_mania";
  if (/^F41\.1/.test(code)) return "gad";
  if (/^F41\.0/.test(code)) return "panic";
  if (/^F43\.1/.test(code)) return "ptsd";
  if (/^F06\.1/.test(code) || /catatoni/.test(name)) return "catatonia";
  if (/^F2\d/.test(code)) return "psychosis";
  if (/^F42/.test(code)) return "ocd";
  if (/^F50\.0/.test(code)) return "anorexia";
  if (/^F50\.2/.test(code)) return "bulimia";
  if (/^F10\.[29]31/.test(code)) return "alcohol_withdrawal_delirium";
  if (/^F10\.[29]3/.test(code)) return "alcohol_withdrawal";
  if (/^F10/.test(code)) return "alcohol_use";
  if (/^F11\.[29]3/.test(code)) return "opioid_withdrawal";
  if (/^F11/.test(code)) return "opioid_use";
  if (/^F05/.test(code)) return "delirium";
  if (/^G30|^F0[0-3]/.test(code)) return "dementia";
  if (/^F90/.test(code)) return "adhd";
  if (/^F60\.3/.test(code)) return "borderline";
  if (/^G21\.0/.test(code) || /neuroleptic malignant/.test(name)) return "nms";
  if (/serotonin (syndrome|toxicity)/.test(name)) return "serotonin_syndrome";
  return "other";
}

/** ICD-10-CM 7th-character-less poisoning codes: the 6th character 2 means intentional self-harm. */
export function isIntentionalOverdose(c: Condition): boolean {
  return /^T\d\d\.\d{2}2/.test(c.icd10) || /^T\d\d\.\dX2/.test(c.icd10);
}

type Weights<T extends string> = Partial<Record<T, number>>;

export interface CategoryProfile {
  phq9: Weights<"minimal" | "mild" | "moderate" | "moderately severe" | "severe">;
  gad7: Weights<"minimal" | "mild" | "moderate" | "severe">;
  pcl5: [number, number];
  ybocs: Weights<"subclinical" | "mild" | "moderate" | "severe" | "extreme">;
  mmse: Weights<"no cognitive impairment" | "mild" | "moderate" | "severe">;
  cage: [number, number];
  auditC: [number, number];
  dast10: [number, number];
  mdqPositive: boolean;
  scoff: [number, number];
  ciwa: Weights<"mild" | "moderate" | "severe">;
  ciwaBaseline: boolean;
  cows: Weights<"no active withdrawal" | "mild" | "moderate" | "moderately severe" | "severe">;
  suicide: Weights<SuicideRisk>;
  bvc: [number, number];
  /** Probability that capacity to decide about admission is impaired. */
  incapacity: number;
  /** Probability that the patient agrees to be admitted. */
  accepts: number;
  /** Self-report instruments cannot be completed. */
  noSelfReport: boolean;
}

const BASE: CategoryProfile = {
  phq9: { minimal: 0.6, mild: 0.4 },
  gad7: { minimal: 0.6, mild: 0.4 },
  pcl5: [0, 18],
  ybocs: { subclinical: 1 },
  mmse: { "no cognitive impairment": 1 },
  cage: [0, 0],
  auditC: [0, 3],
  dast10: [0, 0],
  mdqPositive: false,
  scoff: [0, 0],
  ciwa: { mild: 1 },
  ciwaBaseline: true,
  cows: { "no active withdrawal": 1 },
  suicide: { none: 0.75, low: 0.25 },
  bvc: [0, 0],
  incapacity: 0.02,
  accepts: 0.75,
  noSelfReport: false,
};

const P = (over: Partial<CategoryProfile>): CategoryProfile => ({ ...BASE, ...over });

export const CATEGORY_PROFILES: Record<PsychCategory, CategoryProfile> = {
  depression: P({ phq9: { mild: 0.15, moderate: 0.3, "moderately severe": 0.3, severe: 0.25 }, gad7: { mild: 0.4, moderate: 0.4, severe: 0.2 }, pcl5: [5, 28], suicide: { none: 0.2, low: 0.3, moderate: 0.25, high: 0.25 }, accepts: 0.55 }),
  bipolar_mania: P({ phq9: { minimal: 0.7, mild: 0.3 }, gad7: { minimal: 0.3, mild: 0.5, moderate: 0.2 }, mdqPositive: true, suicide: { none: 0.5, low: 0.2, moderate: 0.15, high: 0.15 }, bvc: [1, 5], incapacity: 0.6, accepts: 0.3, auditC: [0, 6] }),
  gad: P({ phq9: { minimal: 0.2, mild: 0.5, moderate: 0.3 }, gad7: { mild: 0.15, moderate: 0.45, severe: 0.4 }, suicide: { none: 0.7, low: 0.25, moderate: 0.05 } }),
  panic: P({ phq9: { minimal: 0.3, mild: 0.5, moderate: 0.2 }, gad7: { mild: 0.2, moderate: 0.5, severe: 0.3 }, suicide: { none: 0.8, low: 0.2 } }),
  ptsd: P({ phq9: { mild: 0.3, moderate: 0.4, "moderately severe": 0.3 }, gad7: { mild: 0.2, moderate: 0.5, severe: 0.3 }, pcl5: [36, 72], suicide: { none: 0.35, low: 0.3, moderate: 0.2, high: 0.15 }, bvc: [0, 1], auditC: [0, 7] }),
  psychosis: P({ phq9: { minimal: 0.5, mild: 0.4, moderate: 0.1 }, suicide: { none: 0.5, low: 0.2, moderate: 0.1, high: 0.2 }, bvc: [0, 4], incapacity: 0.7, accepts: 0.25 }),
  ocd: P({ phq9: { minimal: 0.3, mild: 0.5, moderate: 0.2 }, gad7: { mild: 0.4, moderate: 0.5, severe: 0.1 }, ybocs: { mild: 0.2, moderate: 0.4, severe: 0.3, extreme: 0.1 }, suicide: { none: 0.8, low: 0.2 } }),
  anorexia: P({ phq9: { mild: 0.5, moderate: 0.5 }, gad7: { mild: 0.5, moderate: 0.5 }, scoff: [3, 5], suicide: { none: 0.6, low: 0.3, moderate: 0.1 }, incapacity: 0.15, accepts: 0.5 }),
  bulimia: P({ phq9: { mild: 0.5, moderate: 0.5 }, gad7: { mild: 0.5, moderate: 0.5 }, scoff: [2, 5], suicide: { none: 0.6, low: 0.3, moderate: 0.1 } }),
  alcohol_use: P({ phq9: { minimal: 0.3, mild: 0.5, moderate: 0.2 }, cage: [2, 4], auditC: [7, 12], suicide: { none: 0.55, low: 0.2, moderate: 0.15, high: 0.1 }, bvc: [0, 1] }),
  alcohol_withdrawal: P({ phq9: { minimal: 0.4, mild: 0.6 }, gad7: { mild: 0.3, moderate: 0.7 }, cage: [2, 4], auditC: [8, 12], ciwa: { mild: 0.25, moderate: 0.45, severe: 0.3 }, ciwaBaseline: false, suicide: { none: 0.7, low: 0.3 }, bvc: [0, 2] }),
  alcohol_withdrawal_delirium: P({ cage: [3, 4], auditC: [9, 12], ciwa: { severe: 1 }, ciwaBaseline: false, mmse: { moderate: 0.8, severe: 0.2 }, suicide: { none: 1 }, bvc: [2, 4], incapacity: 0.95, accepts: 0.2, noSelfReport: true }),
  opioid_use: P({ phq9: { minimal: 0.3, mild: 0.5, moderate: 0.2 }, dast10: [5, 9], suicide: { none: 0.6, low: 0.2, moderate: 0.1, high: 0.1 } }),
  opioid_withdrawal: P({ gad7: { mild: 0.3, moderate: 0.7 }, dast10: [6, 10], cows: { mild: 0.3, moderate: 0.4, "moderately severe": 0.25, severe: 0.05 }, suicide: { none: 0.75, low: 0.25 }, bvc: [0, 1] }),
  delirium: P({ mmse: { moderate: 0.75, severe: 0.25 }, suicide: { none: 1 }, bvc: [1, 3], incapacity: 0.9, accepts: 0.4, noSelfReport: true }),
  dementia: P({ phq9: { minimal: 0.6, mild: 0.4 }, mmse: { mild: 0.4, moderate: 0.45, severe: 0.15 }, suicide: { none: 0.9, low: 0.1 }, bvc: [0, 1], incapacity: 0.5, accepts: 0.5 }),
  adhd: P({ phq9: { minimal: 0.5, mild: 0.5 }, gad7: { minimal: 0.3, mild: 0.5, moderate: 0.2 }, suicide: { none: 0.9, low: 0.1 } }),
  borderline: P({ phq9: { moderate: 0.4, "moderately severe": 0.4, severe: 0.2 }, gad7: { moderate: 0.5, severe: 0.5 }, pcl5: [15, 40], suicide: { low: 0.3, moderate: 0.35, high: 0.35 }, bvc: [0, 2], accepts: 0.5, auditC: [0, 6] }),
  nms: P({ mmse: { moderate: 0.7, severe: 0.3 }, suicide: { none: 1 }, bvc: [1, 2], incapacity: 0.95, accepts: 0.6, noSelfReport: true }),
  serotonin_syndrome: P({ mmse: { mild: 0.4, moderate: 0.6 }, suicide: { none: 1 }, bvc: [1, 3], incapacity: 0.85, accepts: 0.6, noSelfReport: true }),
  catatonia: P({ mmse: { severe: 1 }, suicide: { none: 1 }, bvc: [0, 1], incapacity: 1, accepts: 0, noSelfReport: true }),
  overdose: P({ phq9: { moderate: 0.3, "moderately severe": 0.4, severe: 0.3 }, gad7: { mild: 0.4, moderate: 0.6 }, suicide: { high: 1 }, bvc: [0, 1], incapacity: 0.2, accepts: 0.4 }),
  other: BASE,
};

/** How the mental state reads for each category (one option per field is drawn). */
export const MSE_TEMPLATES: Record<PsychCategory, Partial<Record<"appearance" | "behavior" | "speech" | "mood" | "affect" | "thoughtProcess" | "thoughtContent" | "perception" | "cognition" | "insight" | "judgment", string[]>>> = {
  depression: { appearance: ["unkempt, poor eye contact", "casually dressed, poor self-care"], behavior: ["psychomotor slowing", "withdrawn, tearful at times"], speech: ["soft, slow, reduced volume"], mood: ["'empty'", "'hopeless'", "'low all the time'"], affect: ["constricted, tearful", "flat, congruent with mood"], thoughtProcess: ["linear, slowed"], thoughtContent: ["guilt and worthlessness"], cognition: ["alert and oriented; poor concentration"], insight: ["fair"], judgment: ["fair"] },
  bipolar_mania: { appearance: ["flamboyantly dressed, heavy make-up", "dishevelled, bright clothing"], behavior: ["psychomotor agitation, intrusive, cannot sit still"], speech: ["pressured, loud and rapid, difficult to interrupt"], mood: ["'fantastic, never better'", "'irritated with everyone'"], affect: ["expansive and labile"], thoughtProcess: ["flight of ideas, tangential"], thoughtContent: ["grandiose beliefs about special abilities"], cognition: ["alert, oriented, highly distractible"], insight: ["poor"], judgment: ["poor (recent reckless spending)"] },
  gad: { appearance: ["well groomed, tense posture"], behavior: ["restless, fidgeting"], speech: ["normal rate and volume"], mood: ["'worried all the time'"], affect: ["anxious"], thoughtProcess: ["linear, goal-directed"], thoughtContent: ["preoccupied with multiple everyday worries"], cognition: ["alert and oriented"], insight: ["good"], judgment: ["good"] },
  panic: { appearance: ["well groomed"], behavior: ["mildly restless"], speech: ["normal"], mood: ["'scared it will happen again'"], affect: ["anxious, reactive"], thoughtProcess: ["linear"], thoughtContent: ["fear of further attacks, avoidance of crowded places"], cognition: ["alert and oriented"], insight: ["good"], judgment: ["good"] },
  ptsd: { appearance: ["guarded, sits facing the door"], behavior: ["hypervigilant, startles at noises"], speech: ["normal rate, terse"], mood: ["'on edge'"], affect: ["anxious, constricted"], thoughtProcess: ["linear"], thoughtContent: ["intrusive memories of the trauma and avoidance of reminders"], cognition: ["alert and oriented"], insight: ["fair"], judgment: ["fair"] },
  psychosis: { appearance: ["dishevelled, malodorous", "guarded, poor eye contact"], behavior: ["internally preoccupied, responding to internal stimuli"], speech: ["impoverished, long latencies", "tangential"], mood: ["'fine'", "'scared'"], affect: ["blunted", "incongruent"], thoughtProcess: ["loosening of associations, thought blocking"], thoughtContent: ["persecutory delusions about neighbours"], perception: ["auditory hallucinations: voices commenting on actions"], cognition: ["alert, oriented"], insight: ["poor"], judgment: ["poor"] },
  ocd: { appearance: ["chapped, reddened hands"], behavior: ["repeatedly checks and straightens items"], speech: ["normal"], mood: ["'frustrated and anxious'"], affect: ["anxious"], thoughtProcess: ["linear"], thoughtContent: ["intrusive contamination obsessions recognised as excessive"], cognition: ["alert and oriented"], insight: ["good (recognises the thoughts as irrational)"], judgment: ["good"] },
  anorexia: { appearance: ["emaciated, layered loose clothing", "cachectic, lanugo hair"], behavior: ["restless, reluctant to discuss eating"], speech: ["normal"], mood: ["'fine'"], affect: ["constricted, anxious around food"], thoughtProcess: ["linear"], thoughtContent: ["intense fear of weight gain, body-image distortion"], cognition: ["alert and oriented"], insight: ["poor"], judgment: ["impaired regarding nutrition"] },
  bulimia: { appearance: ["normal weight, bilateral parotid swelling"], behavior: ["cooperative, ashamed"], speech: ["normal"], mood: ["'disgusted with myself'"], affect: ["dysphoric"], thoughtProcess: ["linear"], thoughtContent: ["binge eating followed by self-induced vomiting; shape and weight dominate self-worth"], cognition: ["alert and oriented"], insight: ["fair"], judgment: ["fair"] },
  alcohol_use: { appearance: ["ruddy complexion, smells of alcohol"], behavior: ["cooperative, minimising"], speech: ["normal"], mood: ["'stressed'"], affect: ["dysphoric"], thoughtProcess: ["linear"], thoughtContent: ["minimises drinking, describes failed attempts to cut down"], cognition: ["alert and oriented"], insight: ["limited"], judgment: ["fair"] },
  alcohol_withdrawal: { appearance: ["tremulous, diaphoretic"], behavior: ["restless, anxious"], speech: ["normal rate"], mood: ["'shaky and on edge'"], affect: ["anxious"], thoughtProcess: ["linear"], thoughtContent: ["craving alcohol; last drink yesterday"], perception: ["brief visual disturbances, no frank hallucinations"], cognition: ["alert and oriented"], insight: ["fair"], judgment: ["fair"] },
  alcohol_withdrawal_delirium: { appearance: ["drenched in sweat, coarse tremor"], behavior: ["severely agitated, picking at the air"], speech: ["loud, incoherent"], mood: ["unable to state"], affect: ["fearful, labile"], thoughtProcess: ["disorganised"], thoughtContent: ["frightened, believes insects are on the bed"], perception: ["visual and tactile hallucinations (insects)"], cognition: ["disoriented to time and place, fluctuating attention"], insight: ["absent"], judgment: ["absent"] },
  opioid_use: { appearance: ["thin, track marks on both forearms"], behavior: ["cooperative"], speech: ["normal"], mood: ["'tired of this life'"], affect: ["dysphoric"], thoughtProcess: ["linear"], thoughtContent: ["craving, wants help to stop using"], cognition: ["alert and oriented"], insight: ["fair"], judgment: ["fair"] },
  opioid_withdrawal: { appearance: ["yawning, rhinorrhoea, gooseflesh"], behavior: ["restless, cannot sit still"], speech: ["normal"], mood: ["'sick and anxious'"], affect: ["irritable"], thoughtProcess: ["linear"], thoughtContent: ["craving; last use 18 hours ago"], cognition: ["alert and oriented"], insight: ["fair"], judgment: ["fair"] },
  delirium: { appearance: ["elderly, drowsy, in hospital gown"], behavior: ["fluctuates between drowsy and agitated; pulls at lines"], speech: ["rambling, incoherent at times"], mood: ["unable to state"], affect: ["labile"], thoughtProcess: ["disorganised"], thoughtContent: ["believes the nurses are poisoning them"], perception: ["visual hallucinations"], cognition: ["disoriented, inattentive (cannot say months backwards), fluctuating through the day"], insight: ["absent"], judgment: ["impaired"] },
  dementia: { appearance: ["elderly, appropriately dressed with help"], behavior: ["pleasant, cooperative"], speech: ["word-finding pauses"], mood: ["'alright'"], affect: ["euthymic"], thoughtProcess: ["circumstantial"], thoughtContent: ["no delusions; repeats questions"], cognition: ["disoriented to date, impaired short-term recall"], insight: ["poor"], judgment: ["impaired for complex decisions"] },
  adhd: { appearance: ["casually dressed"], behavior: ["fidgety, interrupts"], speech: ["rapid"], mood: ["'frustrated'"], affect: ["reactive"], thoughtProcess: ["tangential at times"], thoughtContent: ["describes lifelong distractibility and disorganisation"], cognition: ["alert and oriented; easily distracted"], insight: ["good"], judgment: ["fair"] },
  borderline: { appearance: ["healed superficial cuts on forearms"], behavior: ["engaging, then angry when limits are set"], speech: ["normal"], mood: ["'empty'"], affect: ["labile, intense"], thoughtProcess: ["linear"], thoughtContent: ["fear of abandonment after a break-up"], cognition: ["alert and oriented"], insight: ["partial"], judgment: ["impulsive"] },
  nms: { appearance: ["diaphoretic, rigid"], behavior: ["mute, minimal movement"], speech: ["mute"], mood: ["unable to state"], affect: ["unreactive"], thoughtProcess: ["unable to assess"], thoughtContent: ["unable to assess"], cognition: ["confused, fluctuating level of consciousness"], insight: ["absent"], judgment: ["absent"] },
  serotonin_syndrome: { appearance: ["flushed, diaphoretic, shivering"], behavior: ["agitated, tremulous, inducible clonus"], speech: ["rapid"], mood: ["'something is very wrong'"], affect: ["anxious"], thoughtProcess: ["mildly disorganised"], thoughtContent: ["no delusions"], cognition: ["confused, inattentive"], insight: ["limited"], judgment: ["limited"] },
  catatonia: { appearance: ["staring, fixed posture"], behavior: ["immobile, waxy flexibility, negativism"], speech: ["mute"], mood: ["unable to state"], affect: ["unreactive"], thoughtProcess: ["unable to assess"], thoughtContent: ["unable to assess"], cognition: ["unable to assess (mute)"], insight: ["absent"], judgment: ["absent"] },
  overdose: { appearance: ["drowsy, tearful"], behavior: ["subdued, cooperative"], speech: ["quiet"], mood: ["'I just wanted it all to stop'"], affect: ["depressed"], thoughtProcess: ["linear"], thoughtContent: ["admits a deliberate overdose"], cognition: ["alert, oriented"], insight: ["partial"], judgment: ["poor"] },
  other: { appearance: ["appropriately dressed"], behavior: ["cooperative"], speech: ["normal"], mood: ["'okay'"], affect: ["euthymic"], thoughtProcess: ["linear"], thoughtContent: ["no delusions"], cognition: ["alert and oriented"], insight: ["fair"], judgment: ["fair"] },
};
