import { z } from "zod";
import { defineTool, ToolError, type Tool, type ToolContext } from "../../src/env/index.js";
import {
  SEVERITY_WEIGHT,
  UnknownDrugError,
  checkAllergy,
  checkInteraction,
  drugGroup,
  getDrug,
  hepaticAdjustment,
  interactionSeverityScore,
  renalAdjustment,
  searchDrugsByClass,
  type Drug,
} from "../../src/clinical/drugs/index.js";
import { formatLabValue, hasLab } from "../../src/clinical/labs/index.js";
import { calculatorTool } from "../../src/tools/calculators.js";
import { thinkTool } from "../../src/tools/common.js";
import {
  activeMeds,
  allergyFamilies,
  alternativesTo,
  categoryOf,
  crclOf,
  describeRegimen,
  fmt,
  interactionsOf,
  maxDaily,
  screenDrug,
  usualRegimen,
} from "./catalog.js";
import type { RxState } from "./data-model.js";
import { ddiEvidence } from "./ddi-evidence.js";
import { conditionFirstLine } from "./conditions.js";

type Ctx = ToolContext<RxState>;

const patientId = z.string().min(1).max(32).describe("Patient identifier, e.g. RX-1004");
const drugArg = z.string().min(2).max(80).describe("Drug generic name, id or brand, e.g. warfarin, Eliquis, piperacillin-tazobactam");
const drugList = z.array(drugArg).min(2).max(20).describe("Drugs to check together (names, ids or brands)");

function drug(q: string): Drug {
  try {
    return getDrug(q);
  } catch (e) {
    if (e instanceof UnknownDrugError) throw new ToolError(`${e.message} Use search_drugs_by_class to browse the formulary.`);
    throw e;
  }
}

function patientOf(ctx: Ctx, id: string) {
  const p = ctx.state.patient;
  if (p.id !== id.trim()) throw new ToolError(`No patient "${id}" on this pharmacy worklist. Current patient: ${p.id}.`);
  return p;
}

/** Mass units convert; others (units, mEq) must match the table's unit exactly. */
const MASS: Record<string, number> = { mcg: 0.001, mg: 1, g: 1000 };

function toUnit(amount: number, from: string, to: string): number | null {
  if (from === to) return amount;
  if (MASS[from] !== undefined && MASS[to] !== undefined) return (amount * MASS[from]!) / MASS[to]!;
  return null;
}

// ------------------------------------------------------------------ patient record

export const getPatientInfo = defineTool({
  name: "get_patient_info",
  description: "Patient demographics and clinical context: age, sex, weight, height, active condition, history, pregnancy, allergies, liver examination.",
  kind: "read",
  parameters: z.object({ patient_id: patientId }),
  execute({ patient_id }, ctx: Ctx) {
    const p = patientOf(ctx, patient_id);
    const lines = [
      `${p.id} ${p.name}: ${p.age} y ${p.sex}, weight ${p.weightKg} kg, height ${p.heightCm} cm.`,
      `Current problem: ${p.conditionName}.${p.pmh.length ? ` History: ${p.pmh.join(", ")}.` : ""}`,
      p.pregnancy ? `Pregnant: yes, ${p.pregnancy.gestationalWeeks} weeks' gestation.` : p.sex === "female" && p.age < 50 ? "Pregnant: no (negative test)." : "",
      `Allergies: ${p.allergies.length ? p.allergies.map((a) => `${a.substance} (${a.reaction})`).join("; ") : "no known drug allergies"}.`,
      p.liver?.cirrhosis ? `Liver: cirrhosis; ascites ${p.liver.ascites}; hepatic encephalopathy ${p.liver.encephalopathy}.` : "",
    ];
    return lines.filter(Boolean).join("\n");
  },
});

export const getPatientMedications = defineTool({
  name: "get_patient_medications",
  description: "The patient's medication list: drug (table id), dose, route, frequency, doses per day and indication; discontinued drugs are listed separately.",
  kind: "read",
  parameters: z.object({ patient_id: patientId }),
  execute({ patient_id }, ctx: Ctx) {
    patientOf(ctx, patient_id);
    const active = activeMeds(ctx.state);
    const stopped = ctx.state.medications.filter((m) => m.status === "discontinued");
    const line = (m: (typeof active)[number]) => `- ${m.name} [${m.drugId}] (${getDrug(m.drugId).class}): ${describeRegimen(m)}${m.dosesPerDay ? ` (${fmt(m.dosesPerDay, 3)}/day)` : ""}; for ${m.indication}${m.source === "episode" ? " (started today)" : ""}`;
    return [`Active medications of ${patient_id} (${active.length}):`, ...active.map(line), ...(stopped.length ? [`Discontinued: ${stopped.map((m) => m.name).join(", ")}.`] : [])].join("\n");
  },
});

