import { z } from "zod";
import { getCondition } from "../../src/clinical/conditions/index.js";
import { formatLabValue, loadLabs } from "../../src/clinical/labs/index.js";
import { defineTool, ToolError, type Tool, type ToolContext } from "../../src/env/index.js";
import { calculatorTool } from "../../src/tools/calculators.js";
import { thinkTool } from "../../src/tools/common.js";
import { DISPOSITIONS } from "../../src/clinical/conditions/index.js";
import { ED_AREAS, IMAGING_ORDERS, PROTOCOLS, type EdArea, type EdPatient, type EdState, type Protocol } from "./data-model.js";
import { dispositionForCase, esiForCase, factsOf, indicatedProtocols, sirsCount } from "./rules.js";
import { dangerZone, esiLevel, gcsTotal, qsofa, revisedTraumaScore, shockIndex } from "./scores.js";

type Ctx = ToolContext<EdState>;

const patientId = z.string().min(1).max(32).describe("ED patient identifier from the board, e.g. ED-4821");

function patient(ctx: Ctx, id: string): EdPatient {
  const p = ctx.state.patients[id];
  if (!p) throw new ToolError(`No patient "${id}" in the department. On the board: ${ctx.state.board.join(", ")}.`);
  return p;
}

/** Items are joined with "; " so each finding stays one unit for a reader (or a parser). */
const list = (xs: readonly string[], none = "none") => (xs.length ? xs.map((x) => x.replace(/;/g, ",")).join("; ") : none);

// ---------------------------------------------------------------------------------------------
// Renderers: pure functions of a patient, shared by the tools and by the task generator's checks.

export function renderPresentation(p: EdPatient): string {
  const lines = [
    `${p.id} ${p.name}, ${p.age} y ${p.sex}, ${p.weightKg} kg. Arrived ${p.arrival.time} by ${p.arrival.mode}.`,
    `Chief complaint: ${p.chiefComplaint}.`,
    p.lastKnownWellHours !== undefined ? `Last known well: ${p.lastKnownWellHours} h ago.` : `Onset: ${p.onsetHours} h ago.`,
  ];
  if (p.injury) lines.push(`Mechanism of injury: ${p.injury.mechanism} (${p.injury.penetrating ? "penetrating" : "blunt"}).`);
  if (p.tox.ingestionHours !== undefined) lines.push(`Reported ingestion ${p.tox.ingestionHours} h ago.`);
  lines.push(`Symptoms: ${list(p.symptoms)}.`, `Triage observation: ${list(p.exam)}.`, `Pain: ${p.painScore}/10.`);
  if (p.pregnancy) lines.push(`Pregnant: ${p.pregnancy.gestationalWeeks} weeks by dates.`);
  return lines.join("\n");
}

export function renderVitals(p: EdPatient): string {
  const v = p.vitals;
  return `HR ${v.hr} /min; BP ${v.sbp}/${v.dbp} mmHg; RR ${v.rr} /min; Temp ${v.tempC.toFixed(1)} °C; SpO2 ${v.spo2} % on room air.`;
}

export function renderAirwayBreathing(p: EdPatient): string {
  const v = p.vitals;
  const gcs = gcsTotal(p.gcs);
  const airway = gcs <= 8 ? "at risk: snoring respirations, pooled secretions, weak gag" : p.gcs.verbal === "oriented" ? "patent, speaking in full sentences" : "patent, maintaining own airway";
  const wob = v.spo2 < 90 || v.rr >= 30 ? "severe: accessory muscle use, speaks in words only" : v.rr > 22 || v.spo2 < 94 ? "increased: mild accessory muscle use, speaks in short phrases" : "normal";
  const skin = v.sbp < 90 ? "cool, clammy and mottled; capillary refill 4 s" : v.tempC >= 38 ? "warm and flushed; capillary refill 2 s" : "warm and dry; capillary refill < 2 s";
  return [
    `Airway: ${airway}.`,
    `Breathing: RR ${v.rr} /min, SpO2 ${v.spo2} % on room air; work of breathing ${wob}.`,
    `Circulation: pulse ${v.hr} /min; skin ${skin}.`,
    `Disability: eyes: ${p.gcs.eye}; verbal: ${p.gcs.verbal}; motor: ${p.gcs.motor}. Pupils: ${p.tox.pupils}.`,
  ].join("\n");
}

