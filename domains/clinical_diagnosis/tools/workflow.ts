/**
 * Reasoning and workflow tools: differential diagnosis, guideline and literature search, notes,
 * recorded diagnoses, specialist transfer, and the terminal submit_answer.
 */
import { z } from "zod";
import { defineTool, ToolError } from "../../../src/env/index.js";
import { guidelinesForCondition, searchGuidelinesText, type Guideline } from "../../../src/clinical/guidelines/index.js";
import { hasLab, loadLabs } from "../../../src/clinical/labs/index.js";
import { conditionByName, diagnosisCandidates, ecgYield, norm, rankConditions, SERVICES, suggestLabs, suggestStudies, type Evidence } from "../knowledge.js";
import { guidelineIndex, guidelineSummary, literatureIndex, snippet } from "../literature.js";
import { resolveTest } from "./orders.js";
import { patientId, patientOf, type Ctx } from "./common.js";

/** A lab given by key, name or single-analyte alias, as a catalogue key. */
export function labKeyOf(name: string): string | undefined {
  if (hasLab(name)) return name;
  const byName = loadLabs().find((l) => norm(l.name) === norm(name));
  if (byName) return byName.key;
  const r = resolveTest(name);
  return r && r.length === 1 ? r[0] : undefined;
}

const vitalsSchema = z
  .object({
    hr: z.number().min(10).max(300).optional().describe("heart rate, /min"),
    sbp: z.number().min(30).max(300).optional().describe("systolic BP, mmHg"),
    dbp: z.number().min(10).max(200).optional().describe("diastolic BP, mmHg"),
    rr: z.number().min(2).max(80).optional().describe("respiratory rate, /min"),
    temp_c: z.number().min(25).max(45).optional().describe("temperature, °C"),
    spo2: z.number().min(30).max(100).optional().describe("oxygen saturation, %"),
  })
  .strict();

export const getDifferentialDiagnosis = defineTool({
  name: "get_differential_diagnosis",
  description:
    "Rank the diagnoses that best explain a set of findings (Bayesian match against the clinical knowledge base of condition profiles). Give the positive findings as short phrases (symptoms, history, exam and imaging findings), and optionally demographics, vitals and lab values. Returns the leading diagnoses with probabilities and the tests that would best separate them.",
  kind: "read",
  parameters: z.object({
    findings: z.array(z.string().min(2).max(200)).min(1).max(80).describe("Positive findings, e.g. [\"pleuritic chest pain\", \"unilateral calf swelling or tenderness\"]"),
    negatives: z.array(z.string().min(2).max(200)).max(40).optional().describe("Pertinent negatives: findings looked for and absent"),
    age: z.number().min(0).max(120).optional().describe("Age in years"),
    sex: z.enum(["female", "male"]).optional().describe("Sex"),
    pregnant: z.boolean().optional().describe("Currently pregnant"),
    chief_complaint: z.string().max(200).optional().describe("The presenting complaint in the patient's words"),
    vitals: vitalsSchema.optional().describe("Latest vital signs"),
    labs: z.record(z.string().max(60), z.number()).optional().describe("Lab values by analyte key or name in catalogue units, e.g. {\"lipase\": 950, \"wbc\": 14.2}"),
    complete_review: z.boolean().optional().describe("True if the findings come from a complete history and examination, so a diagnosis's typical features that are absent count against it"),
    top_k: z.number().int().min(3).max(10).optional().describe("How many diagnoses to list (default 5)"),
  }),
  execute(a) {
    const labs: Record<string, number> = {};
    const unknownLabs: string[] = [];
    for (const [k, v] of Object.entries(a.labs ?? {})) {
      const key = labKeyOf(k);
      if (key) labs[key] = v;
      else unknownLabs.push(k);
    }
    const ev: Evidence = {
      age: a.age,
      sex: a.sex,
      pregnant: a.pregnant,
      chiefComplaint: a.chief_complaint,
      findings: a.findings,
      negatives: a.negatives,
      vitals: a.vitals ? { hr: a.vitals.hr, sbp: a.vitals.sbp, dbp: a.vitals.dbp, rr: a.vitals.rr, tempC: a.vitals.temp_c, spo2: a.vitals.spo2 } : undefined,
      labs,
      complete: a.complete_review ? { findings: true } : undefined,
    };
    const candidates = diagnosisCandidates();
    const ranked = rankConditions(ev, candidates);
    const k = a.top_k ?? 5;
    const nVitals = Object.values(ev.vitals ?? {}).filter((x) => x !== undefined).length;
    const lines = [`Differential diagnosis (${a.findings.length} findings, ${nVitals} vitals, ${Object.keys(labs).length} lab values matched against ${candidates.length} condition profiles):`];
    ranked.slice(0, k).forEach((r, i) => {
      const pct = r.posterior >= 0.001 ? `${(r.posterior * 100).toFixed(1)}%` : "<0.1%";
      lines.push(`${i + 1}. ${r.condition.name} [${r.condition.icd10}] ${pct}${r.supporting.length ? ` — supported by: ${r.supporting.join("; ")}` : ""}`);
    });
    const labsNext = suggestLabs(ranked, new Set(Object.keys(labs)));
    const studies = suggestStudies(ranked, []).slice(0, 3);
    lines.push(`Suggested labs: ${labsNext.length ? labsNext.join(", ") : "none beyond those given"}`);
    lines.push(`Suggested imaging: ${studies.length ? studies.map((s) => `${s.modality} ${s.region}`).join("; ") : "none"}`);
    lines.push(`ECG: ${ecgYield(ranked) >= 0.15 ? "recommended (leading diagnoses have ECG findings)" : "low yield"}`);
    if (unknownLabs.length) lines.push(`Ignored unknown lab names: ${unknownLabs.join(", ")}`);
    return lines.join("\n");
  },
});

