/**
 * Prescribing safety for the clinical_diagnosis domain: the checks a hospital order-entry system
 * runs when a drug is ordered (allergy and cross-reactivity, interactions with what the patient
 * already takes, the condition's drugs to avoid and contraindications that apply to this patient,
 * pregnancy category, renal dosing), and the choice of a safe first-line drug. One function serves
 * the prescribing tool (which records the violations), the task generator (which names the
 * expected drug) and the expert (which applies it to the facts it gathered), so they cannot drift.
 */
import type { Condition } from "../../src/clinical/conditions/index.js";
import { checkAllergy, checkInteraction, findDrug, renalAdjustment, type Drug } from "../../src/clinical/drugs/index.js";
import { getCalculator } from "../../src/clinical/calculators/index.js";

export interface PatientFacts {
  age: number;
  sex: "female" | "male";
  weightKg: number;
  heightCm: number;
  pregnant: boolean;
  /** Allergy substances as charted ("penicillin", "sulfonamide antibiotics"). */
  allergies: string[];
  /** Catalogue ids of the drugs the patient already takes (home and this encounter). */
  currentDrugIds: string[];
  pmh: string[];
  creatinineMgDl?: number;
  potassium?: number;
  hemoglobin?: number;
  bilirubin?: number;
  sbp?: number;
  hr?: number;
}

export interface SafetyIssue {
  code: string;
  severity: "critical" | "major" | "minor";
  detail: string;
}

/** Allergy labels the drug table does not know by name, mapped to its allergy families. */
const ALLERGY_LABELS: Record<string, string> = {
  "sulfonamide antibiotics": "sulfonamide",
  cephalosporins: "cephalosporin",
  nsaids: "nsaid",
  codeine: "opioid",
  morphine: "opioid",
  vancomycin: "glycopeptide",
};

/** Labels for `checkAllergy`: the drug name when the table knows it, otherwise its family. */
export function allergyLabels(allergies: readonly string[]): string[] {
  return allergies.filter((a) => !/contrast|latex/i.test(a)).map((a) => (findDrug(a) ? a : ALLERGY_LABELS[a.toLowerCase()] ?? a));
}

/** Cockcroft-Gault creatinine clearance (mL/min), through the shared calculator. */
export function creatinineClearance(f: Pick<PatientFacts, "age" | "sex" | "weightKg" | "heightCm" | "creatinineMgDl">): number | undefined {
  if (f.creatinineMgDl === undefined || f.age < 18) return undefined;
  const r = getCalculator("cockcroft_gault").compute({ sex: f.sex, ageYears: f.age, weightKg: f.weightKg, heightCm: f.heightCm, creatinineMgDl: f.creatinineMgDl });
  return typeof r.value === "number" ? r.value : Number.parseFloat(String(r.value));
}

/**
 * Whether a profile contraindication applies to this patient. Profiles state conditional
 * contraindications ("apixaban: active bleeding or pregnancy"); only reasons the chart can
 * confirm count, so an unverifiable reason never blocks first-line treatment.
 */
export function contraindicationApplies(reason: string, f: PatientFacts, condition: Condition): boolean {
  const r = reason.toLowerCase();
  const names = [condition.name, ...condition.synonyms].join(" ").toLowerCase();
  const pmh = f.pmh.join(" ").toLowerCase();
  const crcl = creatinineClearance(f);
  if (/pregnan/.test(r) && f.pregnant) return true;
  if (/renal|kidney|crcl|creatinine clearance|gfr|dialysis/.test(r) && crcl !== undefined && crcl < 30) return true;
  if (/bleed|hemorrhag|haemorrhag/.test(r) && (/bleed|hemorrhag|haemorrhag/.test(names) || (f.hemoglobin !== undefined && f.hemoglobin < 8))) return true;
  if (/hypotension|shock/.test(r) && f.sbp !== undefined && f.sbp < 90) return true;
  if (/bradycardia|heart block|av block/.test(r) && ((f.hr !== undefined && f.hr < 50) || /heart block/.test(names))) return true;
  if (/asthma|bronchospasm/.test(r) && (/asthma|bronchospasm/.test(names) || /asthma/.test(pmh))) return true;
  if (/heart failure|ejection fraction/.test(r) && (/heart failure/.test(names) || /heart failure/.test(pmh))) return true;
  if (/hyperkal|potassium/.test(r) && f.potassium !== undefined && f.potassium > 5.5) return true;
  if (/cirrho|liver|hepatic/.test(r) && (/cirrho|hepat|liver/.test(names) || /cirrho/.test(pmh) || (f.bilirubin !== undefined && f.bilirubin > 3))) return true;
  return false;
}

