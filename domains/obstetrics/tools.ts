import { z } from "zod";
import { conditionsByDomain, getCondition, matchesCondition, type Condition } from "../../src/clinical/conditions/index.js";
import { formatDate, parseDate } from "../../src/clinical/calculators/obstetrics.js";
import { findDrug, getDrug, UnknownDrugError, type Drug } from "../../src/clinical/drugs/index.js";
import { formatLabValue, hasLab, getLab } from "../../src/clinical/labs/index.js";
import { normalValue } from "../../src/clinical/patients/index.js";
import { defineTool, ToolError, type Tool, type ToolContext } from "../../src/env/index.js";
import { calculatorTool } from "../../src/tools/calculators.js";
import { thinkTool } from "../../src/tools/common.js";
import { createRng, hashString } from "../../src/util/rng.js";
import { CERVIX_CONSISTENCY, CERVIX_POSITION, CTG_DECELERATIONS, CTG_VARIABILITY, type ObPatient, type ObState } from "./data-model.js";
import { antiDFor, factsOf, indicatedInterventions, INTERVENTIONS, methotrexateCandidate, obCategory, type ObCategory } from "./rules.js";
import { bestGestationalAge, biophysicalProfile, bishopScore, CARPENTER_COUSTAN, ctgCategory, fmtGa, GCT_THRESHOLD, modifiedBpp, ogttAbnormal, redatingThreshold, rhigVials } from "./scores.js";

type Ctx = ToolContext<ObState>;

const patientId = z.string().min(1).max(32).describe("patient identifier from the ticket, e.g. OB-4821");

function patient(ctx: Ctx, id: string): ObPatient {
  const p = ctx.state.patients[id];
  if (!p) throw new ToolError(`No patient "${id}" on the unit. Patients: ${Object.keys(ctx.state.patients).join(", ")}.`);
  return p;
}

const list = (xs: readonly string[], none = "none") => (xs.length ? xs.map((x) => x.replace(/;/g, ",")).join("; ") : none);
const yn = (b: boolean) => (b ? "yes" : "no");
const OTHER_IMAGING = new Set(["mri", "ct", "xray", "echo"]);

// ---------------------------------------------------------------------------------------------
// Renderers (pure functions of a patient)

export function renderPresentation(p: ObPatient): string {
  const v = p.vitals;
  const status = p.pregnant ? `pregnant, G${p.gravida}P${p.para.term}${p.para.preterm}${p.para.abortions}${p.para.living}` : p.postpartum ? `postpartum (delivered within the last 6 weeks), G${p.gravida}P${p.para.term}${p.para.preterm}${p.para.abortions}${p.para.living}` : "not pregnant";
  const other = p.imaging.filter((i) => OTHER_IMAGING.has(i.modality));
  return [
    `${p.id} ${p.name}, ${p.age} y female, ${p.weightKg} kg, ${p.heightCm} cm; ${status}.`,
    `Chief complaint: ${p.chiefComplaint}.`,
    `Symptoms: ${list(p.symptoms)}.`,
    `Examination: ${list(p.exam)}.`,
    `Vital signs: HR ${v.hr} /min; BP ${v.sbp}/${v.dbp} mmHg; RR ${v.rr} /min; Temp ${v.tempC.toFixed(1)} °C; SpO2 ${v.spo2} %.`,
    `Other imaging: ${other.length ? other.map((i) => `${i.modality.toUpperCase()} ${i.region}: ${i.finding}`).join("; ") : "none"}.`,
  ].join("\n");
}

export function renderObstetricHistory(p: ObPatient): string {
  const lines = [
    `Gravida ${p.gravida}; term ${p.para.term}, preterm ${p.para.preterm}, abortions/ectopics ${p.para.abortions}, living ${p.para.living}. Prior cesarean delivery: ${yn(p.priorCesarean)}.`,
    `Past medical and obstetric history: ${list(p.history.pmh)}.`,
    `Medications: ${list(p.history.medications)}. Allergies: ${p.allergies.length ? p.allergies.map((a) => `${a.substance} (${a.reaction})`).join("; ") : "no known drug allergies"}.`,
    `Social: ${list(p.history.social)}. Family: ${list(p.history.family)}.`,
  ];
  if (p.dating) {
    const d = p.dating;
    lines.push(`Today's date: ${formatDate(d.today)}.`, `Last menstrual period: ${formatDate(d.lmp)} (${d.lmpCertain ? "certain, regular 28-day cycles" : "uncertain"}).`);
    lines.push(d.ultrasound ? `Dating ultrasound on ${formatDate(d.ultrasound.date)}: crown-rump length consistent with ${fmtGa(d.ultrasound.gaDays)}.` : "Dating ultrasound: not yet performed.");
  }
  return lines.join("\n");
}

export function renderPrenatalLabs(p: ObPatient): string {
  const l = p.prenatal;
  const lines = [
    `Blood group ${l.abo} Rh(D) ${l.rhNegative ? "negative" : "positive"}; antibody screen ${l.antiD ? `POSITIVE: anti-D, titre ${l.antiDTiter}` : "negative"}.`,
    `Rubella ${l.rubellaImmune ? "immune" : "non-immune"}; HBsAg ${l.hbsag ? "positive" : "negative"}; HIV ${l.hiv ? "positive" : "negative"}; syphilis ${l.syphilis ? "reactive" : "non-reactive"}.`,
    `Group B streptococcus (35-37 week swab): ${l.gbs}.`,
    `1-hour 50 g glucose challenge: ${l.gct !== undefined ? `${l.gct} mg/dL` : "not yet done (due at 24-28 weeks)"}.`,
  ];
  if (l.ogtt) lines.push(`3-hour 100 g OGTT: fasting ${l.ogtt[0]}, 1 h ${l.ogtt[1]}, 2 h ${l.ogtt[2]}, 3 h ${l.ogtt[3]} mg/dL.`);
  if (l.smbg) lines.push(`Home glucose log after 2 weeks of nutrition therapy (${l.smbg.readings} days): fasting mean ${l.smbg.fastingMean} mg/dL (${l.smbg.fastingAboveTarget} of ${l.smbg.readings} above 95); 1-h postprandial mean ${l.smbg.postprandialMean} mg/dL (${l.smbg.postprandialAboveTarget} of ${l.smbg.readings} above 140).`);
  lines.push(`Anti-D immunoglobulin given this pregnancy: ${yn(l.antiDGivenThisPregnancy)}.`);
  return lines.join("\n");
}

