/**
 * Seeded prescribing cases. A case is a patient drawn from a condition profile
 * (src/clinical/patients) with a medication list from the drug table, shaped by the task family
 * (an interacting pair, a reduced clearance, cirrhosis, pregnancy, a drug level...). Each family
 * builder retries with forked generators until the case has exactly the property its question
 * needs (a unique most severe pair, a clearance away from any threshold, ...), so the ground truth
 * is never ambiguous. `buildCase(family, seed)` is a pure function of its arguments.
 */
import {
  SEVERITY_RANK,
  SEVERITY_WEIGHT,
  checkInteraction,
  drugGroup,
  getDrug,
  hepaticAdjustment,
  renalAdjustment,
  type Drug,
} from "../../src/clinical/drugs/index.js";
import { getCalculator } from "../../src/clinical/calculators/index.js";
import type { Condition } from "../../src/clinical/conditions/index.js";
import { adultConditions } from "./conditions.js";
import { BASELINE_PANEL, generatePatient } from "../../src/clinical/patients/index.js";
import type { ExpectedAction, SafetyConstraint, TaskAnswer } from "../../src/env/index.js";
import { createRng, deriveSeed, type Rng } from "../../src/util/rng.js";
import {
  CATEGORIES,
  LINEAR_TDM,
  MME_NAMES,
  PREGNANCY_RANK,
  alternativesTo,
  allDrugs,
  categoryOf,
  childPughOf,
  crclOf,
  findInTable,
  fmt,
  interactionsOf,
  levelTarget,
  maxDaily,
  parseFrequency,
  screenDrug,
  usualRegimen,
} from "./catalog.js";
import type { MedicationEntry, RxPatient } from "./data-model.js";

export interface CaseDraft {
  question: string;
  answer: TaskAnswer;
  actions: ExpectedAction[];
  difficulty: "easy" | "medium" | "hard";
  /** What the ticket states in structured form (the expert reads these, never the answer). */
  params: Record<string, string | number | string[]>;
  assertion: string;
  mustMention?: string[];
  safety?: SafetyConstraint[];
}

export interface RxCase {
  patient: RxPatient;
  medications: MedicationEntry[];
  draft: CaseDraft;
}

type Builder = (rng: Rng, id: string) => RxCase | null;

const act = (name: string, args?: Record<string, unknown>, compare?: string[]): ExpectedAction => ({
  actionId: name,
  name,
  ...(args ? { arguments: args } : {}),
  ...(compare ? { compareArgs: compare } : {}),
});

// ------------------------------------------------------------------ answers

/** Every way a drug can be named in an answer: id, generic name, aliases. */
export function drugNames(d: Drug): string[] {
  return [...new Set([d.name, d.id, d.id.replace(/_/g, " "), ...(d.aliases ?? [])])];
}

function drugAnswer(ds: Drug[]): TaskAnswer {
  const [first, ...rest] = ds;
  return { kind: "label", value: first!.name, accepted: [...drugNames(first!), ...rest.flatMap(drugNames)].filter((x) => x !== first!.name) };
}

function pairAnswer(a: Drug, b: Drug): TaskAnswer {
  const out: string[] = [];
  for (const x of drugNames(a)) for (const y of drugNames(b)) for (const [p, q] of [[x, y], [y, x]]) out.push(`${p} + ${q}`, `${p} and ${q}`, `${p} with ${q}`);
  return { kind: "label", value: `${a.name} + ${b.name}`, accepted: [...new Set(out)].filter((s) => s !== `${a.name} + ${b.name}`) };
}

const num = (value: number, tolerance: number, unit?: string): TaskAnswer => ({ kind: "number", value, tolerance, ...(unit ? { unit } : {}) });

// ------------------------------------------------------------------ patients

const conditions = adultConditions;

const EXTRA_PANEL = [...BASELINE_PANEL, "magnesium", "alt", "ast", "total_bilirubin", "albumin", "inr"];

interface PatientOptions {
  condition?: Condition;
  female?: boolean;
  maxAge?: number;
  minAge?: number;
  allergyRate?: number;
}

function makePatient(rng: Rng, id: string, o: PatientOptions = {}): RxPatient {
  // Profiles that can produce the requested patient with a reasonable chance per draw.
  const pool = o.condition
    ? [o.condition]
    : conditions().filter(
        (c) =>
          (o.female ? c.demographics.femaleFraction >= 0.3 : true) &&
          (o.maxAge ? c.demographics.ageRange[0] <= o.maxAge - 10 : true) &&
          (o.minAge ? c.demographics.ageRange[1] >= o.minAge + 10 : true),
      );
  for (let attempt = 0; attempt < 100; attempt++) {
    const condition = rng.pick(pool);
    const g = generatePatient(condition, rng.fork(`patient-${attempt}`), { id, baselinePanel: EXTRA_PANEL, allergyRate: o.allergyRate ?? 0.2 });
    if (o.female && g.sex !== "female") continue;
    const age = Math.max(18, Math.round(g.age));
    if ((o.maxAge && age > o.maxAge) || (o.minAge && age < o.minAge)) continue;
    const labs: Record<string, number> = {};
    for (const [k, v] of Object.entries(g.labs)) if (typeof v === "number") labs[k] = v;
    return {
      id,
      name: g.name,
      age,
      sex: g.sex,
      weightKg: g.weightKg,
      heightCm: g.heightCm,
      conditionId: condition.id,
      conditionName: condition.name,
      pmh: g.history.pmh,
      allergies: g.allergies,
      labs,
    };
  }
  throw new Error(`drug_interaction: could not draw a patient for ${id} with ${JSON.stringify({ ...o, condition: o.condition?.id })}`);
}

function conditionOf(p: RxPatient): Condition {
  return conditions().find((c) => c.id === p.conditionId)!;
}

/** The condition's first-line drugs that the table knows. */
function firstLine(c: Condition): Drug[] {
  return c.management.firstLine.map(findInTable).filter((d): d is Drug => !!d);
}

// ------------------------------------------------------------------ medication lists

const CHRONIC_GROUPS = /Cardiovascular|Diabetes|Endocrine|Gastrointestinal|Psychiatric|Respiratory|Antiepileptic|Antithrombotic|Immunology|Analgesic/;
const CHRONIC_ROUTES = new Set(["PO", "INH", "TD", "SL"]);

