import { z } from "zod";
import { defineTool, ToolError, type Tool, type ToolContext } from "../../src/env/index.js";
import { checkAllergy, checkInteraction, findDrug } from "../../src/clinical/drugs/index.js";
import { getCondition } from "../../src/clinical/conditions/index.js";
import { formatLabValue } from "../../src/clinical/labs/index.js";
import { calculatorTool } from "../../src/tools/calculators.js";
import { thinkTool } from "../../src/tools/common.js";
import type { CrossDomainState, PhaseSpec } from "./data-model.js";
import { ANTICOAGULANTS, crcl, mapOf, THROMBOLYTICS, thrombolysisChecklist } from "./generator.js";

type S = CrossDomainState;
type Ctx = ToolContext<S>;

/** Every turn is five minutes of the pathway clock (the hour-1 bundle is timed on it). */
export const MINUTES_PER_TURN = 5;
const minute = (ctx: Ctx) => ctx.turn * MINUTES_PER_TURN;
const phase = (s: S): PhaseSpec | undefined => s.case.phases[s.phaseIndex];
export const DISPOSITION_OPTIONS = ["discharge", "observation", "ward", "telemetry", "step_down", "stroke_unit", "icu", "or", "cath_lab"];

function phaseText(s: S): string {
  const p = phase(s);
  if (!p) return "All phases are complete: submit the final disposition with submit_answer.";
  return `Phase ${s.phaseIndex + 1}/${s.case.phases.length} [${p.id}] - ${p.setting}: ${p.question} Decisions: ${p.options.join(", ")}.`;
}

const getPathwayStatus = defineTool({
  name: "get_pathway_status",
  description: "Where the patient is on the pathway: current phase, its question and allowed decisions, completed phases, orders, medications and the clock.",
  kind: "read",
  parameters: z.object({}),
  execute(_a, ctx: Ctx) {
    const s = ctx.state;
    const done = s.phaseLog.map((r) => `${r.phase}=${r.decision}`).join(", ") || "none";
    return [
      `Pathway ${s.case.pathway.replace(/_/g, " ")}, patient ${s.case.caseId}, minute ${minute(ctx)}.`,
      phaseText(s),
      `Completed phases: ${done}.`,
      `Orders: ${s.orders.map((o) => o.item).join(", ") || "none"}. Medications: ${s.prescriptions.map((p) => p.drug).join(", ") || "none"}. Bundle: ${s.bundle.map((b) => `${b.element}@${b.minute}min`).join(", ") || "none"}.`,
    ].join("\n");
  },
});