const PANELS: Record<string, string[]> = {
  renal: ["creatinine", "bun", "potassium", "sodium"],
  hepatic: ["total_bilirubin", "albumin", "inr", "alt", "ast", "platelets"],
  electrolytes: ["sodium", "potassium", "chloride", "bicarbonate", "calcium", "magnesium", "glucose"],
  blood_count: ["wbc", "hemoglobin", "platelets"],
};

export const getPatientLabs = defineTool({
  name: "get_patient_labs",
  description: "Latest laboratory results with reference ranges (renal, hepatic, electrolytes, blood count) and any drug level with its timing and the drug's target range.",
  kind: "read",
  parameters: z.object({
    patient_id: patientId,
    panel: z.enum(["all", "renal", "hepatic", "electrolytes", "blood_count", "drug_levels"]).optional().describe("Which results to show (default all)"),
  }),
  execute({ patient_id, panel }, ctx: Ctx) {
    const p = patientOf(ctx, patient_id);
    const want = panel ?? "all";
    const out: string[] = [];
    if (want !== "drug_levels") {
      const keys = want === "all" ? [...new Set(Object.values(PANELS).flat())] : PANELS[want]!;
      for (const k of keys) if (p.labs[k] !== undefined && hasLab(k)) out.push(formatLabValue(k, p.labs[k]!));
    }
    if ((want === "all" || want === "drug_levels") && p.drugLevel) {
      const l = p.drugLevel;
      const range = getDrug(l.drugId).monitoring.find((m) => m.parameter === l.parameter)?.range;
      out.push(`${l.parameter}: ${l.value} ${l.unit}${range ? ` (target ${range.low}-${range.high} ${range.unit})` : ""}; drawn ${l.timing.replace(/\.$/, "").toLowerCase()}.`);
    }
    if (want === "drug_levels" && !p.drugLevel) out.push("No drug levels on file.");
    return `Labs of ${p.id}${want === "all" ? "" : ` (${want})`}:\n${out.join("\n")}`;
  },
});

export const getEcg = defineTool({
  name: "get_ecg",
  description: "Today's 12-lead ECG measurements: rhythm, heart rate and uncorrected QT interval.",
  kind: "read",
  parameters: z.object({ patient_id: patientId }),
  execute({ patient_id }, ctx: Ctx) {
    const p = patientOf(ctx, patient_id);
    if (!p.ecg) return `No ECG recorded today for ${p.id}.`;
    return `ECG ${p.id}: ${p.ecg.rhythm}, heart rate ${p.ecg.heartRate}/min, QT ${p.ecg.qtMs} ms (uncorrected).`;
  },
});

// ------------------------------------------------------------------ drug knowledge

export const getDrugInfo = defineTool({
  name: "get_drug_info",
  description: "Drug monograph summary: class, indications, usual adult dose and maximum daily dose, contraindications and key risk flags.",
  kind: "read",
  parameters: z.object({ drug: drugArg }),
  execute({ drug: q }) {
    const d = drug(q);
    const reg = usualRegimen(d);
    const max = d.adultDose.maxDaily;
    const flags = [d.qtProlonging && "QT-prolonging", d.serotonergic && "serotonergic", d.maoInhibitor && "MAO inhibitor", d.cnsDepressant && "CNS depressant", d.nephrotoxic && "nephrotoxic", d.raisesPotassium && "raises potassium", d.bleedingRisk !== "none" && `bleeding risk ${d.bleedingRisk}`].filter(Boolean);
    return [
      `${d.name} [${d.id}] (${d.brandExamples.join(", ") || "no brand"}): ${d.class}; group ${drugGroup(d.id)}.`,
      `Indications: ${d.indications.join("; ")}.`,
      `Usual adult dose: ${d.adultDose.text}`,
      `Regimen: ${fmt(d.adultDose.amount)} ${d.adultDose.unit} ${d.adultDose.route} ${d.adultDose.frequency}${reg ? ` (${fmt(reg.dosesPerDay, 3)}/day, ${fmt(reg.daily)} ${reg.unit}/day)` : ""}. Maximum daily dose: ${max ? `${fmt(max.amount)} ${max.unit}` : "not fixed"}.`,
      `Contraindications: ${d.contraindications.join("; ")}.`,
      `Flags: ${flags.join(", ") || "none"}.`,
    ].join("\n");
  },
});

export const searchDrugsByClassTool = defineTool({
  name: "search_drugs_by_class",
  description: "Find formulary drugs whose class or drug group contains the query (e.g. statin, SSRI, beta blocker, macrolide, anticoagulant).",
  kind: "read",
  parameters: z.object({ query: z.string().min(3).max(60).describe("Class words, e.g. 'statin', 'proton-pump', 'factor Xa'") }),
  execute({ query }) {
    const hits = searchDrugsByClass(query);
    if (hits.length === 0) throw new ToolError(`No formulary drug has "${query}" in its class or group; try a shorter class word.`);
    return `Drugs matching "${query}" (${hits.length}):\n${hits.map((d) => `- ${d.name} [${d.id}]: ${d.class}`).join("\n")}`;
  },
});

