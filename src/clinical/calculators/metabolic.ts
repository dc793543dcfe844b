/** Lipid and glucose metabolism: Friedewald LDL and HOMA-IR. */

import { z } from "zod";
import { defineCalculator, fmt, zPos } from "./types.js";

export const ldlCalculated = defineCalculator({
  id: 44,
  name: "LDL Calculated",
  slug: "ldl_friedewald",
  category: "lab",
  outputType: "decimal",
  inputs: z.object({
    totalCholesterolMgDl: zPos("total cholesterol, mg/dL"),
    hdlMgDl: zPos("HDL cholesterol, mg/dL"),
    triglyceridesMgDl: zPos("triglycerides, mg/dL"),
  }),
  compute({ totalCholesterolMgDl: tc, hdlMgDl: hdl, triglyceridesMgDl: tg }) {
    const v = tc - hdl - tg / 5;
    // Friedewald is not valid above 400 mg/dL triglycerides; say so rather than refuse.
    const caveat = tg > 400 ? " Note: triglycerides > 400 mg/dL, where the Friedewald estimate is unreliable." : "";
    return { value: v, unit: "mg/dL", explanation: `Friedewald LDL = TC - HDL - TG/5 = ${fmt(tc)} - ${fmt(hdl)} - ${fmt(tg)}/5 = ${fmt(v)} mg/dL.${caveat}` };
  },
  fromMedcalc: (e) => ({
    totalCholesterolMgDl: e.concentration("cholesterol", "mg/dL", "Total cholesterol"),
    hdlMgDl: e.concentration("cholesterol", "mg/dL", "high-density lipoprotein cholesterol", "HDL cholesterol"),
    triglyceridesMgDl: e.concentration("triglycerides", "mg/dL", "Triglycerides"),
  }),
});

export const homaIr = defineCalculator({
  id: 31,
  name: "HOMA-IR (Homeostatic Model Assessment for Insulin Resistance)",
  slug: "homa_ir",
  category: "lab",
  outputType: "decimal",
  inputs: z.object({ insulinMicroIUmL: zPos("fasting insulin, µIU/mL"), glucoseMgDl: zPos("fasting glucose, mg/dL") }),
  compute({ insulinMicroIUmL: ins, glucoseMgDl: glu }) {
    const v = (ins * glu) / 405;
    return { value: v, explanation: `HOMA-IR = insulin (µIU/mL) x glucose (mg/dL) / 405 = ${fmt(ins)} x ${fmt(glu)} / 405 = ${fmt(v)}.` };
  },
  fromMedcalc: (e) => ({
    insulinMicroIUmL: e.concentration("insulin", "µIU/mL", "Insulin"),
    glucoseMgDl: e.concentration("glucose", "mg/dL", "Glucose"),
  }),
});
