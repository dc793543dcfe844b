/** Upper GI bleeding: Glasgow-Blatchford score (Blatchford 2000), BUN thresholds in mg/dL. */

import { z } from "zod";
import { ScoreSheet, defineCalculator, fmt, zFlag, zPos, zSex } from "./types.js";

const yes = (b: boolean) => (b ? "present" : "absent");

export const glasgowBlatchford = defineCalculator({
  id: 27,
  name: "Glasgow-Blatchford Bleeding Score (GBS)",
  slug: "glasgow_blatchford",
  category: "risk",
  outputType: "integer",
  inputs: z.object({
    bunMgDl: zPos("blood urea nitrogen, mg/dL"),
    hemoglobinGDl: zPos("haemoglobin, g/dL"),
    sex: zSex,
    systolicMmHg: zPos("systolic blood pressure, mm Hg"),
    heartRateBpm: zPos("heart rate, beats/min"),
    melena: zFlag("melena present"),
    syncope: zFlag("presented with syncope"),
    hepaticDisease: zFlag("history of hepatic disease"),
    cardiacFailure: zFlag("cardiac failure present"),
  }),
  compute(i) {
    const s = new ScoreSheet();
    const b = i.bunMgDl;
    s.add(b >= 70 ? 6 : b >= 28 ? 4 : b >= 22.4 ? 3 : b >= 18.2 ? 2 : 0, `BUN ${fmt(b)} mg/dL (<18.2: 0, 18.2-22.3: 2, 22.4-27.9: 3, 28-69.9: 4, >=70: 6)`);
    const h = i.hemoglobinGDl;
    const hb = i.sex === "male" ? (h >= 13 ? 0 : h >= 12 ? 1 : h >= 10 ? 3 : 6) : h >= 12 ? 0 : h >= 10 ? 1 : 6;
    s.add(hb, `Haemoglobin ${fmt(h)} g/dL (${i.sex === "male" ? "men: >=13: 0, 12-12.9: 1, 10-11.9: 3, <10: 6" : "women: >=12: 0, 10-11.9: 1, <10: 6"})`);
    const p = i.systolicMmHg;
    s.add(p >= 110 ? 0 : p >= 100 ? 1 : p >= 90 ? 2 : 3, `Systolic BP ${fmt(p)} mm Hg (>=110: 0, 100-109: 1, 90-99: 2, <90: 3)`);
    s.add(i.heartRateBpm >= 100 ? 1 : 0, `Heart rate ${fmt(i.heartRateBpm)} (>= 100)`);
    s.add(i.melena ? 1 : 0, `Melena ${yes(i.melena)}`);
    s.add(i.syncope ? 2 : 0, `Syncope ${yes(i.syncope)}`);
    s.add(i.hepaticDisease ? 2 : 0, `Hepatic disease ${yes(i.hepaticDisease)}`);
    s.add(i.cardiacFailure ? 2 : 0, `Cardiac failure ${yes(i.cardiacFailure)}`);
    return s.result("Glasgow-Blatchford score");
  },
  fromMedcalc: (e) => ({
    bunMgDl: e.concentration("bun", "mg/dL", "Blood Urea Nitrogen (BUN)", "BUN"),
    hemoglobinGDl: e.concentration("hemoglobin", "g/dL", "Hemoglobin"),
    sex: e.sex(),
    systolicMmHg: e.pressureMmHg("Systolic Blood Pressure"),
    heartRateBpm: e.number("Heart Rate or Pulse"),
    melena: e.bool("Melena present"),
    syncope: e.bool("Recent syncope"),
    hepaticDisease: e.bool("Hepatic disease history"),
    cardiacFailure: e.bool("Cardiac failure present"),
  }),
});