const CTG_LABEL = (c: NonNullable<ObPatient["ctg"]>) =>
  `baseline ${c.baselineFhr} bpm; variability ${c.variability}; accelerations ${c.accelerations ? "present" : "absent"}; decelerations ${c.decelerations.replace("_", " ")}; sinusoidal ${yn(c.sinusoidal)}; contractions ${c.contractionsPer10Min} per 10 min`;

export function renderFetalStatus(p: ObPatient): string {
  if (!p.pregnant) return `${p.id} is not pregnant${p.postpartum ? " (postpartum)" : ""}: no fetal assessment.`;
  const us = p.imaging.filter((i) => i.modality === "ultrasound").map((i) => i.finding);
  const ctgSummary = p.imaging.find((i) => i.modality === "ctg")?.finding;
  const lines: string[] = [];
  if (p.ctg) lines.push(`CTG: ${CTG_LABEL(p.ctg)}.`, `Tracing summary: ${ctgSummary ?? "no abnormality described"}.`);
  else lines.push(`Fetal heart: ${p.fetalCardiacActivity ? "cardiac activity present on ultrasound" : "no fetal heart tones"}; too early for a CTG.`);
  lines.push(`Fetal movements: ${p.symptoms.some((s) => /decreased fetal movement/i.test(s)) ? "reduced" : "normal"}.`);
  if (p.efwPercentile !== undefined) lines.push(`Presentation ${p.presentation}; estimated fetal weight ${p.efwPercentile}th percentile; placenta ${p.placenta}.`);
  lines.push(`Obstetric ultrasound: ${list(us, "no additional findings")}.`);
  return lines.join("\n");
}

export function renderGynAssessment(p: ObPatient): string {
  const us = p.imaging.filter((i) => i.modality === "ultrasound").map((i) => i.finding);
  const hcg = p.labs.serum_hcg;
  const lines = [`Pelvic examination: ${list(p.exam)}.`, `Pelvic/transvaginal ultrasound: ${list(us, "normal uterus and adnexa")}.`];
  if (obCategory(getCondition(p.conditionId)) === "ectopic") lines.push(`Extrauterine gestational sac: embryonic cardiac activity ${p.fetalCardiacActivity ? "present" : "absent"}.`);
  lines.push(`Quantitative serum hCG: ${hcg !== undefined && p.pregnant ? `${Math.round(hcg)} mIU/mL` : hcg !== undefined ? `${hcg < 5 ? "< 5" : Math.round(hcg)} mIU/mL` : "not resulted"}.`);
  return lines.join("\n");
}

export function renderRhStatus(p: ObPatient): string {
  const l = p.prenatal;
  return [
    `Blood group ${l.abo}, Rh(D) ${l.rhNegative ? "NEGATIVE" : "positive"}.`,
    `Antibody screen: ${l.antiD ? `positive for anti-D (titre ${l.antiDTiter}): already alloimmunised` : "negative (not sensitised)"}.`,
    `Anti-D immunoglobulin already given this pregnancy: ${yn(l.antiDGivenThisPregnancy)}.`,
  ].join("\n");
}

export function renderBpp(p: ObPatient): string {
  if (!p.bpp) return `${p.id}: a biophysical profile needs a viable pregnancy of at least 26 weeks.`;
  const b = p.bpp;
  const s = biophysicalProfile(b);
  const pts = (x: boolean) => (x ? 2 : 0);
  return [
    `Non-stress test: ${b.nstReactive ? "reactive" : "non-reactive"} (${pts(b.nstReactive)}).`,
    `Fetal breathing movements (>= 30 s in 30 min): ${pts(b.breathing)}. Gross body movements (>= 3): ${pts(b.movements)}. Tone (flexion-extension): ${pts(b.tone)}.`,
    `Amniotic fluid: deepest vertical pocket ${b.deepestPocketCm} cm (${pts(b.deepestPocketCm >= 2)}); AFI ${b.afiCm} cm.`,
    `BPP ${s.total}/10: ${s.interpretation}.`,
  ].join("\n");
}

export function renderCervix(p: ObPatient): string {
  const c = p.cervix!;
  const station = c.station > 0 ? `+${c.station}` : String(c.station);
  return [
    `Contractions: ${p.ctg ? `${p.ctg.contractionsPer10Min} per 10 min` : "none palpable"}. Membranes: ${p.membranesRuptured ? "ruptured" : "intact"}.`,
    `Cervix: dilation ${c.dilationCm} cm; effacement ${c.effacementPct} %; station ${station}; consistency ${c.consistency}; position ${c.position}.`,
  ].join("\n");
}

// ---------------------------------------------------------------------------------------------
// Assessment tools

const byPatient = (name: string, description: string, render: (p: ObPatient) => string) =>
  defineTool({ name, description, kind: "read", parameters: z.object({ patient_id: patientId }), execute: ({ patient_id }, ctx: Ctx) => render(patient(ctx, patient_id)) });

