/**
 * Medication tools: prescribing with the order-entry safety checks (recorded as safety events for
 * the grader), interaction and allergy checks, and formulary dosing advice.
 */
import { z } from "zod";
import { defineTool, ToolError } from "../../../src/env/index.js";
import { getCondition } from "../../../src/clinical/conditions/index.js";
import { checkAllInteractions, checkAllergy, getDrug, hepaticAdjustment, renalAdjustment, UnknownDrugError, type Drug } from "../../../src/clinical/drugs/index.js";
import type { ChartPatient, ClinicState } from "../data-model.js";
import { allergyLabels, creatinineClearance, prescriptionIssues, standardOrder, type PatientFacts } from "../pharmacy.js";
import { bullets, patientId, patientOf, type Ctx } from "./common.js";

const drugName = z.string().min(2).max(80).describe("Generic drug name, e.g. ceftriaxone");

function drugOrError(name: string): Drug {
  try {
    return getDrug(name);
  } catch (e) {
    if (e instanceof UnknownDrugError) throw new ToolError(`${e.message} Use the generic name of a formulary drug.`);
    throw e;
  }
}

/** What order entry knows about the patient: the chart and the labs resulted so far. */
export function chartFacts(p: ChartPatient, state: ClinicState): PatientFacts {
  const labs = state.resulted[p.id] ?? {};
  const current = [
    ...p.homeMedications.map((m) => m.drugId).filter((x): x is string => !!x),
    ...state.prescriptions.filter((r) => r.patientId === p.id).map((r) => r.drugId),
  ];
  return {
    age: p.age,
    sex: p.sex,
    weightKg: p.weightKg,
    heightCm: p.heightCm,
    pregnant: !!p.pregnancy,
    allergies: p.allergies.map((a) => a.substance),
    currentDrugIds: current,
    pmh: [...p.history.pmh, ...p.background.pmh],
    creatinineMgDl: labs.creatinine,
    potassium: labs.potassium,
    hemoglobin: labs.hemoglobin,
    bilirubin: labs.total_bilirubin,
    sbp: p.vitals.sbp,
    hr: p.vitals.hr,
  };
}

export const prescribeMedication = defineTool({
  name: "prescribe_medication",
  description:
    "Order a drug for the patient. Dose, route and frequency default to the formulary's standard adult order. Order entry checks allergies, interactions with current medications, pregnancy and renal function and shows any alert; the order is placed either way, so check first.",
  kind: "write",
  parameters: z.object({
    patient_id: patientId,
    drug: drugName,
    dose: z.string().min(1).max(60).optional().describe("Dose with unit, e.g. \"1 g\" (default: formulary standard)"),
    route: z.string().min(1).max(20).optional().describe("Route, e.g. IV, PO, SC (default: formulary standard)"),
    frequency: z.string().min(1).max(60).optional().describe("Frequency, e.g. \"every 24 hours\" (default: formulary standard)"),
    indication: z.string().max(200).optional().describe("What the drug is for"),
  }),
  execute({ patient_id, drug, dose, route, frequency, indication }, ctx: Ctx) {
    const p = patientOf(ctx, patient_id);
    const d = drugOrError(drug);
    const facts = chartFacts(p, ctx.state);
    const issues = prescriptionIssues(d, facts, getCondition(p.conditionId));
    const std = standardOrder(d);
    const order = { dose: dose ?? std.dose, route: route ?? std.route, frequency: frequency ?? std.frequency };
    ctx.state.prescriptions.push({ patientId: p.id, drugId: d.id, drugName: d.name, ...order, indication, turn: ctx.turn });
    ctx.record({ type: "order", code: "prescription", detail: `${p.id}: ${d.id} ${order.dose} ${order.route} ${order.frequency}` });
    for (const i of issues) ctx.record({ type: "safety", code: i.code, severity: i.severity, detail: `${p.id}: ${i.detail}` });
    const alerts = issues.length ? `\nORDER-ENTRY ALERTS:\n${issues.map((i) => `- [${i.severity}] ${i.detail}`).join("\n")}` : "\nNo order-entry alerts.";
    return `Ordered for ${p.id}: ${d.name} ${order.dose} ${order.route} ${order.frequency}${indication ? ` for ${indication}` : ""}.${alerts}`;
  },
});

