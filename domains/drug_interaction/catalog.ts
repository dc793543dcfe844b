/**
 * Prescribing knowledge the drug_interaction tools, task generator and expert share, built on the
 * drug table (src/clinical/drugs): regimen arithmetic, therapeutic categories for alternatives,
 * renal/hepatic status of a patient, and the screen a new prescription must pass. Everything is a
 * pure function of the table and the patient, so tools and ground truth cannot disagree.
 */
import {
  SEVERITY_RANK,
  checkAllergy,
  checkInteraction,
  drugGroup,
  getDrug,
  hepaticAdjustment,
  loadDrugs,
  renalAdjustment,
  type Drug,
  type InteractionResult,
  type Monitoring,
} from "../../src/clinical/drugs/index.js";
import { getCalculator } from "../../src/clinical/calculators/index.js";
import type { MedicationEntry, RxPatient, RxState } from "./data-model.js";

let sorted: Drug[] | undefined;

/** The drug table in id order (the generator iterates it, so the order must not depend on file layout). */
export function allDrugs(): Drug[] {
  sorted ??= loadDrugs().sort((a, b) => a.id.localeCompare(b.id));
  return sorted;
}

// ------------------------------------------------------------------ regimens

/**
 * Administrations per 24 h of a scheduled regimen, or null when the text does not fix it (as
 * needed, ranges such as "every 6-8 h", infusions, single doses).
 */