let chronic: Drug[] | undefined;

/** Drugs a patient plausibly takes long-term: scheduled oral/inhaled/transdermal regimens. */
function chronicPool(): Drug[] {
  chronic ??= allDrugs().filter((d) => CHRONIC_GROUPS.test(drugGroup(d.id) ?? "") && CHRONIC_ROUTES.has(d.adultDose.route) && usualRegimen(d) !== null);
  return chronic;
}

export function medEntry(d: Drug, o: Partial<Pick<MedicationEntry, "dose" | "unit" | "frequency" | "dosesPerDay" | "indication">> = {}): MedicationEntry {
  const dose = o.dose ?? d.adultDose.amount;
  const frequency = o.frequency ?? d.adultDose.frequency;
  return {
    drugId: d.id,
    name: d.name,
    dose,
    unit: o.unit ?? d.adultDose.unit,
    route: d.adultDose.route,
    frequency,
    dosesPerDay: o.dosesPerDay ?? parseFrequency(frequency),
    indication: o.indication ?? d.indications[0]!,
    status: "active",
    source: "home",
  };
}

/**
 * A home list of `n` drugs: the condition's usual medications first, then chronic drugs, never
 * two of one therapeutic category, and never a drug from `avoid`.
 */
function homeList(rng: Rng, p: RxPatient, n: number, avoid: readonly string[] = []): Drug[] {
  const out: Drug[] = [];
  const ok = (d: Drug) => !out.some((x) => x.id === d.id) && !avoid.includes(d.id) && !(categoryOf(d) && out.some((x) => categoryOf(x)?.id === categoryOf(d)!.id));
  for (const m of conditionOf(p).history.medications ?? []) {
    const d = findInTable(m.name);
    if (d && out.length < n && rng.chance(Math.max(0.5, m.p)) && usualRegimen(d) && ok(d)) out.push(d);
  }
  const pool = rng.shuffle(chronicPool());
  for (const d of pool) {
    if (out.length >= n) break;
    if (ok(d)) out.push(d);
  }
  return out;
}

function entries(ds: Drug[]): MedicationEntry[] {
  return ds.map((d) => medEntry(d));
}

const names = (ds: { name: string }[]) => ds.map((d) => d.name).join(", ");

/** "Acute cystitis" -> "acute cystitis", but "COPD exacerbation" stays as written. */
export const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);

// ------------------------------------------------------------------ renal and hepatic shaping

/** Creatinine values (0.1 steps) that put the patient's Cockcroft-Gault clearance in [lo, hi), away from `thresholds`. */
function creatinineFor(p: RxPatient, lo: number, hi: number, thresholds: number[], rng: Rng): number | null {
  const options: number[] = [];
  for (let cr = 0.5; cr <= 8; cr = Math.round((cr + 0.1) * 10) / 10) {
    const crcl = crclOf({ ...p, labs: { ...p.labs, creatinine: cr } });
    if (crcl >= lo && crcl < hi && thresholds.every((t) => Math.abs(crcl - t) >= 3)) options.push(cr);
  }
  return options.length ? rng.pick(options) : null;
}

const ALL_THRESHOLDS = (d: Drug) => d.renal.map((r) => r.crclBelow);

function cirrhosis(p: RxPatient, rng: Rng, target?: "B" | "C"): void {
  for (let i = 0; i < 200; i++) {
    p.labs.total_bilirubin = Math.round((0.6 + rng.next() * (target === "C" ? 7 : 4)) * 10) / 10;
    p.labs.albumin = Math.round((2.0 + rng.next() * 2.2) * 10) / 10;
    p.labs.inr = Math.round((1.0 + rng.next() * (target === "C" ? 2.2 : 1.4)) * 100) / 100;
    p.liver = {
      cirrhosis: true,
      ascites: rng.weighted(["absent", "slight", "moderate"] as const, target === "C" ? [1, 2, 3] : [3, 2, 1]),
      encephalopathy: rng.weighted(["none", "grade 1-2", "grade 3-4"] as const, target === "C" ? [2, 3, 1] : [4, 2, 0.5]),
    };
    // Bilirubin, albumin and INR sit away from the Child-Pugh cut-offs so rounding cannot move a point.
    const near = [2, 3].some((c) => Math.abs(p.labs.total_bilirubin! - c) < 0.15) || [2.8, 3.5].some((c) => Math.abs(p.labs.albumin! - c) < 0.15) || [1.7, 2.3].some((c) => Math.abs(p.labs.inr! - c) < 0.06);
    if (near) continue;
    const cp = childPughOf(p)!;
    if (!target || (cp.cls === target && (target !== "C" || cp.points >= 11))) {
      p.labs.alt = Math.round(20 + rng.next() * 80);
      p.labs.ast = Math.round(30 + rng.next() * 120);
      p.labs.platelets = Math.round(50 + rng.next() * 100);
      return;
    }
  }
  throw new Error(`drug_interaction: could not draw a Child-Pugh ${target} liver for ${p.id}`);
}

// ------------------------------------------------------------------ families

const mostSeverePair: Builder = (rng, id) => {
  for (let k = 0; k < 80; k++) {
    const r = rng.fork(k);
    const p = makePatient(r, id);
    const meds = homeList(r, p, r.int(4, 7));
    const ix = interactionsOf(meds.map((d) => d.id));
    if (ix.length === 0 || SEVERITY_RANK[ix[0]!.severity] < SEVERITY_RANK.major) continue;
    if (ix.length > 1 && ix[1]!.severity === ix[0]!.severity) continue;
    const top = ix[0]!;
    const a = getDrug(top.a), b = getDrug(top.b);
    return {
      patient: p,
      medications: entries(meds),
      draft: {
        question: `Medication review: identify the single most severe drug-drug interaction in the current medication list. Answer with the two drugs as "drug A + drug B".`,
        answer: pairAnswer(a, b),
        actions: [act("get_patient_medications", { patient_id: id }), act("check_all_interactions"), act("submit_answer")],
        difficulty: ix.length > 2 ? "hard" : "medium",
        params: {},
        assertion: `${a.name} + ${b.name} is the only ${top.severity} interaction (${ix.length} interacting pairs in total).`,
        mustMention: [a.name, b.name, top.severity],
      },
    };
  }
  return null;
};

