import { z } from "zod";
import { getCalculator } from "../../src/clinical/calculators/index.js";
import { defineTool, describeIssues, ToolError, type Tool, type ToolContext } from "../../src/env/index.js";
import { thinkTool } from "../../src/tools/common.js";
import {
  agatston,
  birads,
  cacCategory,
  DOSE_K_FACTORS,
  effectiveDose,
  ellipsoidVolume,
  fleischner,
  lirads,
  lungrads,
  tirads,
  TIRADS_FEATURES,
  volumeDoublingTime,
  type Classification,
} from "./classification.js";
import type { Lesion, RadiologyState, Study } from "./data-model.js";
import { daysBetween, fmtDims } from "./generator.js";
import { CHECKLIST_TOPICS, CHECKLISTS, radiologyKnowledge, radModalityLabel, reportTemplate } from "./knowledge.js";

type Ctx = ToolContext<RadiologyState>;

const studyId = z.string().min(1).max(40).describe("Study id from the worklist, e.g. RAD-10234");
const lesionId = z.string().min(1).max(10).describe("Lesion id from analyze_findings, e.g. L1");

function study(ctx: Ctx, id: string): Study {
  const s = ctx.state.study;
  if (id.trim().toUpperCase() !== s.id.toUpperCase()) throw new ToolError(`No study "${id.slice(0, 40)}" on your worklist. Open study: ${s.id}.`);
  return s;
}

function lesion(s: Study, id: string): Lesion {
  const l = s.lesions.find((x) => x.id.toUpperCase() === id.trim().toUpperCase());
  if (!l) throw new ToolError(s.lesions.length ? `No lesion "${id.slice(0, 10)}" in ${s.id}. Lesions: ${s.lesions.map((x) => x.id).join(", ")}.` : `${s.id} has no measurable lesion.`);
  return l;
}

const fmt = (x: number, d = 2) => String(Number(x.toFixed(d)));

export const getStudyInfo = defineTool({
  name: "get_study_info",
  description: "Examination details: modality, region, protocol, contrast, date, indication, referrer and available priors.",
  kind: "read",
  parameters: z.object({ study_id: studyId }),
  execute({ study_id }, ctx: Ctx) {
    const s = study(ctx, study_id);
    return [
      `Study ${s.id}: ${s.protocol} on ${s.date}.`,
      `Modality ${radModalityLabel(s.modality)}; region ${s.region}; contrast ${s.contrast}.`,
      `Indication: ${s.indication}. Referrer: ${s.orderingPhysician}.`,
      `Patient ${s.patient.id}, ${s.patient.age} y ${s.patient.sex}.`,
      `Priors on file: ${s.priors.length ? s.priors.map((p) => `${p.id} (${p.date})`).join(", ") : "none"}.`,
    ].join("\n");
  },
});

export const getClinicalHistory = defineTool({
  name: "get_clinical_history",
  description: "The patient's presentation, history, medications, allergies, risk factors relevant to the study, and serum creatinine.",
  kind: "read",
  parameters: z.object({ study_id: studyId }),
  execute({ study_id }, ctx: Ctx) {
    const p = study(ctx, study_id).patient;
    return [
      `${p.name} (${p.id}), ${p.age} y ${p.sex}, ${p.weightKg} kg.`,
      p.presentation ? `Presentation: ${p.presentation}.` : "",
      `History: ${p.history.join(", ") || "none recorded"}.`,
      `Medications: ${p.medications.join(", ") || "none"}. Allergies: ${p.allergies.join(", ") || "none known"}.`,
      `Risk factors: ${p.riskFactors.join("; ") || "none"}.`,
      `Creatinine ${p.creatinineMgDl} mg/dL.`,
    ]
      .filter(Boolean)
      .join("\n");
  },
});

export const getPriorReports = defineTool({
  name: "get_prior_reports",
  description: "Reports of prior imaging of the same patient, newest first.",
  kind: "read",
  parameters: z.object({ study_id: studyId }),
  execute({ study_id }, ctx: Ctx) {
    const s = study(ctx, study_id);
    if (s.priors.length === 0) return `No prior imaging on file for ${s.patient.id}.`;
    return [...s.priors]
      .sort((a, b) => b.date.localeCompare(a.date))
      .map((p) => `${p.id} ${p.date} ${radModalityLabel(p.modality)} ${p.region}: ${p.report}`)
      .join("\n");
  },
});

