/**
 * Obstetric decisions as functions of a case. Categories come from ICD-10 codes; management
 * follows ACOG practice bulletins (222 hypertension, 171 preterm labour, 217 PROM, 181 Rh(D)
 * alloimmunisation, 190 GDM, 193 ectopic pregnancy, 107 induction, 797 GBS, Committee Opinion 713
 * antenatal corticosteroids). Ground truth, the write tools' safety checks and the expert share them.
 */
import type { Condition } from "../../src/clinical/conditions/index.js";
import type { ObPatient } from "./data-model.js";
import { antiDDose, bestGestationalAge, bishopScore, ctgCategory } from "./scores.js";

export const OB_CATEGORIES = [
  "severe_preeclampsia",
  "hellp",
  "eclampsia",
  "abruption",
  "previa",
  "ectopic",
  "gdm",
  "hyperemesis",
  "preterm_labor",
  "pprom",
  "pph",
  "chorioamnionitis",
  "threatened_abortion",
  "incomplete_abortion",
  "cord_prolapse",
  "cholestasis",
  "pyelonephritis",
  "afe",
  "endometritis",
  "molar",
  "ppcm",
  "ppd",
  "gyn",
  "other",
] as const;
export type ObCategory = (typeof OB_CATEGORIES)[number];

export function obCategory(c: Condition): ObCategory {
  const k = c.icd10;
  const rules: [RegExp, ObCategory][] = [
    [/^O14\.[19]/, "severe_preeclampsia"],
    [/^O14\.2/, "hellp"],
    [/^O15/, "eclampsia"],
    [/^O45/, "abruption"],
    [/^O44/, "previa"],
    [/^O00/, "ectopic"],
    [/^O24\.4/, "gdm"],
    [/^O21/, "hyperemesis"],
    [/^O60/, "preterm_labor"],
    [/^O42/, "pprom"],
    [/^O72/, "pph"],
    [/^O41\.1/, "chorioamnionitis"],
    [/^O20/, "threatened_abortion"],
    [/^O0[236]/, "incomplete_abortion"],
    [/^O69\.0/, "cord_prolapse"],
    [/^O26\.6/, "cholestasis"],
    [/^O23\.0/, "pyelonephritis"],
    [/^O88\.1/, "afe"],
    [/^O86\.1/, "endometritis"],
    [/^O01/, "molar"],
    [/^O90\.3/, "ppcm"],
    [/^F53/, "ppd"],
    [/^N/, "gyn"],
  ];
  return rules.find(([re]) => re.test(k))?.[1] ?? "other";
}

export const INTERVENTIONS = [
  "magnesium_sulfate",
  "antihypertensive_therapy",
  "antenatal_corticosteroids",
  "tocolysis",
  "latency_antibiotics",
  "gbs_prophylaxis",
  "intrapartum_antibiotics",
  "anti_d_immunoglobulin",
  "expedited_delivery",
  "cesarean_delivery",
  "emergency_cesarean",
  "expectant_management",
  "methotrexate",
  "laparoscopic_surgery",
  "medical_nutrition_therapy",
  "insulin",
  "uterotonics",
  "tranexamic_acid",
] as const;
export type Intervention = (typeof INTERVENTIONS)[number];

/** Categories whose management the intervention questions cover. */
export const MANAGED: ReadonlySet<ObCategory> = new Set(["severe_preeclampsia", "hellp", "eclampsia", "preterm_labor", "pprom", "abruption", "previa", "ectopic", "gdm", "chorioamnionitis", "pph", "cord_prolapse"]);

/** The facts management depends on; the expert fills them from the tools. */
export interface ObFacts {
  /** Best obstetric estimate, completed weeks (undefined when not pregnant). */
  gaWeeks?: number;
  sbp: number;
  dbp: number;
  hr: number;
  rhNegativeUnsensitized: boolean;
  ctgCategory?: 1 | 2 | 3;
  gbs: "positive" | "negative" | "not done";
  serumHcg?: number;
  peritonealSigns: boolean;
  hemoperitoneum: boolean;
  fetalCardiacActivity: boolean;
  glucoseTargetsMet: boolean;
}