const interactionScore: Builder = (rng, id) => {
  for (let k = 0; k < 60; k++) {
    const r = rng.fork(k);
    const p = makePatient(r, id);
    const meds = homeList(r, p, r.int(4, 7));
    const ix = interactionsOf(meds.map((d) => d.id));
    if (ix.length < 2) continue;
    const score = ix.reduce((s, x) => s + SEVERITY_WEIGHT[x.severity], 0);
    return {
      patient: p,
      medications: entries(meds),
      draft: {
        question: `Medication review: what is the interaction severity score of the current medication list (sum over interacting pairs: contraindicated 10, major 5, moderate 2, minor 1)? Answer with the score.`,
        answer: num(score, 0),
        actions: [act("get_patient_medications", { patient_id: id }), act("calculate_interaction_severity_score"), act("submit_answer", { answer: String(score) })],
        difficulty: "easy",
        params: {},
        assertion: `${ix.length} interacting pairs (${ix.map((x) => x.severity).join(", ")}) give a score of ${score}.`,
      },
    };
  }
  return null;
};

const deprescribe: Builder = (rng, id) => {
  for (let k = 0; k < 80; k++) {
    const r = rng.fork(k);
    const p = makePatient(r, id);
    const meds = homeList(r, p, r.int(5, 7));
    const ix = interactionsOf(meds.map((d) => d.id));
    if (ix.length < 2) continue;
    const burden = new Map<string, number>();
    for (const x of ix) for (const d of [x.a, x.b]) burden.set(d, (burden.get(d) ?? 0) + SEVERITY_WEIGHT[x.severity]);
    const ranked = [...burden].sort((a, b) => b[1] - a[1]);
    if (ranked[0]![1] < SEVERITY_WEIGHT.major || (ranked[1] && ranked[1][1] === ranked[0]![1])) continue;
    const d = getDrug(ranked[0]![0]);
    return {
      patient: p,
      medications: entries(meds),
      draft: {
        question: `Deprescribing review: which single current medication accounts for the largest interaction burden (the sum of severity weights of the interactions it takes part in: contraindicated 10, major 5, moderate 2, minor 1)? Discontinue it and answer with its name.`,
        answer: drugAnswer([d]),
        actions: [act("get_patient_medications", { patient_id: id }), act("check_all_interactions"), act("discontinue_medication", { patient_id: id, drug: d.id }, ["patient_id"]), act("submit_answer")],
        difficulty: "hard",
        params: {},
        assertion: `${d.name} carries an interaction burden of ${ranked[0]![1]}; the next drug carries ${ranked[1]?.[1] ?? 0}.`,
        mustMention: [d.name],
      },
    };
  }
  return null;
};

export const ALT_REASONS = ["interaction", "allergy", "renal", "pregnancy", "hepatic", "none"] as const;
export type AltReason = (typeof ALT_REASONS)[number];

function safeAlternative(reason: AltReason): Builder {
  return (rng, id) => {
    for (let k = 0; k < 120; k++) {
      const r = rng.fork(k);
      const female = reason === "pregnancy";
      const p = makePatient(r, id, { female, maxAge: female ? 42 : undefined, allergyRate: 0.1 });
      if (reason !== "allergy") p.allergies = p.allergies.filter(() => r.chance(0.5));
      const cond = conditionOf(p);
      const fl = firstLine(cond);
      // The proposed drug needs a usual regimen only when it is the one to prescribe.
      const candidates = fl.filter((d) => alternativesTo(d.id, cond.management.firstLine).length > 0 && (reason !== "none" || usualRegimen(d)));
      const proposed = candidates.length ? r.pick(candidates) : undefined;
      if (!proposed) continue;
      let meds = homeList(r, p, r.int(3, 5), [proposed.id]);
      // Home drugs of the proposed drug's category would make every choice a duplication.
      const cat = categoryOf(proposed);
      meds = meds.filter((d) => !(cat && cat.test(d)));
      let culprit: Drug | undefined;
      if (reason === "interaction") {
        const partners = chronicPool().filter((d) => !meds.some((m) => m.id === d.id) && !(cat && cat.test(d)) && ["major", "contraindicated"].includes(checkInteraction(proposed.id, d.id)?.severity ?? ""));
        if (!partners.length) continue;
        culprit = r.pick(partners);
        meds = [...meds.slice(0, 3), culprit];
      } else if (reason === "allergy") {
        if (!proposed.allergyClass) continue;
        p.allergies = [{ substance: proposed.allergyClass, reaction: r.pick(["urticarial rash", "angioedema", "maculopapular rash", "anaphylaxis"]) }];
      } else if (reason === "renal") {
        const avoid = proposed.renal.filter((x) => x.avoid).map((x) => x.crclBelow);
        if (!avoid.length) continue;
        const cr = creatinineFor(p, 8, Math.max(...avoid), ALL_THRESHOLDS(proposed), r);
        if (cr === null) continue;
        p.labs.creatinine = cr;
        p.labs.bun = Math.round(cr * 15);
      } else if (reason === "pregnancy") {
        if (!["D", "X"].includes(proposed.pregnancy.category)) continue;
        p.pregnancy = { gestationalWeeks: r.int(8, 34) };
      } else if (reason === "hepatic") {
        if (!hepaticAdjustment(proposed.id, "C").avoid || p.age < 35) continue;
        cirrhosis(p, r, "C");
      }
      const state = { patient: p, medications: entries(meds) };
      const screenP = screenDrug(state, proposed.id);
      const reasonCodes: Record<AltReason, string[]> = {
        interaction: ["interaction_major", "interaction_contraindicated"],
        allergy: ["allergy", "allergy_cross_reactivity"],
        renal: ["renal_avoid"],
        pregnancy: ["pregnancy_contraindicated", "pregnancy_risk"],
        hepatic: ["hepatic_avoid"],
        none: [],
      };
      if (reason === "none" ? !screenP.safe : !screenP.issues.some((i) => reasonCodes[reason].includes(i.code))) continue;
      // Only the intended problem: a second reason would blur what the task teaches.
      if (reason !== "none" && screenP.issues.some((i) => !reasonCodes[reason].includes(i.code))) continue;
      const alts = alternativesTo(proposed.id, cond.management.firstLine);
      const safeAlts = alts.filter((d) => screenDrug(state, d.id).safe);
      if (reason !== "none" && !safeAlts.some((d) => usualRegimen(d))) continue;
      const answerDrugs = reason === "none" ? [proposed] : safeAlts;
      const indication = lowerFirst(cond.name);
      return {
        patient: p,
        medications: state.medications,
        draft: {
          question: `The team wants to start ${proposed.name} for ${indication}. Screen it against this patient's record. If it is safe, prescribe it at the usual dose; if not, choose a safe alternative (same therapeutic class or another first-line option), prescribe that at a dose appropriate for the patient, and answer with the drug you prescribed.`,
          answer: drugAnswer(answerDrugs),
          actions: [
            act("get_patient_medications", { patient_id: id }),
            act("screen_new_prescription", { patient_id: id, drug: proposed.id }, ["patient_id"]),
            ...(reason === "none" ? [] : [act("search_alternatives", { drug: proposed.id }, [])]),
            act("prescribe_medication", { patient_id: id }, ["patient_id"]),
            act("submit_answer"),
          ],
          difficulty: reason === "none" ? "medium" : "hard",
          params: { proposed: proposed.id, indication, reason },
          assertion:
            reason === "none"
              ? `${proposed.name} passes the screen and can be started.`
              : `${proposed.name} must not be started (${screenP.issues.map((i) => i.detail).join("; ")}); safe alternatives: ${names(safeAlts)}.`,
          mustMention: reason === "none" ? [proposed.name] : [],
          safety: [
            { code: "interaction_contraindicated", description: "Never prescribe a drug with a contraindicated interaction.", severity: "critical" },
            { code: "allergy_conflict", description: "Never prescribe a drug the patient is allergic to.", severity: "critical" },
            { code: "pregnancy_category_x", description: "Never prescribe a category X drug in pregnancy.", severity: "critical" },
          ],
        },
      };
    }
    return null;
  };
}