export function renderHistory(p: EdPatient): string {
  const allergies = p.allergies.length ? p.allergies.map((a) => `${a.substance} (${a.reaction})`).join("; ") : "no known drug allergies";
  return [
    `Past medical history: ${list(p.history.pmh)}.`,
    `Medications: ${list(p.history.medications)}.`,
    `Allergies: ${allergies}.`,
    `Social: ${list(p.history.social)}.`,
    `Family: ${list(p.history.family)}.`,
  ].join("\n");
}

export const STAT_PANELS = ["cbc", "bmp", "lft", "chemistry", "cardiac", "coag", "abg", "inflammatory", "thyroid", "endocrine", "urinalysis", "pregnancy", "csf", "iron", "lipid"] as const;
export type StatPanel = (typeof STAT_PANELS)[number];

export function renderLabs(p: EdPatient, panels: readonly StatPanel[]): string {
  const byPanel = new Map<string, string[]>();
  for (const lab of loadLabs()) {
    if (!panels.includes(lab.panel as StatPanel)) continue;
    const v = p.labs[lab.key];
    if (v === undefined) continue;
    const arr = byPanel.get(lab.panel) ?? [];
    arr.push(formatLabValue(lab.key, v));
    byPanel.set(lab.panel, arr);
  }
  return panels.map((panel) => `${panel.toUpperCase()}: ${(byPanel.get(panel) ?? ["no analytes"]).join("; ")}`).join("\n");
}

export const MODALITY_LABEL: Record<(typeof IMAGING_ORDERS)[number], string> = {
  ecg: "12-lead ECG",
  xray: "Plain radiograph",
  ct: "CT",
  cta: "CT angiography",
  ultrasound: "Ultrasound",
  mri: "MRI",
  echo: "Echocardiogram",
};

export function renderImaging(p: EdPatient, modality: (typeof IMAGING_ORDERS)[number]): string {
  const found = p.imaging.filter((i) => i.modality === modality);
  if (!found.length) return `${MODALITY_LABEL[modality]}: no acute abnormality.`;
  return `${MODALITY_LABEL[modality]}: ${found.map((f) => `${f.region}: ${f.finding}`).join("; ")}.`;
}

export function renderToxicology(p: EdPatient): string {
  const t = p.tox;
  return [
    `Toxidrome: ${t.toxidrome}. Pupils: ${t.pupils}.`,
    `Serum ethanol: ${t.ethanolMgDl > 0 ? `${t.ethanolMgDl} mg/dL` : "not detected"}.`,
    `Acetaminophen: ${t.acetaminophen > 0 ? `${t.acetaminophen} µg/mL` : "not detected (< 10 µg/mL)"}.`,
    `Salicylate: ${t.salicylate > 0 ? `${t.salicylate} mg/dL` : "not detected (< 2 mg/dL)"}.`,
    `Urine drug screen: ${t.urineDrugScreen.length ? `positive for ${t.urineDrugScreen.join(", ")}` : "negative"}.`,
  ].join("\n");
}

// ---------------------------------------------------------------------------------------------
// Information tools

export const getPatientPresentation = defineTool({
  name: "get_patient_presentation",
  description: "Triage presentation of an ED patient: arrival, chief complaint, onset or last-known-well time, symptoms, what the triage nurse observes, pain score, pregnancy.",
  kind: "read",
  parameters: z.object({ patient_id: patientId }),
  execute: ({ patient_id }, ctx: Ctx) => renderPresentation(patient(ctx, patient_id)),
});

