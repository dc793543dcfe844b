/**
 * Venous thromboembolism: Wells' criteria for PE (Wells 2000) and DVT (Wells 2003), the PERC rule
 * (Kline 2004) and the Caprini 2005 risk assessment model.
 */

import { z } from "zod";
import { pickOption } from "./entities.js";
import { ScoreSheet, defineCalculator, fmt, zAge, zFlag, zNonNeg, zPos, zSex } from "./types.js";

const yes = (b: boolean) => (b ? "present" : "absent");

export const wellsPe = defineCalculator({
  id: 8,
  name: "Wells' Criteria for Pulmonary Embolism",
  slug: "wells_pe",
  category: "risk",
  outputType: "decimal",
  inputs: z.object({
    dvtSigns: zFlag("clinical signs and symptoms of DVT"),
    peMostLikely: zFlag("PE is the #1 diagnosis or equally likely"),
    heartRateBpm: zPos("heart rate, beats/min (> 100 scores 1.5)").optional(),
    immobilization3Days: zFlag("immobilisation for at least 3 days"),
    surgeryPrevious4Weeks: zFlag("surgery in the previous 4 weeks"),
    previousPe: zFlag("previously, objectively diagnosed PE"),
    previousDvt: zFlag("previously, objectively diagnosed DVT"),
    hemoptysis: zFlag("haemoptysis"),
    malignancy: zFlag("malignancy with treatment within 6 months or palliative"),
  }),
  compute(i) {
    const s = new ScoreSheet();
    s.add(i.dvtSigns ? 3 : 0, `Clinical signs of DVT ${yes(i.dvtSigns)}`);
    s.add(i.peMostLikely ? 3 : 0, `PE #1 diagnosis or equally likely ${yes(i.peMostLikely)}`);
    if (i.heartRateBpm === undefined) s.add(0, "Heart rate not reported (assumed <= 100)");
    else s.add(i.heartRateBpm > 100 ? 1.5 : 0, `Heart rate ${fmt(i.heartRateBpm)} (> 100 scores 1.5)`);
    const immob = i.immobilization3Days || i.surgeryPrevious4Weeks;
    s.add(immob ? 1.5 : 0, `Immobilisation >= 3 days or surgery in previous 4 weeks ${yes(immob)}`);
    const prior = i.previousPe || i.previousDvt;
    s.add(prior ? 1.5 : 0, `Previously diagnosed PE or DVT ${yes(prior)}`);
    s.add(i.hemoptysis ? 1 : 0, `Haemoptysis ${yes(i.hemoptysis)}`);
    s.add(i.malignancy ? 1 : 0, `Malignancy ${yes(i.malignancy)}`);
    return s.result("Wells' PE score");
  },
  fromMedcalc: (e) => ({
    dvtSigns: e.bool("Clinical signs and symptoms of Deep Vein Thrombosis"),
    peMostLikely: e.bool("Pulmonary Embolism is #1 diagnosis OR equally likely"),
    heartRateBpm: e.number("Heart Rate or Pulse"),
    immobilization3Days: e.bool("Immobilization for at least 3 days"),
    surgeryPrevious4Weeks: e.bool("Surgery in the previous 4 weeks"),
    previousPe: e.bool("Previously Documented Pulmonary Embolism"),
    previousDvt: e.bool("Previously documented Deep Vein Thrombosis"),
    hemoptysis: e.bool("Hemoptysis"),
    malignancy: e.bool("Malignancy with treatment within 6 months or palliative"),
  }),
});