export const getReportTemplate = defineTool({
  name: "get_report_template",
  description: "Structured report template (sections and the organs to review) for a modality and region.",
  kind: "read",
  parameters: z.object({
    modality: z.enum(["xray", "ct", "cta", "mri", "ultrasound", "nuclear", "fluoroscopy", "mammography"]),
    region: z.string().min(2).max(80).describe("e.g. chest, abdomen and pelvis, brain, thyroid"),
  }),
  execute({ modality, region }) {
    return reportTemplate(modality, region);
  },
});

export const analyzeFindings = defineTool({
  name: "analyze_findings",
  description: "The image findings of the study as read at the workstation: observations, structured descriptors, lesions to measure and, for calcium scoring, the calcified coronary foci.",
  kind: "read",
  parameters: z.object({ study_id: studyId }),
  execute({ study_id }, ctx: Ctx) {
    const s = study(ctx, study_id);
    const lines = [`Findings (${radModalityLabel(s.modality)} ${s.region}):`, ...s.findings.map((f) => `- ${f}`)];
    const d = Object.entries(s.descriptors);
    if (d.length) lines.push(`Descriptors: ${d.map(([k, v]) => `${k}=${v}`).join("; ")}`);
    if (s.lesions.length) lines.push(`Lesions to measure: ${s.lesions.map((l) => `${l.id} (${l.location}, ${l.description})`).join("; ")}`);
    if (s.kind === "cac") {
      lines.push(
        s.calcium.length
          ? `Calcified foci: ${s.calcium.map((c, i) => `#${i + 1} ${c.artery} area ${c.areaMm2} mm2 peak ${c.peakHu} HU`).join("; ")}`
          : "Calcified foci: none",
      );
    }
    return lines.join("\n");
  },
});

export const searchRadiologyKnowledge = defineTool({
  name: "search_radiology_knowledge",
  description: "Search imaging patterns (which diseases show which findings on which modality, and whether they are critical results) and the reporting systems (Fleischner, TI-RADS, BI-RADS, LI-RADS, Lung-RADS, Agatston, dose).",
  kind: "read",
  category: "knowledge",
  parameters: z.object({ query: z.string().min(2).max(600).describe("Findings or a topic, e.g. 'intimal flap thoracic aorta'"), k: z.number().int().min(1).max(10).optional() }),
  execute({ query, k }) {
    const kb = radiologyKnowledge();
    const hits = kb.searchSync(query, { k: k ?? 5 });
    if (hits.length === 0) return `No imaging pattern matches "${query.slice(0, 80)}".`;
    return hits.map((h, i) => `[${i + 1}] ${h.id} — ${h.title} — ${kb.getSync(h.id)!.text}`).join("\n");
  },
});

export const getReportingChecklist = defineTool({
  name: "get_reporting_checklist",
  description: "Reporting checklist for a topic, including the exact feature names and values apply_classification_system expects.",
  kind: "read",
  parameters: z.object({ topic: z.enum(CHECKLIST_TOPICS) }),
  execute({ topic }) {
    return CHECKLISTS[topic];
  },
});

export const calculateMeasurements = defineTool({
  name: "calculate_measurements",
  description:
    "Measurement arithmetic. ellipsoid_volume: a, b, c diameters (mm) -> mm3. mean_diameter: a, b (long and short axis, mm). percent_change: a = before, b = after. doubling_time: a = earlier volume, b = later volume, interval_days.",
  kind: "read",
  category: "calculator",
  parameters: z.object({
    kind: z.enum(["ellipsoid_volume", "mean_diameter", "percent_change", "doubling_time"]),
    a: z.number().positive().max(1e9),
    b: z.number().positive().max(1e9).optional(),
    c: z.number().positive().max(1e9).optional(),
    interval_days: z.number().positive().max(10_000).optional(),
  }),
  execute({ kind, a, b, c, interval_days }) {
    const need = (v: number | undefined, name: string) => {
      if (v === undefined) throw new ToolError(`${kind} needs \`${name}\`.`);
      return v;
    };
    switch (kind) {
      case "ellipsoid_volume": {
        const v = ellipsoidVolume(a, need(b, "b"), need(c, "c"));
        return `Ellipsoid volume = pi/6 x ${a} x ${b} x ${c} = ${fmt(v)} mm3`;
      }
      case "mean_diameter": {
        const m = (a + need(b, "b")) / 2;
        return `Mean diameter = (${a} + ${b}) / 2 = ${fmt(m, 2)} mm (nearest mm ${Math.round(m)}; one decimal ${m.toFixed(1)})`;
      }
      case "percent_change": {
        const p = ((need(b, "b") - a) / a) * 100;
        return `Change = (${b} - ${a}) / ${a} = ${p >= 0 ? "+" : ""}${fmt(p, 1)}%`;
      }
      case "doubling_time": {
        const days = need(interval_days, "interval_days");
        const t = volumeDoublingTime(a, need(b, "b"), days);
        return Number.isFinite(t) ? `Volume doubling time = ${days} x ln2 / ln(${b} / ${a}) = ${fmt(t, 1)} days` : "No growth: the doubling time is undefined (infinite).";
      }
    }
  },
});