export const getVitalSigns = defineTool({
  name: "get_vital_signs",
  description: "Triage vital signs: heart rate, blood pressure, respiratory rate, temperature, SpO2 on room air.",
  kind: "read",
  parameters: z.object({ patient_id: patientId }),
  execute: ({ patient_id }, ctx: Ctx) => renderVitals(patient(ctx, patient_id)),
});

export const assessAirwayBreathing = defineTool({
  name: "assess_airway_breathing",
  description: "Primary survey (ABCD): airway patency, breathing and work of breathing, circulation and skin, disability with the GCS eye/verbal/motor responses and pupils.",
  kind: "read",
  parameters: z.object({ patient_id: patientId }),
  execute: ({ patient_id }, ctx: Ctx) => renderAirwayBreathing(patient(ctx, patient_id)),
});

export const getMedicalHistory = defineTool({
  name: "get_medical_history",
  description: "Past medical history, home medications, allergies, social and family history.",
  kind: "read",
  parameters: z.object({ patient_id: patientId }),
  execute: ({ patient_id }, ctx: Ctx) => renderHistory(patient(ctx, patient_id)),
});

export const getEdStatus = defineTool({
  name: "get_ed_status",
  description: "Department status board: patients on the board, beds free per area (resuscitation, acute, fast track, waiting room), waiting and boarding counts.",
  kind: "read",
  parameters: z.object({}),
  execute(_args, ctx: Ctx) {
    const s = ctx.state;
    const placed = new Map(s.placements.map((x) => [x.patientId, x]));
    const rows = s.board.map((id) => {
      const p = s.patients[id];
      const at = placed.get(id);
      return `${id}: ${p.age} y ${p.sex}, ${p.chiefComplaint}, arrived ${p.arrival.time}${at ? `, in ${at.area.replace("_", " ")} bed ${at.bed}` : ", awaiting triage"}`;
    });
    const beds = (Object.keys(s.beds) as EdArea[]).map((a) => `${a.replace("_", " ")} ${s.beds[a].total - s.beds[a].occupied}/${s.beds[a].total} free`);
    return [`Board:`, ...rows, `Beds: ${beds.join("; ")}.`, `Waiting to be seen: ${s.waitingCount}; admitted patients boarding in the ED: ${s.boarding}.`].join("\n");
  },
});

const PROTOCOL_TEXT: Record<Protocol, string> = {
  stemi:
    "STEMI alert. Criteria: ischaemic symptoms with ST elevation >= 1 mm in two contiguous leads (>= 2 mm in V2-V3 in men >= 40 y) or new LBBB with Sgarbossa criteria. Targets: ECG within 10 min of arrival, door-to-balloon <= 90 min (fibrinolysis within 30 min if PCI cannot be done within 120 min). Team: interventional cardiology, cath lab. First actions: aspirin 325 mg chewed, P2Y12 inhibitor, heparin, continuous monitoring.",
  stroke:
    "Stroke code. Criteria: new focal neurological deficit with last known well within 24 h (IV thrombolysis up to 4.5 h, endovascular thrombectomy up to 24 h for large-vessel occlusion). Targets: door-to-CT <= 20 min, door-to-needle <= 60 min. Team: stroke neurology, CT, pharmacy. First actions: glucose check, non-contrast CT head and CT angiography, NIHSS, keep BP <= 185/110 if thrombolysis is considered.",
  sepsis:
    "Sepsis alert (severe sepsis screen). Criteria: suspected infection plus >= 2 SIRS criteria (T > 38 or < 36 °C, HR > 90, RR > 20 or PaCO2 < 32, WBC > 12 or < 4 x10^9/L or bands > 10 %) plus organ dysfunction or hypoperfusion (lactate >= 2 mmol/L, SBP < 90 mmHg, or qSOFA >= 2). Hour-1 bundle: lactate, blood cultures before antibiotics, broad-spectrum antibiotics, 30 mL/kg crystalloid for hypotension or lactate >= 4, vasopressors for MAP < 65 after fluids.",
  trauma:
    "Trauma team activation. Criteria (ACS field triage, physiological/anatomical): GCS <= 13, SBP < 90 mmHg, RR < 10 or > 29, penetrating injury to head, neck, torso or proximal extremities. Targets: team at the bedside on arrival, primary survey, FAST, chest and pelvis films. Team: trauma surgery, anaesthesia, radiology, blood bank.",
  massive_transfusion:
    "Massive transfusion protocol. Criteria: active haemorrhage with shock (SBP < 90 mmHg and HR > 120, or shock index >= 1.4) or ongoing need for > 4 units of red cells in the first hour. Actions: balanced 1:1:1 plasma:platelets:red cells, tranexamic acid within 3 h of injury or bleed onset, keep calcium and temperature normal, source control.",
  pulmonary_embolism_response:
    "Pulmonary embolism response team (PERT). Criteria: confirmed or strongly suspected PE with haemodynamic instability (SBP < 90 mmHg for 15 min or needing vasopressors, cardiac arrest) - high-risk (massive) PE. Actions: systemic thrombolysis unless contraindicated, or catheter-directed therapy/surgical embolectomy; anticoagulation with unfractionated heparin.",
};

