/**
 * Read tools over the patient's chart: demographics, history, vital signs and their trend, the
 * physical examination by system, allergies, medications, immunisations and the notes.
 */
import { z } from "zod";
import { defineTool } from "../../../src/env/index.js";
import { findDrug } from "../../../src/clinical/drugs/index.js";
import { EXAM_SYSTEMS, type ExamSystem } from "../data-model.js";
import { formatAge } from "../generator.js";
import { allergyLabels } from "../pharmacy.js";
import { examSystem, NORMAL_EXAM } from "../reports.js";
import { bullets, patientId, patientOf, type Ctx } from "./common.js";

export const getPatientInfo = defineTool({
  name: "get_patient_info",
  description: "Demographics, location, arrival time, chief complaint, weight/height, pregnancy status, allergy banner and code status of a patient.",
  kind: "read",
  parameters: z.object({ patient_id: patientId }),
  execute({ patient_id }, ctx: Ctx) {
    const p = patientOf(ctx, patient_id);
    const lines = [
      `${p.id} | ${p.name} | ${formatAge(p.age)} ${p.sex} | ${p.mrn}`,
      `Location: ${p.location} (arrived ${p.arrival})`,
      `Chief complaint: ${p.chiefComplaint}`,
      `Weight ${p.weightKg} kg, height ${p.heightCm} cm`,
    ];
    if (p.sex === "female" && p.age >= 12 && p.age < 55) {
      lines.push(p.pregnancy ? `Pregnancy: ${p.pregnancy.gestationalWeeks} weeks gestation` : p.postpartum ? "Pregnancy: postpartum" : "Pregnancy: not pregnant");
    }
    lines.push(`Allergies: ${p.allergies.length ? p.allergies.map((a) => `${a.substance} (${a.reaction})`).join("; ") : "no known drug allergies"}`);
    lines.push("Code status: full code");
    return lines.join("\n");
  },
});

export const getPatientHistory = defineTool({
  name: "get_patient_history",
  description: "History of the presenting illness (the patient's symptoms), past medical history, medications taken at home, social and family history.",
  kind: "read",
  parameters: z.object({ patient_id: patientId }),
  execute({ patient_id }, ctx: Ctx) {
    const p = patientOf(ctx, patient_id);
    const pmh = [...p.history.pmh, ...p.background.pmh];
    return [
      `History of presenting illness (${p.id}): ${formatAge(p.age)} ${p.sex} presenting with ${p.chiefComplaint}. Symptoms reported on a full review of systems:`,
      bullets(p.symptoms),
      "Past medical history:",
      bullets(pmh, "no significant past medical history"),
      "Medications at home:",
      bullets(p.homeMedications.map((m) => `${m.name} — ${m.sig}`), "no regular medications"),
      "Social history:",
      bullets(p.history.social, "nothing of note"),
      "Family history:",
      bullets(p.history.family, "non-contributory"),
    ].join("\n");
  },
});

function vitalsLine(v: { hr: number; sbp: number; dbp: number; rr: number; tempC: number; spo2: number }): string {
  return `HR ${v.hr} /min; BP ${v.sbp}/${v.dbp} mmHg; RR ${v.rr} /min; Temp ${v.tempC.toFixed(1)} °C; SpO2 ${v.spo2}% on room air`;
}

export const getVitalSigns = defineTool({
  name: "get_vital_signs",
  description: "The latest set of vital signs: heart rate, blood pressure (with MAP), respiratory rate, temperature and oxygen saturation.",
  kind: "read",
  parameters: z.object({ patient_id: patientId }),
  execute({ patient_id }, ctx: Ctx) {
    const p = patientOf(ctx, patient_id);
    const v = p.vitals;
    const map = Math.round((v.sbp + 2 * v.dbp) / 3);
    return `Vital signs ${p.id} (latest): ${vitalsLine(v)}. MAP ${map} mmHg.`;
  },
});

export const getVitalSignsTrend = defineTool({
  name: "get_vital_signs_trend",
  description: "Vital signs recorded over the last hours (oldest first) with the direction of change of each parameter.",
  kind: "read",
  parameters: z.object({
    patient_id: patientId,
    hours: z.number().int().min(1).max(4).optional().describe("How many hours back to show (1-4, default 4)"),
  }),
  execute({ patient_id, hours }, ctx: Ctx) {
    const p = patientOf(ctx, patient_id);
    const rows = p.vitalsTrend.filter((r) => r.minutesAgo <= (hours ?? 4) * 60);
    const lines = rows.map((r) => `${r.minutesAgo === 0 ? "now     " : `-${String(r.minutesAgo).padStart(3)} min`}: ${vitalsLine(r)}`);
    const first = rows[0]!;
    const last = rows[rows.length - 1]!;
    const dir = (a: number, b: number, tol: number) => (b - a > tol ? "rising" : a - b > tol ? "falling" : "stable");
    lines.push(
      `Trend: HR ${dir(first.hr, last.hr, 8)} (${first.hr} -> ${last.hr}); SBP ${dir(first.sbp, last.sbp, 10)} (${first.sbp} -> ${last.sbp}); RR ${dir(first.rr, last.rr, 3)}; Temp ${dir(first.tempC, last.tempC, 0.4)}; SpO2 ${dir(first.spo2, last.spo2, 2)}.`,
    );
    return `Vital signs trend ${p.id}:\n${lines.join("\n")}`;
  },
});