export const searchAlternatives = defineTool({
  name: "search_alternatives",
  description: "Therapeutic alternatives to a drug (other members of its interchangeable class; for anti-infectives, analgesics, psychiatric and rheumatic drugs also the other first-line drugs for the patient's condition), with the usual regimen; with patient_id each is screened for this patient.",
  kind: "read",
  parameters: z.object({ drug: drugArg, patient_id: patientId.optional().describe("Screen each alternative against this patient's record") }),
  execute({ drug: q, patient_id }, ctx: Ctx) {
    const d = drug(q);
    const p = patient_id ? patientOf(ctx, patient_id) : undefined;
    const alts = alternativesTo(d.id, p ? conditionFirstLine(p.conditionId) : []);
    if (alts.length === 0) return `No interchangeable class alternative to ${d.name} in the formulary (its class: ${d.class}); choose by indication with search_drugs_by_class.`;
    const lines = alts.map((a) => {
      const reg = usualRegimen(a);
      const regimen = `usual ${fmt(a.adultDose.amount)} ${a.adultDose.unit} ${a.adultDose.route} ${a.adultDose.frequency}${reg ? ` (${fmt(reg.dosesPerDay, 3)}/day)` : ""}`;
      if (!p) return `- ${a.name} [${a.id}] (${a.class}); ${regimen}`;
      const s = screenDrug(ctx.state, a.id);
      return `- ${a.name} [${a.id}] (${a.class}); ${regimen}; screen: ${s.safe ? "PASS" : `FAIL (${s.issues.map((i) => i.code).join(", ")})`}${s.cautions.length ? `; cautions: ${s.cautions.join("; ")}` : ""}`;
    });
    const cat = categoryOf(d);
    return `Alternatives to ${d.name}${cat ? ` (${cat.label})` : ""}${p ? ` screened for ${p.id}` : ""}:\n${lines.join("\n")}`;
  },
});

function interactionText(a: string, b: string): string {
  const da = drug(a), db = drug(b);
  if (da.id === db.id) throw new ToolError("Give two different drugs.");
  const r = checkInteraction(da.id, db.id);
  if (!r) return `${da.name} + ${db.name}: no interaction documented or derived from class rules.`;
  return [
    `${getDrug(r.a).name} + ${getDrug(r.b).name}: ${r.severity.toUpperCase()} (${r.kind}; ${r.source === "explicit" ? "documented pair" : `class rules: ${r.rules.join(", ")}`}).`,
    `Mechanism: ${r.mechanism}`,
    `Effect: ${r.effect}`,
    `Management: ${r.management}`,
  ].join("\n");
}

export const checkInteractionTool = defineTool({
  name: "check_interaction",
  description: "Interaction between two drugs: severity (contraindicated, major, moderate, minor), mechanism, clinical effect and management.",
  kind: "read",
  parameters: z.object({ drug_a: drugArg, drug_b: drugArg }),
  execute({ drug_a, drug_b }) {
    return interactionText(drug_a, drug_b);
  },
});

export const checkAllInteractionsTool = defineTool({
  name: "check_all_interactions",
  description: "Every interacting pair in a list of drugs, most severe first, with the mechanism in brief.",
  kind: "read",
  parameters: z.object({ drugs: drugList }),
  execute({ drugs }) {
    const ds = drugs.map(drug);
    const ix = interactionsOf(ds.map((d) => d.id));
    if (ix.length === 0) return `No interactions among ${ds.map((d) => d.name).join(", ")}.`;
    return `Interactions among ${ds.length} drugs (${ix.length} pairs, most severe first):\n${ix
      .map((r) => `- ${getDrug(r.a).name} [${r.a}] + ${getDrug(r.b).name} [${r.b}]: ${r.severity} (${r.kind}) - ${r.mechanism.split(". ")[0]!.replace(/\.$/, "")}.`)
      .join("\n")}`;
  },
});

export const calculateInteractionSeverityScore = defineTool({
  name: "calculate_interaction_severity_score",
  description: "Interaction burden of a drug list: the sum of severity weights over interacting pairs (contraindicated 10, major 5, moderate 2, minor 1).",
  kind: "read",
  category: "calculator",
  parameters: z.object({ drugs: drugList }),
  execute({ drugs }) {
    const ds = drugs.map(drug);
    const ix = interactionsOf(ds.map((d) => d.id));
    const score = interactionSeverityScore(ix);
    return `Interaction severity score: ${score} (${ix.length} pairs${ix.length ? `: ${ix.map((r) => `${r.a}+${r.b} ${r.severity} ${SEVERITY_WEIGHT[r.severity]}`).join(", ")}` : ""}).`;
  },
});

