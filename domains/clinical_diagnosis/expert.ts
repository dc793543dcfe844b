/**
 * The scripted expert for clinical_diagnosis. It knows only the patient id and what the request
 * asks for (diagnosis, treatment or disposition); every fact about the patient comes from tool
 * observations, which it parses. It reasons like the Bayesian knowledge base it queries:
 *
 * 1. chart, history, vitals, a complete examination and the admission bloods;
 * 2. get_differential_diagnosis on those findings, then the labs (and ECG) it suggests;
 * 3. re-ranks the profiles on everything gathered (knowledge.ts) and orders the imaging study most
 *    likely to show a leading candidate's findings, a second one if the leader is still uncertain;
 * 4. commits to the top diagnosis; for treatment it picks the first safe first-line drug given the
 *    allergies, home medications, pregnancy and renal function it read; for disposition the
 *    service and urgency the diagnosis calls for;
 * 5. spends any turns left on tools a clinician would use for this case (severity scores, drug
 *    checks, guidelines, notes), varying them by case so every tool of the domain is exercised;
 * 6. submits the diagnosis, always within the episode's turn limit.
 */
import type { Action, Task, ToolCall } from "../../src/env/index.js";
import type { Condition } from "../../src/clinical/conditions/index.js";
import { findDrug } from "../../src/clinical/drugs/index.js";
import { getLab, loadLabs } from "../../src/clinical/labs/index.js";
import { lastObservation, type Policy, type PolicyContext } from "../../src/policy/index.js";
import { hashString } from "../../src/util/rng.js";
import { EXAM_SYSTEMS } from "./data-model.js";
import { resolveDrugName } from "./generator.js";
import { diagnosisCandidates, leadingCandidates, rankConditions, referralService, referralUrgency, suggestStudies, type Evidence, type RankedCondition, type Study, type StudyKey } from "./knowledge.js";
import { chooseFirstLine, creatinineClearance, type PatientFacts } from "./pharmacy.js";
import type { Variant } from "./tasks.js";

interface Gathered {
  age?: number;
  sex?: "female" | "male";
  pregnant: boolean;
  cc?: string;
  weightKg?: number;
  heightCm?: number;
  allergies: string[];
  symptoms: string[];
  pmh: string[];
  meds: string[];
  social: string[];
  family: string[];
  vitals: Partial<Record<"hr" | "sbp" | "dbp" | "rr" | "tempC" | "spo2", number>>;
  exam: string[];
  gcs?: { total: number; eye: string; verbal: string; motor: string };
  labs: Record<string, number>;
  studies: Study[];
  ecg?: { rate: number; qtMs: number; rhythm: string; findings: string[] };
  suggestedLabs: string[];
  ecgRecommended: boolean;
}

// ------------------------------------------------------------------ parsers

let labNames: { name: string; key: string }[] | undefined;

function labNameIndex(): { name: string; key: string }[] {
  labNames ??= loadLabs()
    .map((l) => ({ name: l.name, key: l.key }))
    .sort((a, b) => b.name.length - a.name.length);
  return labNames;
}

/** "- Lipase 950 U/L (H; ref 13-60)" -> lipase = 950; qualitative Positive/Negative -> 1/0. */
export function parseLabLines(obs: string, into: Record<string, number>): void {
  for (const raw of obs.split("\n")) {
    if (!raw.startsWith("- ")) continue;
    const line = raw.slice(2);
    const hit = labNameIndex().find((l) => line.startsWith(`${l.name} `));
    if (!hit) continue;
    const rest = line.slice(hit.name.length + 1);
    if (rest.startsWith("Positive")) into[hit.key] = 1;
    else if (rest.startsWith("Negative")) into[hit.key] = 0;
    else {
      const m = /^(-?\d+(?:\.\d+)?)/.exec(rest);
      if (m) into[hit.key] = Number(m[1]);
    }
  }
}

function parseInfo(obs: string, k: Gathered): void {
  const age = /\| (\d+)-(year|month|week)-old (female|male) \|/.exec(obs);
  if (age) {
    const n = Number(age[1]);
    k.age = age[2] === "year" ? n : age[2] === "month" ? n / 12 : n / 52;
    k.sex = age[3] as "female" | "male";
  }
  k.cc = /Chief complaint: (.+)/.exec(obs)?.[1]?.trim();
  const wh = /Weight ([\d.]+) kg, height (\d+) cm/.exec(obs);
  if (wh) {
    k.weightKg = Number(wh[1]);
    k.heightCm = Number(wh[2]);
  }
  k.pregnant = /Pregnancy: \d+ weeks gestation/.test(obs);
  const al = /Allergies: (.+)/.exec(obs)?.[1] ?? "";
  k.allergies = /no known drug allergies/.test(al) ? [] : al.split("; ").map((a) => a.replace(/\s*\(.*\)\s*$/, "").trim()).filter(Boolean);
}