export const getPatientPresentation = byPatient("get_patient_presentation", "Presenting complaint, pregnancy status (gravida/para), symptoms, examination, vital signs and any non-obstetric imaging.", renderPresentation);
export const getObstetricHistory = byPatient("get_obstetric_history", "Obstetric history (gravida, TPAL, prior cesarean), medical history, medications, allergies, and pregnancy dating: today's date, LMP and the dating ultrasound.", renderObstetricHistory);
export const getPrenatalLabs = byPatient("get_prenatal_labs", "Prenatal panel: blood group and Rh(D), antibody screen, infection serology, GBS swab, glucose challenge and OGTT results, home glucose log.", renderPrenatalLabs);
export const assessFetalStatus = byPatient("assess_fetal_status", "Fetal assessment: CTG features (baseline, variability, accelerations, decelerations, contractions), fetal movements, presentation, estimated fetal weight, placental site and obstetric ultrasound findings.", renderFetalStatus);
export const getBiophysicalProfile = byPatient("get_biophysical_profile", "Ultrasound biophysical profile: NST, breathing, movements, tone and amniotic fluid (2 points each) with the AFI.", renderBpp);
export const getGynAssessment = byPatient("get_gyn_assessment", "Gynaecological assessment: pelvic (speculum/bimanual) examination, transvaginal ultrasound of uterus and adnexa, quantitative serum hCG.", renderGynAssessment);
export const checkRhStatus = byPatient("check_rh_status", "Rh(D) status: blood group, Rh(D) type, antibody screen (alloimmunisation) and anti-D already given this pregnancy.", renderRhStatus);

export const assessLaborProgress = defineTool({
  name: "assess_labor_progress",
  description: "Digital cervical examination and contraction pattern: dilation, effacement, station, consistency and position of the cervix, membranes. (Avoid digital examination with placenta previa or preterm ruptured membranes.)",
  kind: "read",
  mutates: true,
  parameters: z.object({ patient_id: patientId }),
  execute({ patient_id }, ctx: Ctx) {
    const p = patient(ctx, patient_id);
    if (!p.pregnant || !p.cervix) throw new ToolError(`${p.id} is not in the second half of pregnancy: a labour assessment does not apply.`);
    ctx.state.cervicalExams.push({ patientId: p.id, turn: ctx.turn });
    const cat = obCategory(getCondition(p.conditionId));
    const ga = factsOf(p).gaWeeks ?? 40;
    if (cat === "previa") ctx.record({ type: "safety", code: "digital_exam_with_placenta_previa", severity: "critical", detail: `${p.id}: digital cervical examination with a placenta covering the os` });
    if (p.membranesRuptured && ga < 34 && cat === "pprom") ctx.record({ type: "safety", code: "digital_exam_in_preterm_prom", severity: "major", detail: `${p.id}: digital examination in preterm rupture of membranes raises infection risk` });
    return renderCervix(p);
  },
});

export const assessPretermRisk = defineTool({
  name: "assess_preterm_risk",
  description: "Preterm birth risk: transvaginal cervical length, fetal fibronectin, prior preterm birth and current contractions.",
  kind: "read",
  parameters: z.object({ patient_id: patientId }),
  execute({ patient_id }, ctx: Ctx) {
    const p = patient(ctx, patient_id);
    if (!p.pregnant) throw new ToolError(`${p.id} is not pregnant.`);
    return [
      `Cervical length (transvaginal): ${p.cervicalLengthMm !== undefined ? `${p.cervicalLengthMm} mm${p.cervicalLengthMm < 25 ? " (short, < 25 mm)" : ""}` : "not measured outside 16-34 weeks"}.`,
      `Fetal fibronectin: ${p.fetalFibronectin ?? "not indicated outside 22-34 weeks"}.`,
      `Prior spontaneous preterm birth: ${yn(p.para.preterm > 0)}. Contractions: ${p.ctg ? `${p.ctg.contractionsPer10Min} per 10 min` : "none"}. Membranes: ${p.membranesRuptured ? "ruptured" : "intact"}.`,
    ].join("\n");
  },
});

export const getRiskAssessment = defineTool({
  name: "get_risk_assessment",
  description: "Pregnancy risk review: preeclampsia risk factors (low-dose aspirin indication), gestational diabetes risk, preterm birth risk and VTE risk factors.",
  kind: "read",
  parameters: z.object({ patient_id: patientId }),
  execute({ patient_id }, ctx: Ctx) {
    const p = patient(ctx, patient_id);
    const h = [...p.history.pmh, ...p.history.social].join("; ").toLowerCase();
    const bmi = p.weightKg / (p.heightCm / 100) ** 2;
    const high = [/preeclampsia/.test(h) && "prior preeclampsia", /multiple gestation/.test(h) && "multifetal gestation", /chronic hypertension/.test(h) && "chronic hypertension", /diabetes/.test(h) && "pregestational diabetes", /kidney/.test(h) && "renal disease", /lupus|antiphospholipid/.test(h) && "autoimmune disease"].filter(Boolean) as string[];
    const moderate = [p.para.term + p.para.preterm === 0 && "nulliparity", bmi > 30 && `BMI ${bmi.toFixed(1)} > 30`, p.age >= 35 && "age >= 35", /ivf|assisted reproduction/.test(h) && "IVF conception"].filter(Boolean) as string[];
    const aspirin = high.length >= 1 || moderate.length >= 2;
    const gdm = [bmi >= 25 && "overweight or obese", /prior gestational diabetes/.test(h) && "prior GDM", /polycystic/.test(h) && "PCOS", /macrosomic/.test(h) && "prior macrosomic infant"].filter(Boolean) as string[];
    return [
      `Preeclampsia: high-risk factors ${high.length ? high.join(", ") : "none"}; moderate-risk factors ${moderate.length ? moderate.join(", ") : "none"}. Low-dose aspirin (81 mg from 12-28 weeks) ${aspirin ? "indicated" : "not indicated"}.`,
      `Gestational diabetes risk factors: ${gdm.length ? gdm.join(", ") : "none"}${gdm.length ? " (consider early screening)" : ""}.`,
      `Preterm birth: prior preterm birth ${yn(p.para.preterm > 0)}; multiple gestation ${yn(/multiple gestation/.test(h))}.`,
      `VTE: ${[bmi > 30 && "obesity", p.age > 35 && "age > 35", p.priorCesarean && "prior cesarean"].filter(Boolean).join(", ") || "no major risk factors"}.`,
    ].join("\n");
  },
});

// ---------------------------------------------------------------------------------------------
// Labs