function formatGuideline(g: Guideline): string {
  return [`Guideline: ${g.title} (${g.source})`, "Key points:", ...g.keyPoints.map((p) => `- ${p}`)].join("\n");
}

export const searchClinicalGuidelines = defineTool({
  name: "search_clinical_guidelines",
  description:
    "Search guideline summaries by condition or topic: the guideline's key points where the project has one, and the condition's management summary (recognition, first-line drugs and interventions, drugs to avoid, red flags, disposition).",
  kind: "read",
  parameters: z.object({
    query: z.string().min(2).max(200).describe("Condition or topic, e.g. \"acute pancreatitis management\""),
    max_results: z.number().int().min(1).max(3).optional().describe("Number of summaries (default 1)"),
  }),
  execute({ query, max_results }) {
    const k = max_results ?? 1;
    const stripped = query.replace(/\b(management|treatment|therapy|guidelines?|diagnosis|work ?up|of|for)\b/gi, " ").replace(/\s+/g, " ").trim();
    const condition = conditionByName(stripped) ?? conditionByName(query);
    // Guidelines that list the condition, most relevant to the query first (a sepsis query should
    // open the sepsis bundle, not the triage scale that also lists sepsis).
    const relevance = new Map(searchGuidelinesText(`${condition?.name ?? ""} ${query}`, 100).map((h) => [h.guideline.id, h.score]));
    const guidelines = condition
      ? guidelinesForCondition(condition.id).sort((a, b) => (relevance.get(b.id) ?? 0) - (relevance.get(a.id) ?? 0))
      : searchGuidelinesText(query, k).map((h) => h.guideline);
    const out = guidelines.slice(0, k).map(formatGuideline);
    const profiles = condition ? [condition] : guidelineIndex().search(query, k).map((h) => h.item);
    for (const c of profiles) if (out.length < k || condition) out.push(`Management summary: ${guidelineSummary(c)}`);
    if (out.length === 0) throw new ToolError(`No guideline matches "${query}". Search by a condition name or a clinical topic.`);
    return out.join("\n\n");
  },
});

export const searchMedicalLiterature = defineTool({
  name: "search_medical_literature",
  description: "Search PubMed abstracts (BC5CDR collection: drug-induced disease and toxicity literature) and return titles, PMIDs and the most relevant sentence.",
  kind: "read",
  parameters: z.object({
    query: z.string().min(2).max(200).describe("Keywords, e.g. \"amiodarone pulmonary toxicity\""),
    max_results: z.number().int().min(1).max(5).optional().describe("Number of abstracts (default 3)"),
  }),
  async execute({ query, max_results }) {
    let index;
    try {
      index = await literatureIndex();
    } catch (e) {
      // A missing data mirror is an environment problem the agent cannot fix: say so and go on.
      throw new ToolError(`Literature search is unavailable here (${(e as Error).message.split("\n")[0]}).`);
    }
    const hits = index.search(query, max_results ?? 3);
    if (hits.length === 0) return `No abstracts match "${query}".`;
    return hits.map((h, i) => `${i + 1}. PMID ${h.item.pmid}: ${h.item.title}\n   ${snippet(h.item.abstract, query)}`).join("\n");
  },
});