const PLACEHOLDERS = new Set(["none reported", "no significant past medical history", "no regular medications", "nothing of note", "non-contributory"]);

function parseHistory(obs: string, k: Gathered): void {
  let section: "symptoms" | "pmh" | "meds" | "social" | "family" | undefined;
  for (const line of obs.split("\n")) {
    if (line.startsWith("History of presenting illness")) section = "symptoms";
    else if (line === "Past medical history:") section = "pmh";
    else if (line === "Medications at home:") section = "meds";
    else if (line === "Social history:") section = "social";
    else if (line === "Family history:") section = "family";
    else if (line.startsWith("- ") && section) {
      const item = line.slice(2).trim();
      if (PLACEHOLDERS.has(item)) continue;
      if (section === "meds") k.meds.push(item.split(" — ")[0]!.trim());
      else k[section].push(item);
    }
  }
}

function parseVitals(obs: string, k: Gathered): void {
  const num = (re: RegExp) => {
    const m = re.exec(obs);
    return m ? Number(m[1]) : undefined;
  };
  const bp = /BP (\d+)\/(\d+)/.exec(obs);
  k.vitals = { hr: num(/HR (\d+)/), sbp: bp ? Number(bp[1]) : undefined, dbp: bp ? Number(bp[2]) : undefined, rr: num(/RR (\d+)/), tempC: num(/Temp ([\d.]+)/), spo2: num(/SpO2 (\d+)/) };
}

function parseExam(obs: string, k: Gathered): void {
  for (const line of obs.split("\n")) if (line.startsWith("  • ")) k.exam.push(line.slice(4).trim());
  const g = /GCS (\d+) \(eyes: ([^;]+); verbal: ([^;]+); motor: ([^)]+)\)/.exec(obs);
  if (g) k.gcs = { total: Number(g[1]), eye: g[2]!.trim(), verbal: g[3]!.trim(), motor: g[4]!.trim() };
}

function parseDifferential(obs: string, k: Gathered): void {
  const labs = /Suggested labs: (.+)/.exec(obs)?.[1] ?? "";
  k.suggestedLabs = /^none/.test(labs) ? [] : labs.split(", ").map((s) => s.trim()).filter(Boolean);
  k.ecgRecommended = /ECG: recommended/.test(obs);
}

function parseEcg(obs: string, k: Gathered): void {
  const rate = /rate (\d+) \/min/.exec(obs);
  const qt = /QT (\d+) ms/.exec(obs);
  const rhythm = /^12-lead ECG [^:]+: ([^,]+),/m.exec(obs)?.[1] ?? "";
  const findings = obs
    .split("\n")
    .filter((l) => l.startsWith("- ") && !/no acute ST-segment or T-wave changes/.test(l))
    .map((l) => l.slice(2).trim());
  k.ecg = { rate: rate ? Number(rate[1]) : (k.vitals.hr ?? 80), qtMs: qt ? Number(qt[1]) : 400, rhythm, findings };
  k.studies.push({ modality: "ecg", region: "heart", findings });
}

function parseImaging(obs: string, study: StudyKey, k: Gathered): void {
  const findings: string[] = [];
  let inFindings = false;
  for (const line of obs.split("\n")) {
    if (line === "Findings:") inFindings = true;
    else if (line.startsWith("Impression:")) inFindings = false;
    else if (inFindings && line.startsWith("- ")) findings.push(line.slice(2).trim());
  }
  k.studies.push({ modality: study.modality, region: study.region, findings });
}

// ------------------------------------------------------------------ reasoning helpers

function evidenceOf(k: Gathered): Evidence {
  return {
    age: k.age,
    sex: k.sex,
    pregnant: k.pregnant,
    chiefComplaint: k.cc,
    symptoms: k.symptoms,
    exam: k.exam,
    history: [...k.pmh, ...k.meds, ...k.social, ...k.family],
    complete: { symptoms: true, exam: true, history: true },
    vitals: k.vitals,
    labs: k.labs,
    studies: k.studies,
  };
}

