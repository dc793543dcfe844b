/**
 * Single-best-answer questions generated from the project's own clinical tables (condition
 * profiles, drug monographs and interactions, the lab catalogue, the calculators). None is taken
 * from a benchmark: MedQA, MedMCQA, MMLU and MMLU-Pro are evaluation sets here (DESIGN Appendix C).
 *
 * Each family guarantees exactly one defensible answer from the tables:
 * - diagnosis: a seeded vignette from a profile; distractors from its differential; the vignette is
 *   kept only if the likelihood of its findings ranks the right profile first among the options.
 * - first_line: a first-line drug of the condition; distractors are drugs the profile says to avoid
 *   or drugs that are first-line for unrelated conditions only.
 * - drug_class: a drug's class; distractor classes share no content word with it.
 * - lab: the most abnormal characteristic lab; distractors are labs the profile leaves normal.
 * - avoid: a drug the profile says to avoid; distractors are its first-line drugs.
 * - imaging: the profile's most typical imaging finding; distractors from differential conditions.
 * - interaction: the partner of an authored major/contraindicated interaction; distractors have
 *   no interaction with the drug at all (neither authored nor class-derived).
 * - calculator: a score stated in words; distractors are nearby values.
 */
import { loadConditions, type Condition } from "../../src/clinical/conditions/index.js";
import { checkInteraction, drugGroup, findDrug, loadDrugs, loadInteractions, type Drug } from "../../src/clinical/drugs/index.js";
import { formatLabValue, getLab, hasLab } from "../../src/clinical/labs/index.js";
import { getCalculator } from "../../src/clinical/calculators/index.js";
import { generatePatient, type GeneratedPatient } from "../../src/clinical/patients/index.js";
import { characteristicLabs, modalityLabel } from "../../src/knowledge/documents.js";
import { rankConditions, type ObservedFindings } from "../../src/tools/differential-likelihood.js";
import { createRng, deriveSeed, type Rng } from "../../src/util/rng.js";

export type QuestionFamily = "diagnosis" | "first_line" | "drug_class" | "lab" | "avoid" | "imaging" | "interaction" | "calculator";

export interface GeneratedQuestion {
  id: string;
  family: QuestionFamily;
  stem: string;
  options: Record<string, string>;
  answer: string;
  difficulty: "easy" | "medium" | "hard";
  /** What the question is about, for the expert's tool calls (condition, drug, lab, calculator inputs). */
  meta: Record<string, unknown>;
}

const BASE_SEED = 20_251_101;
const LETTERS = ["A", "B", "C", "D"] as const;

function options(rng: Rng, correct: string, distractors: readonly string[]): { options: Record<string, string>; answer: string } {
  const all = rng.shuffle([correct, ...distractors.slice(0, 3)]);
  const out: Record<string, string> = {};
  all.forEach((t, i) => (out[LETTERS[i]!] = t));
  return { options: out, answer: LETTERS[all.indexOf(correct)]! };
}

const STOP = new Set(["of", "the", "and", "or", "with", "a", "an", "in", "on", "to", "for", "agent", "drug", "inhibitor", "antagonist", "agonist", "blocker"]);
const wordCache = new Map<string, Set<string>>();
const words = (s: string) => {
  let w = wordCache.get(s);
  if (!w) wordCache.set(s, (w = new Set(s.toLowerCase().split(/[^a-z0-9]+/).filter((x) => x.length > 2 && !STOP.has(x)))));
  return w;
};
const sharesWord = (a: string, b: string) => {
  const wa = words(a);
  for (const w of words(b)) if (wa.has(w)) return true;
  return false;
};
/** "Community-acquired pneumonia" -> "community-acquired pneumonia", but "STEMI" and "ST-elevation ..." stay. */
const lcFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);
const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();

function ageText(age: number): string {
  if (age < 1) return `${Math.max(1, Math.round(age * 12))}-month-old`;
  return `${Math.round(age)}-year-old`;
}

function person(p: GeneratedPatient): { noun: string; pron: string } {
  if (p.age < 18) return { noun: p.sex === "female" ? "girl" : "boy", pron: p.sex === "female" ? "She" : "He" };
  return { noun: p.sex === "female" ? "woman" : "man", pron: p.sex === "female" ? "She" : "He" };
}

