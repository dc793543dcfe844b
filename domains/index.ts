/**
 * Registers every built-in domain. Only entry points (the CLI, notebooks, user scripts) import
 * this module; library code reaches domains by name through the registry.
 */
import { registerDomain } from "../src/env/index.js";
import { news2Triage } from "./news2_triage/index.js";
import { crossDomain } from "./cross_domain/index.js";
import { triageEmergency } from "./triage_emergency/index.js";
import { psychiatry } from "./psychiatry/index.js";
import { obstetrics } from "./obstetrics/index.js";
import { drugInteraction } from "./drug_interaction/index.js";
import { ehrManagement } from "./ehr_management/index.js";
import { medicalQa } from "./medical_qa/index.js";
import { radiologyReport } from "./radiology_report/index.js";
import { visualDiagnosis } from "./visual_diagnosis/index.js";
import { clinicalDiagnosis } from "./clinical_diagnosis/index.js";

export const BUILTIN_DOMAINS = [
  news2Triage,
  clinicalDiagnosis,
  drugInteraction,
  ehrManagement,
  medicalQa,
  triageEmergency,
  psychiatry,
  obstetrics,
  radiologyReport,
  visualDiagnosis,
  crossDomain,
] as const;
for (const d of BUILTIN_DOMAINS) registerDomain(d);

export { news2Triage, clinicalDiagnosis, drugInteraction, ehrManagement, medicalQa, triageEmergency, psychiatry, obstetrics, radiologyReport, visualDiagnosis, crossDomain };