function factsOf(k: Gathered): PatientFacts {
  return {
    age: k.age ?? 50,
    sex: k.sex ?? "female",
    weightKg: k.weightKg ?? 70,
    heightCm: k.heightCm ?? 170,
    pregnant: k.pregnant,
    allergies: k.allergies,
    currentDrugIds: k.meds.map(resolveDrugName).filter((x): x is string => !!x),
    pmh: k.pmh,
    creatinineMgDl: k.labs.creatinine,
    potassium: k.labs.potassium,
    hemoglobin: k.labs.hemoglobin,
    bilirubin: k.labs.total_bilirubin,
    sbp: k.vitals.sbp,
    hr: k.vitals.hr,
  };
}

const has = (list: readonly string[], re: RegExp) => list.some((x) => re.test(x.toLowerCase()));

/** Contrast for body CT; premedication when the chart lists a contrast allergy. */
function imagingCall(pid: string, s: StudyKey, k: Gathered): ToolCall {
  const args: Record<string, unknown> = { patient_id: pid, modality: s.modality, region: s.region };
  if (s.modality === "ct") args.contrast = !/head|brain/.test(s.region);
  const iodinated = s.modality === "cta" || s.modality === "angiography" || args.contrast === true;
  if (iodinated && k.allergies.some((a) => /contrast/i.test(a))) args.premedicated = true;
  return { name: "order_imaging", arguments: args };
}

interface Extra {
  name: string;
  /** Runs after the treatment/transfer step (documentation), not before it. */
  post?: boolean;
  args: () => Record<string, unknown>;
}

function upperLimit(key: string): number {
  return getLab(key).high;
}

/**
 * Tools worth a spare turn for this case, as [specific, generic]: severity scores and checks that
 * the leading diagnoses call for, then tools any work-up can use.
 */