export const checkCyp450Metabolism = defineTool({
  name: "check_cyp450_metabolism",
  description: "Cytochrome P450 profile of a drug: enzymes it is a substrate of (sensitive substrates and prodrugs marked), and enzymes it inhibits or induces with strength.",
  kind: "read",
  parameters: z.object({ drug: drugArg }),
  execute({ drug: q }) {
    const d = drug(q);
    const c = d.cyp450;
    const sub = c.substrateOf.map((s) => `CYP${s.enzyme}${s.sensitive ? " (sensitive)" : ""}${s.prodrug ? " (prodrug activation)" : ""}`);
    return [
      `${d.name} CYP450 profile:`,
      `- Substrate of: ${sub.join(", ") || "no major CYP pathway"}`,
      `- Inhibits: ${c.inhibits.map((i) => `CYP${i.enzyme} (${i.strength})`).join(", ") || "none"}`,
      `- Induces: ${c.induces.map((i) => `CYP${i.enzyme} (${i.strength})`).join(", ") || "none"}`,
    ].join("\n");
  },
});

export const checkQtRisk = defineTool({
  name: "check_qt_risk",
  description: "QT-prolonging drugs in the patient's active list (plus a proposed drug), electrolytes that raise torsades risk, and the thresholds that call for avoiding another QT drug.",
  kind: "read",
  parameters: z.object({ patient_id: patientId, proposed_drug: drugArg.optional().describe("A drug being considered") }),
  execute({ patient_id, proposed_drug }, ctx: Ctx) {
    const p = patientOf(ctx, patient_id);
    const ids = activeMeds(ctx.state).map((m) => m.drugId);
    const proposed = proposed_drug ? drug(proposed_drug) : undefined;
    const qt = [...new Set([...ids, ...(proposed ? [proposed.id] : [])])].map(getDrug).filter((d) => d.qtProlonging);
    const lytes = ["potassium", "magnesium"].filter((k) => p.labs[k] !== undefined).map((k) => formatLabValue(k, p.labs[k]!));
    return [
      `QT-prolonging drugs${proposed ? ` including ${proposed.name}` : ""}: ${qt.length ? qt.map((d) => d.name).join(", ") : "none"} (${qt.length}).`,
      `Electrolytes: ${lytes.join("; ") || "not measured"}.`,
      "Avoid adding a QT-prolonging drug when the QTc is above 500 ms (or would rise by more than 60 ms); with two or more QT drugs take a baseline ECG and repeat it after starting, keeping potassium >= 4 mmol/L and magnesium >= 2 mg/dL.",
    ].join("\n");
  },
});

export const checkSerotonergicLoad = defineTool({
  name: "check_serotonergic_load",
  description: "Serotonergic drugs in the patient's active list (plus a proposed drug), flagging MAO inhibitors, which make serotonergic combinations contraindicated.",
  kind: "read",
  parameters: z.object({ patient_id: patientId, proposed_drug: drugArg.optional().describe("A drug being considered") }),
  execute({ patient_id, proposed_drug }, ctx: Ctx) {
    patientOf(ctx, patient_id);
    const proposed = proposed_drug ? drug(proposed_drug) : undefined;
    const ids = [...new Set([...activeMeds(ctx.state).map((m) => m.drugId), ...(proposed ? [proposed.id] : [])])];
    const sero = ids.map(getDrug).filter((d) => d.serotonergic);
    const maoi = sero.filter((d) => d.maoInhibitor);
    return [
      `Serotonergic drugs${proposed ? ` with ${proposed.name} added` : ""}: ${sero.map((d) => d.name).join(", ") || "none"}. Count: ${sero.length}.`,
      maoi.length ? `MAO inhibitor present (${maoi.map((d) => d.name).join(", ")}): serotonergic combinations are contraindicated.` : "No MAO inhibitor.",
      sero.length >= 2 ? "Two or more serotonergic drugs: counsel on serotonin toxicity (agitation, tremor, clonus, hyperthermia) and use the lowest doses." : "",
    ]
      .filter(Boolean)
      .join("\n");
  },
});

export const checkAllergyCrossReactivity = defineTool({
  name: "check_allergy_cross_reactivity",
  description: "Whether a drug conflicts with the patient's recorded allergies: the same drug, the same allergy class, or a class with documented cross-reactivity.",
  kind: "read",
  parameters: z.object({ patient_id: patientId, drug: drugArg }),
  execute({ patient_id, drug: q }, ctx: Ctx) {
    const p = patientOf(ctx, patient_id);
    const d = drug(q);
    if (p.allergies.length === 0) return `${p.id} has no recorded drug allergies; ${d.name} raises no allergy concern.`;
    const f = checkAllergy(d.id, allergyFamilies(p));
    const head = `${d.name} (allergy class ${d.allergyClass ?? "none"}${d.crossReactsWith?.length ? `, cross-reacts with ${d.crossReactsWith.join(", ")}` : ""}) vs allergies ${p.allergies.map((a) => a.substance).join(", ")}:`;
    return f.length ? `${head}\n${f.map((x) => `- ${x.level.replace("_", " ")}: ${x.detail}`).join("\n")}` : `${head} no conflict.`;
  },
});