export const severeRangeBp = (f: { sbp: number; dbp: number }) => f.sbp >= 160 || f.dbp >= 110;
export const unstable = (f: { sbp: number; hr: number }) => f.sbp < 90 || f.hr >= 120;

export function bestGa(p: ObPatient): number | undefined {
  if (!p.dating) return undefined;
  return bestGestationalAge(p.dating.today, p.dating.lmp, p.dating.ultrasound, p.dating.lmpCertain).gaDays;
}

export function factsOf(p: ObPatient): ObFacts {
  const ga = bestGa(p);
  return {
    gaWeeks: ga === undefined ? undefined : Math.floor(ga / 7),
    sbp: p.vitals.sbp,
    dbp: p.vitals.dbp,
    hr: p.vitals.hr,
    rhNegativeUnsensitized: p.prenatal.rhNegative && !p.prenatal.antiD,
    ctgCategory: p.ctg ? ctgCategory(p.ctg) : undefined,
    gbs: p.prenatal.gbs,
    serumHcg: p.labs.serum_hcg,
    peritonealSigns: p.exam.some((e) => /peritoneal signs/i.test(e)),
    hemoperitoneum: p.imaging.some((i) => /morison/i.test(i.finding)),
    fetalCardiacActivity: !!p.fetalCardiacActivity,
    glucoseTargetsMet: !p.prenatal.smbg || (p.prenatal.smbg.fastingAboveTarget <= p.prenatal.smbg.readings / 3 && p.prenatal.smbg.postprandialAboveTarget <= p.prenatal.smbg.readings / 3),
  };
}

/** Methotrexate for ectopic pregnancy: stable, unruptured, hCG < 5000 mIU/mL, no embryonic cardiac activity. */
export function methotrexateCandidate(f: ObFacts): boolean {
  return !unstable(f) && f.hr < 110 && !f.peritonealSigns && !f.hemoperitoneum && (f.serumHcg ?? 0) < 5000 && !f.fetalCardiacActivity;
}

/** Every intervention indicated now, as a sorted set. */
export function indicatedInterventions(cat: ObCategory, f: ObFacts): Intervention[] {
  const out = new Set<Intervention>();
  const ga = f.gaWeeks ?? 40;
  const gbs = f.gbs !== "negative";
  const antiD = () => f.rhNegativeUnsensitized && out.add("anti_d_immunoglobulin");
  switch (cat) {
    case "severe_preeclampsia":
      out.add("magnesium_sulfate");
      if (severeRangeBp(f)) out.add("antihypertensive_therapy");
      if (ga >= 34) out.add("expedited_delivery");
      else out.add("antenatal_corticosteroids").add("expectant_management");
      break;
    case "hellp":
      out.add("magnesium_sulfate").add("expedited_delivery");
      if (severeRangeBp(f)) out.add("antihypertensive_therapy");
      if (ga < 34) out.add("antenatal_corticosteroids");
      break;
    case "eclampsia":
      out.add("magnesium_sulfate").add("expedited_delivery");
      if (severeRangeBp(f)) out.add("antihypertensive_therapy");
      break;
    case "preterm_labor":
      if (ga < 37) out.add("antenatal_corticosteroids");
      if (ga < 34) out.add("tocolysis");
      if (ga < 32) out.add("magnesium_sulfate");
      if (gbs) out.add("gbs_prophylaxis");
      break;
    case "pprom":
      if (ga < 37) out.add("antenatal_corticosteroids");
      if (ga < 34) {
        out.add("latency_antibiotics").add("expectant_management");
        if (ga < 32) out.add("magnesium_sulfate");
      } else {
        out.add("expedited_delivery");
        if (gbs) out.add("gbs_prophylaxis");
      }
      break;
    case "abruption":
      antiD();
      if (f.ctgCategory === 3) out.add("emergency_cesarean");
      else if (unstable(f) || ga >= 34) out.add("expedited_delivery");
      else out.add("antenatal_corticosteroids").add("expectant_management");
      break;
    case "previa":
      antiD();
      if (unstable(f)) out.add("emergency_cesarean");
      else if (ga >= 36) out.add("cesarean_delivery");
      else out.add("antenatal_corticosteroids").add("expectant_management");
      break;
    case "ectopic":
      antiD();
      out.add(methotrexateCandidate(f) ? "methotrexate" : "laparoscopic_surgery");
      break;
    case "gdm":
      out.add("medical_nutrition_therapy");
      if (!f.glucoseTargetsMet) out.add("insulin");
      break;
    case "chorioamnionitis":
      out.add("intrapartum_antibiotics").add("expedited_delivery");
      break;
    case "pph":
      out.add("uterotonics").add("tranexamic_acid");
      break;
    case "cord_prolapse":
      out.add("emergency_cesarean");
      break;
    default:
      break;
  }
  return [...out].sort();
}

