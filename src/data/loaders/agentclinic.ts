/**
 * AgentClinic OSCE cases (MedQA-derived, 107). The upstream JSON is hand-written per case, so
 * section names under the physical exam and test results vary freely; those stay as nested
 * Finding trees, while the fields every case has are lifted into typed properties.
 */
import { DataFormatError } from "../errors.js";
import { readJsonLines } from "../read.js";
import { resolveDataFile } from "../resolve.js";

/** A finding: text, a list, a flag, or named sub-findings (e.g. Vital_Signs -> Heart_Rate). */
export type Finding = string | number | boolean | null | Finding[] | { [name: string]: Finding };
export type FindingTree = { [name: string]: Finding };

export interface OscePatientActor {
  demographics: string;
  history: string;
  primarySymptom: string;
  secondarySymptoms: string[];
  /** Mostly text; a few cases give a list or named sub-sections. */
  pastMedicalHistory: Finding;
  socialHistory: Finding;
  reviewOfSystems: Finding;
  /** Any other fields the case gives the patient (Current_Medications, Drug_History, ...). */
  other: FindingTree;
}

export interface OsceCase {
  /** `agentclinic-medqa-<line index>`. */
  id: string;
  objective: string;
  patient: OscePatientActor;
  physicalExam: FindingTree;
  testResults: FindingTree;
  correctDiagnosis: string;
  /** The case exactly as in the file (OSCE_Examination object). */
  raw: FindingTree;
}

const ACTOR_KEYS = new Set(["Demographics", "History", "Symptoms", "Past_Medical_History", "Social_History", "Review_of_Systems"]);

function asTree(v: unknown): FindingTree {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as FindingTree) : {};
}

function requireString(v: unknown, what: string, file: string, line: number): string {
  if (typeof v !== "string") throw new DataFormatError(file, `line ${line}: ${what} is not a string`);
  return v;
}

export async function loadAgentClinicCases(): Promise<OsceCase[]> {
  const path = await resolveDataFile("agentclinic-medqa", "cases/agentclinic_medqa.jsonl");
  const rows = await readJsonLines<{ OSCE_Examination?: FindingTree }>(path);
  return rows.map((row, i) => {
    const line = i + 1;
    const osce = row.OSCE_Examination;
    if (!osce || typeof osce !== "object") throw new DataFormatError(path, `line ${line}: no OSCE_Examination object`);
    const actor = asTree(osce.Patient_Actor);
    const symptoms = asTree(actor.Symptoms);
    const secondary = symptoms.Secondary_Symptoms;
    const other: FindingTree = {};
    for (const [k, v] of Object.entries(actor)) if (!ACTOR_KEYS.has(k)) other[k] = v;
    return {
      id: `agentclinic-medqa-${i}`,
      objective: requireString(osce.Objective_for_Doctor, "Objective_for_Doctor", path, line),
      patient: {
        demographics: requireString(actor.Demographics, "Patient_Actor.Demographics", path, line),
        history: requireString(actor.History, "Patient_Actor.History", path, line),
        primarySymptom: requireString(symptoms.Primary_Symptom, "Symptoms.Primary_Symptom", path, line),
        secondarySymptoms: Array.isArray(secondary) ? secondary.map(String) : typeof secondary === "string" ? [secondary] : [],
        pastMedicalHistory: actor.Past_Medical_History ?? null,
        socialHistory: actor.Social_History ?? null,
        reviewOfSystems: actor.Review_of_Systems ?? null,
        other,
      },
      physicalExam: asTree(osce.Physical_Examination_Findings),
      testResults: asTree(osce.Test_Results),
      correctDiagnosis: requireString(osce.Correct_Diagnosis, "Correct_Diagnosis", path, line),
      raw: osce,
    };
  });
}

/**
 * Flattens a finding into "Path > To > Leaf: value" lines, e.g. for a tool that reports the
 * result of one test. Underscores in section names become spaces.
 */
export function findingToText(finding: Finding, prefix = ""): string {
  const label = (k: string): string => k.replace(/_/g, " ");
  if (finding === null) return prefix ? `${prefix}: (none)` : "(none)";
  if (Array.isArray(finding)) {
    const parts = finding.map((f) => findingToText(f));
    return prefix ? `${prefix}: ${parts.join("; ")}` : parts.join("; ");
  }
  if (typeof finding === "object") {
    return Object.entries(finding)
      .map(([k, v]) => findingToText(v, prefix ? `${prefix} > ${label(k)}` : label(k)))
      .join("\n");
  }
  return prefix ? `${prefix}: ${String(finding)}` : String(finding);
}
