/**
 * Psychiatric decisions as functions of a case: which instrument grades each disorder's severity,
 * where the patient should go, and whether a drug is safe for this patient. Ground truth, the
 * write tools' safety checks and the scripted expert all use these.
 */
import type { Condition } from "../../src/clinical/conditions/index.js";
import { checkInteraction, findDrug, type Drug } from "../../src/clinical/drugs/index.js";
import type { PsychCategory, PsychDisposition, PsychPatient } from "./data-model.js";
import { CIWA_BANDS, COWS_BANDS, cssrsRisk, GAD7_BANDS, MMSE_BANDS, PHQ9_BANDS, scoreBvc, scoreCiwa, scoreCows, scoreGad7, scoreMmse, scorePhq9, scoreYbocs, YBOCS_BANDS, hasCapacity, type Band, type SuicideRisk } from "./instruments.js";

export interface SeverityInstrument {
  tool: string;
  name: string;
  bands: Band[];
  /** Noun used with the band ("moderate depression"). */
  noun: string;
}

/** The validated severity measure for each category that has one. */
export const SEVERITY_INSTRUMENTS: Partial<Record<PsychCategory, SeverityInstrument>> = {
  depression: { tool: "administer_phq9", name: "PHQ-9", bands: PHQ9_BANDS, noun: "depression" },
  gad: { tool: "administer_gad7", name: "GAD-7", bands: GAD7_BANDS, noun: "anxiety" },
  dementia: { tool: "administer_mmse", name: "MMSE", bands: MMSE_BANDS, noun: "cognitive impairment" },
  alcohol_withdrawal: { tool: "administer_ciwa_ar", name: "CIWA-Ar", bands: CIWA_BANDS, noun: "alcohol withdrawal" },
  opioid_withdrawal: { tool: "administer_cows", name: "COWS", bands: COWS_BANDS, noun: "opioid withdrawal" },
  ocd: { tool: "administer_ybocs", name: "Y-BOCS", bands: YBOCS_BANDS, noun: "obsessive-compulsive symptoms" },
};

/** The case's severity on its category's instrument, or undefined when the category has none or it cannot be administered. */
export function severityOf(p: PsychPatient): { instrument: SeverityInstrument; total: number; band: string } | undefined {
  const instrument = SEVERITY_INSTRUMENTS[p.category];
  if (!instrument) return undefined;
  const i = p.instruments;
  const r =
    p.category === "depression"
      ? i.phq9 && scorePhq9(i.phq9)
      : p.category === "gad"
        ? i.gad7 && scoreGad7(i.gad7)
        : p.category === "dementia"
          ? i.mmse && scoreMmse(i.mmse)
          : p.category === "alcohol_withdrawal"
            ? scoreCiwa(i.ciwa)
            : p.category === "opioid_withdrawal"
              ? scoreCows(i.cows)
              : i.ybocs && scoreYbocs(i.ybocs);
  return r ? { instrument, total: r.total, band: r.band } : undefined;
}

const MEDICAL_DISPOSITIONS = new Set(["icu", "ward", "telemetry", "step_down", "observation", "or", "cath_lab"]);

export interface DispositionFacts {
  risk: SuicideRisk;
  violence: number;
  capacity: boolean;
  accepts: boolean;
}

export function dispositionFacts(p: PsychPatient): DispositionFacts {
  return { risk: cssrsRisk(p.instruments.cssrs), violence: scoreBvc(p.instruments.bvc).score, capacity: hasCapacity(p.instruments.capacity), accepts: p.acceptsAdmission };
}

/**
 * Medical instability first (the profile's own destination), then supervised withdrawal; then
 * psychiatric admission for high suicide risk, high violence risk (Brøset >= 3) or a disorder that
 * needs inpatient care (acute psychosis, mania, catatonia) - involuntary when the patient declines
 * or lacks capacity to decide; otherwise outpatient care, with a safety plan for moderate risk.
 */
export function dispositionFor(c: Condition, f: DispositionFacts): PsychDisposition {
  if (MEDICAL_DISPOSITIONS.has(c.disposition)) return "medical_admission";
  if (c.disposition === "detox_unit") return "detoxification_unit";
  if (f.risk === "high" || f.violence >= 3 || c.disposition === "psychiatric_unit") {
    return f.accepts && f.capacity ? "voluntary_psychiatric_admission" : "involuntary_psychiatric_admission";
  }
  return f.risk === "moderate" ? "outpatient_with_safety_plan" : "routine_outpatient_follow_up";
}

/** Bazett QTc from the ECG, and whether it is prolonged (> 470 ms in women, > 450 ms in men). */
export function qtcOf(p: PsychPatient): { qtc: number; prolonged: boolean } {
  const qtc = Math.round(p.ecg.qtMs / Math.sqrt(60 / p.ecg.heartRate));
  return { qtc, prolonged: qtc > (p.sex === "female" ? 470 : 450) };
}

export interface MedicationProblem {
  code: string;
  severity: "critical" | "major" | "minor";
  detail: string;
}

/** Patient facts a prescriber checks, as the expert also learns them from the tools. */
export interface PrescribingFacts {
  currentMeds: readonly string[];
  pregnant: boolean;
  qtcProlonged: boolean;
  avoid: readonly string[];
}

export function prescribingFacts(p: PsychPatient, c: Condition): PrescribingFacts {
  return { currentMeds: p.currentMeds, pregnant: !!p.pregnancy, qtcProlonged: qtcOf(p).prolonged, avoid: c.management.avoid };
}

/** Why a drug would be unsafe for this patient (empty when it is safe). */
export function medicationProblems(drug: Drug, f: PrescribingFacts): MedicationProblem[] {
  const out: MedicationProblem[] = [];
  for (const m of f.currentMeds) {
    if (m === drug.id) continue;
    const it = checkInteraction(m, drug.id);
    if (!it) continue;
    if (it.severity === "contraindicated") {
      const sero = drug.serotonergic && !!findDrug(m)?.serotonergic;
      out.push({ code: sero ? "serotonergic_combination" : "contraindicated_combination", severity: "critical", detail: `${drug.name} with ${m}: ${it.effect}` });
    } else if (it.severity === "major") out.push({ code: "major_interaction", severity: "major", detail: `${drug.name} with ${m}: ${it.effect}` });
  }
  if (f.pregnant && (drug.pregnancy.category === "D" || drug.pregnancy.category === "X")) {
    out.push({ code: "teratogenic_drug_in_pregnancy", severity: drug.pregnancy.category === "X" ? "critical" : "major", detail: `${drug.name} (category ${drug.pregnancy.category}) in pregnancy: ${drug.pregnancy.note}` });
  }
  if (f.qtcProlonged && drug.qtProlonging) out.push({ code: "qt_prolongation_risk", severity: "major", detail: `${drug.name} prolongs QT and the QTc is already prolonged` });
  if (f.avoid.some((a) => findDrug(a)?.id === drug.id)) out.push({ code: "avoid_for_condition", severity: "major", detail: `${drug.name} is to be avoided in this disorder` });
  return out;
}

/** First-line drugs of a condition that are on the formulary, in guideline order, de-duplicated. */
export function formularyFirstLine(c: Condition): Drug[] {
  const seen = new Set<string>();
  const out: Drug[] = [];
  for (const n of c.management.firstLine) {
    const d = findDrug(n);
    if (d && !seen.has(d.id)) {
      seen.add(d.id);
      out.push(d);
    }
  }
  return out;
}

export function safeFirstLine(c: Condition, f: PrescribingFacts): Drug[] {
  return formularyFirstLine(c).filter((d) => medicationProblems(d, f).length === 0);
}