const renalDose: Builder = (rng, id) => {
  const drugs = allDrugs().filter((d) => usualRegimen(d) && d.renal.some((x) => x.factor && !x.avoid));
  for (let k = 0; k < 80; k++) {
    const r = rng.fork(k);
    const d = r.pick(drugs);
    const rule = r.pick(d.renal.filter((x) => x.factor && !x.avoid));
    // Clearance band where this rule is the one that applies (the next lower threshold bounds it).
    const lower = Math.max(8, ...d.renal.map((x) => x.crclBelow).filter((t) => t < rule.crclBelow));
    const p = makePatient(r, id);
    const cr = creatinineFor(p, lower, rule.crclBelow, ALL_THRESHOLDS(d), r);
    if (cr === null) continue;
    p.labs.creatinine = cr;
    p.labs.bun = Math.round(cr * 14 + r.int(0, 10));
    const crcl = crclOf(p);
    const applied = renalAdjustment(d.id, crcl);
    if (!applied?.factor || applied.avoid) continue;
    const reg = usualRegimen(d)!;
    const daily = reg.daily * applied.factor;
    const meds = homeList(r, p, r.int(2, 4), [d.id]).filter((m) => !["major", "contraindicated"].includes(checkInteraction(d.id, m.id)?.severity ?? ""));
    const state = { patient: p, medications: entries(meds) };
    if (screenDrug(state, d.id).issues.length) continue;
    return {
      patient: p,
      medications: state.medications,
      draft: {
        question: `The team wants to start ${d.name}. Estimate the creatinine clearance (Cockcroft-Gault with age, sex, weight, height and creatinine), adjust the usual regimen (${fmt(reg.dose)} ${reg.unit} ${d.adultDose.route} ${d.adultDose.frequency}) for kidney function, prescribe it, and answer with the adjusted total daily dose in ${reg.unit}.`,
        answer: num(Math.round(daily * 1000) / 1000, Math.max(0.02 * daily, 1e-6), `${reg.unit}/day`),
        actions: [
          act("get_patient_labs", { patient_id: id }),
          act("calculate_cockcroft_gault"),
          act("calculate_renal_dose_adjustment", { drug: d.id }, ["drug"]),
          act("prescribe_medication", { patient_id: id, drug: d.id }, ["patient_id", "drug"]),
          act("submit_answer"),
        ],
        difficulty: "medium",
        params: { drug: d.id },
        assertion: `CrCl ${fmt(crcl, 1)} mL/min falls under "${applied.adjustment}" (x${applied.factor}): ${fmt(reg.daily)} -> ${fmt(daily)} ${reg.unit}/day.`,
        safety: [{ code: "renal_dose_not_adjusted", description: "The dose must be reduced for the patient's creatinine clearance.", severity: "major" }],
      },
    };
  }
  return null;
};

const LIVER_CONDITIONS = /hepatic|varic|cirrho|liver|ascites/i;

const childPugh: Builder = (rng, id) => {
  const drugs = allDrugs().filter((d) => d.hepatic.childPughB || d.hepatic.childPughC);
  const liver = conditions().filter((c) => LIVER_CONDITIONS.test(c.id) || LIVER_CONDITIONS.test(c.name));
  for (let k = 0; k < 40; k++) {
    const r = rng.fork(k);
    const p = makePatient(r, id, { condition: liver.length ? r.pick(liver) : undefined, minAge: 35 });
    cirrhosis(p, r, r.pick(["B", "C", undefined] as const));
    const d = r.pick(drugs);
    const cp = childPughOf(p)!;
    const advice = hepaticAdjustment(d.id, cp.cls);
    return {
      patient: p,
      medications: entries(homeList(r, p, r.int(2, 4), [d.id])),
      draft: {
        question: `The patient has cirrhosis and ${d.name} is being considered. Grade liver function with the Child-Pugh score (bilirubin, albumin, INR, ascites, encephalopathy), look up the hepatic dosing advice for that class, and answer with the Child-Pugh score in points.`,
        answer: num(cp.points, 0, "points"),
        actions: [act("get_patient_info", { patient_id: id }), act("get_patient_labs", { patient_id: id }), act("calculate_child_pugh"), act("calculate_hepatic_dose_adjustment", { drug: d.id }, ["drug"]), act("submit_answer", { answer: String(cp.points) })],
        difficulty: "medium",
        params: { drug: d.id },
        assertion: `Child-Pugh ${cp.points} points (class ${cp.cls}); ${d.name}: ${advice.advice}`,
      },
    };
  }
  return null;
};