export const checkPregnancySafety = defineTool({
  name: "check_pregnancy_safety",
  description: "Pregnancy risk category (legacy FDA letter A, B, C, D, X; N = no letter) with the evidence note, and lactation safety.",
  kind: "read",
  parameters: z.object({ drug: drugArg }),
  execute({ drug: q }) {
    const d = drug(q);
    return `${d.name}: pregnancy category ${d.pregnancy.category} - ${d.pregnancy.note}\nLactation: ${d.lactation.safety} - ${d.lactation.note}`;
  },
});

export const checkFoodInteractions = defineTool({
  name: "check_food_interactions",
  description: "Food, drink and supplement interactions of one or more drugs (grapefruit, alcohol, tyramine, dairy/calcium, caffeine, potassium, herbal products...).",
  kind: "read",
  parameters: z.object({ drugs: z.array(drugArg).min(1).max(20).describe("Drugs to check") }),
  execute({ drugs }) {
    return drugs
      .map(drug)
      .map((d) => `${d.name}: ${d.foodInteractions.length ? d.foodInteractions.join(" | ") : "no clinically relevant food interactions"}`)
      .join("\n");
  },
});

export const getPharmacokinetics = defineTool({
  name: "get_pharmacokinetics",
  description: "Pharmacokinetics of a drug: elimination half-life, oral bioavailability, protein binding and route of elimination (normal organ function).",
  kind: "read",
  parameters: z.object({ drug: drugArg }),
  execute({ drug: q }) {
    const d = drug(q);
    const pk = d.pharmacokinetics;
    return `${d.name}: half-life ${pk.halfLifeH === null ? "not meaningful (non-linear or non-absorbed)" : `${pk.halfLifeH} h`}; bioavailability ${pk.bioavailability ?? "n/a"}${pk.bioavailability !== undefined ? " %" : ""}; protein binding ${pk.proteinBinding ?? "n/a"}${pk.proteinBinding !== undefined ? " %" : ""}. Elimination: ${pk.elimination}`;
  },
});

export const checkDosage = defineTool({
  name: "check_dosage",
  description: "Check a regimen against the usual and maximum daily dose (and, with patient_id, against the renal rule at the patient's creatinine clearance).",
  kind: "read",
  parameters: z.object({
    drug: drugArg,
    dose: z.number().positive().max(100000).describe("Amount per administration"),
    unit: z.string().min(1).max(20).describe("Unit of the dose, e.g. mg, g, mcg, units"),
    doses_per_day: z.number().positive().max(24).describe("Administrations per 24 h"),
    patient_id: patientId.optional().describe("Also check kidney function for this patient"),
  }),
  execute({ drug: q, dose, unit, doses_per_day, patient_id }, ctx: Ctx) {
    const d = drug(q);
    const amount = toUnit(dose, unit, d.adultDose.unit);
    if (amount === null) throw new ToolError(`${d.name} is dosed in ${d.adultDose.unit}; ${unit} cannot be converted.`);
    const daily = amount * doses_per_day;
    const reg = usualRegimen(d);
    const max = maxDaily(d);
    const lines = [`${d.name} ${fmt(dose)} ${unit} x ${fmt(doses_per_day, 3)}/day = ${fmt(daily)} ${d.adultDose.unit}/day.`];
    lines.push(`Usual: ${reg ? `${fmt(reg.daily)} ${reg.unit}/day` : d.adultDose.text}`);
    if (max !== null) lines.push(`Maximum daily dose ${fmt(max)} ${d.adultDose.unit}: ${daily > max ? `EXCEEDED by ${fmt(daily - max)} ${d.adultDose.unit}` : "not exceeded (excess 0)"}.`);
    else lines.push(`Maximum daily dose: ${d.adultDose.maxDaily ? `${d.adultDose.maxDaily.amount} ${d.adultDose.maxDaily.unit}` : "not fixed"}.`);
    if (patient_id) {
      const p = patientOf(ctx, patient_id);
      const crcl = crclOf(p);
      const rule = renalAdjustment(d.id, crcl);
      lines.push(`Renal (CrCl ${fmt(crcl, 1)} mL/min): ${rule ? rule.adjustment : "no adjustment needed"}`);
    }
    return lines.join("\n");
  },
});