export const performPhysicalExam = defineTool({
  name: "perform_physical_exam",
  description:
    "Examine the patient, system by system. Abnormal findings are listed as bullets under their system; a system with nothing abnormal reads as a normal examination. The neurological examination includes the Glasgow Coma Scale.",
  kind: "read",
  parameters: z.object({
    patient_id: patientId,
    systems: z.array(z.enum(EXAM_SYSTEMS)).min(1).max(EXAM_SYSTEMS.length).describe(`Systems to examine: ${EXAM_SYSTEMS.join(", ")}`),
  }),
  execute({ patient_id, systems }, ctx: Ctx) {
    const p = patientOf(ctx, patient_id);
    const by = new Map<ExamSystem, string[]>();
    for (const f of p.exam) {
      const s = examSystem(f);
      by.set(s, [...(by.get(s) ?? []), f]);
    }
    const wanted = EXAM_SYSTEMS.filter((s) => systems.includes(s));
    const out = [`Physical examination ${p.id}:`];
    for (const s of wanted) {
      const label = s === "heent" ? "HEENT" : s[0]!.toUpperCase() + s.slice(1);
      const found = by.get(s) ?? [];
      const gcs = s === "neurological" ? ` GCS ${p.gcs.total} (eyes: ${p.gcs.eye}; verbal: ${p.gcs.verbal}; motor: ${p.gcs.motor}).` : "";
      if (found.length === 0) out.push(`${label}: ${NORMAL_EXAM[s]}.${gcs}`);
      else out.push(`${label}:${gcs}\n${found.map((f) => `  • ${f}`).join("\n")}\n  (remainder of the ${label.toLowerCase()} examination unremarkable)`);
    }
    return out.join("\n");
  },
});

const CROSS_REACTIVITY: Record<string, string> = {
  penicillin: "cephalosporins ~1-2% (mainly shared side chains), carbapenems <1%, aztreonam negligible",
  cephalosporin: "penicillins: low (shared R1 side chains); carbapenems <1%",
  sulfonamide: "non-antibiotic sulfonamides (furosemide, thiazides): no meaningful cross-reactivity",
  nsaid: "other COX-1 inhibiting NSAIDs and aspirin in NSAID-exacerbated disease; COX-2 selective agents usually tolerated",
  opioid: "pseudo-allergy (histamine release) more common with morphine and codeine; synthetic opioids often tolerated",
  glycopeptide: "infusion reaction (flushing) is rate-related, not an IgE allergy; slower infusion usually tolerated",
};

export const getAllergyList = defineTool({
  name: "get_allergy_list",
  description: "The patient's verified allergy list: substance, reaction, allergy class and cross-reactivity notes.",
  kind: "read",
  parameters: z.object({ patient_id: patientId }),
  execute({ patient_id }, ctx: Ctx) {
    const p = patientOf(ctx, patient_id);
    if (p.allergies.length === 0) return `Allergies ${p.id}: no known drug allergies (verified with the patient on arrival).`;
    const lines = p.allergies.map((a, i) => {
      const label = allergyLabels([a.substance])[0] ?? a.substance;
      const cls = findDrug(label)?.allergyClass ?? label;
      const cross = CROSS_REACTIVITY[cls];
      const kind = /contrast/.test(a.substance) ? "contrast media" : /latex/.test(a.substance) ? "environmental" : "drug";
      return `${i + 1}. ${a.substance} — reaction: ${a.reaction}; type: ${kind} allergy; class: ${cls}${cross ? `; cross-reactivity: ${cross}` : ""}`;
    });
    return `Allergies ${p.id}:\n${lines.join("\n")}`;
  },
});

export const getMedications = defineTool({
  name: "get_medications",
  description: "The active medication list: home medications (with doses) and everything prescribed during this encounter.",
  kind: "read",
  parameters: z.object({ patient_id: patientId }),
  execute({ patient_id }, ctx: Ctx) {
    const p = patientOf(ctx, patient_id);
    const home = p.homeMedications.map((m) => `${m.name} — ${m.sig} (home medication${m.drugId ? "" : "; not in the hospital formulary"})`);
    const inpatient = ctx.state.prescriptions
      .filter((r) => r.patientId === p.id)
      .map((r) => `${r.drugName} — ${r.dose} ${r.route} ${r.frequency} (ordered this encounter, turn ${r.turn}${r.indication ? `, for ${r.indication}` : ""})`);
    return `Active medications ${p.id}:\n${bullets([...home, ...inpatient], "no active medications")}`;
  },
});

export const getImmunizationHistory = defineTool({
  name: "get_immunization_history",
  description: "Vaccines recorded in the immunisation registry with dates.",
  kind: "read",
  parameters: z.object({ patient_id: patientId }),
  execute({ patient_id }, ctx: Ctx) {
    const p = patientOf(ctx, patient_id);
    const rows = [...p.immunizations].sort((a, b) => b.date.localeCompare(a.date)).map((i) => `${i.date} ${i.vaccine}${i.note ? ` (${i.note})` : ""}`);
    return `Immunisation history ${p.id}:\n${bullets(rows, "no vaccinations recorded in the registry")}`;
  },
});

export const getClinicalNotes = defineTool({
  name: "get_clinical_notes",
  description: "Notes in the chart for this encounter: the triage note, the nursing note and any notes written since.",
  kind: "read",
  parameters: z.object({ patient_id: patientId }),
  execute({ patient_id }, ctx: Ctx) {
    const p = patientOf(ctx, patient_id);
    const written = ctx.state.notes.filter((n) => n.patientId === p.id).map((n) => `[${n.kind}, turn ${n.turn}] ${n.text}`);
    return [`Clinical notes ${p.id}:`, `[triage] ${p.triageNote}`, `[nursing] ${p.nursingNote}`, ...written].join("\n");
  },
});