const RADIOLOGY_LIKE = new Set(["xray", "ct", "cta", "mri", "ultrasound", "echo", "ecg", "angiography", "nuclear", "endoscopy", "eeg", "fluoroscopy", "clinical_photo", "dermoscopy", "fundoscopy", "ctg"]);

/** The clinical vignette of a generated patient: everything the generator drew, in words. */
export function vignette(p: GeneratedPatient, c: Condition): { text: string; findings: string[] } {
  const who = person(p);
  const findings = [p.chiefComplaint, ...p.symptoms, ...p.exam];
  const v = p.vitals;
  const labs = Object.keys(c.labs)
    .filter((k) => hasLab(k) && p.labs[k] !== undefined)
    .map((k) => formatLabValue(k, p.labs[k]!).replace(/ \(.*\)$/, ""));
  const imaging = p.imaging.filter((i) => RADIOLOGY_LIKE.has(i.modality));
  for (const i of imaging) findings.push(i.finding);
  const preg = p.pregnancy ? ` at ${p.pregnancy.gestationalWeeks} weeks' gestation` : p.postpartum ? " who recently gave birth" : "";
  const parts = [
    `A ${ageText(p.age)} ${who.noun}${preg} presents with ${p.chiefComplaint}.`,
    `${who.pron} reports ${p.symptoms.join(", ")}.`,
    p.history.pmh.length ? `Past history: ${p.history.pmh.join(", ")}.` : "",
    `Vital signs: heart rate ${v.hr}/min, blood pressure ${v.sbp}/${v.dbp} mm Hg, respiratory rate ${v.rr}/min, temperature ${v.tempC.toFixed(1)} °C, SpO2 ${v.spo2}%.`,
    `Examination shows ${p.exam.join(", ")}.`,
    labs.length ? `Laboratory studies: ${labs.join("; ")}.` : "",
    imaging.length ? imaging.map((i) => `${modalityLabel(i.modality)} of the ${i.region} shows ${i.finding}.`).join(" ") : "",
  ];
  return { text: parts.filter(Boolean).join(" "), findings };
}

function observed(p: GeneratedPatient, c: Condition): ObservedFindings {
  const labs: Record<string, number> = {};
  for (const k of Object.keys(c.labs)) if (p.labs[k] !== undefined) labs[k] = p.labs[k]!;
  const mods = new Map<string, string[]>();
  for (const i of p.imaging) if (RADIOLOGY_LIKE.has(i.modality)) mods.set(i.modality, [...(mods.get(i.modality) ?? []), i.finding]);
  return {
    age: p.age,
    sex: p.sex,
    pregnant: !!p.pregnancy,
    chiefComplaint: p.chiefComplaint,
    symptoms: p.symptoms,
    exam: p.exam,
    pmh: p.history.pmh,
    vitals: { ...p.vitals },
    labs,
    imaging: [...mods.entries()].map(([modality, findings]) => ({ modality, findings })),
  };
}

function diagnosisQuestions(conditions: readonly Condition[], byId: Map<string, Condition>): GeneratedQuestion[] {
  const out: GeneratedQuestion[] = [];
  for (const c of conditions) {
    const diff = c.differential.map((id) => byId.get(id)).filter((x): x is Condition => !!x);
    if (diff.length < 3) continue;
    for (let attempt = 0; attempt < 6; attempt++) {
      const rng = createRng(deriveSeed(BASE_SEED, "diagnosis", c.id, attempt));
      const distractors = rng.shuffle(diff).slice(0, 3);
      const p = generatePatient(c, rng.fork("patient"), { id: `QA-${c.id}` });
      const ranked = rankConditions([c, ...distractors], observed(p, c));
      if (ranked[0]!.condition.id !== c.id || ranked[0]!.posterior < 0.8) continue;
      const v = vignette(p, c);
      const o = options(rng, c.name, distractors.map((d) => d.name));
      out.push({
        id: `dx-${c.id}`,
        family: "diagnosis",
        stem: `${v.text} Which of the following is the most likely diagnosis?`,
        ...o,
        difficulty: ranked[0]!.posterior > 0.98 ? "easy" : "medium",
        meta: { condition: c.id, findings: v.findings, age: p.age, sex: p.sex, optionConditions: [c.id, ...distractors.map((d) => d.id)] },
      });
      break;
    }
  }
  return out;
}