export const checkProtocol = defineTool({
  name: "check_protocol",
  description: "Read the department's activation criteria, time targets and first actions for an emergency protocol.",
  kind: "read",
  parameters: z.object({ protocol: z.enum(PROTOCOLS).describe("which emergency protocol to read") }),
  execute: ({ protocol }) => PROTOCOL_TEXT[protocol],
});

export const orderStatLabs = defineTool({
  name: "order_stat_labs",
  description: "Order stat laboratory panels and get the results (adult reference ranges; H/L abnormal, HH/LL critical). Panels: cbc, bmp, lft, chemistry (Mg, phosphate, lipase, amylase, ammonia, CK, LDH, urate), cardiac (troponins, BNP), coag (INR, PTT, fibrinogen, D-dimer), abg (blood gas, lactate), inflammatory (CRP, procalcitonin, ESR), thyroid, endocrine (ketones, HbA1c, cortisol), urinalysis, pregnancy (hCG), csf (lumbar puncture), iron, lipid.",
  kind: "write",
  parameters: z.object({
    patient_id: patientId,
    panels: z.array(z.enum(STAT_PANELS)).min(1).max(8).describe("lab panels to draw"),
  }),
  execute({ patient_id, panels }, ctx: Ctx) {
    const p = patient(ctx, patient_id);
    const uniq = [...new Set(panels)];
    ctx.state.orders.push({ patientId: p.id, kind: "labs", items: uniq, turn: ctx.turn });
    ctx.record({ type: "order", code: "stat_labs", detail: `${p.id}: ${uniq.join(", ")}` });
    return renderLabs(p, uniq);
  },
});

export const orderImaging = defineTool({
  name: "order_imaging",
  description: "Order a bedside or radiology study and get the preliminary read: ecg, xray, ct, cta (iodinated contrast), ultrasound, mri, echo.",
  kind: "write",
  parameters: z.object({
    patient_id: patientId,
    modality: z.enum(IMAGING_ORDERS).describe("study to perform"),
    indication: z.string().min(1).max(300).optional().describe("clinical question for the radiologist"),
  }),
  execute({ patient_id, modality }, ctx: Ctx) {
    const p = patient(ctx, patient_id);
    ctx.state.orders.push({ patientId: p.id, kind: "imaging", items: [modality], turn: ctx.turn });
    ctx.record({ type: "order", code: `imaging_${modality}`, detail: p.id });
    if (modality === "cta" && p.allergies.some((a) => /contrast/i.test(a.substance))) {
      ctx.record({ type: "safety", code: "contrast_allergy", severity: "major", detail: `${p.id}: contrast study ordered despite an iodinated-contrast allergy without premedication` });
    }
    return renderImaging(p, modality);
  },
});

function labsResulted(ctx: Ctx, id: string, panel: StatPanel): boolean {
  return ctx.state.orders.some((o) => o.patientId === id && o.kind === "labs" && o.items.includes(panel));
}

