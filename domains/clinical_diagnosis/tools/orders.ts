/**
 * Investigations: laboratory results and orders, imaging orders and reports, the 12-lead ECG.
 * Results come from the patient's hidden chart (the condition's values, or normal reference values
 * for analytes the condition does not affect), so ordering the right test is what reveals a finding.
 */
import { z } from "zod";
import { defineTool, suggest, ToolError } from "../../../src/env/index.js";
import { IMAGING_MODALITIES } from "../../../src/clinical/conditions/schema.js";
import { formatLabValue, getLab, LAB_PANELS, loadLabs, type LabPanel } from "../../../src/clinical/labs/index.js";
import { norm, regionMatch } from "../knowledge.js";
import { MODALITY_LABEL, normalReport } from "../reports.js";
import { bullets, patientId, patientOf, type Ctx } from "./common.js";

const PANEL_LABEL: Record<LabPanel, string> = {
  cbc: "Complete blood count",
  bmp: "Basic metabolic panel",
  lft: "Liver function tests",
  chemistry: "Chemistry",
  cardiac: "Cardiac markers",
  coag: "Coagulation",
  abg: "Arterial blood gas",
  thyroid: "Thyroid function",
  endocrine: "Endocrine",
  inflammatory: "Inflammatory markers",
  iron: "Iron studies and haematinics",
  lipid: "Lipid panel",
  urinalysis: "Urinalysis",
  csf: "Cerebrospinal fluid (lumbar puncture)",
  tdm: "Drug levels",
  toxicology: "Toxicology",
  pregnancy: "Pregnancy tests",
};

/** Names clinicians use for tests and panels, mapped to catalogue keys. */
const ALIASES: Record<string, string[]> = {
  troponin: ["troponin_i"],
  "hs troponin": ["troponin_i"],
  "high sensitivity troponin": ["troponin_i"],
  "d dimer": ["d_dimer"],
  ddimer: ["d_dimer"],
  "beta hcg": ["serum_hcg"],
  "b hcg": ["serum_hcg"],
  hcg: ["serum_hcg"],
  "pregnancy test": ["urine_hcg"],
  "urine pregnancy test": ["urine_hcg"],
  "blood gas": ["ph", "pco2", "po2", "base_excess", "lactate"],
  "arterial blood gas": ["ph", "pco2", "po2", "base_excess", "lactate"],
  lfts: ["albumin", "total_protein", "total_bilirubin", "direct_bilirubin", "ast", "alt", "alk_phos", "ggt"],
  "liver function tests": ["albumin", "total_protein", "total_bilirubin", "direct_bilirubin", "ast", "alt", "alk_phos", "ggt"],
  "full blood count": ["wbc", "hemoglobin", "hematocrit", "platelets", "mcv", "rdw", "absolute_neutrophil_count", "absolute_lymphocyte_count"],
  "basic metabolic panel": ["sodium", "potassium", "chloride", "bicarbonate", "anion_gap", "bun", "creatinine", "glucose", "calcium"],
  electrolytes: ["sodium", "potassium", "chloride", "bicarbonate", "anion_gap"],
  "u e": ["sodium", "potassium", "bun", "creatinine"],
  cmp: ["sodium", "potassium", "chloride", "bicarbonate", "anion_gap", "bun", "creatinine", "glucose", "calcium", "albumin", "total_protein", "total_bilirubin", "ast", "alt", "alk_phos"],
  "comprehensive metabolic panel": ["sodium", "potassium", "chloride", "bicarbonate", "anion_gap", "bun", "creatinine", "glucose", "calcium", "albumin", "total_protein", "total_bilirubin", "ast", "alt", "alk_phos"],
  coags: ["inr", "pt", "ptt", "fibrinogen"],
  coagulation: ["inr", "pt", "ptt", "fibrinogen"],
  "thyroid function tests": ["tsh", "free_t4"],
  tfts: ["tsh", "free_t4"],
  "cardiac enzymes": ["troponin_i", "ck", "ck_mb"],
  "inflammatory markers": ["crp", "esr", "procalcitonin"],
  "lactic acid": ["lactate"],
  ketones: ["ketones_beta_hydroxybutyrate"],
  "beta hydroxybutyrate": ["ketones_beta_hydroxybutyrate"],
  a1c: ["hba1c"],
  "hemoglobin a1c": ["hba1c"],
  cpk: ["ck"],
  urea: ["bun"],
  "lumbar puncture": ["csf_wbc", "csf_protein", "csf_glucose"],
  ua: ["urinalysis_leukocyte_esterase", "urinalysis_nitrite", "urine_wbc", "urine_specific_gravity", "urine_protein_creatinine_ratio"],
  "iron studies": ["ferritin", "iron", "tibc"],
  lipids: ["total_cholesterol", "ldl_cholesterol", "hdl_cholesterol", "triglycerides"],
  "ionised calcium": ["ionized_calcium"],
  ft4: ["free_t4"],
  "free thyroxine": ["free_t4"],
  "nt pro bnp": ["nt_probnp"],
  probnp: ["nt_probnp"],
};