function firstLineQuestions(conditions: readonly Condition[]): GeneratedQuestion[] {
  const out: GeneratedQuestion[] = [];
  // Drugs that are first-line somewhere: the pool of plausible-looking wrong answers.
  const firstLineOf = new Map<string, Set<string>>();
  for (const c of conditions) for (const d of c.management.firstLine) firstLineOf.set(d, (firstLineOf.get(d) ?? new Set()).add(c.id));
  for (const c of conditions) {
    const rng = createRng(deriveSeed(BASE_SEED, "first_line", c.id));
    const candidates = c.management.firstLine.filter((d) => findDrug(d) && !c.management.avoid.includes(d));
    if (candidates.length === 0) continue;
    const correct = rng.pick(candidates);
    const related = new Set([c.id, ...c.differential]);
    const mentioned = (d: string) => c.management.firstLine.includes(d) || (c.management.interventions ?? []).some((i) => i.toLowerCase().includes(d));
    const avoid = c.management.avoid.filter((d) => !mentioned(d));
    // A wrong answer must be wrong for the whole drug group: an antibiotic that is first-line for
    // meningitis may still be a fair answer for pneumonia, a beta blocker never is.
    const groups = new Set(c.management.firstLine.map((d) => (findDrug(d) ? drugGroup(findDrug(d)!.id) : undefined)).filter(Boolean));
    const names = [c.name, ...c.synonyms].map((x) => x.toLowerCase());
    const indicated = (d: string) => (findDrug(d)?.indications ?? []).some((i) => names.some((n) => i.toLowerCase().includes(n)));
    const unrelated = [...firstLineOf.entries()]
      .filter(([d]) => findDrug(d) && !groups.has(drugGroup(findDrug(d)!.id)) && !indicated(d))
      .filter(([d, cs]) => !mentioned(d) && !avoid.includes(d) && [...cs].every((x) => !related.has(x)) && d !== correct)
      .map(([d]) => d)
      .sort();
    const pool = [...rng.shuffle(avoid), ...rng.shuffle(unrelated)];
    const distractors = [...new Set(pool)].filter((d) => d !== correct).slice(0, 3);
    if (distractors.length < 3) continue;
    const name = (d: string) => findDrug(d)?.name ?? d;
    const o = options(rng, name(correct), distractors.map(name));
    out.push({
      id: `fl-${c.id}`,
      family: "first_line",
      stem: `Which of the following is a first-line drug treatment for ${lcFirst(c.name)}?`,
      ...o,
      difficulty: avoid.length ? "medium" : "easy",
      meta: { condition: c.id, conditionName: c.name, drug: findDrug(correct)?.id ?? correct, optionDrugs: [correct, ...distractors] },
    });
  }
  return out;
}

function drugClassQuestions(drugs: readonly Drug[]): GeneratedQuestion[] {
  const out: GeneratedQuestion[] = [];
  const classes = [...new Set(drugs.map((d) => d.class))].sort();
  drugs.forEach((d) => {
    const rng = createRng(deriveSeed(BASE_SEED, "drug_class", d.id));
    const others = rng.shuffle(classes.filter((k) => k !== d.class && !sharesWord(k, d.class)));
    const distractors: string[] = [];
    for (const k of others) if (distractors.length < 3 && distractors.every((x) => !sharesWord(x, k))) distractors.push(k);
    if (distractors.length < 3) return;
    const o = options(rng, d.class, distractors);
    out.push({
      id: `class-${d.id}`,
      family: "drug_class",
      stem: `${d.name} belongs to which drug class?`,
      ...o,
      difficulty: "easy",
      meta: { drug: d.id },
    });
  });
  return out;
}

/** Markers raised by many illnesses: never offered as a "not characteristic" distractor. */
const NONSPECIFIC_LABS = new Set(["crp", "esr", "procalcitonin", "wbc", "lactate", "ldh", "ferritin", "d_dimer", "fibrinogen", "glucose", "ck", "bun", "creatinine"]);

