/**
 * Cardiovascular risk scores: CHA2DS2-VASc (Lip 2010), HAS-BLED (Pisters 2010), HEART (Six 2008),
 * Revised Cardiac Risk Index (Lee 1999) and the Framingham/ATP III 10-year hard CHD risk (2001).
 */

import { z } from "zod";
import { pickOption } from "./entities.js";
import { ScoreSheet, defineCalculator, fmt, zAge, zFlag, zPos, zSex } from "./types.js";

export const cha2ds2Vasc = defineCalculator({
  id: 4,
  name: "CHA2DS2-VASc Score for Atrial Fibrillation Stroke Risk",
  slug: "cha2ds2_vasc",
  category: "risk",
  outputType: "integer",
  inputs: z.object({
    ageYears: zAge,
    sex: zSex,
    congestiveHeartFailure: zFlag("congestive heart failure history"),
    hypertension: zFlag("hypertension history"),
    strokeTiaOrThromboembolism: zFlag("prior stroke, TIA or thromboembolism"),
    vascularDisease: zFlag("prior MI, peripheral artery disease or aortic plaque"),
    diabetes: zFlag("diabetes mellitus"),
  }),
  compute(i) {
    const s = new ScoreSheet();
    s.add(i.ageYears >= 75 ? 2 : i.ageYears >= 65 ? 1 : 0, `Age ${fmt(i.ageYears, 1)} (<65: 0, 65-74: 1, >=75: 2)`);
    s.add(i.sex === "female" ? 1 : 0, `Sex ${i.sex}`);
    s.add(i.congestiveHeartFailure ? 1 : 0, `Congestive heart failure ${i.congestiveHeartFailure ? "present" : "absent"}`);
    s.add(i.hypertension ? 1 : 0, `Hypertension ${i.hypertension ? "present" : "absent"}`);
    s.add(i.strokeTiaOrThromboembolism ? 2 : 0, `Stroke/TIA/thromboembolism ${i.strokeTiaOrThromboembolism ? "present" : "absent"}`);
    s.add(i.vascularDisease ? 1 : 0, `Vascular disease ${i.vascularDisease ? "present" : "absent"}`);
    s.add(i.diabetes ? 1 : 0, `Diabetes ${i.diabetes ? "present" : "absent"}`);
    return s.result("CHA2DS2-VASc");
  },
  fromMedcalc: (e) => ({
    ageYears: e.ageYears(),
    sex: e.sex(),
    congestiveHeartFailure: e.anyTrue("Congestive Heart Faliure", "Congestive Heart Failure"),
    hypertension: e.bool("Hypertension history", "Hypertension"),
    strokeTiaOrThromboembolism: e.anyTrue("Stroke", "Transient Ischemic Attacks History", "Thromboembolism history"),
    vascularDisease: e.bool("Vascular disease history", "Vascular disease"),
    diabetes: e.bool("Diabetes history", "Diabetes mellitus"),
  }),
});