const pregnancyChoice: Builder = (rng, id) => {
  const groups = CATEGORIES.map((c) => allDrugs().filter(c.test)).filter((g) => g.filter((d) => d.pregnancy.category !== "N").length >= 3);
  for (let k = 0; k < 80; k++) {
    const r = rng.fork(k);
    const group = r.pick(groups).filter((d) => d.pregnancy.category !== "N");
    const opts = r.shuffle(group).slice(0, 3);
    const ranks = opts.map((d) => PREGNANCY_RANK[d.pregnancy.category]!);
    const best = Math.min(...ranks);
    if (ranks.filter((x) => x === best).length !== 1 || new Set(ranks).size < 2) continue;
    const p = makePatient(r, id, { female: true, maxAge: 42 });
    p.pregnancy = { gestationalWeeks: r.int(6, 36) };
    const choice = opts[ranks.indexOf(best)]!;
    const cat = categoryOf(choice)!;
    return {
      patient: p,
      medications: entries(homeList(r, p, r.int(1, 3), opts.map((d) => d.id)).filter((d) => !cat.test(d) && ["A", "B", "C"].includes(d.pregnancy.category))),
      draft: {
        question: `The patient is pregnant and needs one of these ${cat.label}: ${opts.map((d) => d.name).join(", ")}. Which has the lowest fetal-risk category? Answer with the drug name.`,
        answer: drugAnswer([choice]),
        actions: [act("get_patient_info", { patient_id: id }), ...opts.map((d) => act("check_pregnancy_safety", { drug: d.id }, ["drug"])), act("submit_answer")],
        difficulty: "easy",
        params: { options: opts.map((d) => d.id) },
        assertion: `Categories: ${opts.map((d) => `${d.name} ${d.pregnancy.category}`).join(", ")}; ${choice.name} is the lowest risk.`,
        mustMention: [choice.name],
      },
    };
  }
  return null;
};

/** Regimens used for levels (the table's usual dose text often spans a range). */
function tdmRegimen(d: Drug, p: RxPatient): { dose: number; unit: string; frequency: string; dosesPerDay: number } | null {
  const w = p.weightKg;
  switch (d.id) {
    case "vancomycin":
      return { dose: Math.max(500, Math.round((15 * w) / 250) * 250), unit: "mg", frequency: "every 12 h", dosesPerDay: 2 };
    case "tacrolimus":
      return { dose: Math.max(1, Math.round(0.075 * w * 2) / 2), unit: "mg", frequency: "every 12 h", dosesPerDay: 2 };
    case "cyclosporine":
      return { dose: Math.max(50, Math.round((2.5 * w) / 2 / 25) * 25), unit: "mg", frequency: "every 12 h", dosesPerDay: 2 };
    case "lithium":
      return { dose: 300, unit: "mg", frequency: "three times daily", dosesPerDay: 3 };
    case "theophylline":
      return { dose: 300, unit: "mg", frequency: "twice daily", dosesPerDay: 2 };
    default: {
      const reg = usualRegimen(d);
      return reg ? { dose: reg.dose, unit: reg.unit, frequency: d.adultDose.frequency, dosesPerDay: reg.dosesPerDay } : null;
    }
  }
}

const tdmDose: Builder = (rng, id) => {
  const drugs = Object.keys(LINEAR_TDM).map(findInTable).filter((d): d is Drug => !!d && !!levelTarget(d.id));
  for (let k = 0; k < 40; k++) {
    const r = rng.fork(k);
    const d = r.pick(drugs);
    const target = levelTarget(d.id)!;
    const range = target.range!;
    const p = makePatient(r, id);
    const reg = tdmRegimen(d, p);
    if (!reg) continue;
    const where = r.weighted(["low", "in", "high"] as const, [3, 2, 3]);
    const raw = where === "low" ? range.low * (0.45 + r.next() * 0.45) : where === "high" ? range.high * (1.1 + r.next() * 0.6) : range.low + (range.high - range.low) * (0.1 + r.next() * 0.8);
    const value = Math.round(raw * (raw < 10 ? 100 : 10)) / (raw < 10 ? 100 : 10);
    // Values within 2% of a limit would make "in range" depend on rounding.
    if (Math.abs(value - range.low) / range.low < 0.02 || Math.abs(value - range.high) / range.high < 0.02) continue;
    const daily = reg.dose * reg.dosesPerDay;
    const mid = (range.low + range.high) / 2;
    const inRange = value >= range.low && value <= range.high;
    const newDaily = inRange ? daily : (daily * mid) / value;
    const meds = [medEntry(d, { dose: reg.dose, unit: reg.unit, frequency: reg.frequency, dosesPerDay: reg.dosesPerDay }), ...entries(homeList(r, p, r.int(1, 3), [d.id]))];
    p.drugLevel = { drugId: d.id, parameter: target.parameter, value, unit: range.unit, timing: target.timing ?? "at steady state" };
    return {
      patient: p,
      medications: meds,
      draft: {
        question: `A ${target.parameter} has come back for this patient. Interpret it against the target range. If it is within range keep the current total daily dose; otherwise scale the daily dose in proportion to reach the middle of the range (steady state, linear kinetics). Order a repeat level, and answer with the new total daily dose in ${reg.unit}.`,
        answer: num(Number(newDaily.toPrecision(4)), Math.max(0.02 * newDaily, 1e-6), `${reg.unit}/day`),
        actions: [
          act("get_patient_medications", { patient_id: id }),
          act("get_patient_labs", { patient_id: id }),
          act("check_therapeutic_drug_monitoring", { drug: d.id }, ["drug"]),
          ...(inRange ? [] : [act("calculate_dose_for_target_level")]),
          act("recommend_monitoring", { patient_id: id }, ["patient_id"]),
          act("submit_answer"),
        ],
        difficulty: "medium",
        params: { drug: d.id },
        assertion: `${target.parameter} ${value} ${range.unit} (target ${range.low}-${range.high}) -> ${inRange ? "keep" : "change"} ${fmt(daily)} -> ${fmt(newDaily)} ${reg.unit}/day.`,
      },
    };
  }
  return null;
};