export const addClinicalNote = defineTool({
  name: "add_clinical_note",
  description: "Write a note in the patient's chart (progress note, assessment and plan, procedure, handover).",
  kind: "write",
  parameters: z.object({
    patient_id: patientId,
    note_type: z.enum(["progress", "assessment_and_plan", "procedure", "handover"]).describe("Kind of note"),
    text: z.string().min(1).max(4000).describe("The note"),
  }),
  execute({ patient_id, note_type, text }, ctx: Ctx) {
    const p = patientOf(ctx, patient_id);
    ctx.state.notes.push({ patientId: p.id, kind: note_type, text, turn: ctx.turn });
    ctx.record({ type: "note", code: `note_${note_type}`, detail: `${p.id}: ${text.slice(0, 100)}` });
    return `${note_type.replace(/_/g, " ")} note saved to ${p.id}'s chart (${ctx.state.notes.filter((n) => n.patientId === p.id).length} note(s) this encounter).`;
  },
});

export const recordDiagnosis = defineTool({
  name: "record_diagnosis",
  description: "Record a working or confirmed diagnosis in the patient's problem list.",
  kind: "write",
  parameters: z.object({
    patient_id: patientId,
    diagnosis: z.string().min(2).max(200).describe("Diagnosis name"),
    icd10: z.string().max(10).optional().describe("ICD-10-CM code"),
    certainty: z.enum(["working", "confirmed"]).optional().describe("working (default) or confirmed"),
  }),
  execute({ patient_id, diagnosis, icd10, certainty }, ctx: Ctx) {
    const p = patientOf(ctx, patient_id);
    const c = conditionByName(diagnosis) ?? (icd10 ? conditionByName(icd10) : undefined);
    const code = icd10 ?? c?.icd10;
    ctx.state.diagnoses.push({ patientId: p.id, diagnosis, icd10: code, certainty: certainty ?? "working", conditionId: c?.id, turn: ctx.turn });
    ctx.record({ type: "diagnosis", code: `diagnosis_${certainty ?? "working"}`, detail: `${p.id}: ${diagnosis}${code ? ` (${code})` : ""}` });
    return `${certainty === "confirmed" ? "Confirmed" : "Working"} diagnosis recorded for ${p.id}: ${diagnosis}${code ? ` (ICD-10 ${code})` : ""}.`;
  },
});

export const transferToSpecialist = defineTool({
  name: "transfer_to_specialist",
  description: `Refer or transfer the patient to a specialist service (${SERVICES.join(", ")}).`,
  kind: "write",
  parameters: z.object({
    patient_id: patientId,
    service: z.enum(SERVICES).describe("Receiving service"),
    urgency: z.enum(["routine", "urgent", "emergent"]).describe("How soon the service must see the patient"),
    reason: z.string().min(2).max(500).describe("Reason for referral / handover summary"),
  }),
  execute({ patient_id, service, urgency, reason }, ctx: Ctx) {
    const p = patientOf(ctx, patient_id);
    ctx.state.referrals.push({ patientId: p.id, service, urgency, reason, turn: ctx.turn });
    ctx.record({ type: "referral", code: `transfer_${service}`, detail: `${p.id} (${urgency}): ${reason.slice(0, 100)}` });
    const when = urgency === "emergent" ? "is coming to see the patient now" : urgency === "urgent" ? "will review within the hour" : "will see the patient in clinic";
    return `Referral sent for ${p.id} to ${service.replace(/_/g, " ")} (${urgency}). The on-call team ${when}.`;
  },
});

export const submitAnswer = defineTool({
  name: "submit_answer",
  description: "Submit the final (most likely) diagnosis for the patient. Ends the episode.",
  kind: "terminal",
  parameters: z.object({
    diagnosis: z.string().min(2).max(200).describe("The single most likely diagnosis"),
    patient_id: z.string().max(32).optional().describe("Patient the diagnosis is for"),
    icd10: z.string().max(10).optional().describe("ICD-10-CM code"),
    rationale: z.string().max(2000).optional().describe("Key findings supporting it"),
  }),
  execute({ diagnosis, icd10 }, ctx: Ctx) {
    ctx.submit(diagnosis);
    return `Final diagnosis submitted: ${diagnosis}${icd10 ? ` (${icd10})` : ""}.`;
  },
});