export const hasBled = defineCalculator({
  id: 25,
  name: "HAS-BLED Score for Major Bleeding Risk",
  slug: "has_bled",
  category: "risk",
  outputType: "integer",
  inputs: z.object({
    ageYears: zAge,
    hypertension: zFlag("uncontrolled hypertension, systolic > 160 mm Hg"),
    renalDisease: zFlag("dialysis, transplant, Cr > 2.26 mg/dL or > 200 µmol/L"),
    liverDisease: zFlag("cirrhosis, or bilirubin > 2x normal with AST/ALT/AP > 3x normal"),
    strokeHistory: zFlag("prior stroke"),
    priorMajorBleeding: zFlag("prior major bleeding or predisposition to bleeding"),
    labileInr: zFlag("unstable/high INRs, time in therapeutic range < 60%"),
    bleedingMedication: zFlag("antiplatelet agents or NSAIDs"),
    alcoholDrinksPerWeek: z.number().min(0).default(0).describe("alcoholic drinks per week (>= 8 scores a point)"),
  }),
  compute(i) {
    const s = new ScoreSheet();
    const yes = (b: boolean) => (b ? "present" : "absent");
    s.add(i.hypertension ? 1 : 0, `Uncontrolled hypertension ${yes(i.hypertension)}`);
    s.add(i.renalDisease ? 1 : 0, `Renal disease ${yes(i.renalDisease)}`);
    s.add(i.liverDisease ? 1 : 0, `Liver disease ${yes(i.liverDisease)}`);
    s.add(i.strokeHistory ? 1 : 0, `Stroke history ${yes(i.strokeHistory)}`);
    s.add(i.priorMajorBleeding ? 1 : 0, `Prior major bleeding or predisposition ${yes(i.priorMajorBleeding)}`);
    s.add(i.labileInr ? 1 : 0, `Labile INR ${yes(i.labileInr)}`);
    s.add(i.ageYears > 65 ? 1 : 0, `Age ${fmt(i.ageYears, 1)} (> 65 scores 1)`);
    s.add(i.bleedingMedication ? 1 : 0, `Medication predisposing to bleeding ${yes(i.bleedingMedication)}`);
    s.add(i.alcoholDrinksPerWeek >= 8 ? 1 : 0, `Alcohol ${fmt(i.alcoholDrinksPerWeek)} drinks/week (>= 8 scores 1)`);
    return s.result("HAS-BLED");
  },
  fromMedcalc: (e) => ({
    ageYears: e.ageYears(),
    hypertension: e.bool("Hypertension history", "Hypertension"),
    renalDisease: e.bool("Renal disease criteria for the HAS-BLED rule", "Renal disease"),
    liverDisease: e.bool("Liver disease criteria for the HAS-BLED rule", "Liver disease"),
    strokeHistory: e.bool("Stroke"),
    priorMajorBleeding: e.bool("Prior major bleeding or predisposition to bleeding"),
    labileInr: e.bool("Labile international normalized ratio"),
    bleedingMedication: e.bool("Medication usage predisposing to bleeding"),
    alcoholDrinksPerWeek: e.number("Number of Alcoholic Drinks Per Week"),
  }),
});

const HISTORY = ["slightly suspicious", "moderately suspicious", "highly suspicious"] as const;
const ECG = ["normal", "non-specific repolarization disturbance", "significant st deviation"] as const;
const TROPONIN = ["<= normal limit", "1-3x normal limit", "> 3x normal limit"] as const;

export const heartScore = defineCalculator({
  id: 18,
  name: "HEART Score for Major Cardiac Events",
  slug: "heart_score",
  category: "risk",
  outputType: "integer",
  inputs: z.object({
    history: z.enum(HISTORY).default("slightly suspicious").describe("how suspicious the history is for ACS (assumed slightly when not documented)"),
    ecg: z.enum(ECG).default("normal").describe("ECG findings (assumed normal when not documented)"),
    ageYears: zAge,
    hypertension: zFlag("hypertension"),
    hypercholesterolemia: zFlag("hypercholesterolaemia"),
    diabetes: zFlag("diabetes mellitus"),
    obesity: zFlag("obesity (BMI > 30)"),
    smoking: zFlag("current smoker or quit <= 3 months"),
    familyHistory: zFlag("parent or sibling with cardiovascular disease before 65"),
    atheroscleroticDisease: zFlag("known atherosclerotic disease: prior MI, PCI/CABG, CVA/TIA, peripheral arterial disease"),
    troponin: z.enum(TROPONIN).default("<= normal limit").describe("initial troponin relative to the normal limit (assumed normal when not documented)"),
  }),
  compute(i) {
    const s = new ScoreSheet();
    s.add(HISTORY.indexOf(i.history), `History ${i.history}`);
    s.add(ECG.indexOf(i.ecg), `ECG ${i.ecg}`);
    s.add(i.ageYears >= 65 ? 2 : i.ageYears >= 45 ? 1 : 0, `Age ${fmt(i.ageYears, 1)} (<45: 0, 45-64: 1, >=65: 2)`);
    const factors = (
      [
        ["hypertension", i.hypertension],
        ["hypercholesterolaemia", i.hypercholesterolemia],
        ["diabetes", i.diabetes],
        ["obesity", i.obesity],
        ["smoking", i.smoking],
        ["family history", i.familyHistory],
        ["atherosclerotic disease", i.atheroscleroticDisease],
      ] as const
    )
      .filter(([, b]) => b)
      .map(([n]) => n);
    const rf = i.atheroscleroticDisease || factors.length >= 3 ? 2 : factors.length >= 1 ? 1 : 0;
    s.add(rf, `Risk factors: ${factors.length ? factors.join(", ") : "none"} (0: 0, 1-2: 1, >=3 or atherosclerotic disease: 2)`);
    s.add(TROPONIN.indexOf(i.troponin), `Initial troponin ${i.troponin}`);
    return s.result("HEART score");
  },
  fromMedcalc: (e) => ({
    history: pickOption(e.string("Suspicion History", "History"), HISTORY, {}, "HEART history level"),
    ecg: pickOption(e.string("Electrocardiogram Test", "EKG", "ECG"), ECG, { "non-specific repolarisation disturbance": "non-specific repolarization disturbance" }, "HEART ECG finding"),
    ageYears: e.ageYears(),
    hypertension: e.bool("Hypertension history", "Hypertension"),
    hypercholesterolemia: e.bool("hypercholesterolemia"),
    diabetes: e.diabetesPresent(),
    obesity: e.bool("obesity"),
    smoking: e.bool("smoking", "Smoker"),
    familyHistory: e.bool("parent or sibling with Cardiovascular disease before age 65"),
    atheroscleroticDisease: e.anyTrue("atherosclerotic disease", "Transient Ischemic Attacks History"),
    troponin: pickOption(
      e.string("Initial troponin"),
      TROPONIN,
      {
        "less than or equal to normal limit": "<= normal limit",
        "between the normal limit or up to three times the normal limit": "1-3x normal limit",
        "greater than three times normal limit": "> 3x normal limit",
      },
      "HEART troponin level",
    ),
  }),
});