function extrasFor(pid: string, k: Gathered, ranked: readonly RankedCondition[], leading: Condition, variant: Variant, drugId: string | undefined): [Extra[], Extra[]] {
  const lead = leadingCandidates(ranked, 0.99, 4).map((r) => r.condition.id);
  const anyId = (re: RegExp) => lead.some((id) => re.test(id));
  const L = k.labs;
  const v = k.vitals;
  const age = k.age ?? 50;
  const adult = age >= 18;
  const sex = k.sex ?? "female";
  const history = [...k.pmh, ...k.meds, ...k.social];
  const specific: Extra[] = [];
  const generic: Extra[] = [];
  const spec = (ok: boolean, name: string, args: () => Record<string, unknown>) => ok && specific.push({ name, args });
  const gen = (ok: boolean, name: string, args: () => Record<string, unknown>, post = false) => ok && generic.push({ name, args, post });
  const opt = (o: Record<string, number | undefined>) => Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined && Number.isFinite(x)));
  const vitalsOk = v.hr !== undefined && v.sbp !== undefined && v.dbp !== undefined && v.rr !== undefined && v.tempC !== undefined && v.spo2 !== undefined;
  if (!vitalsOk) return [[], []];
  const confused = (k.gcs?.total ?? 15) < 15;

  const pneumonia = anyId(/pneumonia/);
  spec(adult && pneumonia, "calculate_curb65", () => ({ confusion: confused, ...opt({ bunMgDl: L.bun }), respiratoryRate: v.rr, systolicMmHg: v.sbp, diastolicMmHg: v.dbp, ageYears: age }));
  spec(adult && pneumonia, "calculate_psi_port", () => ({
    ageYears: age,
    sex,
    neoplasticDisease: has(k.pmh, /cancer|malignan|tumou?r|lymphoma/),
    liverDisease: has(k.pmh, /cirrho|liver/),
    congestiveHeartFailure: has(k.pmh, /heart failure/),
    cerebrovascularDisease: has(k.pmh, /stroke|tia\b/),
    renalDisease: has(k.pmh, /kidney|renal/),
    alteredMentalStatus: confused,
    pleuralEffusion: k.studies.some((s) => has(s.findings, /effusion/)),
    ...opt({ respiratoryRate: v.rr, systolicMmHg: v.sbp, temperatureC: v.tempC, heartRateBpm: v.hr, ph: L.ph, bunMgDl: L.bun, sodiumMmolL: L.sodium, glucoseMgDl: L.glucose, hematocritPct: L.hematocrit, pao2MmHg: L.po2 }),
  }));
  const peQuestion = anyId(/embolism/) || /breath|dyspn|chest pain|pleuritic/.test(k.cc ?? "");
  const vte = {
    legSigns: has(k.exam, /calf|leg swelling|deep venous/),
    surgery: has(history, /surgery|postoperative/),
    immobile: has(history, /immobili|bed|limited mobility/),
    priorPe: has(k.pmh, /pulmonary embol/),
    priorDvt: has(k.pmh, /venous thrombo|deep vein|dvt/),
    cancer: has(k.pmh, /malignan|cancer/),
  };
  spec(adult && peQuestion, "calculate_wells_pe", () => ({
    dvtSigns: vte.legSigns,
    peMostLikely: /embolism/.test(leading.id),
    heartRateBpm: v.hr,
    immobilization3Days: vte.immobile,
    surgeryPrevious4Weeks: vte.surgery,
    previousPe: vte.priorPe,
    previousDvt: vte.priorDvt,
    hemoptysis: has(k.symptoms, /hemoptysis/),
    malignancy: vte.cancer,
  }));
  spec(adult && peQuestion, "calculate_perc_rule", () => ({
    ageYears: age,
    heartRateBpm: v.hr,
    oxygenSaturationPct: v.spo2,
    unilateralLegSwelling: vte.legSigns,
    hemoptysis: has(k.symptoms, /hemoptysis/),
    recentSurgeryOrTrauma: vte.surgery,
    priorPeOrDvt: vte.priorPe || vte.priorDvt,
    hormoneUse: has(k.meds, /estradiol|contracept|estrogen/),
  }));
  spec(adult && (anyId(/deep_vein|dvt/) || has(k.symptoms, /leg swelling|calf/)), "calculate_wells_dvt", () => ({
    activeCancer: vte.cancer,
    bedriddenOrMajorSurgery: vte.surgery || vte.immobile,
    calfSwelling3cm: has(k.exam, /calf circumference|calf swelling/),
    collateralVeins: has(k.exam, /collateral/),
    entireLegSwollen: has(k.exam, /entire leg/),
    localizedTenderness: has(k.exam, /deep venous system/),
    pittingEdema: has(k.exam, /pitting edema of the symptomatic/),
    previousDvt: vte.priorDvt,
    alternativeDiagnosisLikely: !/deep_vein|dvt/.test(leading.id),
  }));
  const af = anyId(/atrial_fibrillation|flutter/) || /fibrillation|flutter/i.test(k.ecg?.rhythm ?? "");
  spec(adult && af, "calculate_cha2ds2_vasc", () => ({
    ageYears: age,
    sex,
    congestiveHeartFailure: has(k.pmh, /heart failure/),
    hypertension: has(k.pmh, /hypertension/),
    strokeTiaOrThromboembolism: has(k.pmh, /stroke|tia\b|embol/),
    vascularDisease: has(k.pmh, /myocardial infarction|coronary|peripheral arter/),
    diabetes: has(k.pmh, /diabetes/),
  }));
  spec(adult && af, "calculate_has_bled", () => ({
    ageYears: age,
    hypertension: v.sbp! > 160,
    renalDisease: (L.creatinine ?? 0) > 2.26,
    liverDisease: has(k.pmh, /cirrho/),
    strokeHistory: has(k.pmh, /stroke/),
    priorMajorBleeding: has(k.pmh, /bleed/),
    bleedingMedication: has(k.meds, /aspirin|clopidogrel|ibuprofen|naproxen/),
    alcoholDrinksPerWeek: has(k.social, /alcohol|drink/) ? 14 : 0,
  }));
  const troponin = L.troponin_i;
  spec(adult && (anyId(/stemi|angina|coronary|acs|myocardial_infarction/) || /chest/.test(k.cc ?? "")), "calculate_heart_score", () => ({
    history: /stemi|angina/.test(leading.id) ? "highly suspicious" : "moderately suspicious",
    ecg: k.ecg ? (has(k.ecg.findings, /st elevation|st depression|st-segment/) ? "significant st deviation" : k.ecg.findings.length ? "non-specific repolarization disturbance" : "normal") : "normal",
    ageYears: age,
    hypertension: has(k.pmh, /hypertension/),
    hypercholesterolemia: has(k.pmh, /lipid|cholesterol/),
    diabetes: has(k.pmh, /diabetes/),
    obesity: k.weightKg !== undefined && k.heightCm !== undefined && k.weightKg / (k.heightCm / 100) ** 2 > 30,
    smoking: has(k.social, /smok/),
    familyHistory: has(k.family, /coronary|cardiac|heart|myocardial/),
    atheroscleroticDisease: has(k.pmh, /myocardial infarction|coronary|stent|peripheral arter|stroke/),
    troponin: troponin === undefined ? "<= normal limit" : troponin <= upperLimit("troponin_i") ? "<= normal limit" : troponin <= 3 * upperLimit("troponin_i") ? "1-3x normal limit" : "> 3x normal limit",
  }));
  const liver = anyId(/cirrho|hepat|varice|ascites|peritonitis|liver/);
  spec(adult && liver && [L.creatinine, L.total_bilirubin, L.inr, L.sodium].every((x) => x !== undefined), "calculate_meld_na", () => ({
    creatinineMgDl: L.creatinine,
    bilirubinMgDl: Math.max(0.1, L.total_bilirubin!),
    inr: L.inr,
    sodiumMmolL: L.sodium,
  }));
  spec(liver && [L.total_bilirubin, L.albumin, L.inr].every((x) => x !== undefined), "calculate_child_pugh", () => ({
    bilirubinMgDl: Math.max(0.1, L.total_bilirubin!),
    albuminGDl: L.albumin,
    inr: L.inr,
    ascites: has(k.exam, /tense ascites/) ? "moderate" : has(k.exam, /ascites/) ? "slight" : "absent",
    encephalopathy: (k.gcs?.total ?? 15) <= 10 ? "grade 3-4" : has(k.exam, /asterixis|disorient|confus/) ? "grade 1-2" : "none",
  }));
  spec(adult && liver && [L.ast, L.alt, L.platelets].every((x) => x !== undefined && x > 0), "calculate_fib4", () => ({ ageYears: age, astUL: L.ast, altUL: L.alt, plateletsPerMicroL: Math.round(L.platelets! * 1000) }));
  spec(anyId(/bleed|varice|ulcer|hemorrhage/) && L.bun !== undefined && L.hemoglobin !== undefined, "calculate_glasgow_blatchford", () => ({
    bunMgDl: L.bun,
    hemoglobinGDl: L.hemoglobin,
    sex,
    systolicMmHg: v.sbp,
    heartRateBpm: v.hr,
    melena: has([...k.symptoms, ...k.exam], /melena/),
    syncope: has(k.symptoms, /syncope|faint/),
    hepaticDisease: has(k.pmh, /cirrho|liver/),
    cardiacFailure: has(k.pmh, /heart failure/),
  }));
  spec(adult && (leading.disposition === "icu" || leading.esiLevel <= 1), "calculate_apache_ii", () => ({
    ageYears: age,
    temperatureC: v.tempC,
    mapMmHg: Math.round((v.sbp! + 2 * v.dbp!) / 3),
    heartRateBpm: v.hr,
    respiratoryRate: v.rr,
    ...(L.po2 !== undefined ? { fio2Pct: 21, pao2MmHg: L.po2 } : {}),
    ...opt({ ph: L.ph, sodiumMmolL: L.sodium, potassiumMmolL: L.potassium, creatinineMgDl: L.creatinine, hematocritPct: L.hematocrit, wbcPerMicroL: L.wbc !== undefined ? Math.round(L.wbc * 1000) : undefined }),
    gcs: k.gcs?.total ?? 15,
  }));
  spec(lead.some((id) => diagnosisCandidates().find((c) => c.id === id)?.specialty === "infectious_disease") || v.tempC! > 38 || (L.wbc ?? 0) > 12, "calculate_sirs", () => ({
    temperatureC: v.tempC,
    heartRateBpm: v.hr,
    respiratoryRate: v.rr,
    ...opt({ paco2MmHg: L.pco2, wbcPerMicroL: L.wbc !== undefined ? Math.round(L.wbc * 1000) : undefined, bandsPct: L.bands }),
  }));
  spec(L.glucose !== undefined && L.sodium !== undefined && L.bun !== undefined && (L.glucose > 250 || L.sodium < 130 || L.sodium > 150), "calculate_serum_osmolality", () => ({ sodiumMmolL: L.sodium, bunMgDl: L.bun, glucoseMgDl: L.glucose }));
  spec(L.glucose !== undefined && L.sodium !== undefined && L.glucose > 200, "calculate_sodium_correction_hyperglycemia", () => ({ sodiumMmolL: L.sodium, glucoseMgDl: L.glucose }));
  spec(L.calcium !== undefined && L.albumin !== undefined, "calculate_calcium_correction", () => ({ calciumMgDl: L.calcium, albuminGDl: L.albumin }));
  spec(!!k.ecg, "calculate_qtc_bazett", () => ({ qtMs: k.ecg!.qtMs, heartRateBpm: k.ecg!.rate }));
  spec(!!k.gcs && (k.gcs.total < 15 || leading.specialty === "neurology"), "calculate_gcs", () => ({ eye: k.gcs!.eye, verbal: k.gcs!.verbal, motor: k.gcs!.motor }));
  spec(has(k.symptoms, /sore throat/), "calculate_centor_mcisaac", () => ({
    ageYears: age,
    tonsillarExudateOrSwelling: has(k.exam, /tonsil|exudat/),
    tenderAnteriorCervicalNodes: has(k.exam, /cervical lymph/),
    temperatureC: v.tempC,
    coughAbsent: !has(k.symptoms, /cough/),
  }));
  spec(L.bicarbonate !== undefined && L.bicarbonate < 22 && L.sodium !== undefined && L.chloride !== undefined, "calculate_anion_gap", () => ({ sodiumMmolL: L.sodium, chlorideMmolL: L.chloride, bicarbonateMmolL: L.bicarbonate }));

  const homeDrugs = k.meds.map(resolveDrugName).filter((x): x is string => !!x);
  const formularyFirstLine = leading.management.firstLine.map((d) => findDrug(d)?.id).find((x): x is string => !!x);
  const drug = drugId ?? formularyFirstLine;
  if (drug && homeDrugs.length) spec(true, "check_drug_interaction", () => ({ drugs: [drug, ...homeDrugs].slice(0, 12) }));
  if (drug && k.allergies.length) spec(true, "check_drug_allergy", () => ({ patient_id: pid, drug }));

  const crcl = creatinineClearance(factsOf(k));
  gen(true, "get_vital_signs_trend", () => ({ patient_id: pid }));
  gen(!!drug, "get_drug_dosing", () => ({ drug: drug!, ...(crcl !== undefined ? { crcl_ml_min: Math.round(crcl) } : {}) }));
  gen(true, "search_clinical_guidelines", () => ({ query: `${leading.name} management` }));
  gen(true, "get_medications", () => ({ patient_id: pid }));
  gen(adult && L.creatinine !== undefined, "calculate_ckd_epi_2021", () => ({ sex, ageYears: age, creatinineMgDl: L.creatinine }));
  gen(true, "search_medical_literature", () => ({ query: leading.name }));
  gen(k.allergies.length > 0, "get_allergy_list", () => ({ patient_id: pid }));
  gen(adult && L.creatinine !== undefined && k.weightKg !== undefined, "calculate_cockcroft_gault", () => ({ sex, ageYears: age, weightKg: k.weightKg, heightCm: k.heightCm, creatinineMgDl: L.creatinine }));
  gen(true, "get_immunization_history", () => ({ patient_id: pid }));
  gen(k.weightKg !== undefined && k.heightCm !== undefined, "calculate_bmi", () => ({ weightKg: k.weightKg, heightCm: k.heightCm }));
  gen(true, "get_clinical_notes", () => ({ patient_id: pid }));
  gen(true, "calculate_mean_arterial_pressure", () => ({ systolicMmHg: v.sbp, diastolicMmHg: v.dbp }));
  gen(k.studies.some((s) => s.modality !== "ecg"), "get_imaging_results", () => ({ patient_id: pid }));
  gen(L.sodium !== undefined && L.chloride !== undefined && L.bicarbonate !== undefined, "calculate_anion_gap", () => ({ sodiumMmolL: L.sodium, chlorideMmolL: L.chloride, bicarbonateMmolL: L.bicarbonate }));
  gen(true, "get_lab_results", () => ({ patient_id: pid }));
  gen(true, "think", () => ({ thought: `Leading diagnosis ${leading.name}; ranked on ${k.symptoms.length} symptoms, ${k.exam.length} exam findings, ${Object.keys(L).length} lab values and ${k.studies.length} studies.` }));
  gen(true, "record_diagnosis", () => ({ patient_id: pid, diagnosis: leading.name, icd10: leading.icd10, certainty: "confirmed" }), true);
  gen(true, "add_clinical_note", () => ({ patient_id: pid, note_type: "assessment_and_plan", text: `Assessment: ${leading.name} (${leading.icd10}). Supporting: ${ranked[0]!.supporting.join("; ") || "history and examination"}. Plan: ${leading.management.interventions?.slice(0, 2).join("; ") || "treat per guideline"}${variant === "disposition" ? `; refer to ${referralService(leading).replace(/_/g, " ")}` : ""}.` }), true);
  const dedupe = (xs: Extra[]) => xs.filter((x, i) => xs.findIndex((y) => y.name === x.name) === i);
  return [dedupe(specific), dedupe(generic).filter((g) => !specific.some((s) => s.name === g.name))];
}