export const checkDrugInteraction = defineTool({
  name: "check_drug_interaction",
  description: "Check every pair in a list of drugs for interactions (severity, mechanism, effect, management).",
  kind: "read",
  parameters: z.object({ drugs: z.array(drugName).min(2).max(12).describe("Two or more drug names, e.g. a new drug plus the current medications") }),
  execute({ drugs }) {
    const resolved = drugs.map(drugOrError);
    const found = checkAllInteractions(resolved.map((d) => d.id));
    if (found.length === 0) return `No interactions found among ${resolved.map((d) => d.name).join(", ")}.`;
    return `Interactions among ${resolved.map((d) => d.name).join(", ")}:\n${found
      .map((i) => `- ${i.a} + ${i.b}: ${i.severity.toUpperCase()} (${i.kind}). ${i.effect} Mechanism: ${i.mechanism} Management: ${i.management}`)
      .join("\n")}`;
  },
});

export const checkDrugAllergy = defineTool({
  name: "check_drug_allergy",
  description: "Check one drug against the patient's charted allergies, including class membership and cross-reactivity.",
  kind: "read",
  parameters: z.object({ patient_id: patientId, drug: drugName }),
  execute({ patient_id, drug }, ctx: Ctx) {
    const p = patientOf(ctx, patient_id);
    const d = drugOrError(drug);
    if (p.allergies.length === 0) return `${p.id} has no known drug allergies; no conflict for ${d.name}.`;
    const hits = checkAllergy(d.id, allergyLabels(p.allergies.map((a) => a.substance)));
    if (hits.length === 0) return `No allergy conflict: ${d.name} (${d.allergyClass ?? "no allergy class"}) vs charted ${p.allergies.map((a) => a.substance).join(", ")}.`;
    return `ALLERGY CONFLICT for ${d.name}:\n${bullets(hits.map((h) => `${h.level.replace(/_/g, " ")} — ${h.detail}`))}`;
  },
});

export const getDrugDosing = defineTool({
  name: "get_drug_dosing",
  description: "Formulary dosing of a drug: standard adult dose, renal adjustment at a creatinine clearance, hepatic advice by Child-Pugh class, pregnancy category and monitoring.",
  kind: "read",
  parameters: z.object({
    drug: drugName,
    crcl_ml_min: z.number().min(0).max(250).optional().describe("Creatinine clearance, mL/min (Cockcroft-Gault)"),
    child_pugh: z.enum(["A", "B", "C"]).optional().describe("Child-Pugh class for hepatic impairment"),
  }),
  execute({ drug, crcl_ml_min, child_pugh }) {
    const d = drugOrError(drug);
    const lines = [`${d.name} (${d.class})`, `Adult dose: ${d.adultDose.text}`];
    if (crcl_ml_min !== undefined) {
      const r = renalAdjustment(d.id, crcl_ml_min);
      lines.push(`Renal (CrCl ${crcl_ml_min} mL/min): ${r ? `${r.avoid ? "AVOID. " : ""}${r.adjustment}` : "no adjustment needed"}`);
    }
    if (child_pugh) lines.push(`Hepatic (Child-Pugh ${child_pugh}): ${hepaticAdjustment(d.id, child_pugh).advice}`);
    lines.push(`Pregnancy: category ${d.pregnancy.category} — ${d.pregnancy.note}`);
    lines.push(`Monitoring: ${d.monitoring.map((m) => m.parameter + (m.range ? ` (target ${m.range.low}-${m.range.high} ${m.range.unit})` : "")).join("; ")}`);
    return lines.join("\n");
  },
});

export { creatinineClearance };