export const calculateRenalDoseAdjustment = defineTool({
  name: "calculate_renal_dose_adjustment",
  description: "Renal dosing rule of a drug at a creatinine clearance, and the adjusted total daily dose when the rule is a simple fraction of the usual dose.",
  kind: "read",
  category: "calculator",
  parameters: z.object({ drug: drugArg, crcl_ml_min: z.number().min(0).max(250).describe("Creatinine clearance, mL/min (Cockcroft-Gault)") }),
  execute({ drug: q, crcl_ml_min }) {
    const d = drug(q);
    if (d.renal.length === 0) return `${d.name}: no renal dose adjustment (${d.pharmacokinetics.elimination}).`;
    const rule = renalAdjustment(d.id, crcl_ml_min);
    const all = d.renal.map((r) => `CrCl < ${r.crclBelow}: ${r.adjustment}`).join(" | ");
    if (!rule) return `${d.name} at CrCl ${fmt(crcl_ml_min, 1)} mL/min: no adjustment needed. Rules: ${all}`;
    const reg = usualRegimen(d);
    const adj = rule.avoid ? "Avoid at this clearance." : rule.factor && reg ? `Adjusted total daily dose: ${fmt(reg.daily * rule.factor, 3)} ${reg.unit}/day (usual ${fmt(reg.daily)} ${reg.unit}/day x ${rule.factor}; e.g. ${fmt(reg.dose * rule.factor, 3)} ${reg.unit} ${fmt(reg.dosesPerDay, 3)}x/day).` : "Adjust as the rule states (no simple fraction).";
    return `${d.name} at CrCl ${fmt(crcl_ml_min, 1)} mL/min: rule "CrCl < ${rule.crclBelow}": ${rule.adjustment}${rule.factor ? ` Factor ${rule.factor}.` : ""}\n${adj}\nAll rules: ${all}`;
  },
});

export const calculateHepaticDoseAdjustment = defineTool({
  name: "calculate_hepatic_dose_adjustment",
  description: "Hepatic dosing advice of a drug for a Child-Pugh class (A, B or C), including whether to avoid it.",
  kind: "read",
  category: "calculator",
  parameters: z.object({ drug: drugArg, child_pugh_class: z.enum(["A", "B", "C"]).describe("Child-Pugh class: A 5-6, B 7-9, C 10-15 points") }),
  execute({ drug: q, child_pugh_class }) {
    const d = drug(q);
    const h = hepaticAdjustment(d.id, child_pugh_class);
    return `${d.name}, Child-Pugh ${child_pugh_class}: ${h.avoid ? "AVOID. " : ""}${h.advice}`;
  },
});

export const checkTherapeuticDrugMonitoring = defineTool({
  name: "check_therapeutic_drug_monitoring",
  description: "Monitoring plan of a drug: parameters, target ranges and sampling times; with a measured level, whether it is below, within or above the target.",
  kind: "read",
  parameters: z.object({
    drug: drugArg,
    measured_level: z.number().nonnegative().max(100000).optional().describe("A measured level in the unit of its target range"),
    parameter: z.string().min(3).max(80).optional().describe("Which monitored parameter the level belongs to (e.g. 'trough'); default: the first with a range"),
  }),
  execute({ drug: q, measured_level, parameter }) {
    const d = drug(q);
    const lines = d.monitoring.map((m) => `- ${m.parameter}${m.range ? `: target ${m.range.low}-${m.range.high} ${m.range.unit}` : ""}${m.timing ? `; timing: ${m.timing}` : ""}${m.note ? ` (${m.note})` : ""}`);
    let verdict = "";
    if (measured_level !== undefined) {
      const ranged = d.monitoring.filter((m) => m.range);
      const m = parameter ? ranged.find((x) => x.parameter.toLowerCase().includes(parameter.toLowerCase())) : ranged[0];
      if (!m) throw new ToolError(`${d.name} has no target range${parameter ? ` for "${parameter}"` : ""}; ranged parameters: ${ranged.map((x) => x.parameter).join(", ") || "none"}.`);
      const r = m.range!;
      const where = measured_level < r.low ? "BELOW" : measured_level > r.high ? "ABOVE" : "WITHIN";
      verdict = `\nLevel ${measured_level} ${r.unit} for ${m.parameter}: ${where} the target ${r.low}-${r.high} (midpoint ${fmt((r.low + r.high) / 2, 3)}).`;
    }
    return `${d.name} monitoring:\n${lines.join("\n")}${verdict}`;
  },
});

export const calculateDoseForTargetLevel = defineTool({
  name: "calculate_dose_for_target_level",
  description: "Proportional dose change for a drug with linear kinetics at steady state: new daily dose = current daily dose x target level / measured level.",
  kind: "read",
  category: "calculator",
  parameters: z.object({
    current_daily_dose: z.number().positive().max(100000).describe("Current total daily dose"),
    measured_level: z.number().positive().max(100000).describe("Measured steady-state level"),
    target_level: z.number().positive().max(100000).describe("Desired level (e.g. the middle of the target range)"),
  }),
  execute({ current_daily_dose, measured_level, target_level }) {
    const v = (current_daily_dose * target_level) / measured_level;
    return `New daily dose = ${fmt(current_daily_dose, 3)} x ${fmt(target_level, 3)} / ${fmt(measured_level, 3)} = ${fmt(v, 3)} per day (linear kinetics; not valid for phenytoin or other saturable drugs).`;
  },
});