let testIndex: Map<string, string[]> | undefined;

function index(): Map<string, string[]> {
  if (testIndex) return testIndex;
  testIndex = new Map();
  const labs = loadLabs();
  for (const l of labs) {
    testIndex.set(norm(l.key), [l.key]);
    testIndex.set(norm(l.name), [l.key]);
  }
  for (const p of LAB_PANELS) testIndex.set(norm(p), labs.filter((l) => l.panel === p).map((l) => l.key));
  for (const [p, label] of Object.entries(PANEL_LABEL)) testIndex.set(norm(label), labs.filter((l) => l.panel === p).map((l) => l.key));
  for (const [a, keys] of Object.entries(ALIASES)) testIndex.set(norm(a), keys);
  return testIndex;
}

/** Catalogue keys a requested test name stands for (a key, a name, a panel or a common alias). */
export function resolveTest(name: string): string[] | undefined {
  return index().get(norm(name));
}

function groupByPanel(keys: readonly string[], value: (k: string) => string): string {
  const groups = new Map<LabPanel, string[]>();
  for (const k of keys) {
    const panel = getLab(k).panel;
    groups.set(panel, [...(groups.get(panel) ?? []), value(k)]);
  }
  const order = LAB_PANELS.filter((p) => groups.has(p));
  return order.map((p) => `${PANEL_LABEL[p]}:\n${groups.get(p)!.map((l) => `- ${l}`).join("\n")}`).join("\n");
}

function resultText(labs: Record<string, number>, key: string): string {
  const v = labs[key];
  if (v === undefined) return `${getLab(key).name}: not detected`;
  return formatLabValue(key, v);
}

export const getLabResults = defineTool({
  name: "get_lab_results",
  description: "Laboratory results already available for the patient (the admission CBC and BMP plus anything ordered since), grouped by panel with units, flags and reference ranges.",
  kind: "read",
  parameters: z.object({
    patient_id: patientId,
    panel: z.enum(LAB_PANELS).optional().describe("Only this panel (default: all resulted panels)"),
  }),
  execute({ patient_id, panel }, ctx: Ctx) {
    const p = patientOf(ctx, patient_id);
    const resulted = ctx.state.resulted[p.id] ?? {};
    const keys = Object.keys(resulted).filter((k) => !panel || getLab(k).panel === panel);
    if (keys.length === 0) return `No ${panel ? `${PANEL_LABEL[panel].toLowerCase()} ` : ""}results for ${p.id} yet. Use order_lab_test to send further tests.`;
    return `Laboratory results ${p.id}:\n${groupByPanel(keys, (k) => resultText(resulted, k))}`;
  },
});

export const orderLabTest = defineTool({
  name: "order_lab_test",
  description:
    "Send laboratory tests and receive the results. Each entry may be an analyte (\"lipase\", \"troponin\"), a panel (cbc, bmp, lft, coag, abg, cardiac, thyroid, urinalysis, csf, inflammatory, ...) or a common name (\"liver function tests\", \"blood gas\").",
  kind: "write",
  parameters: z.object({
    patient_id: patientId,
    tests: z.array(z.string().min(1).max(60)).min(1).max(20).describe("Tests or panels to send"),
  }),
  execute({ patient_id, tests }, ctx: Ctx) {
    const p = patientOf(ctx, patient_id);
    const keys: string[] = [];
    const unknown: string[] = [];
    for (const t of tests) {
      const r = resolveTest(t);
      if (r) for (const k of r) if (!keys.includes(k)) keys.push(k);
      if (!r) unknown.push(t);
    }
    const hint = (t: string) => {
      const s = suggest(norm(t), [...index().keys()]);
      return s.length ? ` (did you mean ${s.map((x) => `"${x}"`).join(", ")}?)` : "";
    };
    if (keys.length === 0) throw new ToolError(`No test recognised: ${unknown.map((u) => `"${u}"${hint(u)}`).join("; ")}. Name an analyte, a panel (${LAB_PANELS.join(", ")}) or a common test name.`);
    const resulted = (ctx.state.resulted[p.id] ??= {});
    for (const k of keys) {
      const v = p.hiddenLabs[k];
      if (v !== undefined) resulted[k] = v;
    }
    ctx.state.labOrders.push({ patientId: p.id, analytes: keys, turn: ctx.turn });
    ctx.record({ type: "order", code: "lab_order", detail: `${p.id}: ${keys.join(", ")}` });
    const notes = unknown.length ? `\nNot recognised and not sent: ${unknown.map((u) => `"${u}"${hint(u)}`).join("; ")}.` : "";
    return `Results ${p.id} (sent turn ${ctx.turn}):\n${groupByPanel(keys, (k) => resultText(p.hiddenLabs, k))}${notes}`;
  },
});

const ORDERABLE = IMAGING_MODALITIES.filter((m) => m !== "ecg") as [Exclude<(typeof IMAGING_MODALITIES)[number], "ecg">, ...Exclude<(typeof IMAGING_MODALITIES)[number], "ecg">[]];