const SPECIFICITY = [
  "calculate_centor_mcisaac",
  "calculate_curb65",
  "calculate_cha2ds2_vasc",
  "calculate_glasgow_blatchford",
  "calculate_meld_na",
  "calculate_psi_port",
  "calculate_has_bled",
  "calculate_child_pugh",
  "calculate_fib4",
  "calculate_wells_dvt",
  "calculate_wells_pe",
  "calculate_heart_score",
  "calculate_perc_rule",
  "calculate_gcs",
  "calculate_apache_ii",
  "calculate_sodium_correction_hyperglycemia",
  "calculate_serum_osmolality",
  "calculate_calcium_correction",
  "calculate_sirs",
  "calculate_anion_gap",
  "calculate_qtc_bazett",
  "check_drug_allergy",
  "check_drug_interaction",
];
const specificity = (name: string) => {
  const i = SPECIFICITY.indexOf(name);
  return i < 0 ? SPECIFICITY.length : i;
};

function rotate<T>(xs: readonly T[], by: number): T[] {
  if (xs.length === 0) return [];
  const r = by % xs.length;
  return [...xs.slice(r), ...xs.slice(0, r)];
}

// ------------------------------------------------------------------ the policy

export function clinicalDiagnosisExpert(task: Task): Policy {
  const pid = task.caseId!;
  // What the request asks for is in the ticket, like everything else the expert knows.
  const variant: Variant = /first-line drug treatment/.test(task.ticket) ? "management" : /specialist service/.test(task.ticket) ? "disposition" : "diagnosis";
  const salt = hashString(task.id);
  let k: Gathered;
  let last: { name: string; study?: StudyKey } | undefined;
  let done: Set<string>;
  let leading: Condition | undefined;
  let ranked: RankedCondition[] = [];
  let drugId: string | undefined;
  let extras: Extra[] = [];
  let variantDone = false;

  const reset = () => {
    k = { pregnant: false, allergies: [], symptoms: [], pmh: [], meds: [], social: [], family: [], vitals: {}, exam: [], labs: {}, studies: [], suggestedLabs: [], ecgRecommended: false };
    last = undefined;
    done = new Set();
    leading = undefined;
    ranked = [];
    drugId = undefined;
    extras = [];
    variantDone = false;
  };
  reset();

  const parse = (obs: string) => {
    if (!last || obs.startsWith("Error")) return;
    switch (last.name) {
      case "get_patient_info":
        return parseInfo(obs, k);
      case "get_patient_history":
        return parseHistory(obs, k);
      case "get_vital_signs":
        return parseVitals(obs, k);
      case "perform_physical_exam":
        return parseExam(obs, k);
      case "get_lab_results":
      case "order_lab_test":
        return parseLabLines(obs, k.labs);
      case "get_differential_diagnosis":
        return parseDifferential(obs, k);
      case "get_ecg":
        return parseEcg(obs, k);
      case "order_imaging":
        return parseImaging(obs, last.study!, k);
    }
  };

  const call = (name: string, args: Record<string, unknown>, study?: StudyKey): Action => {
    done.add(name);
    last = { name, study };
    return { name, arguments: args };
  };

  const pickStudy = (): StudyKey | undefined => suggestStudies(ranked, k.studies.filter((s) => s.modality !== "ecg"))[0];

  return {
    name: "clinical_diagnosis_expert",
    reset() {
      reset();
    },
    act(ctx: PolicyContext): Action {
      parse(lastObservation(ctx));
      const remaining = ctx.info.maxTurns - ctx.turn + 1;
      // A tight turn limit: answer with the best reading of what has been gathered so far.
      if (remaining <= 1) {
        const best = leading ?? rankConditions(evidenceOf(k), diagnosisCandidates(), 0)[0]!.condition;
        return call("submit_answer", { diagnosis: best.name, patient_id: pid, icd10: best.icd10 });
      }
      if (!done.has("get_patient_info")) return call("get_patient_info", { patient_id: pid });
      if (!done.has("get_patient_history")) return call("get_patient_history", { patient_id: pid });
      if (!done.has("get_vital_signs")) return call("get_vital_signs", { patient_id: pid });
      if (!done.has("perform_physical_exam")) return call("perform_physical_exam", { patient_id: pid, systems: [...EXAM_SYSTEMS] });
      if (!done.has("get_lab_results")) return call("get_lab_results", { patient_id: pid });
      if (!done.has("get_differential_diagnosis")) {
        const v = k.vitals;
        return call("get_differential_diagnosis", {
          findings: [...k.symptoms, ...k.exam, ...k.pmh, ...k.meds, ...k.social, ...k.family],
          ...(k.age !== undefined ? { age: Math.round(k.age * 100) / 100 } : {}),
          ...(k.sex ? { sex: k.sex } : {}),
          pregnant: k.pregnant,
          ...(k.cc ? { chief_complaint: k.cc } : {}),
          vitals: { hr: v.hr, sbp: v.sbp, dbp: v.dbp, rr: v.rr, temp_c: v.tempC, spo2: v.spo2 },
          labs: { ...k.labs },
          complete_review: true,
        });
      }
      if (!done.has("order_lab_test") && k.suggestedLabs.length) return call("order_lab_test", { patient_id: pid, tests: k.suggestedLabs });
      if (!done.has("get_ecg") && k.ecgRecommended) return call("get_ecg", { patient_id: pid });

      // Turns that must stay free: the treatment or transfer step and the submission.
      const mandatory = () => 1 + (variant !== "diagnosis" && !variantDone ? 1 : 0);
      if (!leading) {
        ranked = rankConditions(evidenceOf(k), diagnosisCandidates(), 3);
        if (!done.has("imaging1")) {
          done.add("imaging1");
          const s = pickStudy();
          if (s && remaining > mandatory()) return call("order_imaging", imagingCall(pid, s, k).arguments, s);
        }
        if (!done.has("imaging2")) {
          done.add("imaging2");
          const s = ranked[0]!.posterior < 0.9 ? pickStudy() : undefined;
          if (s && remaining > mandatory()) return call("order_imaging", imagingCall(pid, s, k).arguments, s);
        }
        leading = ranked[0]!.condition;
        if (variant === "management") drugId = chooseFirstLine(leading, factsOf(k)).drug?.id;
        const [specific, generic] = extrasFor(pid, k, ranked, leading, variant, drugId);
        // The most specific tools first (a rare calculator beats one every case can use), varied among the top few.
        const bySpecificity = [...specific].sort((a, b) => specificity(a.name) - specificity(b.name));
        const head = Math.min(2, bySpecificity.length);
        const s = head ? [...rotate(bySpecificity.slice(0, head), salt), ...bySpecificity.slice(head)] : [];
        const g = rotate(generic, salt >>> 7);
        const slots = Math.max(0, remaining - mandatory());
        const chosen: Extra[] = [];
        // Management first checks the drug it is about to give; then alternate case-specific and generic tools.
        const check = s.find((x) => variant === "management" && (x.name === "check_drug_interaction" || x.name === "check_drug_allergy"));
        if (check) chosen.push(check);
        for (let i = 0; chosen.length < slots && (i < s.length || i < g.length); i++) {
          for (const x of [s[i], g[i]]) if (x && chosen.length < slots && !chosen.includes(x)) chosen.push(x);
        }
        extras = [...chosen.filter((x) => !x.post), ...chosen.filter((x) => x.post)];
      }

      const next = extras[0];
      if (next && !next.post && remaining > mandatory()) {
        extras.shift();
        return call(next.name, next.args());
      }
      if (!variantDone && variant !== "diagnosis") {
        variantDone = true;
        if (variant === "management" && drugId)
          return call("prescribe_medication", { patient_id: pid, drug: drugId, indication: leading.name });
        if (variant === "disposition")
          return call("transfer_to_specialist", { patient_id: pid, service: referralService(leading), urgency: referralUrgency(leading), reason: `${leading.name}: ${ranked[0]!.supporting.slice(0, 3).join("; ") || "see notes"}` });
      }
      const post = extras.find((x) => x.post);
      if (post && remaining > 1) {
        extras.splice(extras.indexOf(post), 1);
        return call(post.name, post.args());
      }
      return call("submit_answer", { diagnosis: leading.name, patient_id: pid, icd10: leading.icd10, rationale: ranked[0]!.supporting.join("; ") });
    },
  };
}