export function parseFrequency(text: string): number | null {
  const t = text.toLowerCase();
  if (/as needed|prn|infusion|single|once \(|loading|titrat|repeat|bolus|or twice|two to|or every|every \d+-\d+/.test(t)) return null;
  if (/^once weekly/.test(t)) return 1 / 7;
  if (/^(once daily|daily|at bedtime|once daily at night|one patch daily|every 24 h)/.test(t)) return 1;
  if (/^(twice daily|every 12 h)/.test(t)) return 2;
  if (/^(three times daily|every 8 h)/.test(t)) return 3;
  if (/^(four times daily|every 6 h)/.test(t)) return 4;
  const m = /^every (\d+) h\b/.exec(t);
  if (m && 24 % Number(m[1]) === 0) return 24 / Number(m[1]);
  return null;
}

/** Units a daily total can be summed in (weight-based and rate units cannot). */
export const SUMMABLE_UNITS = new Set(["mg", "g", "mcg", "mEq", "units"]);

export interface Regimen {
  dose: number;
  unit: string;
  dosesPerDay: number;
  daily: number;
}

const regimens = new Map<string, Regimen | null>();

/** The usual scheduled regimen of a drug, when its dose text fixes one (memoised: the table is frozen). */
export function usualRegimen(d: Drug): Regimen | null {
  if (!regimens.has(d.id)) {
    const n = parseFrequency(d.adultDose.frequency);
    regimens.set(d.id, n === null || !SUMMABLE_UNITS.has(d.adultDose.unit) ? null : { dose: d.adultDose.amount, unit: d.adultDose.unit, dosesPerDay: n, daily: d.adultDose.amount * n });
  }
  return regimens.get(d.id)!;
}

/** The maximum daily dose when it is stated in the regimen's own unit (qualified maxima are skipped). */
export function maxDaily(d: Drug): number | null {
  const m = d.adultDose.maxDaily;
  return m && m.unit === d.adultDose.unit ? m.amount : null;
}

export function describeRegimen(m: Pick<MedicationEntry, "dose" | "unit" | "route" | "frequency">): string {
  return `${fmt(m.dose)} ${m.unit} ${m.route} ${m.frequency}`;
}

/** A number as a chart writes it: rounded, without trailing zeros. */
export const fmt = (x: number, digits = 4) => String(Math.round(x * 10 ** digits) / 10 ** digits);

// ------------------------------------------------------------------ therapeutic categories

/**
 * Therapeutic categories: a regular expression on the monograph's class, so drugs added to the
 * table join their group without edits here. `interchangeable` marks classes whose members can
 * replace each other for the same indication (statins, SSRIs, DOACs...); broad classes such as
 * antiseizure medications are not, because the right member depends on the indication.
 */
export const CATEGORIES: { id: string; label: string; interchangeable: boolean; test: (d: Drug) => boolean }[] = [
  { id: "statin", label: "statins", interchangeable: true, test: (d) => /\bstatin\b|HMG-CoA/i.test(d.class) },
  { id: "ssri", label: "SSRIs", interchangeable: true, test: (d) => /\bSSRI\b|selective serotonin reuptake/i.test(d.class) },
  { id: "snri", label: "SNRIs", interchangeable: true, test: (d) => /\bSNRI\b|serotonin-noradrenaline reuptake/i.test(d.class) },
  { id: "oral_anticoagulant", label: "oral anticoagulants", interchangeable: true, test: (d) => /factor Xa inhibitor|thrombin inhibitor|vitamin K antagonist/i.test(d.class) && d.adultDose.route === "PO" },
  { id: "p2y12", label: "P2Y12 inhibitors", interchangeable: true, test: (d) => /P2Y12/i.test(d.class) },
  { id: "acid_suppressant", label: "acid suppressants (PPIs and H2 blockers)", interchangeable: true, test: (d) => /proton-pump|H2 receptor/i.test(d.class) },
  { id: "beta_blocker", label: "beta blockers", interchangeable: true, test: (d) => /beta blocker|beta-1 selective/i.test(d.class) && d.adultDose.route === "PO" },
  { id: "dhp_ccb", label: "dihydropyridine calcium channel blockers", interchangeable: true, test: (d) => /(?<!non-)dihydropyridine calcium channel blocker/i.test(d.class) && d.adultDose.route === "PO" },
  { id: "raas_blocker", label: "ACE inhibitors and angiotensin receptor blockers", interchangeable: true, test: (d) => /ACE inhibitor|angiotensin/i.test(d.class) },
  { id: "macrolide", label: "macrolides", interchangeable: true, test: (d) => /macrolide/i.test(d.class) },
  { id: "fluoroquinolone", label: "fluoroquinolones", interchangeable: true, test: (d) => /fluoroquinolone/i.test(d.class) },
  { id: "azole_antifungal", label: "azole antifungals", interchangeable: false, test: (d) => /azole antifungal/i.test(d.class) },
  { id: "nsaid", label: "NSAIDs", interchangeable: true, test: (d) => /\bNSAID\b/.test(d.class) && d.id !== "aspirin" },
  { id: "opioid", label: "opioid analgesics", interchangeable: true, test: (d) => /opioid agonist/i.test(d.class) && !/antidiarrh|kappa antagonist/i.test(d.class) },
  { id: "benzodiazepine", label: "benzodiazepines", interchangeable: true, test: (d) => /(?<!non-)benzodiazepine/i.test(d.class) && !/antagonist/i.test(d.class) },
  { id: "antipsychotic", label: "antipsychotics", interchangeable: true, test: (d) => /antipsychotic/i.test(d.class) },
  { id: "antiemetic", label: "antiemetics", interchangeable: true, test: (d) => /antiemetic/i.test(d.class) },
  { id: "h1_antihistamine", label: "H1 antihistamines", interchangeable: true, test: (d) => /H1 antihistamine/i.test(d.class) },
  { id: "antiseizure", label: "antiseizure medications", interchangeable: false, test: (d) => /antiseizure/i.test(d.class) },
  { id: "tricyclic", label: "tricyclic antidepressants", interchangeable: true, test: (d) => /tricyclic/i.test(d.class) },
  { id: "glucose_lowering", label: "glucose-lowering drugs", interchangeable: true, test: (d) => /sulfonylurea|DPP-4|SGLT2|GLP-1|biguanide|thiazolidinedione/i.test(d.class) },
];

const categoryCache = new Map<string, (typeof CATEGORIES)[number] | undefined>();

export function categoryOf(d: Drug): (typeof CATEGORIES)[number] | undefined {
  if (!categoryCache.has(d.id)) categoryCache.set(d.id, CATEGORIES.find((c) => c.test(d)));
  return categoryCache.get(d.id);
}

/**
 * Drug groups where a condition's first-line drugs are alternatives to each other: the same
 * infection, the same pain, the same psychiatric syndrome (lithium or an antipsychotic for mania),
 * the same rheumatic disease (methotrexate or hydroxychloroquine). Cardiovascular first-line lists
 * mix roles (statin, beta blocker, nitrate) and are left out.
 */
const INDICATION_GROUPS = /Antibacterial|Antivir|Antifung|Analgesic|Psychiatric|Immunology/i;

/**
 * Alternatives to a drug: the other members of its category when the category is interchangeable,
 * plus, for the groups above, the other first-line drugs of the patient's condition from the same
 * drug group (for cystitis: nitrofurantoin, fosfomycin, trimethoprim-sulfamethoxazole).
 */
export function alternativesTo(drugId: string, conditionFirstLine: readonly string[] = []): Drug[] {
  const key = `${drugId}|${conditionFirstLine.join(",")}`;
  const hit = altCache.get(key);
  if (hit) return hit;
  const d = getDrug(drugId);
  const cat = categoryOf(d);
  const out = new Map<string, Drug>();
  if (cat?.interchangeable) for (const x of allDrugs()) if (categoryOf(x)?.id === cat.id) out.set(x.id, x);
  const group = drugGroup(d.id) ?? "";
  if (INDICATION_GROUPS.test(group))
    for (const name of conditionFirstLine) {
      const x = findInTable(name);
      if (x && drugGroup(x.id) === group) out.set(x.id, x);
    }
  out.delete(d.id);
  const list = [...out.values()].sort((a, b) => a.id.localeCompare(b.id));
  altCache.set(key, list);
  return list;
}

const altCache = new Map<string, Drug[]>();

let byName: Map<string, Drug> | undefined;

/** A drug of the table by name (condition profiles use lower-case generic names with hyphens). */
export function findInTable(name: string): Drug | undefined {
  if (!byName) {
    byName = new Map();
    for (const d of allDrugs()) for (const n of [d.id, d.name, ...(d.aliases ?? [])]) byName.set(n.toLowerCase(), d);
  }
  return byName.get(name.toLowerCase()) ?? byName.get(name.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, ""));
}