export const screenSepsis = defineTool({
  name: "screen_sepsis",
  description: "Nurse-driven severe-sepsis screen from the chart: SIRS criteria, qSOFA, lactate and hypotension, given whether infection is suspected. WBC/bands need a CBC and lactate/PaCO2 a blood gas already ordered.",
  kind: "read",
  parameters: z.object({
    patient_id: patientId,
    suspected_infection: z.boolean().describe("whether the clinician suspects an infection"),
    suspected_source: z.string().max(200).optional().describe("suspected source, e.g. urinary, pulmonary, abdominal"),
  }),
  execute({ patient_id, suspected_infection, suspected_source }, ctx: Ctx) {
    const p = patient(ctx, patient_id);
    const v = p.vitals;
    const cbc = labsResulted(ctx, p.id, "cbc");
    const abg = labsResulted(ctx, p.id, "abg");
    const labs = { wbc: cbc ? p.labs.wbc : undefined, bands: cbc ? p.labs.bands : undefined, pco2: abg ? p.labs.pco2 : undefined };
    const sirs = sirsCount(v, labs);
    const q = qsofa(v.rr, v.sbp, gcsTotal(p.gcs));
    const lactate = abg ? p.labs.lactate : undefined;
    const lines = [
      `Suspected infection: ${suspected_infection ? `yes${suspected_source ? ` (${suspected_source})` : ""}` : "no"}.`,
      `SIRS criteria met: ${sirs}/4 (T ${v.tempC.toFixed(1)} °C, HR ${v.hr}, RR ${v.rr}, WBC ${labs.wbc ?? "not resulted"}, bands ${labs.bands ?? "not resulted"}, PaCO2 ${labs.pco2 ?? "not resulted"}).`,
      `qSOFA ${q.score}/3. Lactate: ${lactate !== undefined ? `${lactate} mmol/L` : "not resulted (order a blood gas)"}. SBP ${v.sbp} mmHg.`,
    ];
    if (!suspected_infection) lines.push("Screen: NEGATIVE (no suspected infection).");
    else if (!cbc || !abg) lines.push(`Screen: INCOMPLETE (order ${[!cbc ? "cbc" : "", !abg ? "abg" : ""].filter(Boolean).join(" and ")} to finish the screen).`);
    else {
      const organ = (lactate ?? 0) >= 2 || v.sbp < 90 || q.score >= 2;
      lines.push(sirs >= 2 && organ ? "Screen: POSITIVE for severe sepsis - activate the sepsis protocol." : "Screen: NEGATIVE for severe sepsis; re-screen if the patient changes.");
    }
    return lines.join("\n");
  },
});

export const checkToxicology = defineTool({
  name: "check_toxicology",
  description: "Toxicology work-up: toxidrome and pupils at the bedside, serum ethanol, acetaminophen and salicylate levels, urine drug screen.",
  kind: "read",
  parameters: z.object({ patient_id: patientId }),
  execute: ({ patient_id }, ctx: Ctx) => renderToxicology(patient(ctx, patient_id)),
});

// ---------------------------------------------------------------------------------------------
// Scores