export const screenNewPrescription = defineTool({
  name: "screen_new_prescription",
  description: "Clinical decision support screen of a drug for this patient: interactions with active medications, allergies, pregnancy, kidney and liver function, therapeutic duplication. PASS or FAIL with reasons and cautions.",
  kind: "read",
  parameters: z.object({ patient_id: patientId, drug: drugArg }),
  execute({ patient_id, drug: q }, ctx: Ctx) {
    patientOf(ctx, patient_id);
    const d = drug(q);
    const s = screenDrug(ctx.state, d.id);
    return [
      `Screen of ${d.name} for ${patient_id}: ${s.safe ? "PASS" : "FAIL"}.`,
      ...s.issues.map((i) => `- ${i.code}: ${i.detail}`),
      ...(s.cautions.length ? [`Cautions: ${s.cautions.join("; ")}.`] : []),
    ].join("\n");
  },
});

export const searchDdiLiterature = defineTool({
  name: "search_ddi_literature",
  description: "Annotated literature evidence (DDI Extraction 2013 corpus: DrugBank and MEDLINE sentences) that two drugs interact, with the annotation type (mechanism, effect, advise, int).",
  kind: "read",
  parameters: z.object({ drug_a: drugArg, drug_b: drugArg }),
  execute({ drug_a, drug_b }) {
    const a = drug(drug_a), b = drug(drug_b);
    const nm = (d: Drug) => [d.id, d.name, ...(d.aliases ?? []), ...d.brandExamples];
    const ev = ddiEvidence(nm(a), nm(b));
    if (ev.length === 0) return `No annotated sentence in the DDI corpus names ${a.name} and ${b.name} as interacting; rely on the interaction check.`;
    return `DDI corpus evidence for ${a.name} + ${b.name}:\n${ev.map((e) => `- [${e.type ?? "unspecified"}; ${e.source}] ${e.sentence}`).join("\n")}`;
  },
});

// ------------------------------------------------------------------ write tools

const SAFETY: Record<string, { code: string; severity: "critical" | "major" | "minor" }> = {
  interaction_contraindicated: { code: "interaction_contraindicated", severity: "critical" },
  interaction_major: { code: "interaction_major", severity: "major" },
  allergy: { code: "allergy_conflict", severity: "critical" },
  allergy_cross_reactivity: { code: "allergy_cross_reactivity", severity: "major" },
  pregnancy_contraindicated: { code: "pregnancy_category_x", severity: "critical" },
  pregnancy_risk: { code: "pregnancy_category_d", severity: "major" },
  renal_avoid: { code: "renal_contraindicated", severity: "major" },
  hepatic_avoid: { code: "hepatic_contraindicated", severity: "major" },
  therapeutic_duplication: { code: "therapeutic_duplication", severity: "minor" },
};

export const prescribeMedication = defineTool({
  name: "prescribe_medication",
  description: "Prescribe a drug for the patient (adds it to the active list). The order is checked for interactions, allergies, pregnancy, kidney and liver function and the maximum daily dose; problems are recorded.",
  kind: "write",
  parameters: z.object({
    patient_id: patientId,
    drug: drugArg,
    dose: z.number().positive().max(100000).describe("Amount per administration"),
    unit: z.string().min(1).max(20).describe("Unit of the dose, e.g. mg, g, mcg, units"),
    doses_per_day: z.number().positive().max(24).describe("Administrations per 24 h"),
    indication: z.string().min(3).max(200).describe("Why it is prescribed"),
  }),
  execute({ patient_id, drug: q, dose, unit, doses_per_day, indication }, ctx: Ctx) {
    const p = patientOf(ctx, patient_id);
    const d = drug(q);
    if (activeMeds(ctx.state).some((m) => m.drugId === d.id)) throw new ToolError(`${d.name} is already on the active list; discontinue it first to change the regimen.`);
    const amount = toUnit(dose, unit, d.adultDose.unit);
    if (amount === null) throw new ToolError(`${d.name} is dosed in ${d.adultDose.unit}; give the dose in that unit.`);
    const daily = amount * doses_per_day;
    const warnings: string[] = [];
    const flag = (code: string, severity: "critical" | "major" | "minor", detail: string) => {
      ctx.record({ type: "safety", code, severity, detail: `${d.name}: ${detail}` });
      warnings.push(`SAFETY (${severity}) ${code}: ${detail}`);
    };
    const s = screenDrug(ctx.state, d.id);
    for (const i of s.issues) flag(SAFETY[i.code]!.code, SAFETY[i.code]!.severity, i.detail);
    const crcl = crclOf(p);
    const rule = renalAdjustment(d.id, crcl);
    const reg = usualRegimen(d);
    if (rule?.factor && !rule.avoid && reg && daily > reg.daily * rule.factor * 1.05)
      flag("renal_dose_not_adjusted", "major", `${fmt(daily)} ${d.adultDose.unit}/day exceeds the renally adjusted ${fmt(reg.daily * rule.factor)} ${d.adultDose.unit}/day at CrCl ${fmt(crcl, 1)} mL/min`);
    const max = maxDaily(d);
    if (max !== null && daily > max * 1.001) flag("dose_above_maximum", "major", `${fmt(daily)} ${d.adultDose.unit}/day is above the maximum ${fmt(max)}`);
    ctx.state.medications.push({
      drugId: d.id,
      name: d.name,
      dose,
      unit,
      route: d.adultDose.route,
      frequency: `${fmt(doses_per_day, 3)} times daily`,
      dosesPerDay: doses_per_day,
      indication,
      status: "active",
      source: "episode",
    });
    ctx.state.prescriptions.push({ drugId: d.id, dose, unit, dosesPerDay: doses_per_day, route: d.adultDose.route, indication, turn: ctx.turn });
    ctx.record({ type: "order", code: "prescription", detail: `${p.id}: ${d.id} ${fmt(dose)} ${unit} x${fmt(doses_per_day, 3)}/day` });
    return [`Prescribed ${d.name} ${fmt(dose)} ${unit} ${d.adultDose.route} ${fmt(doses_per_day, 3)}x/day (${fmt(daily)} ${d.adultDose.unit}/day) for ${indication}.`, ...warnings].join("\n");
  },
});