export const wellsDvt = defineCalculator({
  id: 16,
  name: "Wells' Criteria for DVT",
  slug: "wells_dvt",
  category: "risk",
  outputType: "integer",
  inputs: z.object({
    activeCancer: zFlag("active cancer (treatment within 6 months or palliative)"),
    bedriddenOrMajorSurgery: zFlag("bedridden > 3 days or major surgery within 12 weeks"),
    calfSwelling3cm: zFlag("calf swelling > 3 cm compared with the other leg"),
    collateralVeins: zFlag("collateral (non-varicose) superficial veins"),
    entireLegSwollen: zFlag("entire leg swollen"),
    localizedTenderness: zFlag("localised tenderness along the deep venous system"),
    pittingEdema: zFlag("pitting oedema confined to the symptomatic leg"),
    paralysisOrCast: zFlag("paralysis, paresis or recent plaster immobilisation of the leg"),
    previousDvt: zFlag("previously documented DVT"),
    alternativeDiagnosisLikely: zFlag("alternative diagnosis at least as likely as DVT (-2)"),
  }),
  compute(i) {
    const s = new ScoreSheet();
    const items: Array<[boolean, string]> = [
      [i.activeCancer, "Active cancer"],
      [i.bedriddenOrMajorSurgery, "Bedridden > 3 days or major surgery within 12 weeks"],
      [i.calfSwelling3cm, "Calf swelling > 3 cm"],
      [i.collateralVeins, "Collateral superficial veins"],
      [i.entireLegSwollen, "Entire leg swollen"],
      [i.localizedTenderness, "Localised tenderness along deep veins"],
      [i.pittingEdema, "Pitting oedema in symptomatic leg"],
      [i.paralysisOrCast, "Paralysis, paresis or recent cast"],
      [i.previousDvt, "Previously documented DVT"],
    ];
    for (const [b, label] of items) s.add(b ? 1 : 0, `${label} ${yes(b)}`);
    s.add(i.alternativeDiagnosisLikely ? -2 : 0, `Alternative diagnosis as likely ${yes(i.alternativeDiagnosisLikely)}`);
    return s.result("Wells' DVT score");
  },
  fromMedcalc: (e) => ({
    activeCancer: e.bool("Active cancer"),
    bedriddenOrMajorSurgery: e.anyTrue("Bedridden recently >3 days or major surgery within 12 weeks", "Bedridden recently >3 days", "Major surgery within 12 weeks"),
    calfSwelling3cm: e.bool("Calf swelling >3 centimeters compared to the other leg"),
    collateralVeins: e.bool("Collateral (nonvaricose) superficial veins present"),
    entireLegSwollen: e.bool("Entire Leg Swollen"),
    localizedTenderness: e.bool("Localized tenderness along the deep venous system"),
    pittingEdema: e.bool("Pitting edema, confined to symptomatic leg"),
    paralysisOrCast: e.bool("Paralysis, paresis, or recent plaster immobilization of the lower extremity"),
    previousDvt: e.bool("Previously documented Deep Vein Thrombosis"),
    alternativeDiagnosisLikely: e.bool("Alternative diagnosis to Deep Vein Thrombosis as likely or more likely"),
  }),
});

export const percRule = defineCalculator({
  id: 48,
  name: "PERC Rule for Pulmonary Embolism",
  slug: "perc_rule",
  category: "diagnosis",
  outputType: "integer",
  inputs: z.object({
    ageYears: zAge,
    heartRateBpm: zPos("heart rate, beats/min"),
    oxygenSaturationPct: zPos("SaO2 on room air, %").max(100),
    unilateralLegSwelling: zFlag("unilateral leg swelling"),
    hemoptysis: zFlag("haemoptysis"),
    recentSurgeryOrTrauma: zFlag("surgery or trauma requiring general anaesthesia within 4 weeks"),
    priorPeOrDvt: zFlag("prior PE or DVT"),
    hormoneUse: zFlag("oral contraceptives, hormone replacement or oestrogen use"),
  }),
  compute(i) {
    const s = new ScoreSheet();
    s.add(i.ageYears >= 50 ? 1 : 0, `Age ${fmt(i.ageYears, 1)} (>= 50)`);
    s.add(i.heartRateBpm >= 100 ? 1 : 0, `Heart rate ${fmt(i.heartRateBpm)} (>= 100)`);
    s.add(i.oxygenSaturationPct < 95 ? 1 : 0, `SaO2 ${fmt(i.oxygenSaturationPct)} % (< 95)`);
    s.add(i.unilateralLegSwelling ? 1 : 0, `Unilateral leg swelling ${yes(i.unilateralLegSwelling)}`);
    s.add(i.hemoptysis ? 1 : 0, `Haemoptysis ${yes(i.hemoptysis)}`);
    s.add(i.recentSurgeryOrTrauma ? 1 : 0, `Recent surgery or trauma ${yes(i.recentSurgeryOrTrauma)}`);
    s.add(i.priorPeOrDvt ? 1 : 0, `Prior PE or DVT ${yes(i.priorPeOrDvt)}`);
    s.add(i.hormoneUse ? 1 : 0, `Hormone use ${yes(i.hormoneUse)}`);
    return s.result("PERC criteria met", "criteria");
  },
  fromMedcalc: (e) => ({
    ageYears: e.ageYears(),
    heartRateBpm: e.number("Heart Rate or Pulse"),
    oxygenSaturationPct: e.number("O₂ saturation percentage", "O2 saturation percentage"),
    unilateralLegSwelling: e.bool("Unilateral Leg Swelling"),
    hemoptysis: e.bool("Hemoptysis"),
    recentSurgeryOrTrauma: e.bool("Recent surgery or trauma"),
    priorPeOrDvt: e.anyTrue("Previously Documented Pulmonary Embolism", "Previously documented Deep Vein Thrombosis"),
    hormoneUse: e.bool("Hormone use"),
  }),
});