export const calculateEsiLevel = defineTool({
  name: "calculate_esi_level",
  description: "Emergency Severity Index v4 algorithm: decision points A (life-saving intervention), B (high risk / confused / severe pain), C (expected resources) and D (age-specific danger-zone vitals). Returns the level 1-5 and the path taken.",
  kind: "read",
  category: "calculator",
  parameters: z.object({
    requires_lifesaving_intervention: z.boolean().describe("needs an immediate airway, breathing, haemodynamic or emergency-medication intervention"),
    high_risk_situation: z.boolean().describe("a presentation that should not wait (e.g. possible ACS, stroke, sepsis, ectopic)"),
    new_confusion_lethargy_or_disorientation: z.boolean().describe("acute change in mental status"),
    severe_pain_or_distress: z.boolean().describe("pain >= 7/10 or severe psychological distress"),
    expected_resources: z.number().int().min(0).max(10).describe("number of different resource types expected (labs, ECG/x-ray, CT/MRI/US, IV fluids, IV/IM/nebulised medication, consultation, procedure)"),
    heart_rate: z.number().min(0).max(300).describe("beats/min"),
    respiratory_rate: z.number().min(0).max(100).describe("breaths/min"),
    spo2: z.number().min(0).max(100).describe("oxygen saturation, %"),
    age_years: z.number().min(0).max(120).describe("age in years (danger-zone thresholds are age-specific)"),
  }),
  execute(a) {
    const r = esiLevel({
      lifesavingIntervention: a.requires_lifesaving_intervention,
      highRiskSituation: a.high_risk_situation,
      confusedLethargicDisoriented: a.new_confusion_lethargy_or_disorientation,
      severePainOrDistress: a.severe_pain_or_distress,
      expectedResources: a.expected_resources,
      heartRate: a.heart_rate,
      respiratoryRate: a.respiratory_rate,
      spo2: a.spo2,
      ageYears: a.age_years,
    });
    const dz = dangerZone(a.age_years);
    return `ESI level ${r.level}.\n${r.path.join("\n")}\n(Danger zone for age ${a.age_years}: HR > ${dz.hr}, RR > ${dz.rr}, SpO2 < 92 %.)`;
  },
});

export const calculateQsofa = defineTool({
  name: "calculate_qsofa",
  description: "quick SOFA: respiratory rate >= 22, altered mentation (GCS < 15), systolic BP <= 100; >= 2 flags high risk of poor outcome in suspected infection.",
  kind: "read",
  category: "calculator",
  parameters: z.object({
    respiratory_rate: z.number().min(0).max(100).describe("breaths/min"),
    systolic_bp: z.number().min(0).max(300).describe("mmHg"),
    gcs: z.number().int().min(3).max(15).describe("Glasgow Coma Scale total"),
  }),
  execute({ respiratory_rate, systolic_bp, gcs }) {
    const q = qsofa(respiratory_rate, systolic_bp, gcs);
    return `qSOFA ${q.score}/3 (RR >= 22: ${q.parts.respiratoryRate}, altered mentation: ${q.parts.alteredMentation}, SBP <= 100: ${q.parts.systolicBp}). ${q.positive ? "Positive: high risk of poor outcome; assess for organ dysfunction." : "Negative."}`;
  },
});

export const calculateTraumaScore = defineTool({
  name: "calculate_trauma_score",
  description: "Revised Trauma Score from GCS, systolic BP and respiratory rate (coded 0-4 each): weighted RTS 0-7.84 and triage T-RTS 0-12 (<= 11 suggests a trauma centre).",
  kind: "read",
  category: "calculator",
  parameters: z.object({
    gcs: z.number().int().min(3).max(15).describe("Glasgow Coma Scale total"),
    systolic_bp: z.number().min(0).max(300).describe("mmHg"),
    respiratory_rate: z.number().min(0).max(100).describe("breaths/min"),
  }),
  execute({ gcs, systolic_bp, respiratory_rate }) {
    const r = revisedTraumaScore(gcs, systolic_bp, respiratory_rate);
    return `Revised Trauma Score ${r.rts.toFixed(4)} (coded GCS ${r.coded.gcs}, SBP ${r.coded.sbp}, RR ${r.coded.rr}; RTS = 0.9368 x ${r.coded.gcs} + 0.7326 x ${r.coded.sbp} + 0.2908 x ${r.coded.rr}). Triage T-RTS ${r.triageRts}/12${r.triageRts <= 11 ? ": meets the trauma-centre threshold (<= 11)" : ""}.`;
  },
});