const triageAssess = defineTool({
  name: "triage_assess_pathway_patient",
  description: "Bedside triage assessment: demographics, complaint, vital signs (with MAP), GCS, allergies, home medications and the pathway-specific history (last known well, deficits, post-op day, fever days and Kawasaki criteria).",
  kind: "read",
  parameters: z.object({}),
  execute(_a, ctx: Ctx) {
    const { patient: p, facts: f, pathway } = ctx.state.case;
    const v = p.vitals;
    const lines = [
      `${p.id} ${p.name}, ${p.age} y ${p.sex}, ${p.weightKg} kg, ${p.heightCm} cm. ${f.setting}. Complaint: ${p.chiefComplaint}.`,
      `Symptoms: ${p.symptoms.join("; ")}. Exam: ${p.exam.join("; ")}.`,
      `Vitals: HR ${v.hr}, BP ${v.sbp}/${v.dbp} (MAP ${mapOf(v.sbp, v.dbp)}), RR ${v.rr}, SpO2 ${v.spo2}%, Temp ${v.tempC} C, GCS ${f.gcs}.`,
      `Allergies: ${p.allergies.map((a) => `${a.substance} (${a.reaction})`).join(", ") || "none known"}. Home medications: ${f.homeMeds.join(", ") || "none"}. PMH: ${p.history.pmh.join(", ") || "none"}.`,
    ];
    if (pathway === "stroke_code") lines.push(`Last known well: ${f.lastKnownWellHours} h ago. Deficits: ${f.deficits!.join(", ")}${f.deficitsResolved ? " (now fully resolved)" : " (persisting)"}. Fingerstick glucose ${f.fingerstickGlucose} mg/dL.`);
    if (pathway === "postop_pe") lines.push(`Post-op day ${f.postopDay} after ${f.surgery}. Unilateral calf swelling: ${f.dvtSigns ? "yes" : "no"}. Haemoptysis: ${f.hemoptysis ? "yes" : "no"}. Active malignancy: ${f.malignancy ? "yes" : "no"}. Alternative diagnosis as likely as PE: ${f.alternativeLikely ? "yes" : "no"}. Drain/wound bleeding: ${f.activeBleeding ? "active, ongoing" : "none"}.`);
    if (pathway === "sepsis_bundle") lines.push(`Suspected source: ${getCondition(ctx.state.case.conditionId).name}; surgical source control needed: ${getCondition(ctx.state.case.conditionId).disposition === "or" ? "yes" : "no"}.`);
    if (pathway === "pediatric_kawasaki") lines.push(`Fever for ${f.feverDays} days. Principal Kawasaki criteria present (${f.kawasakiCriteria!.length}/5): ${f.kawasakiCriteria!.join("; ")}.`);
    return lines.join("\n");
  },
});

const PANELS = {
  cardiac: ["troponin_i", "bnp", "hemoglobin", "platelets", "potassium", "creatinine"],
  metabolic: ["glucose", "sodium", "potassium", "chloride", "bicarbonate", "ph", "ketones_beta_hydroxybutyrate", "bun", "creatinine"],
  renal_coagulation: ["creatinine", "bun", "hemoglobin", "platelets", "inr", "ptt"],
  sepsis: ["wbc", "lactate", "platelets", "creatinine", "total_bilirubin", "procalcitonin"],
  inflammatory: ["crp", "esr", "wbc", "platelets", "albumin", "alt", "troponin_i", "bnp"],
} as const;

const orderLabs = defineTool({
  name: "order_pathway_labs",
  description: "Order and result a lab panel: cardiac (troponin), metabolic (glucose, electrolytes, pH, ketones), renal_coagulation (creatinine, Hb, platelets, INR), sepsis (WBC, lactate), inflammatory (CRP, ESR, albumin).",
  kind: "write",
  parameters: z.object({ panel: z.enum(["cardiac", "metabolic", "renal_coagulation", "sepsis", "inflammatory"]) }),
  execute({ panel }, ctx: Ctx) {
    const labs = ctx.state.case.patient.labs;
    const out = PANELS[panel].map((k) => (labs[k] !== undefined ? formatLabValue(k, labs[k]!) : `${k}: not indicated`));
    ctx.state.orders.push({ kind: "lab", item: panel, turn: ctx.turn, minute: minute(ctx) });
    ctx.record({ type: "order", code: `lab_${panel}`, detail: `minute ${minute(ctx)}` });
    return `${panel} panel: ${out.join("; ")}.`;
  },
});