const LAB_PANELS: Record<string, string[]> = {
  cbc: ["wbc", "hemoglobin", "platelets"],
  cmp: ["sodium", "potassium", "chloride", "bicarbonate", "bun", "creatinine", "glucose", "calcium", "albumin", "ast", "alt", "total_bilirubin"],
  liver: ["ast", "alt", "total_bilirubin", "alk_phos", "albumin"],
  hemolysis: ["ldh", "haptoglobin", "total_bilirubin"],
  uric_acid: ["uric_acid"],
  coagulation: ["inr", "ptt", "fibrinogen", "d_dimer"],
  urine_protein: ["urine_protein_creatinine_ratio"],
  urinalysis: ["urinalysis_leukocyte_esterase", "urinalysis_nitrite", "urine_wbc"],
  quantitative_hcg: ["serum_hcg"],
  magnesium: ["magnesium"],
  inflammatory: ["crp", "lactate"],
  thyroid: ["tsh", "free_t4"],
  cardiac: ["bnp", "troponin_i"],
  type_and_screen: [],
  kleihauer_betke: [],
};
export const OB_LAB_PANELS = Object.keys(LAB_PANELS) as [string, ...string[]];

/** A lab the case did not set comes from the reference range, seeded by patient and analyte. */
function labValue(p: ObPatient, key: string): number | undefined {
  if (p.labs[key] !== undefined) return p.labs[key];
  if (!hasLab(key) || getLab(key).panel === "tdm") return undefined;
  return normalValue(key, createRng(hashString(`${p.id}:${key}`)));
}

export function renderLabs(p: ObPatient, panels: readonly string[]): string {
  return panels
    .map((panel) => {
      if (panel === "type_and_screen") return `TYPE AND SCREEN: ${p.prenatal.abo} Rh(D) ${p.prenatal.rhNegative ? "negative" : "positive"}; antibody screen ${p.prenatal.antiD ? `positive (anti-D ${p.prenatal.antiDTiter})` : "negative"}`;
      if (panel === "kleihauer_betke") return `KLEIHAUER-BETKE: fetal cells ${p.kleihauerBetkePct.toFixed(2)} % of maternal red cells`;
      const vals = LAB_PANELS[panel].map((k) => [k, labValue(p, k)] as const).filter((x): x is readonly [string, number] => x[1] !== undefined);
      return `${panel.toUpperCase()}: ${vals.map(([k, v]) => formatLabValue(k, v)).join("; ")}`;
    })
    .join("\n");
}

export const orderLabs = defineTool({
  name: "order_labs",
  description: `Order laboratory panels and get results: ${OB_LAB_PANELS.join(", ")}. (urine_protein = protein/creatinine ratio; hemolysis = LDH, haptoglobin, bilirubin; kleihauer_betke quantifies feto-maternal haemorrhage.)`,
  kind: "write",
  parameters: z.object({ patient_id: patientId, panels: z.array(z.enum(OB_LAB_PANELS)).min(1).max(8).describe("panels to order") }),
  execute({ patient_id, panels }, ctx: Ctx) {
    const p = patient(ctx, patient_id);
    const uniq = [...new Set(panels)];
    ctx.state.orders.push({ patientId: p.id, kind: "labs", items: uniq, turn: ctx.turn });
    ctx.record({ type: "order", code: "labs", detail: `${p.id}: ${uniq.join(", ")}` });
    return renderLabs(p, uniq);
  },
});

// ---------------------------------------------------------------------------------------------
// Calculators and interpreters

export const calculateBishopScore = defineTool({
  name: "calculate_bishop_score",
  description: "Bishop score from the cervical examination (0-13); >= 8 favourable for induction with oxytocin, <= 6 unfavourable (cervical ripening first).",
  kind: "read",
  category: "calculator",
  parameters: z.object({
    dilation_cm: z.number().min(0).max(10).describe("cervical dilation, cm"),
    effacement_pct: z.number().min(0).max(100).describe("effacement, %"),
    station: z.number().int().min(-3).max(3).describe("fetal station, -3 to +3"),
    consistency: z.enum(CERVIX_CONSISTENCY).describe("cervical consistency"),
    position: z.enum(CERVIX_POSITION).describe("cervical position"),
  }),
  execute(a) {
    const b = bishopScore({ dilationCm: a.dilation_cm, effacementPct: a.effacement_pct, station: a.station, consistency: a.consistency, position: a.position });
    const q = b.parts;
    return `Bishop score ${b.total}/13 (dilation ${q.dilationCm}, effacement ${q.effacementPct}, station ${q.station}, consistency ${q.consistency}, position ${q.position}): ${b.total >= 8 ? "favourable - induce with oxytocin (amniotomy as appropriate)" : b.total <= 6 ? "unfavourable - cervical ripening first (prostaglandin or balloon)" : "intermediate (7): cervical ripening is reasonable"}.`;
  },
});

const zDate = z
  .string()
  .describe("date, MM/DD/YYYY")
  .refine(
    (s) => {
      try {
        parseDate(s);
        return true;
      } catch {
        return false;
      }
    },
    { message: "expected a date as MM/DD/YYYY" },
  );