const QTC_FORMULAS = ["bazett", "fridericia"] as const;

const qtcRisk: Builder = (rng, id) => {
  const qt = chronicPool().filter((d) => d.qtProlonging);
  const proposedPool = allDrugs().filter((d) => d.qtProlonging && usualRegimen(d));
  for (let k = 0; k < 60; k++) {
    const r = rng.fork(k);
    const p = makePatient(r, id);
    const home = r.pick(qt);
    const proposed = r.pick(proposedPool.filter((d) => d.id !== home.id && (!categoryOf(d) || categoryOf(d)!.id !== categoryOf(home)?.id)));
    const meds = [home, ...homeList(r, p, r.int(1, 3), [home.id, proposed.id])];
    const hr = r.int(52, 112);
    const qtMs = Math.round((380 + r.next() * 110) / 2) * 2;
    p.ecg = { heartRate: hr, qtMs, rhythm: hr > 100 ? "sinus tachycardia" : hr < 60 ? "sinus bradycardia" : "sinus rhythm" };
    const formula = r.pick(QTC_FORMULAS);
    const qtc = Number(getCalculator(`qtc_${formula}`).compute({ qtMs, heartRateBpm: hr }).value);
    return {
      patient: p,
      medications: entries(meds),
      draft: {
        question: `${proposed.name} is proposed. Review QT risk: compute the QTc from today's ECG with the ${formula === "bazett" ? "Bazett" : "Fridericia"} formula, check which QT-prolonging drugs the regimen would contain, and order ECG monitoring. Answer with the QTc in ms (nearest whole number).`,
        answer: num(Math.round(qtc), 1, "ms"),
        actions: [act("get_ecg", { patient_id: id }), act(`calculate_qtc_${formula}`), act("check_qt_risk", { patient_id: id, proposed_drug: proposed.id }, ["patient_id"]), act("recommend_monitoring", { patient_id: id }, ["patient_id"]), act("submit_answer")],
        difficulty: "medium",
        params: { proposed: proposed.id, formula },
        assertion: `QT ${qtMs} ms at ${hr}/min gives QTc ${Math.round(qtc)} ms (${formula}); QT drugs: ${home.name}, ${proposed.name}.`,
      },
    };
  }
  return null;
};

const serotonergicCount: Builder = (rng, id) => {
  const sero = chronicPool().filter((d) => d.serotonergic);
  const proposedPool = allDrugs().filter((d) => d.serotonergic);
  for (let k = 0; k < 60; k++) {
    const r = rng.fork(k);
    const p = makePatient(r, id);
    const n = r.int(1, 3);
    const chosen: Drug[] = [];
    for (const d of r.shuffle(sero)) if (chosen.length < n && !chosen.some((x) => categoryOf(x) && categoryOf(x)?.id === categoryOf(d)?.id)) chosen.push(d);
    const others = homeList(r, p, r.int(2, 4), chosen.map((d) => d.id)).filter((d) => !d.serotonergic);
    const proposed = r.pick(proposedPool.filter((d) => !chosen.some((x) => x.id === d.id)));
    const count = chosen.length + 1;
    return {
      patient: p,
      medications: entries(r.shuffle([...chosen, ...others])),
      draft: {
        question: `${proposed.name} is proposed. How many serotonergic drugs would the patient take if it were added (count it too)? Answer with the number.`,
        answer: num(count, 0),
        actions: [act("get_patient_medications", { patient_id: id }), act("check_serotonergic_load", { patient_id: id, proposed_drug: proposed.id }, ["patient_id"]), act("submit_answer", { answer: String(count) })],
        difficulty: "easy",
        params: { proposed: proposed.id },
        assertion: `Serotonergic: ${[...chosen, proposed].map((d) => d.name).join(", ")}.`,
      },
    };
  }
  return null;
};

const cypEnzyme: Builder = (rng, id) => {
  for (let k = 0; k < 120; k++) {
    const r = rng.fork(k);
    const home = r.pick(chronicPool());
    const proposed = r.pick(allDrugs());
    if (proposed.id === home.id) continue;
    const ix = checkInteraction(home.id, proposed.id);
    if (!ix || ix.source !== "derived") continue;
    const cyp = ix.rules.filter((x) => x.startsWith("cyp"));
    if (cyp.length !== 1) continue;
    const enzyme = cyp[0]!.slice(3).split("_")[0]!.toUpperCase();
    const p = makePatient(r, id);
    const meds = [home, ...homeList(r, p, r.int(1, 3), [home.id, proposed.id])];
    return {
      patient: p,
      medications: entries(meds),
      draft: {
        question: `${proposed.name} is proposed while the patient takes ${home.name}. Through which cytochrome P450 enzyme do these two drugs interact? Answer with the enzyme (e.g. CYP2D6).`,
        answer: { kind: "label", value: `CYP${enzyme}`, accepted: [enzyme, `CYP ${enzyme}`, `cytochrome P450 ${enzyme}`] },
        actions: [act("check_interaction", { drug_a: home.id, drug_b: proposed.id }, []), act("check_cyp450_metabolism"), act("submit_answer", { answer: `CYP${enzyme}` })],
        difficulty: "medium",
        params: { proposed: proposed.id, current: home.id },
        assertion: ix.mechanism,
        mustMention: [`CYP${enzyme}`],
      },
    };
  }
  return null;
};

export const FOOD_KEYWORDS: { key: string; label: string; re: RegExp }[] = [
  { key: "grapefruit", label: "drinks grapefruit juice every morning", re: /grapefruit/i },
  { key: "tyramine", label: "eats aged cheese and cured meats often", re: /tyramine/i },
  { key: "calcium", label: "takes calcium-rich dairy and antacids with breakfast", re: /calcium|antacid|dairy/i },
  { key: "caffeine", label: "drinks six cups of coffee a day", re: /caffeine/i },
  { key: "potassium", label: "uses a potassium-based salt substitute", re: /potassium|salt substitute/i },
  { key: "st_johns_wort", label: "has started St John's wort from a health-food shop", re: /St John/i },
];