// ------------------------------------------------------------------ patient status

/** Cockcroft-Gault creatinine clearance with the calculator's weight rule (height given). */
export function crclOf(p: RxPatient): number {
  return Number(
    getCalculator("cockcroft_gault").compute({ sex: p.sex, ageYears: p.age, weightKg: p.weightKg, heightCm: p.heightCm, creatinineMgDl: p.labs.creatinine }).value,
  );
}

export function childPughOf(p: RxPatient): { points: number; cls: "A" | "B" | "C" } | null {
  if (!p.liver?.cirrhosis) return null;
  const points = Number(
    getCalculator("child_pugh").compute({
      bilirubinMgDl: p.labs.total_bilirubin,
      albuminGDl: p.labs.albumin,
      inr: p.labs.inr,
      ascites: p.liver.ascites,
      encephalopathy: p.liver.encephalopathy,
    }).value,
  );
  return { points, cls: points >= 10 ? "C" : points >= 7 ? "B" : "A" };
}

/**
 * Allergy labels as clinicians write them ("sulfonamide antibiotics", "cephalosporins") mapped to
 * the drug table's allergy families; unknown labels pass through for checkAllergy's own aliases.
 */
const ALLERGY_LABELS: Record<string, string> = {
  "sulfonamide antibiotics": "sulfonamide",
  "sulfa drugs": "sulfonamide",
  sulfa: "sulfonamide",
  cephalosporins: "cephalosporin",
  penicillins: "penicillin",
  nsaids: "nsaid",
  "iodinated contrast": "iodinated contrast",
};

export function allergyFamilies(p: RxPatient): string[] {
  return p.allergies.map((a) => ALLERGY_LABELS[a.substance.toLowerCase()] ?? a.substance);
}

export const PREGNANCY_RANK: Record<string, number> = { A: 0, B: 1, C: 2, D: 3, X: 4 };

// ------------------------------------------------------------------ the prescribing screen

export interface ScreenIssue {
  code:
    | "interaction_contraindicated"
    | "interaction_major"
    | "allergy"
    | "allergy_cross_reactivity"
    | "pregnancy_contraindicated"
    | "pregnancy_risk"
    | "renal_avoid"
    | "hepatic_avoid"
    | "therapeutic_duplication";
  detail: string;
  /** Blocking issues make the drug unsafe to start; the rest are cautions. */
  blocking: boolean;
  with?: string;
}

export interface ScreenResult {
  drug: Drug;
  issues: ScreenIssue[];
  cautions: string[];
  safe: boolean;
}

export function activeMeds(s: Pick<RxState, "medications">): MedicationEntry[] {
  return s.medications.filter((m) => m.status === "active");
}

/**
 * Whether a drug may be started for this patient. Blocking: a contraindicated or major interaction
 * with an active medication; a recorded allergy to the drug, its class or a cross-reacting class;
 * pregnancy category X, or D (a safer option is expected); a renal rule that says avoid at the
 * patient's clearance; a hepatic rule that says avoid at the patient's Child-Pugh class; a second
 * drug of a category the patient already takes. Cautions: moderate interactions, renal or hepatic
 * dose changes, category C in pregnancy.
 */