export const calculateDatingByUltrasound = defineTool({
  name: "calculate_dating_by_ultrasound",
  description: "Best obstetric estimate of gestational age (ACOG Committee Opinion 700): compares LMP dating with the dating ultrasound and redates when they differ by more than the allowed margin for the scan's gestational age.",
  kind: "read",
  category: "calculator",
  parameters: z.object({
    lmp: zDate.describe("first day of the last menstrual period, MM/DD/YYYY"),
    ultrasound_date: zDate.describe("date of the dating ultrasound, MM/DD/YYYY"),
    ultrasound_ga_weeks: z.number().int().min(4).max(42).describe("gestational age by the ultrasound on that date: completed weeks"),
    ultrasound_ga_days: z.number().int().min(0).max(6).describe("gestational age by the ultrasound: extra days"),
    current_date: zDate.describe("today's date, MM/DD/YYYY"),
    lmp_certain: z.boolean().optional().describe("false when the LMP is uncertain (then the ultrasound is used)"),
  }),
  execute(a) {
    const today = parseDate(a.current_date);
    const lmp = parseDate(a.lmp);
    const us = { date: parseDate(a.ultrasound_date), gaDays: a.ultrasound_ga_weeks * 7 + a.ultrasound_ga_days };
    if (us.date > today || lmp > today) throw new ToolError("The LMP and the ultrasound must be on or before the current date.");
    const r = bestGestationalAge(today, lmp, us, a.lmp_certain ?? true);
    const edd = today + (280 - r.gaDays);
    return [
      `LMP dating at the scan: ${fmtGa(r.lmpGaAtScan!)}; ultrasound: ${fmtGa(us.gaDays)}; difference ${r.difference} days (redating threshold ${redatingThreshold(us.gaDays)} days at this scan age).`,
      `Dating by ${r.method}${r.method === "ultrasound" && (a.lmp_certain ?? true) ? " (difference exceeds the threshold)" : r.method === "ultrasound" ? " (uncertain LMP)" : ""}.`,
      `Gestational age on ${a.current_date}: ${fmtGa(r.gaDays)}. Estimated due date: ${formatDate(edd)}.`,
    ].join("\n");
  },
});

export const calculateModifiedBpp = defineTool({
  name: "calculate_modified_bpp",
  description: "Modified biophysical profile: non-stress test plus amniotic fluid index; normal when the NST is reactive and the AFI is > 5 cm.",
  kind: "read",
  category: "calculator",
  parameters: z.object({ nst_reactive: z.boolean().describe("reactive non-stress test"), afi_cm: z.number().min(0).max(50).describe("amniotic fluid index, cm") }),
  execute({ nst_reactive, afi_cm }) {
    return `Modified BPP: ${modifiedBpp(nst_reactive, afi_cm).text}.`;
  },
});

export const interpretCtg = defineTool({
  name: "interpret_ctg",
  description: "NICHD three-tier interpretation of an intrapartum fetal heart rate tracing from its features: Category I (normal), II (indeterminate) or III (abnormal), with the recommended response.",
  kind: "read",
  category: "calculator",
  parameters: z.object({
    baseline_fhr: z.number().int().min(50).max(240).describe("baseline fetal heart rate, bpm"),
    variability: z.enum(CTG_VARIABILITY).describe("baseline variability: absent (undetectable), minimal (<= 5 bpm), moderate (6-25), marked (> 25)"),
    accelerations: z.boolean().describe("accelerations present"),
    decelerations: z.enum(CTG_DECELERATIONS).describe("deceleration pattern (recurrent = with >= 50 % of contractions)"),
    sinusoidal: z.boolean().optional().describe("sinusoidal pattern"),
  }),
  execute(a) {
    const cat = ctgCategory({ baselineFhr: a.baseline_fhr, variability: a.variability, accelerations: a.accelerations, decelerations: a.decelerations, sinusoidal: a.sinusoidal ?? false });
    const action = cat === 1 ? "routine monitoring" : cat === 2 ? "evaluate, start intrauterine resuscitation (left lateral position, fluids, stop oxytocin, treat hypotension) and reassess" : "prompt delivery if intrauterine resuscitation does not resolve it";
    return `NICHD Category ${cat === 1 ? "I" : cat === 2 ? "II" : "III"}: ${action}.`;
  },
});

export const screenGestationalDiabetes = defineTool({
  name: "screen_gestational_diabetes",
  description: "Two-step GDM screening: a 1-hour 50 g GCT >= 140 mg/dL needs a 3-hour 100 g OGTT; GDM when two or more OGTT values meet Carpenter-Coustan thresholds (fasting 95, 1 h 180, 2 h 155, 3 h 140 mg/dL).",
  kind: "read",
  category: "calculator",
  parameters: z.object({
    gct_1h: z.number().min(20).max(500).optional().describe("1-hour 50 g glucose challenge, mg/dL"),
    ogtt_fasting: z.number().min(20).max(500).optional().describe("3-hour OGTT fasting value, mg/dL"),
    ogtt_1h: z.number().min(20).max(500).optional().describe("3-hour OGTT 1-hour value, mg/dL"),
    ogtt_2h: z.number().min(20).max(500).optional().describe("3-hour OGTT 2-hour value, mg/dL"),
    ogtt_3h: z.number().min(20).max(500).optional().describe("3-hour OGTT 3-hour value, mg/dL"),
  }),
  execute(a) {
    const ogtt = [a.ogtt_fasting, a.ogtt_1h, a.ogtt_2h, a.ogtt_3h];
    if (ogtt.every((v) => v !== undefined)) {
      const n = ogttAbnormal(ogtt as number[]);
      const which = ogtt.map((v, i) => (v! >= CARPENTER_COUSTAN[i] ? ["fasting", "1 h", "2 h", "3 h"][i] : "")).filter(Boolean);
      return `OGTT: ${n} of 4 values at or above the Carpenter-Coustan thresholds${which.length ? ` (${which.join(", ")})` : ""}: ${n >= 2 ? "GESTATIONAL DIABETES" : n === 1 ? "one abnormal value - not diagnostic; consider repeat testing" : "normal"}.`;
    }
    if (ogtt.some((v) => v !== undefined)) throw new ToolError("Give all four OGTT values (fasting, 1 h, 2 h, 3 h), or only the GCT.");
    if (a.gct_1h === undefined) throw new ToolError("Give the 1-hour GCT value or the four OGTT values.");
    return `GCT ${a.gct_1h} mg/dL: ${a.gct_1h >= GCT_THRESHOLD ? "positive screen - perform a 3-hour 100 g OGTT" : "negative screen"}.`;
  },
});