export const revisedCardiacRiskIndex = defineCalculator({
  id: 17,
  name: "Revised Cardiac Risk Index for Pre-Operative Risk",
  slug: "rcri",
  category: "risk",
  outputType: "integer",
  inputs: z.object({
    elevatedRiskSurgery: zFlag("intraperitoneal, intrathoracic or suprainguinal vascular surgery"),
    ischemicHeartDisease: zFlag("history of MI, positive stress test, angina, nitrate use or pathological Q waves"),
    congestiveHeartFailure: zFlag("history of heart failure, pulmonary oedema, PND, S3 or CXR vascular redistribution"),
    cerebrovascularDisease: zFlag("prior stroke or TIA"),
    insulinTreatment: zFlag("pre-operative treatment with insulin"),
    creatinineMgDl: zPos("pre-operative creatinine, mg/dL (> 2 scores a point); omit if unknown").optional(),
  }),
  compute(i) {
    const s = new ScoreSheet();
    const yes = (b: boolean) => (b ? "present" : "absent");
    s.add(i.elevatedRiskSurgery ? 1 : 0, `Elevated-risk surgery ${yes(i.elevatedRiskSurgery)}`);
    s.add(i.ischemicHeartDisease ? 1 : 0, `Ischaemic heart disease ${yes(i.ischemicHeartDisease)}`);
    s.add(i.congestiveHeartFailure ? 1 : 0, `Congestive heart failure ${yes(i.congestiveHeartFailure)}`);
    s.add(i.cerebrovascularDisease ? 1 : 0, `Cerebrovascular disease ${yes(i.cerebrovascularDisease)}`);
    s.add(i.insulinTreatment ? 1 : 0, `Pre-operative insulin ${yes(i.insulinTreatment)}`);
    if (i.creatinineMgDl === undefined) s.add(0, "Creatinine not reported (assumed <= 2 mg/dL)");
    else s.add(i.creatinineMgDl > 2 ? 1 : 0, `Creatinine ${fmt(i.creatinineMgDl)} mg/dL (> 2 scores 1)`);
    return s.result("RCRI");
  },
  fromMedcalc: (e) => ({
    elevatedRiskSurgery: e.bool("Elevated-risk surgery"),
    ischemicHeartDisease: e.bool("History of ischemic heart disease"),
    congestiveHeartFailure: e.anyTrue("Congestive Heart Failure criteria for the Cardiac Risk Index rule", "Congestive Heart Faliure"),
    cerebrovascularDisease: e.anyTrue("History of cerebrovascular disease", "Cerebrovascular disease history"),
    insulinTreatment: e.bool("Pre-operative treatment with insulin"),
    creatinineMgDl: e.concentration("creatinine", "mg/dL", "Pre-operative creatinine", "creatinine"),
  }),
});