const SURGERY = ["none", "minor", "major >45 min", "laparoscopic >45 min", "arthroscopic", "elective major lower extremity arthroplasty"] as const;
const SURGERY_POINTS: Record<(typeof SURGERY)[number], number> = {
  none: 0,
  minor: 1,
  "major >45 min": 2,
  "laparoscopic >45 min": 2,
  arthroscopic: 2,
  "elective major lower extremity arthroplasty": 5,
};
const MOBILITY = ["normal", "bed rest", "confined to bed >72 hours"] as const;

export const caprini = defineCalculator({
  id: 36,
  name: "Caprini Score for Venous Thromboembolism (2005)",
  slug: "caprini",
  category: "risk",
  outputType: "integer",
  inputs: z.object({
    ageYears: zAge,
    sex: zSex,
    surgeryType: z.enum(SURGERY).default("none").describe("type of surgery"),
    recentMajorSurgery: zFlag("major surgery within the last month"),
    recentChf: zFlag("congestive heart failure within the last month"),
    recentSepsis: zFlag("sepsis within the last month"),
    recentPneumonia: zFlag("pneumonia within the last month"),
    recentPlasterCast: zFlag("immobilising plaster cast within the last month"),
    recentHipPelvisLegFracture: zFlag("hip, pelvis or leg fracture within the last month"),
    recentStroke: zFlag("stroke within the last month"),
    recentMultipleTrauma: zFlag("multiple trauma within the last month"),
    recentSpinalCordInjury: zFlag("acute spinal cord injury with paralysis within the last month"),
    varicoseVeins: zFlag("varicose veins"),
    swollenLegs: zFlag("current swollen legs"),
    centralVenousAccess: zFlag("current central venous access"),
    historyOfDvtOrPe: zFlag("history of DVT or PE"),
    familyHistoryOfThrombosis: zFlag("family history of thrombosis"),
    factorVLeiden: zFlag("positive factor V Leiden"),
    prothrombin20210A: zFlag("positive prothrombin 20210A"),
    elevatedHomocysteine: zFlag("elevated serum homocysteine"),
    lupusAnticoagulant: zFlag("positive lupus anticoagulant"),
    anticardiolipinAntibody: zFlag("elevated anticardiolipin antibody"),
    heparinInducedThrombocytopenia: zFlag("heparin-induced thrombocytopenia"),
    otherThrombophilia: zFlag("other congenital or acquired thrombophilia"),
    mobility: z.enum(MOBILITY).default("normal").describe("mobility: normal/ambulatory, bed rest, confined to bed > 72 h"),
    inflammatoryBowelDisease: zFlag("history of inflammatory bowel disease"),
    bmi: zNonNeg("body mass index, kg/m² (> 25 scores 1)").optional(),
    acuteMi: zFlag("acute myocardial infarction"),
    copd: zFlag("chronic obstructive pulmonary disease"),
    malignancy: zFlag("present or previous malignancy"),
    hormoneTherapy: zFlag("women: oral contraceptives or hormone replacement"),
    pregnancyOrPostpartum: zFlag("women: pregnant or postpartum (< 1 month)"),
    adversePregnancyHistory: zFlag("women: unexplained stillborn, recurrent spontaneous abortion (>= 3), or premature birth with toxaemia/growth restriction"),
  }),
  compute(i) {
    const s = new ScoreSheet();
    s.add(i.ageYears >= 75 ? 3 : i.ageYears >= 61 ? 2 : i.ageYears >= 41 ? 1 : 0, `Age ${fmt(i.ageYears, 1)} (<=40: 0, 41-60: 1, 61-74: 2, >=75: 3)`);
    s.add(SURGERY_POINTS[i.surgeryType], `Surgery type ${i.surgeryType}`);
    const items: Array<[boolean, number, string]> = [
      [i.recentMajorSurgery, 1, "Major surgery < 1 month"],
      [i.recentChf, 1, "CHF < 1 month"],
      [i.recentSepsis, 1, "Sepsis < 1 month"],
      [i.recentPneumonia, 1, "Pneumonia < 1 month"],
      [i.recentPlasterCast, 2, "Immobilising plaster cast < 1 month"],
      [i.recentHipPelvisLegFracture, 5, "Hip, pelvis or leg fracture < 1 month"],
      [i.recentStroke, 5, "Stroke < 1 month"],
      [i.recentMultipleTrauma, 5, "Multiple trauma < 1 month"],
      [i.recentSpinalCordInjury, 5, "Acute spinal cord injury (paralysis) < 1 month"],
      [i.varicoseVeins, 1, "Varicose veins"],
      [i.swollenLegs, 1, "Current swollen legs"],
      [i.centralVenousAccess, 2, "Current central venous access"],
      [i.historyOfDvtOrPe, 3, "History of DVT/PE"],
      [i.familyHistoryOfThrombosis, 3, "Family history of thrombosis"],
      [i.factorVLeiden, 3, "Positive factor V Leiden"],
      [i.prothrombin20210A, 3, "Positive prothrombin 20210A"],
      [i.elevatedHomocysteine, 3, "Elevated serum homocysteine"],
      [i.lupusAnticoagulant, 3, "Positive lupus anticoagulant"],
      [i.anticardiolipinAntibody, 3, "Elevated anticardiolipin antibody"],
      [i.heparinInducedThrombocytopenia, 3, "Heparin-induced thrombocytopenia"],
      [i.otherThrombophilia, 3, "Other congenital or acquired thrombophilia"],
      [i.inflammatoryBowelDisease, 1, "History of inflammatory bowel disease"],
      [i.acuteMi, 1, "Acute myocardial infarction"],
      [i.copd, 1, "COPD"],
      [i.malignancy, 2, "Present or previous malignancy"],
    ];
    if (i.sex === "female") {
      items.push(
        [i.hormoneTherapy, 1, "Oral contraceptives or hormone replacement"],
        [i.pregnancyOrPostpartum, 1, "Pregnancy or postpartum"],
        [i.adversePregnancyHistory, 1, "Adverse pregnancy history"],
      );
    }
    for (const [b, pts, label] of items) if (b) s.add(pts, label);
    s.add(MOBILITY.indexOf(i.mobility), `Mobility ${i.mobility}`);
    if (i.bmi === undefined) s.note("BMI not reported (assumed <= 25)");
    else s.add(i.bmi > 25 ? 1 : 0, `BMI ${fmt(i.bmi, 1)} (> 25 scores 1)`);
    return s.result("Caprini score");
  },
  fromMedcalc: (e) => ({
    ageYears: e.ageYears(),
    sex: e.sex(),
    surgeryType: pickOption(
      e.string("Surgery Type"),
      SURGERY,
      { major: "major >45 min", "major open": "major >45 min", laparoscopic: "laparoscopic >45 min", "major (>45 min)": "major >45 min", "laparoscopic (>45 min)": "laparoscopic >45 min" },
      "Caprini surgery type",
    ),
    recentMajorSurgery: e.bool("Major Surgery in the last month"),
    recentChf: e.bool("Congestive Heart Failure in the last month"),
    recentSepsis: e.bool("Sepsis in the last month"),
    recentPneumonia: e.bool("Pneumonia in the last month"),
    recentPlasterCast: e.bool("Immobilizing plaster cast in the last month"),
    recentHipPelvisLegFracture: e.bool("Hip, pelvis, or leg fracture in the last month"),
    recentStroke: e.bool("Stroke in the last month"),
    recentMultipleTrauma: e.bool("Multiple trauma in the last month"),
    recentSpinalCordInjury: e.bool("Acute spinal cord injury causing paralysis in the last month"),
    varicoseVeins: e.bool("Varicose veins"),
    swollenLegs: e.bool("Current swollen legs"),
    centralVenousAccess: e.bool("Current central venous access"),
    historyOfDvtOrPe: e.anyTrue("Previously documented Deep Vein Thrombosis", "Previously Documented Pulmonary Embolism"),
    familyHistoryOfThrombosis: e.bool("Family history of thrombosis"),
    factorVLeiden: e.bool("Positive Factor V Leiden"),
    prothrombin20210A: e.bool("Positive prothrombin 20210A"),
    elevatedHomocysteine: e.bool("Elevated serum homocysteine"),
    lupusAnticoagulant: e.bool("Positive lupus anticoagulant"),
    anticardiolipinAntibody: e.bool("Elevated anticardiolipin antibody"),
    heparinInducedThrombocytopenia: e.bool("Heparin-induced thrombocytopenia"),
    otherThrombophilia: e.bool("Other congenital or acquired thrombophilia"),
    mobility: pickOption(e.string("Mobility"), MOBILITY, { "on bed rest": "bed rest", ambulatory: "normal", "normal/ambulatory": "normal" }, "Caprini mobility"),
    inflammatoryBowelDisease: e.bool("History of inflammatory bowel disease"),
    bmi: e.number("Body Mass Index (BMI)"),
    acuteMi: e.bool("Acute Myocardial infarction"),
    copd: e.bool("Chronic Obstructive Pulmonary Disease"),
    malignancy: e.bool("Present or previous malignancy"),
  }),
});