export const calculateShockIndex = defineTool({
  name: "calculate_shock_index",
  description: "Shock index = heart rate / systolic BP; > 1.0 suggests shock, >= 1.4 severe (haemorrhagic) shock.",
  kind: "read",
  category: "calculator",
  parameters: z.object({
    heart_rate: z.number().min(1).max(300).describe("beats/min"),
    systolic_bp: z.number().min(1).max(300).describe("mmHg"),
  }),
  execute({ heart_rate, systolic_bp }) {
    const s = shockIndex(heart_rate, systolic_bp);
    return `Shock index ${s.value.toFixed(2)} (${heart_rate}/${systolic_bp}): ${s.band}.`;
  },
});

// ---------------------------------------------------------------------------------------------
// Actions

export const activateEmergencyProtocol = defineTool({
  name: "activate_emergency_protocol",
  description: "Activate an emergency protocol for a patient (pages the team and starts the clock).",
  kind: "write",
  parameters: z.object({
    patient_id: patientId,
    protocol: z.enum(PROTOCOLS).describe("protocol to activate"),
    reason: z.string().min(1).max(500).optional().describe("criteria met"),
  }),
  execute({ patient_id, protocol }, ctx: Ctx) {
    const p = patient(ctx, patient_id);
    if (ctx.state.activations.some((a) => a.patientId === p.id && a.protocol === protocol)) {
      return `${protocol} protocol already active for ${p.id}.`;
    }
    ctx.state.activations.push({ patientId: p.id, protocol, turn: ctx.turn });
    ctx.record({ type: "referral", code: `protocol_${protocol}`, detail: p.id });
    const indicated = indicatedProtocols(getCondition(p.conditionId), factsOf(p));
    if (!indicated.includes(protocol)) {
      ctx.record({ type: "safety", code: "unindicated_protocol_activation", severity: "minor", detail: `${p.id}: ${protocol} activated without meeting its criteria` });
    }
    const team: Record<Protocol, string> = {
      stemi: "interventional cardiology and the cath lab team paged; door-to-balloon clock started",
      stroke: "stroke team paged, CT scanner held; door-to-needle clock started",
      sepsis: "sepsis bundle started: lactate, cultures, antibiotics within the hour",
      trauma: "trauma team paged to the resuscitation bay",
      massive_transfusion: "blood bank preparing cooler 1 (4 RBC : 4 plasma : 1 platelet pool)",
      pulmonary_embolism_response: "PERT paged: critical care, cardiology and interventional radiology",
    };
    return `${protocol.replace(/_/g, " ")} protocol activated for ${p.id}: ${team[protocol]}.`;
  },
});

const BED_PREFIX: Record<EdArea, string> = { resuscitation: "R", acute: "A", fast_track: "FT", waiting_room: "WR" };

export const getBedAssignment = defineTool({
  name: "get_bed_assignment",
  description: "Place a triaged patient in a department area (resuscitation, acute, fast_track, waiting_room) and get the bed assigned.",
  kind: "write",
  parameters: z.object({
    patient_id: patientId,
    area: z.enum(ED_AREAS).describe("department area"),
  }),
  execute({ patient_id, area }, ctx: Ctx) {
    const p = patient(ctx, patient_id);
    const beds = ctx.state.beds[area];
    if (area !== "resuscitation" && beds.occupied >= beds.total) throw new ToolError(`No ${area.replace("_", " ")} bed is free; choose another area.`);
    beds.occupied = Math.min(beds.total, beds.occupied + 1);
    const bed = `${BED_PREFIX[area]}${area === "resuscitation" ? Math.min(beds.total, beds.occupied) : beds.occupied}`;
    ctx.state.placements = ctx.state.placements.filter((x) => x.patientId !== p.id);
    ctx.state.placements.push({ patientId: p.id, area, bed, turn: ctx.turn });
    ctx.record({ type: "order", code: `placement_${area}`, detail: `${p.id} -> ${bed}` });
    const esi = esiForCase(getCondition(p.conditionId), factsOf(p)).level;
    if (esi <= 2 && (area === "fast_track" || area === "waiting_room")) {
      ctx.record({ type: "safety", code: "unsafe_placement", severity: esi === 1 ? "critical" : "major", detail: `${p.id}: ESI ${esi} patient placed in ${area}` });
    }
    return `${p.id} placed in ${area.replace("_", " ")} bed ${bed}.`;
  },
});