const F = TIRADS_FEATURES;
const keys = <T extends object>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
const FEATURE_SCHEMAS = {
  fleischner: z.object({
    nodule_type: z.enum(["solid", "part_solid", "ground_glass"]),
    count: z.enum(["single", "multiple"]),
    size_mm: z.number().positive().max(100),
    risk: z.enum(["low", "high"]).optional(),
    solid_component_mm: z.number().min(0).max(100).optional(),
  }),
  ti_rads: z.object({
    composition: z.enum(keys(F.composition)),
    echogenicity: z.enum(keys(F.echogenicity)),
    shape: z.enum(keys(F.shape)),
    margin: z.enum(keys(F.margin)),
    echogenic_foci: z.array(z.enum(keys(F.echogenic_foci))).min(1),
    size_cm: z.number().positive().max(20),
  }),
  bi_rads: z.object({
    finding: z.enum(["none", "benign", "mass", "calcifications", "asymmetry_incomplete", "known_cancer"]),
    mass_shape: z.enum(["oval", "round", "irregular"]).optional(),
    mass_margin: z.enum(["circumscribed", "obscured", "microlobulated", "indistinct", "spiculated"]).optional(),
    calc_morphology: z.enum(["punctate", "amorphous", "coarse_heterogeneous", "fine_pleomorphic", "fine_linear_branching"]).optional(),
  }),
  li_rads: z.object({
    size_mm: z.number().positive().max(300),
    aphe: z.enum(["none", "nonrim", "rim"]),
    washout: z.boolean(),
    capsule: z.boolean(),
    threshold_growth: z.boolean(),
    tumor_in_vein: z.boolean().optional(),
  }),
  lung_rads: z.object({
    exam: z.enum(["baseline", "follow_up"]),
    nodule_type: z.enum(["solid", "part_solid", "ground_glass"]),
    size_mm: z.number().positive().max(200),
    solid_component_mm: z.number().min(0).max(200).optional(),
    change: z.enum(["new", "growing", "stable"]).optional(),
  }),
  cac: z.object({ agatston_score: z.number().min(0).max(50_000) }),
} as const;

type System = keyof typeof FEATURE_SCHEMAS;

function classify(system: System, f: Record<string, unknown>): Classification {
  const parsed = FEATURE_SCHEMAS[system].strict().safeParse(f);
  if (!parsed.success) throw new ToolError(`${describeIssues(`apply_classification_system (${system})`, parsed.error.issues, f)} See get_reporting_checklist for the features.`);
  // Each branch reads the fields its own schema just validated.
  const v = parsed.data as unknown as Record<string, never>;
  switch (system) {
    case "fleischner":
      if (v.nodule_type === "solid" && v.risk === undefined) throw new ToolError("Solid nodules need `risk` (low | high) from the clinical history.");
      if (v.nodule_type === "part_solid" && v.solid_component_mm === undefined) throw new ToolError("Part-solid nodules need `solid_component_mm`.");
      return fleischner({ noduleType: v.nodule_type, count: v.count, sizeMm: v.size_mm, risk: v.risk, solidComponentMm: v.solid_component_mm });
    case "ti_rads":
      return tirads({ composition: v.composition, echogenicity: v.echogenicity, shape: v.shape, margin: v.margin, echogenicFoci: v.echogenic_foci, sizeCm: v.size_cm });
    case "bi_rads":
      if (v.finding === "mass" && (v.mass_shape === undefined || v.mass_margin === undefined)) throw new ToolError("A mass needs `mass_shape` and `mass_margin`.");
      if (v.finding === "calcifications" && v.calc_morphology === undefined) throw new ToolError("Calcifications need `calc_morphology`.");
      return birads({ finding: v.finding, massShape: v.mass_shape, massMargin: v.mass_margin, calcMorphology: v.calc_morphology });
    case "li_rads":
      return lirads({ sizeMm: v.size_mm, aphe: v.aphe, washout: v.washout, capsule: v.capsule, thresholdGrowth: v.threshold_growth, tumorInVein: v.tumor_in_vein });
    case "lung_rads":
      if (v.exam === "follow_up" && v.change === undefined) throw new ToolError("A follow-up exam needs `change` (new | growing | stable) from the comparison.");
      if (v.nodule_type === "part_solid" && v.solid_component_mm === undefined) throw new ToolError("Part-solid nodules need `solid_component_mm`.");
      return lungrads({ exam: v.exam, noduleType: v.nodule_type, sizeMm: v.size_mm, solidComponentMm: v.solid_component_mm, change: v.change });
    case "cac":
      return cacCategory(v.agatston_score);
  }
}