export const orderImaging = defineTool({
  name: "order_imaging",
  description:
    "Order an imaging study or endoscopic/physiological examination and receive the report. Modalities: xray, ct, cta (CT angiography), mri, ultrasound, echo, angiography, nuclear, endoscopy, eeg, fluoroscopy, fundoscopy, dermoscopy, clinical_photo, ctg. The region is free text, e.g. \"chest\", \"abdomen and pelvis\", \"head\", \"right upper quadrant\", \"lower extremity veins\". Use get_ecg for an ECG. Iodinated contrast (cta, or ct with contrast) needs premedication in a contrast-allergic patient.",
  kind: "write",
  parameters: z.object({
    patient_id: patientId,
    modality: z.enum(ORDERABLE).describe("Imaging modality"),
    region: z.string().min(2).max(60).describe("Body region or organ to image"),
    contrast: z.boolean().optional().describe("IV iodinated contrast for CT (always used for cta)"),
    premedicated: z.boolean().optional().describe("Steroid/antihistamine premedication given for a known contrast allergy"),
    indication: z.string().max(300).optional().describe("Clinical question for the radiologist"),
  }),
  execute({ patient_id, modality, region, contrast, premedicated, indication }, ctx: Ctx) {
    const p = patientOf(ctx, patient_id);
    const iodinated = modality === "cta" || (modality === "ct" && contrast === true) || modality === "angiography";
    const contrastAllergy = p.allergies.some((a) => /contrast/i.test(a.substance));
    const findings = p.imaging.filter((i) => i.modality === modality && regionMatch(region, i.region)).map((i) => i.finding);
    ctx.state.imaging.push({ patientId: p.id, modality, region, contrast: iodinated, findings, turn: ctx.turn });
    ctx.record({ type: "order", code: "imaging_order", detail: `${p.id}: ${modality} ${region}` });
    let alert = "";
    if (iodinated && contrastAllergy && !premedicated) {
      ctx.record({ type: "safety", code: "contrast_allergy", severity: "major", detail: `${p.id}: iodinated contrast (${modality} ${region}) given with a charted contrast allergy and no premedication` });
      alert = "\nALERT: charted iodinated-contrast allergy; contrast given without premedication.";
    }
    const label = `${MODALITY_LABEL[modality] ?? modality} ${region}${modality === "ct" ? (contrast ? " with IV contrast" : " without contrast") : ""}`;
    const accession = `RAD-${String(ctx.state.imaging.length).padStart(3, "0")}`;
    const body = findings.length
      ? `Findings:\n${findings.map((f) => `- ${f}`).join("\n")}\nImpression: ${findings[0]}${findings.length > 1 ? `; ${findings.slice(1).join("; ")}` : ""}.`
      : `Findings: ${normalReport(modality, region)}\nImpression: no acute abnormality.`;
    return `${label} — ${p.id}, accession ${accession}${indication ? `\nIndication: ${indication}` : ""}\n${body}${alert}`;
  },
});

export const getImagingResults = defineTool({
  name: "get_imaging_results",
  description: "Reports of the imaging studies completed for the patient during this encounter.",
  kind: "read",
  parameters: z.object({ patient_id: patientId }),
  execute({ patient_id }, ctx: Ctx) {
    const p = patientOf(ctx, patient_id);
    const studies = ctx.state.imaging.filter((s) => s.patientId === p.id);
    if (studies.length === 0) return `No imaging completed for ${p.id} this encounter. Use order_imaging.`;
    const rows = studies.map((s) => `${MODALITY_LABEL[s.modality] ?? s.modality} ${s.region} (turn ${s.turn}): ${s.findings.length ? s.findings.join("; ") : `no acute abnormality — ${normalReport(s.modality, s.region)}`}`);
    return `Imaging ${p.id}:\n${bullets(rows)}`;
  },
});

export const getEcg = defineTool({
  name: "get_ecg",
  description: "Record a 12-lead ECG: rate, rhythm, PR/QRS/QT intervals, axis and the interpretation.",
  kind: "write",
  parameters: z.object({ patient_id: patientId }),
  execute({ patient_id }, ctx: Ctx) {
    const p = patientOf(ctx, patient_id);
    const e = p.ecg;
    if (!ctx.state.ecgsRecorded.includes(p.id)) ctx.state.ecgsRecorded.push(p.id);
    ctx.record({ type: "order", code: "ecg", detail: `${p.id}: 12-lead ECG` });
    const pr = e.prMs > 0 ? `PR ${e.prMs} ms` : "PR not measurable";
    const interp = e.findings.length ? e.findings.map((f) => `- ${f}`).join("\n") : "- no acute ST-segment or T-wave changes";
    return `12-lead ECG ${p.id}: ${e.rhythm}, rate ${e.rate} /min; ${pr}; QRS ${e.qrsMs} ms; QT ${e.qtMs} ms; ${e.axis}.\nInterpretation:\n${interp}`;
  },
});

