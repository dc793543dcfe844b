import type { Tool } from "../../../src/env/index.js";
import { calculatorTool, thinkTool } from "../../../src/tools/index.js";
import type { ClinicState } from "../data-model.js";
import {
  getAllergyList,
  getClinicalNotes,
  getImmunizationHistory,
  getMedications,
  getPatientHistory,
  getPatientInfo,
  getVitalSigns,
  getVitalSignsTrend,
  performPhysicalExam,
} from "./chart.js";
import { checkDrugAllergy, checkDrugInteraction, getDrugDosing, prescribeMedication } from "./medications.js";
import { getEcg, getImagingResults, getLabResults, orderImaging, orderLabTest } from "./orders.js";
import {
  addClinicalNote,
  getDifferentialDiagnosis,
  recordDiagnosis,
  searchClinicalGuidelines,
  searchMedicalLiterature,
  submitAnswer,
  transferToSpecialist,
} from "./workflow.js";

/**
 * The MedCalc-Bench calculators a diagnostician uses at the bedside: pneumonia severity, VTE and
 * ACS risk, AF stroke/bleeding risk, liver disease, GI bleeding, critical illness, electrolytes,
 * renal function, body size, QTc and GCS.
 */
export const CALCULATOR_SLUGS = [
  "curb65",
  "psi_port",
  "wells_pe",
  "perc_rule",
  "wells_dvt",
  "cha2ds2_vasc",
  "has_bled",
  "heart_score",
  "meld_na",
  "child_pugh",
  "fib4",
  "glasgow_blatchford",
  "apache_ii",
  "sirs",
  "anion_gap",
  "serum_osmolality",
  "sodium_correction_hyperglycemia",
  "calcium_correction",
  "ckd_epi_2021",
  "cockcroft_gault",
  "bmi",
  "mean_arterial_pressure",
  "qtc_bazett",
  "gcs",
  "centor_mcisaac",
] as const;
export type CalculatorSlug = (typeof CALCULATOR_SLUGS)[number];

export const CLINICAL_DIAGNOSIS_TOOLS: readonly Tool<ClinicState>[] = [
  getPatientInfo,
  getPatientHistory,
  getVitalSigns,
  getVitalSignsTrend,
  performPhysicalExam,
  getAllergyList,
  getMedications,
  getImmunizationHistory,
  getClinicalNotes,
  getLabResults,
  orderLabTest,
  orderImaging,
  getImagingResults,
  getEcg,
  prescribeMedication,
  checkDrugInteraction,
  checkDrugAllergy,
  getDrugDosing,
  getDifferentialDiagnosis,
  searchClinicalGuidelines,
  searchMedicalLiterature,
  addClinicalNote,
  recordDiagnosis,
  transferToSpecialist,
  ...CALCULATOR_SLUGS.map((s) => calculatorTool<ClinicState>(s)),
  thinkTool<ClinicState>(),
  submitAnswer,
] as Tool<ClinicState>[];