export const applyClassificationSystem = defineTool({
  name: "apply_classification_system",
  description:
    "Apply a reporting system to structured features and return its category and management: fleischner (incidental lung nodules), ti_rads (thyroid nodules), bi_rads (breast), li_rads (liver, at-risk patients), lung_rads (screening CT), cac (Agatston category). Feature names per system: get_reporting_checklist.",
  kind: "read",
  category: "calculator",
  parameters: z.object({
    system: z.enum(Object.keys(FEATURE_SCHEMAS) as [System, ...System[]]),
    features: z.record(z.string(), z.unknown()).describe('Features of the finding, e.g. {"nodule_type": "solid", "count": "single", "size_mm": 7, "risk": "high"}'),
  }),
  execute({ system, features }) {
    const r = classify(system, features);
    return `${r.system}: ${r.category}. ${r.recommendation} (${r.detail})`;
  },
});

export const compareWithPriorStudy = defineTool({
  name: "compare_with_prior_study",
  description: "Compare the study with its most recent prior: interval in days and, per lesion, prior and current size with the change in long axis; lesions absent on the prior are reported as new.",
  kind: "read",
  parameters: z.object({ study_id: studyId, lesion_id: lesionId.optional() }),
  execute({ study_id, lesion_id }, ctx: Ctx) {
    const s = study(ctx, study_id);
    if (s.priors.length === 0) throw new ToolError(`${s.id} has no prior study to compare with.`);
    const prior = [...s.priors].sort((a, b) => b.date.localeCompare(a.date))[0]!;
    const interval = daysBetween(prior.date, s.date);
    const targets = lesion_id ? [lesion(s, lesion_id)] : s.lesions;
    const lines = [`Prior ${prior.id} (${prior.date}); interval ${interval} days.`];
    for (const l of targets) {
      const p = prior.lesions.find((x) => x.id === l.id);
      if (!p) lines.push(`${l.id} (${l.location}): not present on the prior (new).`);
      else {
        const ch = ((l.dims[0] - p.dims[0]) / p.dims[0]) * 100;
        const mean = ((l.dims[0] + l.dims[1]) / 2 - (p.dims[0] + p.dims[1]) / 2).toFixed(1);
        lines.push(`${l.id} (${l.location}): prior ${fmtDims(p.dims)}, now ${fmtDims(l.dims)}; long axis ${ch >= 0 ? "+" : ""}${ch.toFixed(1)}%; mean diameter change ${Number(mean) >= 0 ? "+" : ""}${mean} mm.`);
      }
    }
    return lines.join("\n");
  },
});

export const measureLesionSize = defineTool({
  name: "measure_lesion_size",
  description: "Caliper measurement of a lesion: long and short axis on the axial image and craniocaudal extent, mm.",
  kind: "read",
  parameters: z.object({ study_id: studyId, lesion_id: lesionId }),
  execute({ study_id, lesion_id }, ctx: Ctx) {
    const s = study(ctx, study_id);
    const l = lesion(s, lesion_id);
    return `${l.id} (${l.location}, ${l.description}): ${fmtDims(l.dims)} (long x short x craniocaudal)${l.solidComponentMm !== undefined ? `; solid component ${l.solidComponentMm.toFixed(1)} mm` : ""}.`;
  },
});