export const QUESTIONS = ["esi", "diagnosis", "disposition", "protocol"] as const;
export type TriageQuestion = (typeof QUESTIONS)[number];

export const submitAnswer = defineTool({
  name: "submit_answer",
  description: "Submit the triage decision the ticket asks for (esi_level, diagnosis, disposition or protocol) and end the episode.",
  kind: "terminal",
  parameters: z.object({
    esi_level: z.number().int().min(1).max(5).optional().describe("ESI triage level 1-5, when the ticket asks for the triage level"),
    diagnosis: z.string().min(1).max(200).optional().describe("working diagnosis, when the ticket asks for it"),
    disposition: z.enum(DISPOSITIONS).optional().describe("where the patient goes from the ED, when the ticket asks for it"),
    protocol: z.enum([...PROTOCOLS, "none"]).optional().describe("emergency protocol this patient needs (none if no criteria are met), when the ticket asks for it"),
    rationale: z.string().max(2000).optional().describe("short justification"),
  }),
  execute(a, ctx: Ctx) {
    const question = ctx.task.meta?.question as TriageQuestion | undefined;
    const field = { esi: "esi_level", diagnosis: "diagnosis", disposition: "disposition", protocol: "protocol" }[question ?? "diagnosis"] as keyof typeof a;
    const value = a[field];
    if (value === undefined) throw new ToolError(`This ticket asks for the ${question === "esi" ? "ESI level" : question}: pass \`${field}\`.`);
    const p = ctx.task.caseId ? ctx.state.patients[ctx.task.caseId] : undefined;
    if (p) {
      const condition = getCondition(p.conditionId);
      const facts = factsOf(p);
      const missing = indicatedProtocols(condition, facts).filter((pr) => !ctx.state.activations.some((x) => x.patientId === p.id && x.protocol === pr));
      for (const pr of missing) ctx.record({ type: "safety", code: "missed_emergency_protocol", severity: "critical", detail: `${p.id}: ${pr} criteria met but the protocol was not activated` });
      const esi = esiForCase(condition, facts).level;
      const needed = dispositionForCase(condition, facts);
      const home = (d: unknown) => d === "discharge" || d === "outpatient_followup";
      if (question === "disposition" && home(value) && (esi === 1 || !home(needed))) {
        ctx.record({ type: "safety", code: "unsafe_discharge", severity: "critical", detail: `${p.id}: ESI ${esi} patient who needs ${needed.replace(/_/g, " ")} sent home` });
      }
    }
    const submitted = question === "esi" ? `ESI ${value}` : String(value);
    if (question === "diagnosis") ctx.record({ type: "diagnosis", code: "working_diagnosis", detail: String(value).slice(0, 120) });
    ctx.submit(submitted);
    return `Submitted ${field.replace("_", " ")}: ${submitted}.`;
  },
});

export const TRIAGE_TOOLS: Tool<EdState>[] = [
  getPatientPresentation,
  getVitalSigns,
  assessAirwayBreathing,
  getMedicalHistory,
  calculatorTool<EdState>("gcs", { name: "calculate_gcs", description: "Glasgow Coma Scale from the best eye, verbal and motor responses (3-15)." }),
  calculateEsiLevel,
  calculatorTool<EdState>("sirs", { name: "calculate_sirs_criteria", description: "SIRS criteria (temperature, heart rate, respiratory rate or PaCO2, WBC or bands; WBC in cells/µL). Returns how many of the 4 are met." }),
  calculateQsofa,
  calculateTraumaScore,
  calculatorTool<EdState>("heart_score", { name: "calculate_heart_score" }),
  calculateShockIndex,
  getEdStatus,
  checkProtocol,
  orderStatLabs,
  orderImaging,
  screenSepsis,
  checkToxicology,
  activateEmergencyProtocol,
  getBedAssignment,
  thinkTool<EdState>(),
  submitAnswer,
];