/** ATP III (2001) Framingham hard-CHD coefficients, with MDCalc's age cap on the smoking term. */
const FRAMINGHAM = {
  male: { lnAge: 52.00961, lnTc: 20.014077, lnHdl: -0.905964, lnSbp: 1.305784, bpTx: 0.241549, smoker: 12.096316, lnAgeLnTc: -4.605038, lnAgeSmoker: -2.84367, lnAge2: -2.93323, constant: -172.300168, s0: 0.9402, smokeAgeCap: 70 },
  female: { lnAge: 31.764001, lnTc: 22.465206, lnHdl: -1.187731, lnSbp: 2.552905, bpTx: 0.420251, smoker: 13.07543, lnAgeLnTc: -5.060998, lnAgeSmoker: -2.996945, lnAge2: 0, constant: -146.5933061, s0: 0.98767, smokeAgeCap: 78 },
} as const;

export const framinghamRisk = defineCalculator({
  id: 46,
  name: "Framingham Risk Score for Hard Coronary Heart Disease",
  slug: "framingham_hard_chd",
  // MedCalc-Bench files this under "lab"; kept so results group the way the benchmark's do.
  category: "lab",
  outputType: "decimal",
  inputs: z.object({
    sex: zSex,
    ageYears: zAge,
    totalCholesterolMgDl: zPos("total cholesterol, mg/dL"),
    hdlMgDl: zPos("HDL cholesterol, mg/dL"),
    systolicMmHg: zPos("systolic blood pressure, mm Hg"),
    bpTreated: zFlag("on blood-pressure medication"),
    smoker: zFlag("current smoker"),
  }),
  compute(i) {
    const c = FRAMINGHAM[i.sex];
    const lnAge = Math.log(i.ageYears);
    const lnTc = Math.log(i.totalCholesterolMgDl);
    const smokeAge = Math.min(i.ageYears, c.smokeAgeCap);
    const sm = i.smoker ? 1 : 0;
    const sum =
      c.lnAge * lnAge +
      c.lnTc * lnTc +
      c.lnHdl * Math.log(i.hdlMgDl) +
      c.lnSbp * Math.log(i.systolicMmHg) +
      c.bpTx * (i.bpTreated ? 1 : 0) +
      c.smoker * sm +
      c.lnAgeLnTc * lnAge * lnTc +
      c.lnAgeSmoker * Math.log(smokeAge) * sm +
      c.lnAge2 * lnAge * lnAge +
      c.constant;
    const risk = (1 - c.s0 ** Math.exp(sum)) * 100;
    const range = i.ageYears < 30 || i.ageYears > 79 ? " Note: the model was derived for ages 30-79." : "";
    return {
      value: risk,
      unit: "%",
      explanation: `ATP III Framingham (${i.sex}) with age ${fmt(i.ageYears, 1)}, TC ${fmt(i.totalCholesterolMgDl)} mg/dL, HDL ${fmt(i.hdlMgDl)} mg/dL, SBP ${fmt(i.systolicMmHg)} mm Hg, treated BP ${i.bpTreated ? "yes" : "no"}, smoker ${i.smoker ? "yes" : "no"}: linear sum = ${fmt(sum, 4)}; 10-year risk = (1 - ${c.s0}^exp(sum)) x 100 = ${fmt(risk)} %.${range}`,
    };
  },
  fromMedcalc: (e) => ({
    sex: e.sex(),
    ageYears: e.ageYears(),
    totalCholesterolMgDl: e.concentration("cholesterol", "mg/dL", "Total cholesterol"),
    hdlMgDl: e.concentration("cholesterol", "mg/dL", "high-density lipoprotein cholesterol"),
    systolicMmHg: e.pressureMmHg("Systolic Blood Pressure"),
    bpTreated: e.bool("Blood pressure being treated with medicines"),
    smoker: e.bool("Smoker", "smoking"),
  }),
});