const orderImaging = defineTool({
  name: "order_pathway_imaging",
  description: "Order a study and get its report: ecg (12-lead), ctpa (CT pulmonary angiogram), echo (echocardiogram with coronary z-scores), chest_xray.",
  kind: "write",
  parameters: z.object({ study: z.enum(["ecg", "ctpa", "echo", "chest_xray"]) }),
  execute({ study }, ctx: Ctx) {
    const { patient: p, facts: f, pathway, conditionId } = ctx.state.case;
    let report: string;
    if (study === "ecg") report = f.ecg === "st_elevation" ? "Sinus rhythm with ST elevation >= 2 mm in contiguous leads (STEMI criteria met)." : f.ecg === "st_depression" ? "Sinus rhythm with horizontal ST depression and T-wave inversion; no ST elevation." : `Sinus ${p.vitals.hr > 100 ? "tachycardia" : "rhythm"}, non-specific ST-T changes; no ST elevation.`;
    else if (study === "ctpa") {
      if (pathway !== "postop_pe") report = "No pulmonary embolism.";
      else report = conditionId === "massive_pulmonary_embolism" ? "Saddle embolus with bilateral main pulmonary artery filling defects; RV/LV ratio 1.4." : "Segmental filling defects in the right lower lobe arteries; RV not dilated.";
    } else if (study === "echo") {
      if (pathway === "pediatric_kawasaki") report = `LVEF ${f.ejectionFraction}%. Max coronary z-score ${f.coronaryZ}${f.echo === "coronary_aneurysm" ? " (aneurysm)" : ""}.`;
      else if (conditionId === "massive_pulmonary_embolism") report = "Dilated, hypokinetic right ventricle; LVEF 60%.";
      else report = "LVEF 55-60%, no regional wall motion abnormality of note.";
    } else {
      const x = p.imaging.find((i) => i.modality === "xray");
      report = x ? `${x.region}: ${x.finding}.` : "No acute cardiopulmonary findings.";
    }
    ctx.state.orders.push({ kind: "imaging", item: study, turn: ctx.turn, minute: minute(ctx) });
    ctx.record({ type: "order", code: `imaging_${study}`, detail: `minute ${minute(ctx)}` });
    return `${study.toUpperCase()} report: ${report}`;
  },
});

const reviewCtHead = defineTool({
  name: "review_ct_head",
  description: "Review the non-contrast CT head of a stroke code (haemorrhage or not).",
  kind: "read",
  parameters: z.object({}),
  execute(_a, ctx: Ctx) {
    const c = ctx.state.case;
    if (c.pathway !== "stroke_code") throw new ToolError("No CT head was performed on this pathway (only stroke codes get an immediate CT head).");
    return c.facts.ct === "hemorrhage"
      ? "Non-contrast CT head: acute intraparenchymal haemorrhage with surrounding oedema. HEMORRHAGE PRESENT."
      : "Non-contrast CT head: no haemorrhage, no established infarct, no mass effect. NO HEMORRHAGE.";
  },
});

const checkThrombolysis = defineTool({
  name: "check_thrombolysis_eligibility",
  description: "Stroke thrombolysis checklist: CT, time since last known well, deficit, platelets, INR, anticoagulants, recent surgery, glucose; each item marked pass/fail.",
  kind: "read",
  parameters: z.object({}),
  execute(_a, ctx: Ctx) {
    const c = ctx.state.case;
    if (c.pathway !== "stroke_code") throw new ToolError("The thrombolysis checklist applies to stroke codes only.");
    const items = thrombolysisChecklist(c);
    return `Thrombolysis checklist:\n${items.map((i) => `- ${i.ok ? "PASS" : "FAIL"}: ${i.item}`).join("\n")}\nFailed items: ${items.filter((i) => !i.ok).length}.`;
  },
});

const BUNDLE = ["lactate", "blood_cultures", "antibiotics", "fluids_30ml_kg", "vasopressors"] as const;