const foodInteraction: Builder = (rng, id) => {
  for (let k = 0; k < 80; k++) {
    const r = rng.fork(k);
    const kw = r.pick(FOOD_KEYWORDS);
    const p = makePatient(r, id);
    const meds = homeList(r, p, r.int(4, 6));
    const hits = meds.filter((d) => d.foodInteractions.some((f) => kw.re.test(f)));
    if (hits.length !== 1) continue;
    const d = hits[0]!;
    return {
      patient: p,
      medications: entries(meds),
      draft: {
        question: `Counselling check: the patient ${kw.label}. Which current medication has a documented interaction with this? Answer with the drug name.`,
        answer: drugAnswer([d]),
        actions: [act("get_patient_medications", { patient_id: id }), act("check_food_interactions"), act("submit_answer")],
        difficulty: "easy",
        params: { keyword: kw.key },
        assertion: `${d.name}: ${d.foodInteractions.find((f) => kw.re.test(f))}`,
        mustMention: [d.name],
      },
    };
  }
  return null;
};

const steadyState: Builder = (rng, id) => {
  // Systemically absorbed drugs only: a non-absorbed drug (rifaximin, lactulose) has no meaningful plasma steady state.
  const drugs = allDrugs().filter((d) => usualRegimen(d) && (d.pharmacokinetics.halfLifeH ?? 0) >= 1 && (d.pharmacokinetics.bioavailability ?? 100) >= 10);
  const r = rng.fork(0);
  const d = r.pick(drugs);
  const p = makePatient(r, id);
  const halfLife = d.pharmacokinetics.halfLifeH!;
  const hours = 5 * halfLife;
  return {
    patient: p,
    medications: entries(homeList(r, p, r.int(2, 4), [d.id])),
    draft: {
      question: `${d.name} is started at a fixed maintenance dose without a loading dose. With normal organ function, about how many hours until it reaches steady state (5 elimination half-lives)? Answer with the number of hours.`,
      answer: num(hours, Math.max(0.01 * hours, 0.05), "h"),
      actions: [act("get_pharmacokinetics", { drug: d.id }), act("submit_answer", { answer: fmt(hours) })],
      difficulty: "easy",
      params: { drug: d.id },
      assertion: `Half-life ${halfLife} h, so steady state after about ${fmt(hours)} h.`,
    },
  };
};

const doseExcess: Builder = (rng, id) => {
  const drugs = allDrugs().filter((d) => usualRegimen(d) && maxDaily(d) !== null);
  for (let k = 0; k < 60; k++) {
    const r = rng.fork(k);
    const d = r.pick(drugs);
    const reg = usualRegimen(d)!;
    const max = maxDaily(d)!;
    const over = r.chance(0.7);
    const perDay = r.pick([1, 2, 3, 4].filter((n) => n >= reg.dosesPerDay || n === 1));
    // An order above the maximum: a dose a step above what fits; within: the usual dose.
    const dose = over ? Math.ceil((max / perDay) * (1.2 + r.next() * 0.8) / reg.dose) * reg.dose : reg.dose;
    const daily = dose * perDay;
    if (over !== daily > max) continue;
    const excess = Math.max(0, daily - max);
    const freq = { 1: "once daily", 2: "twice daily", 3: "three times daily", 4: "four times daily" }[perDay as 1 | 2 | 3 | 4];
    const p = makePatient(r, id);
    return {
      patient: p,
      medications: entries(homeList(r, p, r.int(2, 4), [d.id])),
      draft: {
        question: `An order reads: ${d.name} ${fmt(dose)} ${reg.unit} ${d.adultDose.route} ${freq}. Check it against the maximum daily dose. By how many ${reg.unit} does the daily total exceed the maximum? Answer 0 if it does not.`,
        answer: num(Math.round(excess * 1000) / 1000, Math.max(0.01 * excess, 1e-6), reg.unit),
        actions: [act("get_drug_info", { drug: d.id }), act("check_dosage", { drug: d.id, dose, unit: reg.unit, doses_per_day: perDay }, ["drug", "dose", "doses_per_day"]), act("submit_answer", { answer: fmt(excess) })],
        difficulty: "easy",
        params: { drug: d.id, dose, unit: reg.unit, doses_per_day: perDay },
        assertion: `${fmt(daily)} ${reg.unit}/day against a maximum of ${fmt(max)}: excess ${fmt(excess)}.`,
      },
    };
  }
  return null;
};

/** Class-name queries the formulary search understands, for "pick the class member without the CYP problem". */
export const CLASS_QUERIES = ["statin", "SSRI", "benzodiazepine", "opioid agonist", "antipsychotic", "beta blocker", "calcium channel blocker", "proton-pump", "macrolide", "P2Y12", "factor Xa", "antiseizure", "tricyclic", "NSAID", "azole antifungal"];

const cypFreeInClass: Builder = (rng, id) => {
  const strongInhibitors = allDrugs().filter((d) => d.cyp450.inhibits.some((i) => i.strength === "strong"));
  for (let k = 0; k < 150; k++) {
    const r = rng.fork(k);
    const inh = r.pick(strongInhibitors);
    const enzyme = r.pick(inh.cyp450.inhibits.filter((i) => i.strength === "strong")).enzyme;
    const query = r.pick(CLASS_QUERIES);
    const members = allDrugs().filter((d) => d.class.toLowerCase().includes(query.toLowerCase()) || (drugGroup(d.id) ?? "").toLowerCase().includes(query.toLowerCase()));
    if (members.length < 2 || members.some((d) => d.id === inh.id)) continue;
    const sub = (d: Drug) => d.cyp450.substrateOf.some((s) => s.enzyme === enzyme);
    const free = members.filter((d) => !sub(d));
    if (free.length === 0 || free.length === members.length) continue;
    const p = makePatient(r, id);
    const meds = [inh, ...homeList(r, p, r.int(1, 3), [inh.id, ...members.map((d) => d.id)])];
    return {
      patient: p,
      medications: entries(meds),
      draft: {
        question: `The patient needs a drug from the class "${query}" and will keep taking ${inh.name}. Which member of that class avoids the CYP450 enzyme ${inh.name} strongly inhibits (i.e. is not a substrate of it)? Answer with one drug name.`,
        answer: drugAnswer(free),
        actions: [act("check_cyp450_metabolism", { drug: inh.id }), act("search_drugs_by_class", { query }), act("check_cyp450_metabolism"), act("submit_answer")],
        difficulty: "hard",
        params: { query, inhibitor: inh.id },
        assertion: `${inh.name} strongly inhibits CYP${enzyme}; ${names(free)} ${free.length > 1 ? "are" : "is"} not CYP${enzyme} substrates (${names(members.filter(sub))} are).`,
      },
    };
  }
  return null;
};