function labQuestions(conditions: readonly Condition[]): GeneratedQuestion[] {
  const out: GeneratedQuestion[] = [];
  const characteristicElsewhere = new Map<string, string>();
  for (const c of conditions) for (const l of characteristicLabs(c)) if (!characteristicElsewhere.has(l.key)) characteristicElsewhere.set(l.key, l.direction);
  const phrase = (key: string, dir: string) => {
    const name = getLab(key).name;
    return dir === "elevated" ? `Elevated ${name}` : dir === "low" ? `Low ${name}` : `Positive ${name}`;
  };
  for (const c of conditions) {
    const chars = characteristicLabs(c).filter((l) => hasLab(l.key));
    if (chars.length === 0) continue;
    const rng = createRng(deriveSeed(BASE_SEED, "lab", c.id));
    const top = chars[0]!;
    const listed = new Set(Object.keys(c.labs));
    const pool = [...characteristicElsewhere.entries()].filter(([k]) => !listed.has(k) && !NONSPECIFIC_LABS.has(k) && hasLab(k) && k !== top.key).sort(([a], [b]) => a.localeCompare(b));
    const distractors = rng.shuffle(pool).slice(0, 3).map(([k, dir]) => phrase(k, dir));
    if (distractors.length < 3) continue;
    const o = options(rng, phrase(top.key, top.direction), distractors);
    out.push({
      id: `lab-${c.id}`,
      family: "lab",
      stem: `Which laboratory finding is most characteristic of ${lcFirst(c.name)}?`,
      ...o,
      difficulty: "medium",
      meta: { condition: c.id, conditionName: c.name, lab: top.key, direction: top.direction, optionLabs: [top.key, ...pool.map(([k]) => k)] },
    });
  }
  return out;
}

function avoidQuestions(conditions: readonly Condition[]): GeneratedQuestion[] {
  const out: GeneratedQuestion[] = [];
  for (const c of conditions) {
    const avoid = c.management.avoid.filter((d) => findDrug(d) && !c.management.firstLine.includes(d));
    const safe = c.management.firstLine.filter((d) => findDrug(d) && !c.management.avoid.includes(d) && !c.contraindications.some((x) => x.drug === d));
    if (avoid.length === 0 || safe.length < 3) continue;
    const rng = createRng(deriveSeed(BASE_SEED, "avoid", c.id));
    const correct = rng.pick(avoid);
    const name = (d: string) => findDrug(d)!.name;
    const o = options(rng, name(correct), rng.shuffle(safe).slice(0, 3).map(name));
    out.push({
      id: `avoid-${c.id}`,
      family: "avoid",
      stem: `In a patient with ${lcFirst(c.name)}, which of the following drugs should be avoided?`,
      ...o,
      difficulty: "medium",
      meta: { condition: c.id, conditionName: c.name, drug: findDrug(correct)!.id },
    });
  }
  return out;
}

function imagingQuestions(conditions: readonly Condition[], byId: Map<string, Condition>): GeneratedQuestion[] {
  const out: GeneratedQuestion[] = [];
  // "Normal chest X-ray" can be true of almost anything, so it is neither asked nor offered.
  const vague = /\bnormal\b|unremarkable|no acute|nonspecific|non-specific|may show|in some/i;
  const topFinding = (c: Condition) => [...c.imaging].filter((i) => RADIOLOGY_LIKE.has(i.modality) && !vague.test(i.finding)).sort((a, b) => b.p - a.p)[0];
  for (const c of conditions) {
    const mine = topFinding(c);
    if (!mine || mine.p < 0.6) continue;
    const rng = createRng(deriveSeed(BASE_SEED, "imaging", c.id));
    const ownTexts = new Set(c.imaging.map((i) => norm(i.finding)));
    const others = [...c.differential.map((id) => byId.get(id)).filter((x): x is Condition => !!x), ...rng.shuffle(conditions.filter((x) => x.specialty === c.specialty && x.id !== c.id))];
    const distractors: string[] = [];
    for (const o of others) {
      const f = topFinding(o);
      if (!f || ownTexts.has(norm(f.finding)) || distractors.some((d) => norm(d) === norm(`${modalityLabel(f.modality)}: ${f.finding}`))) continue;
      distractors.push(`${modalityLabel(f.modality)}: ${f.finding}`);
      if (distractors.length === 3) break;
    }
    if (distractors.length < 3) continue;
    const o = options(rng, `${modalityLabel(mine.modality)}: ${mine.finding}`, distractors);
    out.push({
      id: `img-${c.id}`,
      family: "imaging",
      stem: `Which imaging or test finding is most typical of ${lcFirst(c.name)}?`,
      ...o,
      difficulty: "medium",
      meta: { condition: c.id, conditionName: c.name },
    });
  }
  return out;
}

