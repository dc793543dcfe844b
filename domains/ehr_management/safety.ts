/**
 * Medication-order safety checks for place_order (and the allergy check of check_allergies):
 * a drug that matches a recorded allergy, potassium for a hyperkalaemic patient, and a nephrotoxin
 * during moderate or severe acute kidney injury.
 */
import { checkAllergy, loadDrugs } from "../../src/clinical/drugs/index.js";
import { kdigoStage, labSeries } from "./clinical.js";
import type { EhrState } from "./data-model.js";

export interface SafetyFinding {
  code: "allergy_conflict" | "potassium_in_hyperkalemia" | "nephrotoxin_in_aki";
  severity: "critical" | "major" | "minor";
  detail: string;
}

const NSAIDS = ["ibuprofen", "ketorolac", "naproxen", "diclofenac", "celecoxib", "indomethacin", "meloxicam", "ketoprofen"];
const NEPHROTOXINS = [...NSAIDS, "gentamicin", "tobramycin", "amikacin", "iodinated contrast", "amphotericin"];

const words = (s: string) => s.toLowerCase().split(/[^a-z]+/).filter((w) => w.length >= 5);

/**
 * Allergy matching: a shared substance word (aspirin, sulfamethoxazole, penicillin...) or, when
 * both names are in the drug table, its class cross-reactivity rules. The table is optional here:
 * an unknown drug (or a table still being authored) falls back to the word match.
 */
let drugTable: boolean | undefined;

/** Whether the drug table loads; checked once, because a failing load re-parses every file on each call. */
function drugTableUsable(): boolean {
  if (drugTable === undefined) {
    try {
      loadDrugs();
      drugTable = true;
    } catch {
      drugTable = false;
    }
  }
  return drugTable;
}

function allergyMatches(order: string, substance: string): string | null {
  const o = new Set(words(order));
  const shared = words(substance).filter((w) => o.has(w) && w !== "oral" && w !== "tablet");
  if (shared.length) return `${substance} is a recorded allergy and the order contains ${shared.join(", ")}`;
  if (!drugTableUsable()) return null;
  try {
    const f = checkAllergy(order, [substance]);
    if (f.length) return f.map((x) => x.detail).join(" ");
  } catch {
    // Not in the drug table: the word match above is all we can say.
  }
  return null;
}

export function medicationSafetyFindings(state: EhrState, encounterId: string | null, item: string): SafetyFinding[] {
  const out: SafetyFinding[] = [];
  const c = state.chart;
  const lower = item.toLowerCase();
  if (c.source === "synthea") {
    for (const a of c.allergies.filter((x) => x.clinicalStatus !== "inactive")) {
      const why = allergyMatches(item, a.substance);
      if (why) out.push({ code: "allergy_conflict", severity: "critical", detail: `${why}${a.reactions.length ? ` (reaction: ${a.reactions.join(", ")})` : ""}.` });
    }
    return out;
  }
  const adm = encounterId ? c.admissions.find((x) => x.hadmId === encounterId) : c.admissions[c.admissions.length - 1];
  if (!adm) return out;
  if (/potassium/.test(lower) && !/binder|zirconium|polystyrene/.test(lower)) {
    const k = labSeries(adm, "potassium");
    const last = k[k.length - 1];
    if (last && last.valuenum! > (last.refHigh ?? 5.1)) {
      out.push({ code: "potassium_in_hyperkalemia", severity: "major", detail: `Potassium ordered while the latest potassium is ${last.valuenum} mEq/L (above ${last.refHigh ?? 5.1}) at ${last.charttime.slice(0, 16)}.` });
    }
  }
  if (NEPHROTOXINS.some((n) => lower.includes(n))) {
    const cr = labSeries(adm, "creatinine").map((l) => ({ time: l.charttime.slice(0, 16), value: l.valuenum! }));
    const stage = cr.length >= 2 ? kdigoStage(cr).stage : 0;
    if (stage >= 2) out.push({ code: "nephrotoxin_in_aki", severity: "major", detail: `${item} is nephrotoxic and this admission has KDIGO stage ${stage} acute kidney injury.` });
  }
  return out;
}