export const discontinueMedication = defineTool({
  name: "discontinue_medication",
  description: "Stop one of the patient's active medications, with the reason.",
  kind: "write",
  parameters: z.object({ patient_id: patientId, drug: drugArg, reason: z.string().min(3).max(300).describe("Why it is stopped") }),
  execute({ patient_id, drug: q, reason }, ctx: Ctx) {
    const p = patientOf(ctx, patient_id);
    const d = drug(q);
    const m = activeMeds(ctx.state).find((x) => x.drugId === d.id);
    if (!m) throw new ToolError(`${d.name} is not an active medication of ${p.id}. Active: ${activeMeds(ctx.state).map((x) => x.drugId).join(", ")}.`);
    m.status = "discontinued";
    ctx.state.discontinued.push({ drugId: d.id, reason, turn: ctx.turn });
    ctx.record({ type: "order", code: "discontinuation", detail: `${p.id}: stop ${d.id} (${reason.slice(0, 60)})` });
    return `${d.name} discontinued for ${p.id}: ${reason}.`;
  },
});

export const recommendMonitoring = defineTool({
  name: "recommend_monitoring",
  description: "Order monitoring for the patient: a drug level, ECG, labs (potassium, creatinine, INR...) or clinical observations, with timing.",
  kind: "write",
  parameters: z.object({
    patient_id: patientId,
    parameter: z.string().min(2).max(120).describe("What to monitor, e.g. 'vancomycin trough', '12-lead ECG', 'serum potassium'"),
    timing: z.string().min(2).max(200).describe("When, e.g. 'before the 4th dose', 'in 5-7 days'"),
    reason: z.string().min(3).max(300).describe("Why"),
  }),
  execute({ patient_id, parameter, timing, reason }, ctx: Ctx) {
    const p = patientOf(ctx, patient_id);
    ctx.state.monitoring.push({ parameter, timing, reason, turn: ctx.turn });
    ctx.record({ type: "order", code: "monitoring", detail: `${p.id}: ${parameter} ${timing}` });
    return `Monitoring ordered for ${p.id}: ${parameter}, ${timing}.`;
  },
});

export const submitAnswer = defineTool({
  name: "submit_answer",
  description: "Submit the final answer to the ticket's question. Ends the episode.",
  kind: "terminal",
  parameters: z.object({
    answer: z.string().min(1).max(200).describe("Only the requested value: a drug name, a pair 'drug A + drug B', an enzyme, or a number without units"),
    rationale: z.string().max(2000).optional().describe("Brief justification"),
  }),
  execute({ answer }, ctx: Ctx) {
    ctx.submit(answer.trim());
    return `Answer submitted: ${answer.trim()}.`;
  },
});

export const DRUG_TOOLS: Tool<RxState>[] = [
  getPatientInfo,
  getPatientMedications,
  getPatientLabs,
  getEcg,
  getDrugInfo,
  searchDrugsByClassTool,
  searchAlternatives,
  checkInteractionTool,
  checkAllInteractionsTool,
  calculateInteractionSeverityScore,
  checkCyp450Metabolism,
  checkQtRisk,
  checkSerotonergicLoad,
  checkAllergyCrossReactivity,
  checkPregnancySafety,
  checkFoodInteractions,
  getPharmacokinetics,
  checkDosage,
  calculateRenalDoseAdjustment,
  calculateHepaticDoseAdjustment,
  checkTherapeuticDrugMonitoring,
  calculateDoseForTargetLevel,
  screenNewPrescription,
  searchDdiLiterature,
  calculatorTool<RxState>("cockcroft_gault"),
  calculatorTool<RxState>("child_pugh"),
  calculatorTool<RxState>("qtc_bazett"),
  calculatorTool<RxState>("qtc_fridericia"),
  calculatorTool<RxState>("mme"),
  prescribeMedication,
  discontinueMedication,
  recommendMonitoring,
  thinkTool<RxState>(),
  submitAnswer,
] as Tool<RxState>[];