/** Sensitising events in pregnancy that call for anti-D (bleeding, ectopic, miscarriage, molar evacuation). */
export const SENSITISING: ReadonlySet<ObCategory> = new Set(["abruption", "previa", "ectopic", "threatened_abortion", "incomplete_abortion", "molar"]);

/** Anti-D dose (µg) the case needs now: 0 for Rh-positive or already alloimmunised women. */
export function antiDFor(p: ObPatient, cat: ObCategory): number {
  if (!p.prenatal.rhNegative || p.prenatal.antiD) return 0;
  const ga = bestGa(p);
  if (ga === undefined) return 0;
  const weeks = Math.floor(ga / 7);
  if (!SENSITISING.has(cat)) return weeks >= 26 && weeks <= 30 && !p.prenatal.antiDGivenThisPregnancy ? 300 : 0;
  return antiDDose(weeks, p.kleihauerBetkePct);
}

/** Hypertensive-disorder criteria (ACOG PB 222), used to keep generated cases true to their label. */
export function hypertensiveFindings(p: ObPatient) {
  const l = p.labs;
  const symptoms = [...p.symptoms, ...p.exam].join("; ").toLowerCase();
  const severe =
    severeRangeBp(p.vitals) ||
    (l.platelets ?? 300) < 100 ||
    Math.max(l.ast ?? 0, l.alt ?? 0) > 80 ||
    (l.creatinine ?? 0) > 1.1 ||
    /headache|visual|scotoma|pulmonary edema/.test(symptoms);
  const hellp = (l.platelets ?? 300) <= 100 && (l.ast ?? 0) >= 70 && (l.ldh ?? 0) >= 600;
  const proteinuria = (l.urine_protein_creatinine_ratio ?? 0) >= 0.3;
  const seizure = /seizure/.test(symptoms);
  return { severe, hellp, proteinuria, seizure };
}

/** Whether a generated case still fits its label under the criteria (otherwise it is redrawn). */
export function consistentWithLabel(p: ObPatient, cat: ObCategory): boolean {
  if (cat === "severe_preeclampsia") {
    const h = hypertensiveFindings(p);
    return h.severe && !h.hellp && !h.seizure && p.vitals.sbp >= 140 && p.vitals.dbp >= 90;
  }
  if (cat === "hellp") return hypertensiveFindings(p).hellp;
  if (cat === "eclampsia") return hypertensiveFindings(p).seizure;
  return true;
}

export function inductionMethod(p: ObPatient): { score: number; method: "oxytocin induction" | "cervical ripening" } | undefined {
  if (!p.cervix) return undefined;
  const b = bishopScore(p.cervix);
  return { score: b.total, method: b.favourable ? "oxytocin induction" : "cervical ripening" };
}