/** Every safety problem with giving `drug` to this patient for `condition` (empty when safe). */
export function prescriptionIssues(drug: Drug, f: PatientFacts, condition: Condition | undefined): SafetyIssue[] {
  const out: SafetyIssue[] = [];
  for (const a of checkAllergy(drug.id, allergyLabels(f.allergies))) {
    out.push(
      a.level === "cross_reactive"
        ? { code: "allergy_cross_reactivity", severity: "major", detail: `${drug.name} with charted allergy "${a.allergy}": ${a.detail}` }
        : { code: "allergy_prescription", severity: "critical", detail: `${drug.name} with charted allergy "${a.allergy}": ${a.detail}` },
    );
  }
  for (const other of new Set(f.currentDrugIds)) {
    if (other === drug.id) {
      out.push({ code: "duplicate_therapy", severity: "minor", detail: `${drug.name} is already on the medication list.` });
      continue;
    }
    const it = checkInteraction(drug.id, other);
    if (!it) continue;
    if (it.severity === "contraindicated") out.push({ code: "contraindicated_interaction", severity: "critical", detail: `${drug.name} + ${other}: ${it.effect} ${it.management}` });
    else if (it.severity === "major") out.push({ code: "major_interaction", severity: "major", detail: `${drug.name} + ${other}: ${it.effect} ${it.management}` });
  }
  if (condition) {
    if (condition.management.avoid.some((a) => findDrug(a)?.id === drug.id))
      out.push({ code: "avoid_for_condition", severity: "major", detail: `${drug.name} is to be avoided in ${condition.name}.` });
    for (const ci of condition.contraindications) {
      if (findDrug(ci.drug)?.id !== drug.id) continue;
      if (contraindicationApplies(ci.reason, f, condition))
        out.push({ code: "contraindicated_for_patient", severity: "major", detail: `${drug.name} in ${condition.name}: contraindicated (${ci.reason}).` });
    }
  }
  if (f.pregnant && drug.pregnancy.category === "X")
    out.push({ code: "pregnancy_category_x", severity: "critical", detail: `${drug.name} is pregnancy category X: ${drug.pregnancy.note}` });
  else if (f.pregnant && drug.pregnancy.category === "D")
    out.push({ code: "pregnancy_category_d", severity: "major", detail: `${drug.name} is pregnancy category D: ${drug.pregnancy.note}` });
  const crcl = creatinineClearance(f);
  if (crcl !== undefined) {
    const rule = renalAdjustment(drug.id, crcl);
    if (rule?.avoid) out.push({ code: "renal_contraindication", severity: "major", detail: `${drug.name} at CrCl ${Math.round(crcl)} mL/min: ${rule.adjustment}` });
  }
  return out;
}

/** Blocking issues: what a careful prescriber would not override for a first-line choice. */
export function isBlocking(i: SafetyIssue): boolean {
  // A duplicate is only a minor alert, but ordering a drug the patient already takes treats nothing new.
  return i.severity === "critical" || i.severity === "major" || i.code === "duplicate_therapy";
}

/**
 * The first drug of the condition's first-line list that the formulary holds and that is safe for
 * this patient, with the reasons the earlier ones were passed over.
 */
export function chooseFirstLine(condition: Condition, f: PatientFacts): { drug?: Drug; passedOver: { drug: string; reason: string }[] } {
  const passedOver: { drug: string; reason: string }[] = [];
  for (const name of condition.management.firstLine) {
    const d = findDrug(name);
    if (!d) {
      passedOver.push({ drug: name, reason: "not in the formulary" });
      continue;
    }
    const blocking = prescriptionIssues(d, f, condition).filter(isBlocking);
    if (blocking.length === 0) return { drug: d, passedOver };
    passedOver.push({ drug: d.id, reason: blocking.map((b) => b.code).join(", ") });
  }
  return { passedOver };
}

/** The formulary's standard adult order sentence. */
export function standardOrder(d: Drug): { dose: string; route: string; frequency: string } {
  return { dose: `${d.adultDose.amount} ${d.adultDose.unit}`, route: d.adultDose.route, frequency: d.adultDose.frequency };
}