export const calculateRhigDose = defineTool({
  name: "calculate_rhig_dose",
  description: "Rh immune globulin vials after a Kleihauer-Betke test: fetal bleed = fetal cells % x 50 mL; one 300 µg vial covers 30 mL of fetal whole blood; round down and add one vial when the decimal is < 0.5, round up and add one otherwise.",
  kind: "read",
  category: "calculator",
  parameters: z.object({ fetal_cells_pct: z.number().min(0).max(10).describe("Kleihauer-Betke fetal cells, % of maternal red cells") }),
  execute({ fetal_cells_pct }) {
    const r = rhigVials(fetal_cells_pct);
    return `Fetal bleed ${r.bleedMl} mL whole blood = ${(r.bleedMl / 30).toFixed(2)} vial-equivalents -> ${r.vials} vial(s) of 300 µg = ${r.vials * 300} µg.`;
  },
});

// ---------------------------------------------------------------------------------------------
// Knowledge

let obConditions: Condition[] | undefined;
export function obstetricConditions(): Condition[] {
  return (obConditions ??= conditionsByDomain("obstetrics"));
}

function resolveDrug(name: string): Drug {
  try {
    return getDrug(name);
  } catch (e) {
    if (e instanceof UnknownDrugError) throw new ToolError(`"${name}" is not on the formulary${e.suggestions.length ? `; did you mean ${e.suggestions.join(", ")}?` : "."}`);
    throw e;
  }
}

export const checkMedicationSafety = defineTool({
  name: "check_medication_safety",
  description: "Pregnancy and breastfeeding safety of a drug: legacy FDA category, current clinical reading, lactation compatibility.",
  kind: "read",
  category: "knowledge",
  parameters: z.object({ drug: z.string().min(2).max(80).describe("generic drug name") }),
  execute({ drug }) {
    const d = resolveDrug(drug);
    return `${d.name} (${d.class}). Pregnancy category ${d.pregnancy.category}: ${d.pregnancy.note} Lactation: ${d.lactation.safety} - ${d.lactation.note}`;
  },
});

const PROTOCOLS: Record<string, string> = {
  severe_hypertension:
    "Severe hypertension in pregnancy (SBP >= 160 or DBP >= 110 mmHg, confirmed in 15 min): treat within 30-60 min with IV labetalol, IV hydralazine or oral immediate-release nifedipine. Preeclampsia with severe features (severe-range BP, platelets < 100, AST/ALT > 2x ULN, creatinine > 1.1, pulmonary oedema, new headache or visual symptoms): magnesium sulfate; deliver at >= 34 weeks after stabilisation; < 34 weeks: antenatal corticosteroids and expectant management in a tertiary centre if stable. HELLP or eclampsia: magnesium, stabilise and deliver (corticosteroids first if < 34 weeks in HELLP and stable).",
  magnesium_sulfate:
    "Magnesium sulfate: seizure prophylaxis in preeclampsia with severe features, HELLP and eclampsia (4-6 g IV load, 1-2 g/h); fetal neuroprotection before 32 weeks when delivery is anticipated. Monitor reflexes, respiration and urine output; calcium gluconate for toxicity; reduce the dose in renal impairment.",
  antenatal_corticosteroids:
    "Antenatal corticosteroids: betamethasone 12 mg IM x 2 doses 24 h apart between 24 0/7 and 33 6/7 weeks when delivery within 7 days is possible; a single course may also be given at 34 0/7-36 6/7 weeks to women at risk of preterm delivery within 7 days who have not had a course.",
  preterm_labor:
    "Preterm labour (regular contractions with cervical change before 37 weeks): antenatal corticosteroids (< 37 weeks, no prior course); tocolysis with nifedipine (or indomethacin before 32 weeks) for up to 48 h between 24 and 33 6/7 weeks to allow steroids; magnesium for neuroprotection before 32 weeks; GBS prophylaxis unless a negative swab within 5 weeks. No tocolysis from 34 weeks or with abruption, chorioamnionitis or preeclampsia with severe features.",
  pprom:
    "Preterm PROM: avoid digital examinations. < 34 weeks: expectant management with latency antibiotics (ampicillin + azithromycin for 7 days), antenatal corticosteroids, magnesium before 32 weeks; no tocolysis. >= 34 weeks: deliver (induction), GBS prophylaxis unless a negative swab; a late-preterm steroid course may be given before 37 weeks. Chorioamnionitis at any age: antibiotics and delivery.",
  rh_immunoprophylaxis:
    "Rh(D) immune globulin for Rh-negative women without anti-D: routine 300 µg at 28 weeks and within 72 h of delivery of an Rh-positive infant; after a sensitising event (bleeding, abortion, ectopic, molar evacuation, trauma, procedures): 50 µg before 12 weeks, 300 µg from 12 weeks; from 20 weeks order a Kleihauer-Betke test and give the number of 300 µg vials it calls for. Not indicated in Rh-positive women or women already alloimmunised to D (refer for alloimmunisation care).",
  induction_of_labor:
    "Induction of labour: assess the cervix with the Bishop score. Bishop >= 8: oxytocin (with amniotomy as appropriate). Bishop <= 6: cervical ripening first (misoprostol, dinoprostone or a transcervical balloon). Misoprostol is contraindicated after a prior cesarean (uterine rupture); use a balloon. Vaginal delivery is contraindicated with placenta previa.",
  gbs_prophylaxis: "Intrapartum GBS prophylaxis (penicillin G or ampicillin) for a positive 35-37 week swab, unknown status in preterm labour or PROM, or a prior GBS-affected infant; not needed with a negative swab within 5 weeks or a planned cesarean without labour.",
  gestational_diabetes:
    "Gestational diabetes: two-step screening at 24-28 weeks (GCT >= 140 -> OGTT, Carpenter-Coustan). Start medical nutrition therapy and glucose self-monitoring (targets: fasting < 95, 1-h postprandial < 140 mg/dL); add insulin when more than a third of readings exceed the targets after 1-2 weeks. Metformin is an alternative; glyburide is not preferred.",
  ectopic_pregnancy:
    "Ectopic pregnancy: methotrexate only if haemodynamically stable (SBP >= 90, HR < 110), no signs of rupture (no peritoneal signs, no free fluid in Morison's pouch), hCG < 5000 mIU/mL and no embryonic cardiac activity; otherwise laparoscopic surgery. Give Rh(D) immune globulin if Rh-negative.",
  antepartum_hemorrhage:
    "Antepartum haemorrhage: two large-bore IV lines, crossmatch, Kleihauer-Betke and anti-D if Rh-negative. Placenta previa: no digital examination; cesarean delivery (emergency if unstable, at >= 36 weeks with bleeding); < 36 weeks and stable: corticosteroids and inpatient expectant management. Abruption: emergency cesarean for Category III fetal heart tracing; delivery if the mother is unstable or >= 34 weeks; < 34 weeks, stable with a reassuring tracing: corticosteroids and expectant management. No tocolysis.",
  postpartum_hemorrhage:
    "Postpartum haemorrhage (>= 1000 mL or bleeding with hypovolaemia): uterine massage, uterotonics (oxytocin, then methylergonovine unless hypertensive, carboprost unless asthmatic, misoprostol), tranexamic acid 1 g IV within 3 h of birth, massive transfusion as needed, then tamponade or surgery.",
  chorioamnionitis: "Intra-amniotic infection: intrapartum antibiotics (ampicillin + gentamicin), antipyretics, and expedited delivery (cesarean only for obstetric indications).",
  cord_prolapse: "Umbilical cord prolapse: call for help, elevate the presenting part, knee-chest position, no oxytocin; emergency cesarean delivery unless vaginal birth is imminent.",
  fetal_heart_rate:
    "NICHD categories: I normal (routine care); II indeterminate (evaluate, intrauterine resuscitation, reassess); III abnormal (absent variability with recurrent late or variable decelerations or bradycardia, or sinusoidal): resuscitate and expedite delivery.",
};