const startBundle = defineTool({
  name: "start_sepsis_bundle_element",
  description: "Start one element of the sepsis hour-1 bundle: lactate, blood_cultures, antibiotics (give `drug`), fluids_30ml_kg, vasopressors (norepinephrine). Timed on the pathway clock.",
  kind: "write",
  parameters: z.object({ element: z.enum(BUNDLE), drug: z.string().min(1).max(80).optional().describe("antibiotic name, for element=antibiotics") }),
  execute({ element, drug }, ctx: Ctx) {
    const s = ctx.state;
    if (s.case.pathway !== "sepsis_bundle") throw new ToolError("The sepsis bundle is not open for this patient's pathway.");
    if (s.bundle.some((b) => b.element === element)) throw new ToolError(`${element} was already started at minute ${s.bundle.find((b) => b.element === element)!.minute}.`);
    const m = minute(ctx);
    const { patient: p, facts: f } = s.case;
    let out: string;
    if (element === "antibiotics") {
      if (!drug) throw new ToolError("element=antibiotics needs `drug` (the antibiotic to give).");
      out = administer(drug, ctx);
      if (!s.bundle.some((b) => b.element === "blood_cultures")) ctx.record({ type: "safety", code: "antibiotics_before_cultures", severity: "minor", detail: "antibiotics started before blood cultures" });
    } else if (element === "lactate") out = `Lactate ${p.labs.lactate} mmol/L.`;
    else if (element === "blood_cultures") out = "Two sets of blood cultures drawn.";
    else if (element === "fluids_30ml_kg") out = `Crystalloid ${Math.round(30 * p.weightKg)} mL (30 mL/kg) running.`;
    else {
      if (!s.bundle.some((b) => b.element === "fluids_30ml_kg")) ctx.record({ type: "safety", code: "vasopressor_before_fluids", severity: "major", detail: "vasopressors started before the fluid bolus" });
      if ((f.mapAfterFluids ?? 99) >= 65) ctx.record({ type: "safety", code: "vasopressor_not_indicated", severity: "major", detail: `MAP ${f.mapAfterFluids} >= 65` });
      out = "Norepinephrine infusion started, titrate to MAP >= 65 mmHg.";
    }
    if (m > 60 && element !== "vasopressors") ctx.record({ type: "safety", code: "bundle_element_late", severity: "minor", detail: `${element} at minute ${m}` });
    s.bundle.push({ element, detail: drug, turn: ctx.turn, minute: m });
    ctx.record({ type: "order", code: `bundle_${element}`, detail: `minute ${m}${drug ? ` ${drug}` : ""}` });
    return `Bundle element ${element} started at minute ${m}. ${out}`;
  },
});

function resolveDrug(name: string): { id: string; name: string } {
  const d = findDrug(name);
  if (!d) throw new ToolError(`Unknown drug "${name}". Use a generic name, e.g. aspirin, heparin, alteplase, insulin regular, potassium chloride.`);
  return { id: d.id, name: d.name ?? d.id };
}

function safetyFindings(drugName: string, s: S): { code: string; severity: "critical" | "major" | "minor"; detail: string }[] {
  const { id } = resolveDrug(drugName);
  const { patient: p, facts: f, pathway, conditionId } = s.case;
  const out: { code: string; severity: "critical" | "major" | "minor"; detail: string }[] = [];
  for (const a of checkAllergy(id, p.allergies.map((x) => x.substance))) out.push({ code: "allergen_administered", severity: "critical", detail: a.detail });
  if (THROMBOLYTICS.includes(id)) {
    if (pathway === "stroke_code") {
      if (f.ct === "hemorrhage") out.push({ code: "thrombolysis_with_hemorrhage", severity: "critical", detail: "thrombolytic with haemorrhage on CT" });
      else if (!thrombolysisChecklist(s.case).every((x) => x.ok)) out.push({ code: "thrombolysis_contraindicated", severity: "critical", detail: "thrombolysis checklist has failed items" });
    } else if (pathway === "postop_pe") out.push({ code: "thrombolysis_contraindicated", severity: "critical", detail: `surgery ${f.postopDay} days ago` });
    else out.push({ code: "thrombolysis_not_indicated", severity: "critical", detail: "no indication for a thrombolytic" });
  }
  if (ANTICOAGULANTS.includes(id) && (f.activeBleeding || f.ct === "hemorrhage")) out.push({ code: "anticoagulant_with_active_bleeding", severity: "critical", detail: f.activeBleeding ? "ongoing surgical bleeding" : "intracranial haemorrhage" });
  if (["enoxaparin", "apixaban", "rivaroxaban", "fondaparinux", "dabigatran"].includes(id) && p.labs.creatinine !== undefined && p.age >= 18 && crcl(p) < 30) out.push({ code: "renal_contraindication", severity: "major", detail: `CrCl ${crcl(p).toFixed(0)} mL/min` });
  if (id === "insulin_regular" && (p.labs.potassium ?? 4) < 3.3 && !s.prescriptions.some((x) => x.drug === "potassium_chloride")) out.push({ code: "insulin_with_hypokalemia", severity: "critical", detail: `K ${p.labs.potassium} mmol/L` });
  const cond = getCondition(conditionId);
  if (cond.management.avoid.some((a) => findDrug(a)?.id === id)) out.push({ code: "avoid_listed_drug", severity: "major", detail: `${id} should be avoided in ${cond.name}` });
  for (const m of f.homeMeds) {
    const other = findDrug(m);
    if (!other || other.id === id) continue;
    const r = checkInteraction(id, other.id);
    if (r) out.push({ code: "drug_interaction", severity: r.severity === "contraindicated" ? "major" : "minor", detail: `${id} + ${other.id}: ${r.severity}` });
  }
  return out;
}

