import { z } from "zod";
import { defineTool, ToolError, type ToolContext } from "../../src/env/index.js";
import type { Patient, WardState } from "./data-model.js";
import { news2, RESPONSE } from "./news2.js";

type Ctx = ToolContext<WardState>;

const patientId = z.string().min(1).max(32).describe("Patient identifier, e.g. P-1003");

function patient(ctx: Ctx, id: string): Patient {
  const p = ctx.state.patients[id];
  if (!p) throw new ToolError(`No patient with id "${id}" on this ward. Patients: ${Object.keys(ctx.state.patients).join(", ")}.`);
  return p;
}

export const getPatientInfo = defineTool({
  name: "get_patient_info",
  description: "Demographics, ward and reason for admission of a patient.",
  kind: "read",
  parameters: z.object({ patient_id: patientId }),
  execute({ patient_id }, ctx: Ctx) {
    const p = patient(ctx, patient_id);
    return `${p.id} ${p.name}, ${p.age} y ${p.sex}, ${p.ward}. Admitted with ${p.reason}.`;
  },
});

export const getVitalSigns = defineTool({
  name: "get_vital_signs",
  description: "Latest set of observations: respiratory rate, SpO2, supplemental oxygen, blood pressure, heart rate, temperature.",
  kind: "read",
  parameters: z.object({ patient_id: patientId }),
  execute({ patient_id }, ctx: Ctx) {
    const v = patient(ctx, patient_id).vitals;
    return [
      `RR ${v.respiratoryRate} /min`,
      `SpO2 ${v.spo2} % on ${v.onOxygen ? "supplemental oxygen" : "room air"}`,
      `BP ${v.systolicBp}/${v.diastolicBp} mmHg`,
      `HR ${v.heartRate} /min`,
      `Temp ${v.temperatureC.toFixed(1)} °C`,
    ].join("; ");
  },
});

export const assessConsciousness = defineTool({
  name: "assess_consciousness",
  description: "Bedside level of consciousness on the ACVPU scale (alert, new confusion, voice, pain, unresponsive).",
  kind: "read",
  parameters: z.object({ patient_id: patientId }),
  execute({ patient_id }, ctx: Ctx) {
    const c = patient(ctx, patient_id).vitals.consciousness;
    const text = { alert: "Alert", confusion: "New confusion", voice: "Responds to voice", pain: "Responds to pain only", unresponsive: "Unresponsive" }[c];
    return `ACVPU: ${text} (${c}).`;
  },
});

export const getLabResults = defineTool({
  name: "get_lab_results",
  description: "Most recent blood results: lactate, white cell count, haemoglobin, creatinine.",
  kind: "read",
  parameters: z.object({ patient_id: patientId }),
  execute({ patient_id }, ctx: Ctx) {
    const l = patient(ctx, patient_id).labs;
    const flag = (v: number, lo: number, hi: number) => (v < lo ? " (L)" : v > hi ? " (H)" : "");
    return [
      `Lactate ${l.lactate} mmol/L${flag(l.lactate, 0.5, 2.0)}`,
      `WBC ${l.wbc} x10^9/L${flag(l.wbc, 4, 11)}`,
      `Hb ${l.hemoglobin} g/dL${flag(l.hemoglobin, 12, 17.5)}`,
      `Creatinine ${l.creatinine} mg/dL${flag(l.creatinine, 0.6, 1.3)}`,
    ].join("; ");
  },
});

export const calculateNews2 = defineTool({
  name: "calculate_news2",
  description: "National Early Warning Score 2 (SpO2 scale 1) from a set of observations; returns the score, each parameter's points and the clinical risk band.",
  kind: "read",
  category: "calculator",
  parameters: z.object({
    respiratory_rate: z.number().min(0).max(80).describe("breaths/min"),
    spo2: z.number().min(0).max(100).describe("oxygen saturation, %"),
    on_oxygen: z.boolean().describe("true if on supplemental oxygen"),
    systolic_bp: z.number().min(0).max(300).describe("mmHg"),
    heart_rate: z.number().min(0).max(300).describe("beats/min"),
    consciousness: z.enum(["alert", "confusion", "voice", "pain", "unresponsive"]),
    temperature_c: z.number().min(25).max(45).describe("°C"),
  }),
  execute(a) {
    const r = news2({
      respiratoryRate: a.respiratory_rate,
      spo2: a.spo2,
      onOxygen: a.on_oxygen,
      systolicBp: a.systolic_bp,
      heartRate: a.heart_rate,
      consciousness: a.consciousness,
      temperatureC: a.temperature_c,
    });
    const p = r.parts;
    return `NEWS2 ${r.score} (RR ${p.respiratoryRate}, SpO2 ${p.spo2}, air/O2 ${p.onOxygen}, SBP ${p.systolicBp}, HR ${p.heartRate}, consciousness ${p.consciousness}, temp ${p.temperatureC}). Risk band: ${r.band}. Response: ${RESPONSE[r.band].text}.`;
  },
});

export const recordObservationNote = defineTool({
  name: "record_observation_note",
  description: "Write a short nursing/medical note in the patient's chart.",
  kind: "write",
  parameters: z.object({ patient_id: patientId, note: z.string().min(1).max(2000) }),
  execute({ patient_id, note }, ctx: Ctx) {
    patient(ctx, patient_id);
    ctx.state.notes.push({ patientId: patient_id, text: note, turn: ctx.turn });
    ctx.record({ type: "note", code: "note_written", detail: `${patient_id}: ${note.slice(0, 80)}` });
    return `Note saved to ${patient_id}'s chart (${ctx.state.notes.length} note(s) this shift).`;
  },
});

export const escalateCare = defineTool({
  name: "escalate_care",
  description: "Call for review: ward_review (ward clinician), urgent_response (acute-illness clinician), emergency_response (critical-care outreach team).",
  kind: "write",
  parameters: z.object({
    patient_id: patientId,
    level: z.enum(["ward_review", "urgent_response", "emergency_response"]),
    reason: z.string().min(1).max(500),
  }),
  execute({ patient_id, level, reason }, ctx: Ctx) {
    patient(ctx, patient_id);
    ctx.state.escalations.push({ patientId: patient_id, level, reason, turn: ctx.turn });
    ctx.record({ type: "referral", code: `escalation_${level}`, detail: `${patient_id}: ${reason.slice(0, 80)}` });
    return `${level.replace("_", " ")} requested for ${patient_id}.`;
  },
});

export const think = defineTool({
  name: "think",
  description: "Write down reasoning. Has no effect on the patient or the chart.",
  kind: "think",
  parameters: z.object({ thought: z.string().min(1).max(4000) }),
  execute() {
    return "Noted.";
  },
});

export const submitAnswer = defineTool({
  name: "submit_answer",
  description: "Submit the final NEWS2 clinical risk band for the patient. Ends the episode.",
  kind: "terminal",
  parameters: z.object({
    risk_band: z.enum(["low", "low-medium", "medium", "high"]),
    score: z.number().int().min(0).max(20).optional().describe("the aggregate NEWS2 score"),
    rationale: z.string().max(2000).optional(),
  }),
  execute({ risk_band, score }, ctx: Ctx) {
    ctx.submit(risk_band);
    return `Submitted risk band "${risk_band}"${score !== undefined ? ` (NEWS2 ${score})` : ""}.`;
  },
});

export const NEWS2_TOOLS = [getPatientInfo, getVitalSigns, assessConsciousness, getLabResults, calculateNews2, recordObservationNote, escalateCare, think, submitAnswer];