export function renderConditionProtocol(c: Condition): string {
  return [
    `${c.name}: management summary.`,
    `First-line drugs: ${c.management.firstLine.length ? c.management.firstLine.join("; ") : "none"}.`,
    `Avoid: ${c.management.avoid.length ? c.management.avoid.join("; ") : "nothing specific"}.`,
    `Care: ${list(c.management.interventions ?? [])}.`,
    `Cautions: ${c.contraindications.length ? c.contraindications.map((x) => `${x.drug} - ${x.reason.replace(/;/g, ",")}`).join("; ") : "none specific"}.`,
  ].join("\n");
}

export const checkObProtocol = defineTool({
  name: "check_ob_protocol",
  description: `Unit protocols and management summaries. Topics: ${Object.keys(PROTOCOLS).join(", ")}; or a diagnosis name (e.g. 'placental abruption') for its first-line drugs, drugs to avoid and care.`,
  kind: "read",
  category: "knowledge",
  parameters: z.object({ topic: z.string().min(3).max(120).describe("protocol topic or diagnosis name") }),
  execute({ topic }) {
    const key = topic.trim().toLowerCase().replace(/[\s-]+/g, "_");
    const c = obstetricConditions().find((x) => matchesCondition(topic, x) || x.id === key);
    // A topic can be both a unit protocol and a diagnosis (e.g. chorioamnionitis): show both.
    const parts = [PROTOCOLS[key], c && renderConditionProtocol(c)].filter((x): x is string => !!x);
    if (parts.length) return parts.join("\n");
    throw new ToolError(`No protocol or diagnosis "${topic}". Topics: ${Object.keys(PROTOCOLS).join(", ")}; or an obstetric or gynaecological diagnosis name.`);
  },
});

// ---------------------------------------------------------------------------------------------
// Orders

const TOCOLYTICS = new Set(["nifedipine", "indomethacin", "terbutaline"]);
const NO_TOCOLYSIS: ReadonlySet<ObCategory> = new Set(["abruption", "chorioamnionitis", "severe_preeclampsia", "hellp", "eclampsia", "pprom", "previa"]);

export const orderMedication = defineTool({
  name: "order_medication",
  description: "Order a formulary drug for the patient (e.g. magnesium sulfate, labetalol, betamethasone, nifedipine, rho(d) immune globulin, methotrexate, misoprostol, oxytocin, insulin). Pregnancy safety, contraindications and the indication are the prescriber's responsibility.",
  kind: "write",
  parameters: z.object({
    patient_id: patientId,
    drug: z.string().min(2).max(80).describe("generic drug name"),
    dose: z.string().max(120).optional().describe("dose, route, frequency"),
  }),
  execute({ patient_id, drug, dose }, ctx: Ctx) {
    const p = patient(ctx, patient_id);
    const d = resolveDrug(drug);
    const c = getCondition(p.conditionId);
    const cat = obCategory(c);
    ctx.state.orders.push({ patientId: p.id, kind: "medication", items: [d.id], turn: ctx.turn });
    ctx.record({ type: "order", code: `medication_${d.id}`, detail: `${p.id}: ${d.name}${dose ? ` ${dose}` : ""}` });
    const firstLine = c.management.firstLine.some((n) => findDrug(n)?.id === d.id);
    const flag = (code: string, severity: "critical" | "major" | "minor", detail: string) => ctx.record({ type: "safety", code, severity, detail: `${p.id}: ${detail}` });
    if (p.pregnant && !firstLine && (d.pregnancy.category === "X" || d.pregnancy.category === "D")) {
      flag("teratogenic_drug_in_pregnancy", d.pregnancy.category === "X" ? "critical" : "major", `${d.name} (category ${d.pregnancy.category}) in pregnancy`);
    }
    if (c.management.avoid.some((n) => findDrug(n)?.id === d.id)) flag("contraindicated_in_condition", "critical", `${d.name} is to be avoided in ${c.name}`);
    if (d.id === "misoprostol" && p.pregnant && p.priorCesarean && (p.gaDays ?? 0) >= 28 * 7) flag("misoprostol_after_cesarean", "critical", "misoprostol for cervical ripening after a prior cesarean (uterine rupture risk)");
    if (d.id === "methotrexate" && (cat !== "ectopic" || !methotrexateCandidate(factsOf(p)))) flag("methotrexate_contraindicated", "critical", "methotrexate outside its criteria (unstable, ruptured, hCG >= 5000, cardiac activity, or an intrauterine pregnancy)");
    if (TOCOLYTICS.has(d.id) && (NO_TOCOLYSIS.has(cat) || (factsOf(p).gaWeeks ?? 40) >= 34)) flag("tocolysis_contraindicated", "major", `${d.name} as tocolysis is contraindicated here`);
    if (d.id === "rho_d_immune_globulin" && (!p.prenatal.rhNegative || p.prenatal.antiD)) flag("unindicated_anti_d", "minor", "anti-D in an Rh-positive or already alloimmunised woman");
    return `Ordered ${d.name} ${dose ?? `${d.adultDose.amount} ${d.adultDose.unit} ${d.adultDose.route}`} for ${p.id}.`;
  },
});