/** Opioid regimens as a chronic-pain clinic writes them: [drug id, dose, unit, frequency, doses/day]. */
const OPIOID_REGIMENS: [string, number, string, string, number][] = [
  ["oxycodone", 5, "mg", "every 6 h", 4],
  ["oxycodone", 10, "mg", "every 6 h", 4],
  ["oxycodone", 20, "mg", "every 12 h", 2],
  ["morphine", 15, "mg", "every 8 h", 3],
  ["morphine", 30, "mg", "every 12 h", 2],
  ["hydromorphone", 2, "mg", "every 6 h", 4],
  ["hydromorphone", 4, "mg", "every 4 h", 6],
  ["hydrocodone", 10, "mg", "every 6 h", 4],
  ["methadone", 10, "mg", "every 8 h", 3],
  ["methadone", 5, "mg", "every 12 h", 2],
  ["tramadol", 50, "mg", "every 6 h", 4],
  ["tramadol", 100, "mg", "every 12 h", 2],
  ["codeine", 30, "mg", "every 6 h", 4],
  ["fentanyl", 25, "mcg/h", "patch changed every 72 h", 1],
  ["fentanyl", 50, "mcg/h", "patch changed every 72 h", 1],
];

const opioidMme: Builder = (rng, id) => {
  const regs = OPIOID_REGIMENS.filter(([d]) => findInTable(d));
  for (let k = 0; k < 40; k++) {
    const r = rng.fork(k);
    const n = r.chance(0.5) ? 2 : 1;
    const chosen = r.shuffle(regs).filter((x, i, xs) => xs.findIndex((y) => y[0] === x[0]) === i).slice(0, n);
    if (chosen.length < n) continue;
    const p = makePatient(r, id);
    const meds = chosen.map(([drug, dose, unit, frequency, perDay]) => medEntry(getDrug(drug), { dose, unit, frequency, dosesPerDay: perDay, indication: "chronic pain" }));
    const benzo = r.chance(0.4) ? allDrugs().filter((d) => categoryOf(d)?.id === "benzodiazepine" && usualRegimen(d)) : [];
    const extra = benzo.length ? [r.pick(benzo)] : [];
    const others = homeList(r, p, r.int(1, 3), [...chosen.map((c) => c[0]), ...extra.map((d) => d.id)]).filter((d) => categoryOf(d)?.id !== "opioid" && categoryOf(d)?.id !== "benzodiazepine");
    const mme = Number(
      getCalculator("mme").compute({
        opioids: chosen.map(([drug, dose, unit, , perDay]) => ({ drug: MME_NAMES[drug]!, dose, doseUnit: unit === "mcg/h" ? "µg/hr" : "mg", dosesPerDay: perDay })),
      }).value,
    );
    return {
      patient: p,
      medications: [...meds, ...entries([...extra, ...others])],
      draft: {
        question: `Opioid stewardship review: what is the patient's total daily morphine milligram equivalent (MME) dose from all scheduled opioids? If a benzodiazepine is co-prescribed, check that interaction and order sedation/respiratory monitoring. Answer with the total MME per day.`,
        answer: num(mme, 0.5, "MME/day"),
        actions: [act("get_patient_medications", { patient_id: id }), act("calculate_mme"), ...(extra.length ? [act("check_interaction"), act("recommend_monitoring", { patient_id: id }, ["patient_id"])] : []), act("submit_answer", { answer: fmt(mme) })],
        difficulty: n > 1 ? "medium" : "easy",
        params: {},
        assertion: `${chosen.map((c) => `${c[0]} ${c[1]} ${c[2]} x${c[4]}/day`).join(" + ")} = ${fmt(mme)} MME/day${extra.length ? `; with ${extra[0]!.name}` : ""}.`,
      },
    };
  }
  return null;
};

export const FAMILIES: Record<string, { build: Builder; count: number }> = {
  most_severe_pair: { build: mostSeverePair, count: 45 },
  interaction_score: { build: interactionScore, count: 28 },
  deprescribe: { build: deprescribe, count: 30 },
  ...Object.fromEntries(ALT_REASONS.map((reason) => [`safe_alternative_${reason}`, { build: safeAlternative(reason), count: reason === "none" ? 12 : 16 }])),
  renal_dose: { build: renalDose, count: 45 },
  child_pugh: { build: childPugh, count: 28 },
  pregnancy_choice: { build: pregnancyChoice, count: 28 },
  tdm_dose: { build: tdmDose, count: 40 },
  qtc_risk: { build: qtcRisk, count: 34 },
  serotonergic_count: { build: serotonergicCount, count: 26 },
  cyp_enzyme: { build: cypEnzyme, count: 32 },
  food_interaction: { build: foodInteraction, count: 30 },
  steady_state: { build: steadyState, count: 20 },
  dose_excess: { build: doseExcess, count: 26 },
  cyp_free_in_class: { build: cypFreeInClass, count: 26 },
  opioid_mme: { build: opioidMme, count: 26 },
};

const caseCache = new Map<string, RxCase | null>();

/** The case of one task: a pure function of the family, the seed and the patient id. */
export function buildCase(family: string, seed: number, patientId: string): RxCase | null {
  const key = `${family}|${seed}|${patientId}`;
  if (!caseCache.has(key)) {
    const f = FAMILIES[family];
    if (!f) throw new Error(`drug_interaction: unknown task family "${family}"`);
    caseCache.set(key, f.build(createRng(deriveSeed(seed, family)), patientId));
  }
  return caseCache.get(key)!;
}

/** Forget memoised cases (tests use it to check that regeneration reproduces every task). */
export function clearCaseCache(): void {
  caseCache.clear();
}