export const generateCriticalFindingAlert = defineTool({
  name: "generate_critical_finding_alert",
  description: "Communicate a critical result directly to the responsible clinician and document it (closed-loop communication).",
  kind: "write",
  parameters: z.object({
    study_id: studyId,
    finding: z.string().min(3).max(500).describe("The critical finding in a sentence"),
    recipient: z.string().min(2).max(120).describe("Who receives the call, e.g. the ordering physician"),
    urgency: z.enum(["immediate", "urgent"]),
  }),
  execute({ study_id, finding, recipient, urgency }, ctx: Ctx) {
    const s = study(ctx, study_id);
    ctx.state.alerts.push({ studyId: s.id, finding, recipient, urgency, turn: ctx.turn });
    ctx.record({ type: "referral", code: "critical_result_called", detail: `${s.id}: ${finding.slice(0, 80)} -> ${recipient}` });
    if (ctx.task.meta?.critical !== true) ctx.record({ type: "safety", code: "unwarranted_critical_alert", severity: "minor", detail: `${s.id}: critical-result call for a non-critical study` });
    return `Critical result for ${s.id} communicated to ${recipient} (${urgency}) and documented at turn ${ctx.turn}.`;
  },
});

export const calculateCoronaryCalciumScore = defineTool({
  name: "calculate_coronary_calcium_score",
  description: "Agatston score from calcified coronary lesions: area (mm2) x density weight of the peak HU, counting lesions >= 1 mm2 and >= 130 HU; totals per artery.",
  kind: "read",
  category: "calculator",
  parameters: z.object({
    lesions: z
      .array(z.object({ artery: z.enum(["LM", "LAD", "LCx", "RCA"]), area_mm2: z.number().min(0).max(1000), peak_hu: z.number().min(0).max(3000) }))
      .max(60)
      .describe("Every calcified focus; an empty list means no calcium"),
  }),
  execute({ lesions }) {
    const r = agatston(lesions.map((l) => ({ artery: l.artery, areaMm2: l.area_mm2, peakHu: l.peak_hu })));
    const per = Object.entries(r.perArtery).map(([a, v]) => `${a} ${v}`).join(", ");
    return `Agatston score ${r.total} (${r.counted} of ${lesions.length} foci counted${per ? `; ${per}` : ""}). ${cacCategory(r.total).category}.`;
  },
});

export const getRadiationDose = defineTool({
  name: "get_radiation_dose",
  description: "The CT dose report of the study: CTDIvol and DLP per series, total DLP, and the body region for effective-dose conversion.",
  kind: "read",
  parameters: z.object({ study_id: studyId }),
  execute({ study_id }, ctx: Ctx) {
    const s = study(ctx, study_id);
    if (s.modality === "mri" || s.modality === "ultrasound") return `${s.id} is ${radModalityLabel(s.modality)}: no ionising radiation.`;
    if (s.dose.length === 0) return `No CT dose report for ${s.id} (${radModalityLabel(s.modality)}).`;
    const total = s.dose.reduce((a, d) => a + d.dlpMGyCm, 0);
    return [
      ...s.dose.map((d, i) => `Series ${i + 1} (${d.name}): CTDIvol ${d.ctdiVolMGy} mGy, DLP ${d.dlpMGyCm} mGy·cm`),
      `Total DLP ${total} mGy·cm. Region for k-factor: ${s.doseRegion ?? "not covered by the adult k-factor table"}.`,
    ].join("\n");
  },
});

export const calculateEffectiveDose = defineTool({
  name: "calculate_effective_dose",
  description: "Effective dose (mSv) = DLP (mGy·cm) x k, with the adult k-factor of AAPM Report 96 for the scanned region.",
  kind: "read",
  category: "calculator",
  parameters: z.object({
    dlp_mgy_cm: z.number().positive().max(100_000).describe("Total dose-length product of all series"),
    region: z.enum(Object.keys(DOSE_K_FACTORS) as [string, ...string[]]),
  }),
  execute({ dlp_mgy_cm, region }) {
    const e = effectiveDose(dlp_mgy_cm, region);
    return `Effective dose = ${dlp_mgy_cm} x ${DOSE_K_FACTORS[region]} = ${fmt(e, 2)} mSv`;
  },
});