function administer(drug: string, ctx: Ctx, dose?: string): string {
  const d = resolveDrug(drug);
  const findings = safetyFindings(drug, ctx.state);
  for (const x of findings) ctx.record({ type: "safety", ...x });
  ctx.state.prescriptions.push({ drug: d.id, dose, turn: ctx.turn, minute: minute(ctx) });
  ctx.record({ type: "order", code: `prescribe_${d.id}`, detail: `${dose ?? "standard dose"} at minute ${minute(ctx)}` });
  const warn = findings.filter((x) => x.severity !== "minor");
  return `${d.id} given${dose ? ` (${dose})` : ""}.${warn.length ? ` WARNING: ${warn.map((x) => `${x.code} (${x.detail})`).join("; ")}.` : ""}`;
}

const checkMedicationSafety = defineTool({
  name: "check_medication_safety",
  description: "Pharmacy check before giving a drug: allergy cross-reactivity, interactions with home medications, bleeding status, renal function, potassium and condition-specific cautions.",
  kind: "read",
  parameters: z.object({ drug: z.string().min(1).max(80) }),
  execute({ drug }, ctx: Ctx) {
    const d = resolveDrug(drug);
    const { patient: p, facts: f, conditionId } = ctx.state.case;
    const allergy = checkAllergy(d.id, p.allergies.map((x) => x.substance));
    const inter = f.homeMeds.flatMap((m) => { const o = findDrug(m); const r = o && o.id !== d.id ? checkInteraction(d.id, o.id) : null; return r ? [`${o!.id} (${r.severity})`] : []; });
    const cautions = getCondition(conditionId).contraindications.filter((c) => findDrug(c.drug)?.id === d.id).map((c) => c.reason);
    return [
      `${d.id}: allergy ${allergy.length ? `CONFLICT - ${allergy.map((a) => a.detail).join(" ")}` : "none"}.`,
      `Interactions with home medications: ${inter.join(", ") || "none"}.`,
      `Active bleeding: ${f.activeBleeding || f.ct === "hemorrhage" ? "YES" : "no"}. Creatinine ${p.labs.creatinine ?? "n/a"} mg/dL. Potassium ${p.labs.potassium ?? "n/a"} mmol/L.`,
      `Condition cautions: ${cautions.join("; ") || "none"}.`,
    ].join("\n");
  },
});

const prescribe = defineTool({
  name: "prescribe_pathway_medication",
  description: "Give a medication now (generic name). Allergies, interactions, bleeding, renal function, potassium and thrombolysis eligibility are checked and violations recorded.",
  kind: "write",
  parameters: z.object({ drug: z.string().min(1).max(80), dose: z.string().max(80).optional().describe("e.g. '325 mg PO', '0.1 units/kg/h'") }),
  execute({ drug, dose }, ctx: Ctx) {
    return administer(drug, ctx, dose);
  },
});

