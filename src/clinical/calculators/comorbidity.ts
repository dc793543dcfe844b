/** Charlson Comorbidity Index, age-adjusted, with the weights of MDCalc's updated form. */

import { z } from "zod";
import { EntityParseError, pickOption, type EntityBag } from "./entities.js";
import { ScoreSheet, defineCalculator, fmt, zAge, zFlag } from "./types.js";

const LIVER = ["none", "mild", "moderate to severe"] as const;
const DIABETES = ["none or diet-controlled", "uncomplicated", "end-organ damage"] as const;
const TUMOR = ["none", "localized", "metastatic"] as const;

/** A graded entity may also be a plain boolean: False means none, True the mildest grade. */
function graded<T extends string>(e: EntityBag, names: string[], options: readonly T[], aliases: Record<string, T>, what: string): T | undefined {
  const hit = e.get(...names);
  if (!hit) return undefined;
  if (typeof hit.value === "boolean") return hit.value ? options[1] : options[0];
  if (typeof hit.value !== "string") throw new EntityParseError(`Entity '${hit.name}' should be a ${what} grade, got ${JSON.stringify(hit.value)}`);
  return pickOption(hit.value, options, aliases, what);
}

export const charlson = defineCalculator({
  id: 32,
  name: "Charlson Comorbidity Index (CCI)",
  slug: "charlson",
  category: "risk",
  outputType: "integer",
  inputs: z.object({
    ageYears: zAge,
    myocardialInfarction: zFlag("history of myocardial infarction"),
    congestiveHeartFailure: zFlag("congestive heart failure"),
    peripheralVascularDisease: zFlag("peripheral vascular disease"),
    cerebrovascularAccidentOrTia: zFlag("cerebrovascular accident or TIA"),
    dementia: zFlag("dementia"),
    chronicPulmonaryDisease: zFlag("chronic pulmonary disease"),
    connectiveTissueDisease: zFlag("connective tissue disease"),
    pepticUlcerDisease: zFlag("peptic ulcer disease"),
    liverDisease: z.enum(LIVER).default("none").describe("liver disease: none, mild, moderate to severe"),
    diabetes: z.enum(DIABETES).default("none or diet-controlled").describe("diabetes mellitus: none or diet-controlled, uncomplicated, end-organ damage"),
    hemiplegia: zFlag("hemiplegia"),
    moderateToSevereCkd: zFlag("moderate to severe chronic kidney disease"),
    solidTumor: z.enum(TUMOR).default("none").describe("solid tumour: none, localized, metastatic"),
    leukemia: zFlag("leukaemia"),
    lymphoma: zFlag("lymphoma"),
    aids: zFlag("AIDS"),
  }),
  compute(i) {
    const s = new ScoreSheet();
    const a = i.ageYears;
    s.add(a >= 80 ? 4 : a >= 70 ? 3 : a >= 60 ? 2 : a >= 50 ? 1 : 0, `Age ${fmt(a, 1)} (<50: 0, 50-59: 1, 60-69: 2, 70-79: 3, >=80: 4)`);
    const flags: Array<[boolean, number, string]> = [
      [i.myocardialInfarction, 1, "Myocardial infarction"],
      [i.congestiveHeartFailure, 1, "Congestive heart failure"],
      [i.peripheralVascularDisease, 1, "Peripheral vascular disease"],
      [i.cerebrovascularAccidentOrTia, 1, "CVA or TIA"],
      [i.dementia, 1, "Dementia"],
      [i.chronicPulmonaryDisease, 1, "Chronic pulmonary disease"],
      [i.connectiveTissueDisease, 1, "Connective tissue disease"],
      [i.pepticUlcerDisease, 1, "Peptic ulcer disease"],
      [i.hemiplegia, 2, "Hemiplegia"],
      [i.moderateToSevereCkd, 2, "Moderate to severe CKD"],
      [i.leukemia, 2, "Leukaemia"],
      [i.lymphoma, 2, "Lymphoma"],
      [i.aids, 6, "AIDS"],
    ];
    for (const [b, pts, label] of flags) if (b) s.add(pts, label);
    s.add([0, 1, 3][LIVER.indexOf(i.liverDisease)], `Liver disease: ${i.liverDisease}`);
    s.add([0, 1, 2][DIABETES.indexOf(i.diabetes)], `Diabetes: ${i.diabetes}`);
    s.add([0, 2, 6][TUMOR.indexOf(i.solidTumor)], `Solid tumour: ${i.solidTumor}`);
    return s.result("Charlson Comorbidity Index");
  },
  fromMedcalc: (e) => ({
    ageYears: e.ageYears(),
    myocardialInfarction: e.bool("Myocardial infarction"),
    congestiveHeartFailure: e.anyTrue("Congestive Heart Faliure", "Congestive Heart Failure"),
    peripheralVascularDisease: e.bool("Peripheral vascular disease"),
    cerebrovascularAccidentOrTia: e.anyTrue("Cerebrovascular Accident", "Transient Ischemic Attacks History"),
    dementia: e.bool("Dementia"),
    chronicPulmonaryDisease: e.bool("Chronic Obstructive Pulmonary Disease"),
    connectiveTissueDisease: e.bool("Connective tissue disease"),
    pepticUlcerDisease: e.bool("Peptic ulcer disease"),
    liverDisease: graded(e, ["Liver disease severity", "Liver disease"], LIVER, { "moderate-severe": "moderate to severe", moderate: "moderate to severe", severe: "moderate to severe" }, "liver disease"),
    diabetes: graded(
      e,
      ["Diabetes mellitus criteria for CCI rule", "Diabetes mellitus"],
      DIABETES,
      { none: "none or diet-controlled", "diet-controlled": "none or diet-controlled", "end organ damage": "end-organ damage" },
      "diabetes",
    ),
    hemiplegia: e.bool("Hemiplegia"),
    moderateToSevereCkd: e.bool("Moderate to severe Chronic Kidney Disease"),
    solidTumor: graded(e, ["Solid tumor"], TUMOR, { localised: "localized", local: "localized" }, "solid tumour"),
    leukemia: e.bool("Leukemia"),
    lymphoma: e.bool("Lymphoma"),
    aids: e.bool("AIDS"),
  }),
});