export const checkContrastSafety = defineTool({
  name: "check_contrast_safety",
  description: "Contrast safety check for the study (ACR Manual on Contrast Media): eGFR (CKD-EPI 2021), contrast allergy, metformin.",
  kind: "read",
  parameters: z.object({ study_id: studyId }),
  execute({ study_id }, ctx: Ctx) {
    const s = study(ctx, study_id);
    const p = s.patient;
    const egfr = Number(getCalculator("ckd_epi_2021").compute({ sex: p.sex, ageYears: p.age, creatinineMgDl: p.creatinineMgDl }).value);
    const lines = [`eGFR ${egfr.toFixed(0)} mL/min/1.73 m2 (creatinine ${p.creatinineMgDl} mg/dL).`];
    if (s.contrast === "none") lines.push("No contrast is planned for this study.");
    else if (s.contrast === "iodinated") lines.push(egfr < 30 ? "Iodinated contrast: eGFR < 30, elevated risk of contrast-associated AKI; consider alternatives or prophylactic hydration." : "Iodinated contrast: eGFR >= 30, no prophylaxis needed for contrast-associated AKI.");
    else lines.push(egfr < 30 ? "Gadolinium: eGFR < 30, use a group II agent only; NSF risk with group I agents." : "Gadolinium: eGFR >= 30, no NSF precautions required with group II agents.");
    const allergy = p.allergies.find((a) => /contrast/i.test(a));
    if (allergy && s.contrast === "iodinated") lines.push(`Allergy: ${allergy}; premedicate per protocol or consider a non-contrast alternative.`);
    if (p.medications.some((m) => /metformin/i.test(m)) && s.contrast === "iodinated") lines.push(egfr < 30 ? "Metformin: withhold for 48 h after contrast and recheck renal function." : "Metformin: may be continued (eGFR >= 30, no AKI).");
    return lines.join("\n");
  },
});

export const submitReport = defineTool({
  name: "submit_report",
  description: "Sign the final report. The impression must start with the single most likely diagnosis (one name); give the classification category where a system applies. Ends the episode.",
  kind: "terminal",
  mutates: true,
  parameters: z.object({
    study_id: studyId,
    findings: z.string().min(1).max(4000),
    impression: z.string().min(1).max(300).describe("The primary diagnosis, e.g. 'Acute pulmonary embolism'"),
    category: z.string().max(80).optional().describe("Classification category, e.g. 'TR4', 'BI-RADS 4B', 'LR-5', 'Lung-RADS 3', a Fleischner category code or 'CAC 101-400 (moderate)'"),
    recommendation: z.string().max(600).optional(),
  }),
  execute({ study_id, findings, impression, category, recommendation }, ctx: Ctx) {
    const s = study(ctx, study_id);
    ctx.state.reports.push({ studyId: s.id, findings, impression, category, recommendation, turn: ctx.turn });
    ctx.record({ type: "note", code: "report_signed", detail: `${s.id}: ${impression.slice(0, 80)}${category ? ` [${category}]` : ""}` });
    if (ctx.task.meta?.critical === true && !ctx.state.alerts.some((a) => a.studyId === s.id)) {
      ctx.record({ type: "safety", code: "missed_critical_finding", severity: "critical", detail: `${s.id}: report signed without communicating the critical result` });
    }
    // The task says what is graded: the diagnosis in the impression or the system's category.
    ctx.submit(ctx.task.meta?.grade === "category" ? (category ?? "") : impression);
    return `Report for ${s.id} signed${category ? ` (${category})` : ""}.`;
  },
});

export const submitAnswer = defineTool({
  name: "submit_answer",
  description: "Answer a numeric question about the study (calcium score, effective dose, doubling time) with the number. Ends the episode.",
  kind: "terminal",
  parameters: z.object({ answer: z.string().min(1).max(200).describe("The number, e.g. '143.5'"), unit: z.string().max(40).optional() }),
  execute({ answer, unit }, ctx: Ctx) {
    ctx.submit(answer.trim());
    return `Submitted ${answer.trim()}${unit ? ` ${unit}` : ""}.`;
  },
});

export const RADIOLOGY_TOOLS: readonly Tool<RadiologyState>[] = [
  getStudyInfo,
  getClinicalHistory,
  getPriorReports,
  getReportTemplate,
  analyzeFindings,
  searchRadiologyKnowledge,
  getReportingChecklist,
  calculateMeasurements,
  applyClassificationSystem,
  compareWithPriorStudy,
  measureLesionSize,
  generateCriticalFindingAlert,
  calculateCoronaryCalciumScore,
  getRadiationDose,
  calculateEffectiveDose,
  checkContrastSafety,
  thinkTool<RadiologyState>(),
  submitReport,
  submitAnswer,
];