function interactionQuestions(drugs: readonly Drug[]): GeneratedQuestion[] {
  const out: GeneratedQuestion[] = [];
  const used = new Set<string>();
  for (const it of loadInteractions()) {
    if (it.severity !== "major" && it.severity !== "contraindicated") continue;
    // One question per index drug keeps the family from being dominated by warfarin.
    const [subject, partner] = used.has(it.a) ? [it.b, it.a] : [it.a, it.b];
    if (used.has(subject)) continue;
    const rng = createRng(deriveSeed(BASE_SEED, "interaction", subject, partner));
    // Walk a shuffled formulary and stop at three drugs with no interaction at all.
    const safe: Drug[] = [];
    for (const d of rng.shuffle(drugs)) {
      if (safe.length === 3) break;
      if (d.id !== subject && d.id !== partner && checkInteraction(subject, d.id) === null) safe.push(d);
    }
    if (safe.length < 3) continue;
    used.add(subject);
    const s = findDrug(subject)!;
    const p = findDrug(partner)!;
    const o = options(rng, p.name, safe.map((d) => d.name));
    out.push({
      id: `ddi-${subject}-${partner}`,
      family: "interaction",
      stem: `A patient taking ${s.name.toLowerCase()} needs a new prescription. Which of the following drugs has a clinically significant (major or contraindicated) interaction with ${s.name.toLowerCase()}?`,
      ...o,
      difficulty: "medium",
      meta: { drug: subject, partner, optionDrugs: [p.id, ...safe.map((d) => d.id)] },
    });
  }
  return out;
}

interface CalcCase {
  stem: string;
  inputs: Record<string, unknown>;
}

const yn = (b: boolean, yes: string, no: string) => (b ? yes : no);

const CALC_CASES: Record<string, (rng: Rng) => CalcCase> = {
  cha2ds2_vasc(rng) {
    const age = rng.int(45, 89);
    const sex = rng.chance(0.5) ? "female" : "male";
    const f = { congestiveHeartFailure: rng.chance(0.3), hypertension: rng.chance(0.6), strokeTiaOrThromboembolism: rng.chance(0.2), vascularDisease: rng.chance(0.3), diabetes: rng.chance(0.35) };
    return {
      inputs: { ageYears: age, sex, ...f },
      stem: `A ${age}-year-old ${sex === "female" ? "woman" : "man"} has non-valvular atrial fibrillation. ${yn(f.hypertension, "Treated hypertension is present", "No hypertension")}; ${yn(f.diabetes, "diabetes mellitus", "no diabetes")}; ${yn(f.congestiveHeartFailure, "a history of heart failure", "no heart failure")}; ${yn(f.strokeTiaOrThromboembolism, "a prior transient ischaemic attack", "no prior stroke, TIA or thromboembolism")}; ${yn(f.vascularDisease, "peripheral artery disease", "no vascular disease")}. What is the CHA2DS2-VASc score?`,
    };
  },
  curb65(rng) {
    const age = rng.int(40, 92);
    const confusion = rng.chance(0.3);
    const bun = rng.int(8, 45);
    const rr = rng.int(14, 36);
    const sbp = rng.int(78, 150);
    const dbp = Math.min(sbp - 20, rng.int(45, 90));
    return {
      inputs: { confusion, bunMgDl: bun, respiratoryRate: rr, systolicMmHg: sbp, diastolicMmHg: dbp, ageYears: age },
      stem: `A ${age}-year-old with community-acquired pneumonia is ${confusion ? "newly confused" : "alert and oriented"}. Blood urea nitrogen ${bun} mg/dL, respiratory rate ${rr}/min, blood pressure ${sbp}/${dbp} mm Hg. What is the CURB-65 score?`,
    };
  },
  centor_mcisaac(rng) {
    const age = rng.int(4, 60);
    const f = { tonsillarExudateOrSwelling: rng.chance(0.5), tenderAnteriorCervicalNodes: rng.chance(0.5), coughAbsent: rng.chance(0.5) };
    const t = Math.round((36.8 + rng.next() * 2.4) * 10) / 10;
    return {
      inputs: { ageYears: age, ...f, temperatureC: t },
      stem: `A ${age}-year-old presents with a sore throat. Temperature ${t.toFixed(1)} °C; ${yn(f.tonsillarExudateOrSwelling, "tonsillar exudate", "no tonsillar exudate or swelling")}; ${yn(f.tenderAnteriorCervicalNodes, "tender anterior cervical nodes", "no tender anterior cervical nodes")}; ${yn(f.coughAbsent, "no cough", "a cough")}. What is the modified Centor (McIsaac) score?`,
    };
  },
  anion_gap(rng) {
    const na = rng.int(128, 148);
    const cl = rng.int(92, 112);
    const hco3 = rng.int(8, 28);
    return { inputs: { sodiumMmolL: na, chlorideMmolL: cl, bicarbonateMmolL: hco3 }, stem: `Serum sodium ${na} mmol/L, chloride ${cl} mmol/L and bicarbonate ${hco3} mmol/L. What is the anion gap (mmol/L)?` };
  },
  mean_arterial_pressure(rng) {
    const sbp = rng.int(80, 190);
    const dbp = rng.int(40, Math.min(110, sbp - 25));
    return { inputs: { systolicMmHg: sbp, diastolicMmHg: dbp }, stem: `A patient's blood pressure is ${sbp}/${dbp} mm Hg. What is the mean arterial pressure (mm Hg)?` };
  },
  qtc_bazett(rng) {
    const qt = rng.int(320, 520);
    const hr = rng.int(50, 130);
    return { inputs: { qtMs: qt, heartRateBpm: hr }, stem: `An ECG shows a QT interval of ${qt} ms at a heart rate of ${hr}/min. What is the QTc by Bazett's formula (ms)?` };
  },
  bmi(rng) {
    const h = rng.int(150, 195);
    const w = rng.int(45, 140);
    return { inputs: { weightKg: w, heightCm: h }, stem: `A patient weighs ${w} kg and is ${h} cm tall. What is the body mass index (kg/m2)?` };
  },
};