const completePhase = defineTool({
  name: "complete_phase",
  description: "Record the decision that closes the current phase (see get_pathway_status for the allowed decisions) and move the patient to the next phase.",
  kind: "write",
  parameters: z.object({ decision: z.string().min(1).max(64), rationale: z.string().max(1000).optional() }),
  execute({ decision }, ctx: Ctx) {
    const s = ctx.state;
    const p = phase(s);
    if (!p) throw new ToolError("Every phase is already complete; submit the final disposition with submit_answer.");
    const d = decision.trim().toLowerCase().replace(/[\s-]+/g, "_");
    if (!p.options.includes(d)) throw new ToolError(`"${decision}" is not a decision of phase ${p.id}. Decisions: ${p.options.join(", ")}.`);
    const correct = d === p.truth;
    s.phaseLog.push({ phase: p.id, decision: d, correct, turn: ctx.turn, minute: minute(ctx) });
    ctx.record({ type: "diagnosis", code: `phase_${p.id}`, detail: `${d} (${correct ? "correct" : "wrong"}) at minute ${minute(ctx)}` });
    if (!correct) ctx.record({ type: "safety", code: "wrong_phase_decision", severity: "major", detail: `${p.id}: chose ${d}, expected ${p.truth}` });
    s.phaseIndex++;
    const extra: string[] = [];
    const f = s.case.facts;
    if (p.id === "bundle") {
      const fluids = s.bundle.some((b) => b.element === "fluids_30ml_kg");
      const abx = s.bundle.find((b) => b.element === "antibiotics");
      if (!abx || abx.minute > 60) ctx.record({ type: "safety", code: "antibiotics_not_within_hour", severity: "major", detail: abx ? `minute ${abx.minute}` : "no antibiotics" });
      extra.push(`Reassessment at minute ${minute(ctx)}${fluids ? " after the bolus" : ""}: MAP ${f.mapAfterFluids} mmHg, repeat lactate ${f.lactateAfterFluids} mmol/L.`);
    }
    if (p.id === "imaging" && s.case.pathway === "stroke_code") extra.push("Stroke team at the bedside: run the thrombolysis checklist before any thrombolytic.");
    if (p.id === "risk") extra.push("CTPA and renal/bleeding checks now available for the treatment decision.");
    return [`Phase ${p.id} closed with "${d}" at minute ${minute(ctx)}.`, ...extra, phaseText(s)].join("\n");
  },
});

const submitAnswer = defineTool({
  name: "submit_answer",
  description: `Final disposition once every phase is complete. Ends the episode. One of: ${DISPOSITION_OPTIONS.join(", ")}.`,
  kind: "terminal",
  mutates: true,
  parameters: z.object({ disposition: z.string().min(1).max(64), rationale: z.string().max(2000).optional() }),
  execute({ disposition }, ctx: Ctx) {
    const s = ctx.state;
    if (phase(s)) throw new ToolError(`Phase ${phase(s)!.id} is still open: close every phase with complete_phase before the final disposition.`);
    s.submitted = disposition;
    ctx.record({ type: "referral", code: "final_disposition", detail: disposition });
    ctx.submit(disposition);
    return `Final disposition "${disposition}" recorded.`;
  },
});

export const CROSS_DOMAIN_TOOLS: readonly Tool<S>[] = [
  getPathwayStatus,
  triageAssess,
  orderLabs,
  orderImaging,
  reviewCtHead,
  checkThrombolysis,
  startBundle,
  checkMedicationSafety,
  prescribe,
  calculatorTool<S>("heart_score"),
  calculatorTool<S>("anion_gap"),
  calculatorTool<S>("sirs"),
  calculatorTool<S>("wells_pe"),
  calculatorTool<S>("cockcroft_gault"),
  completePhase,
  thinkTool<S>(),
  submitAnswer,
];