export function screenDrug(state: Pick<RxState, "patient" | "medications">, drugId: string): ScreenResult {
  const drug = getDrug(drugId);
  const p = state.patient;
  const issues: ScreenIssue[] = [];
  const cautions: string[] = [];
  const meds = activeMeds(state).filter((m) => m.drugId !== drug.id);
  for (const m of meds) {
    const r = checkInteraction(drug.id, m.drugId);
    if (!r) continue;
    if (r.severity === "contraindicated" || r.severity === "major")
      issues.push({ code: r.severity === "major" ? "interaction_major" : "interaction_contraindicated", detail: `${r.severity} interaction with ${m.name} [${m.drugId}]: ${r.effect}`, blocking: true, with: m.drugId });
    else cautions.push(`${r.severity} interaction with ${m.name} [${m.drugId}]`);
  }
  for (const f of checkAllergy(drug.id, allergyFamilies(p))) {
    issues.push({ code: f.level === "cross_reactive" ? "allergy_cross_reactivity" : "allergy", detail: f.detail, blocking: true });
  }
  if (p.pregnancy) {
    const c = drug.pregnancy.category;
    if (c === "X") issues.push({ code: "pregnancy_contraindicated", detail: `pregnancy category X: ${drug.pregnancy.note}`, blocking: true });
    else if (c === "D") issues.push({ code: "pregnancy_risk", detail: `pregnancy category D (evidence of fetal risk): ${drug.pregnancy.note}`, blocking: true });
    else if (c === "C" || c === "N") cautions.push(`pregnancy category ${c}`);
  }
  const crcl = crclOf(p);
  const renal = renalAdjustment(drug.id, crcl);
  if (renal?.avoid) issues.push({ code: "renal_avoid", detail: `CrCl ${fmt(crcl, 1)} mL/min is below ${renal.crclBelow}: ${renal.adjustment}`, blocking: true });
  else if (renal) cautions.push(`renal adjustment at CrCl ${fmt(crcl, 1)} mL/min: ${renal.adjustment}`);
  const cp = childPughOf(p);
  if (cp && cp.cls !== "A") {
    const h = hepaticAdjustment(drug.id, cp.cls);
    if (h.avoid) issues.push({ code: "hepatic_avoid", detail: `Child-Pugh ${cp.cls}: ${h.advice}`, blocking: true });
    else cautions.push(`Child-Pugh ${cp.cls}: ${h.advice}`);
  }
  const cat = categoryOf(drug);
  const dup = cat && meds.find((m) => cat.test(getDrug(m.drugId)));
  if (dup) issues.push({ code: "therapeutic_duplication", detail: `already takes ${dup.name} [${dup.drugId}] (${cat.label})`, blocking: true, with: dup.drugId });
  return { drug, issues, cautions, safe: issues.length === 0 };
}

// ------------------------------------------------------------------ interaction burden

export function interactionsOf(ids: readonly string[]): InteractionResult[] {
  const uniq = [...new Set(ids)];
  const out: InteractionResult[] = [];
  for (let i = 0; i < uniq.length; i++)
    for (let j = i + 1; j < uniq.length; j++) {
      const r = checkInteraction(uniq[i]!, uniq[j]!);
      if (r) out.push(r);
    }
  return out.sort((p, q) => SEVERITY_RANK[q.severity] - SEVERITY_RANK[p.severity] || p.a.localeCompare(q.a) || p.b.localeCompare(q.b));
}

// ------------------------------------------------------------------ therapeutic drug monitoring

/**
 * Drugs whose steady-state level scales roughly in proportion to the daily dose, so a single
 * level supports a proportional dose change (not phenytoin, valproate or voriconazole, whose
 * kinetics are saturable). The value picks the monitoring entry the level belongs to.
 */
export const LINEAR_TDM: Record<string, RegExp> = {
  vancomycin: /trough/i,
  digoxin: /digoxin level/i,
  lithium: /lithium level/i,
  tacrolimus: /trough/i,
  cyclosporine: /trough/i,
  theophylline: /level/i,
  phenobarbital: /level/i,
  nortriptyline: /level/i,
  carbamazepine: /level/i,
  clozapine: /trough|level/i,
};

export function levelTarget(drugId: string): Monitoring | undefined {
  const re = LINEAR_TDM[drugId];
  if (!re) return undefined;
  return getDrug(drugId).monitoring.find((m) => m.range && re.test(m.parameter));
}

// ------------------------------------------------------------------ opioids

/** Drug table id -> MedCalc MME calculator drug name (oral/SL/transdermal regimens). */
export const MME_NAMES: Record<string, string> = {
  morphine: "Morphine",
  oxycodone: "OxyCODONE",
  hydromorphone: "HYDROmorphone",
  hydrocodone: "HYDROcodone",
  methadone: "Methadone",
  tramadol: "TraMADol",
  codeine: "Codeine",
  fentanyl: "FentANYL patch",
  tapentadol: "Tapentadol",
  oxymorphone: "OxyMORphone",
};