const CALC_PER_KIND = 9;

function calculatorQuestions(): GeneratedQuestion[] {
  const out: GeneratedQuestion[] = [];
  for (const [slug, make] of Object.entries(CALC_CASES)) {
    const calc = getCalculator(slug);
    for (let i = 0; i < CALC_PER_KIND; i++) {
      const rng = createRng(deriveSeed(BASE_SEED, "calculator", slug, i));
      const c = make(rng);
      const raw = calc.compute(c.inputs).value;
      if (typeof raw !== "number") continue;
      const integer = calc.outputType === "integer";
      const value = integer ? Math.round(raw) : Math.round(raw * 10) / 10;
      const fmtv = (v: number) => (integer ? String(v) : v.toFixed(1));
      const cand = integer ? [value - 2, value - 1, value + 1, value + 2, value + 3].filter((v) => v >= 0) : [0.8, 0.9, 1.1, 1.2, 1.3].map((f) => Math.round(value * f * 10) / 10);
      const distractors = [...new Set(rng.shuffle(cand).map(fmtv))].filter((s) => s !== fmtv(value)).slice(0, 3);
      if (distractors.length < 3) continue;
      const o = options(rng, fmtv(value), distractors);
      out.push({
        id: `calc-${slug}-${i}`,
        family: "calculator",
        stem: c.stem,
        ...o,
        difficulty: "easy",
        meta: { calculator: slug, inputs: c.inputs, value },
      });
    }
  }
  return out;
}

/** Every generated question, in a fixed order (family, then table order). */
export function generateQuestions(): GeneratedQuestion[] {
  const conditions = loadConditions();
  const byId = new Map(conditions.map((c) => [c.id, c]));
  const drugs = loadDrugs();
  const all = [
    ...diagnosisQuestions(conditions, byId),
    ...firstLineQuestions(conditions),
    ...drugClassQuestions(drugs),
    ...labQuestions(conditions),
    ...avoidQuestions(conditions),
    ...imagingQuestions(conditions, byId),
    ...interactionQuestions(drugs),
    ...calculatorQuestions(),
  ];
  // Option texts must be unique within a question, or the letter would be ambiguous.
  return all.filter((q) => new Set(Object.values(q.options).map(norm)).size === Object.keys(q.options).length);
}