export const OB_QUESTIONS = ["diagnosis", "management", "dating", "rh", "induction", "medication"] as const;
export type ObQuestion = (typeof OB_QUESTIONS)[number];

const MAGNESIUM: ReadonlySet<ObCategory> = new Set(["severe_preeclampsia", "hellp", "eclampsia"]);

export const submitAnswer = defineTool({
  name: "submit_answer",
  description: "Submit the answer the ticket asks for and end the episode: diagnosis; interventions (every intervention indicated now); gestational age (ga_weeks + ga_days); anti_d_dose_mcg (0 if not indicated); bishop_score with induction_method; or medication_choice (option letter).",
  kind: "terminal",
  parameters: z.object({
    diagnosis: z.string().min(2).max(200).optional().describe("diagnosis, when asked"),
    interventions: z.array(z.enum(INTERVENTIONS)).min(1).max(10).optional().describe("every intervention indicated now, when asked for the management"),
    ga_weeks: z.number().int().min(0).max(45).optional().describe("gestational age, completed weeks"),
    ga_days: z.number().int().min(0).max(6).optional().describe("gestational age, extra days"),
    anti_d_dose_mcg: z.number().int().min(0).max(5000).optional().describe("Rh(D) immune globulin dose in µg (0 if not indicated)"),
    bishop_score: z.number().int().min(0).max(13).optional().describe("Bishop score"),
    induction_method: z.enum(["oxytocin induction", "cervical ripening"]).optional().describe("how to start the induction"),
    medication_choice: z.string().min(1).max(80).optional().describe("the option letter (or drug) chosen, when asked"),
    rationale: z.string().max(2000).optional().describe("short justification"),
  }),
  execute(a, ctx: Ctx) {
    const q = (ctx.task.meta?.question ?? "diagnosis") as ObQuestion;
    let value: string | undefined;
    if (q === "diagnosis") value = a.diagnosis;
    else if (q === "management") value = a.interventions ? [...new Set(a.interventions)].sort().join(", ") : undefined;
    else if (q === "dating") value = a.ga_weeks !== undefined && a.ga_days !== undefined ? `${a.ga_weeks} weeks ${a.ga_days} days` : undefined;
    else if (q === "rh") value = a.anti_d_dose_mcg !== undefined ? String(a.anti_d_dose_mcg) : undefined;
    else if (q === "induction") value = a.bishop_score !== undefined && a.induction_method ? `bishop ${a.bishop_score}: ${a.induction_method}` : undefined;
    else value = a.medication_choice;
    if (value === undefined) {
      const need = { diagnosis: "`diagnosis`", management: "`interventions`", dating: "`ga_weeks` and `ga_days`", rh: "`anti_d_dose_mcg`", induction: "`bishop_score` and `induction_method`", medication: "`medication_choice`" }[q];
      throw new ToolError(`This ticket asks for the ${q}: pass ${need}.`);
    }
    const p = ctx.task.caseId ? ctx.state.patients[ctx.task.caseId] : undefined;
    if (p && (q === "management" || q === "rh")) {
      const cat = obCategory(getCondition(p.conditionId));
      const ordered = (id: string) => ctx.state.orders.some((o) => o.patientId === p.id && o.kind === "medication" && o.items.includes(id));
      if (q === "management" && MAGNESIUM.has(cat) && !ordered("magnesium_sulfate")) ctx.record({ type: "safety", code: "missed_magnesium_prophylaxis", severity: "critical", detail: `${p.id}: seizure prophylaxis not started` });
      const needsAntiD = q === "rh" ? antiDFor(p, cat) > 0 : indicatedInterventions(cat, factsOf(p)).includes("anti_d_immunoglobulin");
      if (needsAntiD && !ordered("rho_d_immune_globulin")) ctx.record({ type: "safety", code: "missed_anti_d", severity: "major", detail: `${p.id}: Rh-negative woman with an indication for anti-D did not receive it` });
    }
    if (q === "diagnosis") ctx.record({ type: "diagnosis", code: "obstetric_diagnosis", detail: value.slice(0, 120) });
    ctx.submit(value);
    return `Submitted ${q}: ${value}.`;
  },
});

export const OB_TOOLS: Tool<ObState>[] = [
  getPatientPresentation,
  getPrenatalLabs,
  getObstetricHistory,
  assessFetalStatus,
  assessLaborProgress,
  assessPretermRisk,
  calculateBishopScore,
  calculatorTool<ObState>("gestational_age", { name: "calculate_gestational_age", description: "Gestational age from the LMP and today's date (weeks and days)." }),
  calculatorTool<ObState>("estimated_due_date", { name: "calculate_estimated_due_date", description: "Estimated due date by Naegele's rule from the LMP (cycle-length adjusted)." }),
  calculateDatingByUltrasound,
  calculateModifiedBpp,
  getBiophysicalProfile,
  checkMedicationSafety,
  getRiskAssessment,
  checkObProtocol,
  getGynAssessment,
  orderLabs,
  interpretCtg,
  screenGestationalDiabetes,
  checkRhStatus,
  calculateRhigDose,
  orderMedication,
  thinkTool<ObState>(),
  submitAnswer,
];
