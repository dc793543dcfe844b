/**
 * Every multiple-choice set by one name, for code that iterates over benchmarks
 * (`for (const name of MCQA_SETS) await loadMcqaSet(name)`).
 */
import { loadBioAsqYesNo } from "./bioasq.js";
import { loadMedMCQA, loadMedQA, loadMmluMedical, loadMmluProHealth, MMLU_MEDICAL_SUBJECTS, type McqaItem, type MmluMedicalSubject } from "./mcqa.js";
import { loadPubMedQA } from "./pubmedqa.js";

export const MCQA_SETS = [
  "medqa",
  "medmcqa",
  ...MMLU_MEDICAL_SUBJECTS.map((s) => `mmlu_${s}` as const),
  "pubmedqa",
  "bioasq_yesno",
  "mmlu_pro_health",
] as const;
export type McqaSetName = (typeof MCQA_SETS)[number];

export async function loadMcqaSet(name: McqaSetName): Promise<McqaItem[]> {
  if (name === "medqa") return loadMedQA();
  if (name === "medmcqa") return loadMedMCQA();
  if (name === "pubmedqa") return loadPubMedQA({ split: "test" });
  if (name === "bioasq_yesno") return loadBioAsqYesNo();
  if (name === "mmlu_pro_health") return loadMmluProHealth();
  if (name.startsWith("mmlu_")) {
    const subject = name.slice("mmlu_".length);
    if ((MMLU_MEDICAL_SUBJECTS as readonly string[]).includes(subject)) return loadMmluMedical({ subjects: subject as MmluMedicalSubject });
  }
  throw new Error(`Unknown MCQA set "${name}"; choose from ${MCQA_SETS.join(", ")}`);
}
