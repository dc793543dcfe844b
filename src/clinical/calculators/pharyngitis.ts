/** Streptococcal pharyngitis: Centor score with McIsaac age modification, and FeverPAIN (Little 2013). */

import { z } from "zod";
import { ScoreSheet, defineCalculator, fmt, zAge, zFlag } from "./types.js";

const yes = (b: boolean) => (b ? "present" : "absent");

export const centor = defineCalculator({
  id: 20,
  name: "Centor Score (Modified/McIsaac) for Strep Pharyngitis",
  slug: "centor_mcisaac",
  category: "severity",
  outputType: "integer",
  inputs: z.object({
    ageYears: zAge,
    tonsillarExudateOrSwelling: zFlag("exudate or swelling on tonsils"),
    tenderAnteriorCervicalNodes: zFlag("tender/swollen anterior cervical lymph nodes"),
    temperatureC: z.number().describe("temperature, °C (> 38 scores 1); omit if not measured").optional(),
    coughAbsent: zFlag("cough absent"),
  }),
  compute(i) {
    const s = new ScoreSheet();
    const a = i.ageYears;
    s.add(a >= 3 && a < 15 ? 1 : a >= 45 ? -1 : 0, `Age ${fmt(a, 1)} (3-14: +1, 15-44: 0, >=45: -1)`);
    s.add(i.tonsillarExudateOrSwelling ? 1 : 0, `Tonsillar exudate or swelling ${yes(i.tonsillarExudateOrSwelling)}`);
    s.add(i.tenderAnteriorCervicalNodes ? 1 : 0, `Tender/swollen anterior cervical nodes ${yes(i.tenderAnteriorCervicalNodes)}`);
    if (i.temperatureC === undefined) s.add(0, "Temperature not reported (assumed <= 38 °C)");
    else s.add(i.temperatureC > 38 ? 1 : 0, `Temperature ${fmt(i.temperatureC)} °C (> 38)`);
    s.add(i.coughAbsent ? 1 : 0, `Cough absent: ${i.coughAbsent ? "yes" : "no"}`);
    return s.result("Centor (McIsaac) score");
  },
  fromMedcalc: (e) => ({
    ageYears: e.ageYears(),
    tonsillarExudateOrSwelling: e.bool("Exudate or swelling on tonsils"),
    tenderAnteriorCervicalNodes: e.bool("Tender/swollen anterior cervical lymph nodes"),
    temperatureC: e.temperatureC("Temperature"),
    coughAbsent: e.bool("Cough Absent"),
  }),
});

export const feverPain = defineCalculator({
  id: 33,
  name: "FeverPAIN Score for Strep Pharyngitis",
  slug: "feverpain",
  category: "diagnosis",
  outputType: "integer",
  inputs: z.object({
    feverPast24h: zFlag("fever in the past 24 hours"),
    purulentTonsils: zFlag("purulence on tonsils"),
    attendRapidly: zFlag("symptom onset <= 3 days before presentation"),
    severeTonsilInflammation: zFlag("severely inflamed tonsils"),
    noCoughOrCoryza: zFlag("absence of cough or coryza"),
  }),
  compute(i) {
    const s = new ScoreSheet();
    s.add(i.feverPast24h ? 1 : 0, `Fever in past 24 h ${yes(i.feverPast24h)}`);
    s.add(i.purulentTonsils ? 1 : 0, `Purulent tonsils ${yes(i.purulentTonsils)}`);
    s.add(i.attendRapidly ? 1 : 0, `Onset <= 3 days ${yes(i.attendRapidly)}`);
    s.add(i.severeTonsilInflammation ? 1 : 0, `Severely inflamed tonsils ${yes(i.severeTonsilInflammation)}`);
    s.add(i.noCoughOrCoryza ? 1 : 0, `No cough or coryza: ${i.noCoughOrCoryza ? "yes" : "no"}`);
    return s.result("FeverPAIN");
  },
  fromMedcalc: (e) => ({
    feverPast24h: e.bool("Fever in past 24 hours"),
    purulentTonsils: e.bool("Purulent tonsils"),
    attendRapidly: e.bool("Symptom onset ≤3 days"),
    severeTonsilInflammation: e.bool("Severe tonsil inflammation"),
    noCoughOrCoryza: e.bool("Absence of cough or coryza"),
  }),
});
