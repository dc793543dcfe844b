/**
 * Each of the 55 calculators against a worked example computed by hand from the published formula
 * or score table (the arithmetic is in the comments), independent of the MedCalc-Bench rows.
 */
import { describe, expect, it } from "vitest";
import { CALCULATORS, getCalculator, inputJsonSchema } from "../src/clinical/calculators/index.js";

const calc = (slug: string, input: unknown) => getCalculator(slug).compute(input);
const num = (slug: string, input: unknown) => {
  const v = calc(slug, input).value;
  if (typeof v !== "number") throw new Error(`${slug} returned ${v}`);
  return v;
};

describe("registry", () => {
  it("holds 55 calculators with unique MedCalc IDs and slugs, each with an explanation-producing compute", () => {
    expect(CALCULATORS).toHaveLength(55);
    expect(new Set(CALCULATORS.map((c) => c.id)).size).toBe(55);
    expect(new Set(CALCULATORS.map((c) => c.slug)).size).toBe(55);
    for (const c of CALCULATORS) {
      const schema = inputJsonSchema(c) as { type?: string; properties?: object };
      expect(schema.type).toBe("object");
      expect(Object.keys(schema.properties ?? {}).length).toBeGreaterThan(0);
    }
  });

  it("tool schemas make defaulted criteria optional and describe every field", () => {
    const s = inputJsonSchema("has_bled") as { required: string[] };
    expect(s.required).toEqual(["ageYears"]);
    for (const c of CALCULATORS) {
      const props = (inputJsonSchema(c) as { properties: Record<string, { description?: string }> }).properties;
      for (const [k, p] of Object.entries(props)) expect(p.description, `${c.slug}.${k}`).toBeTruthy();
    }
  });

  it("finds calculators by id, numeric string, slug and name, and suggests on a miss", () => {
    expect(getCalculator(2).slug).toBe("cockcroft_gault");
    expect(getCalculator("69").slug).toBe("gestational_age");
    expect(getCalculator("CKD-EPI Equations for Glomerular Filtration Rate").id).toBe(3);
    expect(() => getCalculator("meld")).toThrow(/Did you mean: .*meld_na/);
    expect(() => getCalculator(12)).toThrow(/Unknown calculator '12'/);
  });
});

describe("renal", () => {
  it("Cockcroft-Gault uses adjusted body weight when overweight", () => {
    // F, 50 y, 80 kg, 165 cm (BMI 29.4): IBW 45.5 + 2.3 x (64.96 - 60) = 56.909; ABW 56.909 + 0.4 x 23.091 = 66.146
    // CrCl = 90 x 66.146 x 0.85 / (72 x 1.2) = 58.57
    expect(num("cockcroft_gault", { sex: "female", ageYears: 50, weightKg: 80, heightCm: 165, creatinineMgDl: 1.2 })).toBeCloseTo(58.566, 2);
  });
  it("Cockcroft-Gault uses min(IBW, actual) when normal weight, actual when no height", () => {
    // M, 45 y, 68 kg, 175 cm (BMI 22.2): IBW 70.46 > 68, so 68 kg; 95 x 68 / (72 x 1.1) = 81.57
    expect(num("cockcroft_gault", { sex: "male", ageYears: 45, weightKg: 68, heightCm: 175, creatinineMgDl: 1.1 })).toBeCloseTo(81.566, 2);
    // Classic textbook case: 60 y man, 70 kg, Cr 1.0: 80 x 70 / 72 = 77.78
    expect(num("cockcroft_gault", { sex: "male", ageYears: 60, weightKg: 70, creatinineMgDl: 1 })).toBeCloseTo(77.778, 2);
  });
  it("CKD-EPI 2021 matches the NKF calculator", () => {
    // 50 y F, Cr 1.0: 142 x (1/0.7)^-1.2 x 0.9938^50 x 1.012 = 68.6 (NKF: 69)
    expect(num("ckd_epi_2021", { sex: "female", ageYears: 50, creatinineMgDl: 1 })).toBeCloseTo(68.633, 2);
    // 60 y M, Cr 0.8: 142 x (0.8/0.9)^-0.302 x 0.9938^60 = 101.3 (NKF: 101)
    expect(num("ckd_epi_2021", { sex: "male", ageYears: 60, creatinineMgDl: 0.8 })).toBeCloseTo(101.316, 2);
  });
  it("MDRD applies sex and race coefficients", () => {
    // 175 x 1.5^-1.154 x 60^-0.203 x 0.742 x 1.212 = 42.93
    expect(num("mdrd_gfr", { sex: "female", ageYears: 60, creatinineMgDl: 1.5, black: true })).toBeCloseTo(42.931, 2);
  });
  it("FENa", () => {
    // (2 x 20) / (140 x 100) x 100 = 0.2857 %
    expect(num("fena", { serumSodiumMmolL: 140, urineSodiumMmolL: 20, serumCreatinineMgDl: 2, urineCreatinineMgDl: 100 })).toBeCloseTo(0.2857, 4);
  });
});

describe("body and haemodynamics", () => {
  it("BMI, BSA (Mosteller), target weight, MAP", () => {
    expect(num("bmi", { weightKg: 70, heightCm: 175 })).toBeCloseTo(22.857, 3); // 70 / 1.75²
    expect(num("body_surface_area", { weightKg: 70, heightCm: 175 })).toBeCloseTo(1.8447, 4); // sqrt(70 x 175 / 3600)
    expect(num("target_weight", { targetBmi: 22, heightCm: 175 })).toBeCloseTo(67.375, 3); // 22 x 1.75²
    expect(num("mean_arterial_pressure", { systolicMmHg: 120, diastolicMmHg: 80 })).toBeCloseTo(93.333, 3); // 80 + 40/3
  });
  it("ideal and adjusted body weight (Devine)", () => {
    expect(num("ideal_body_weight", { sex: "female", heightCm: 162.56 })).toBeCloseTo(54.7, 6); // 5 ft 4 in: 45.5 + 2.3 x 4
    expect(num("ideal_body_weight", { sex: "male", heightCm: 180 })).toBeCloseTo(74.992, 3); // 50 + 2.3 x 10.866
    expect(num("adjusted_body_weight", { sex: "male", heightCm: 180, weightKg: 100 })).toBeCloseTo(84.995, 3); // 74.992 + 0.4 x 25.008
  });
  it("maintenance fluids follow the 4-2-1 rule in each band", () => {
    expect(num("maintenance_fluids", { weightKg: 8 })).toBe(32);
    expect(num("maintenance_fluids", { weightKg: 15 })).toBe(50);
    expect(num("maintenance_fluids", { weightKg: 25 })).toBe(65);
  });
});

describe("QTc", () => {
  // QT 400 ms at HR 90 (RR 0.667 s)
  it.each([
    ["qtc_bazett", 489.898], // 400 / sqrt(0.667)
    ["qtc_fridericia", 457.886], // 400 / 0.667^(1/3)
    ["qtc_framingham", 451.333], // 400 + 154 x (1 - 0.667)
    ["qtc_hodges", 452.5], // 400 + 1.75 x (90 - 60)
    ["qtc_rautaharju", 466.667], // 400 x (120 + 90) / 180
  ])("%s", (slug, expected) => {
    expect(num(slug, { qtMs: 400, heartRateBpm: 90 })).toBeCloseTo(expected, 3);
  });
  it("Bazett leaves QT unchanged at 60 bpm", () => {
    expect(num("qtc_bazett", { qtMs: 400, heartRateBpm: 60 })).toBeCloseTo(400, 9);
  });
});

describe("electrolytes and acid-base", () => {
  const base = { sodiumMmolL: 140, chlorideMmolL: 100, bicarbonateMmolL: 16 };
  it("anion gap family", () => {
    expect(num("anion_gap", { sodiumMmolL: 140, chlorideMmolL: 100, bicarbonateMmolL: 24 })).toBe(16);
    expect(num("delta_gap", { sodiumMmolL: 140, chlorideMmolL: 100, bicarbonateMmolL: 20 })).toBe(8); // AG 20 - 12
    expect(num("delta_ratio", base)).toBeCloseTo(1.5, 9); // AG 24: (24 - 12) / (24 - 16)
    expect(num("albumin_corrected_anion_gap", { sodiumMmolL: 140, chlorideMmolL: 100, bicarbonateMmolL: 24, albuminGDl: 2 })).toBe(21); // 16 + 2.5 x 2
    expect(num("albumin_corrected_delta_gap", { sodiumMmolL: 140, chlorideMmolL: 100, bicarbonateMmolL: 24, albuminGDl: 2 })).toBe(9);
    expect(num("albumin_corrected_delta_ratio", { ...base, albuminGDl: 2 })).toBeCloseTo(2.125, 9); // (29 - 12) / 8
  });
  it("delta ratio refuses a zero denominator", () => {
    expect(() => calc("delta_ratio", { sodiumMmolL: 140, chlorideMmolL: 104, bicarbonateMmolL: 24 })).toThrow(/undefined/);
  });
  it("calcium, sodium correction, osmolality, free water deficit", () => {
    expect(num("calcium_correction", { calciumMgDl: 8, albuminGDl: 2 })).toBeCloseTo(9.6, 9); // 8 + 0.8 x 2
    expect(num("sodium_correction_hyperglycemia", { sodiumMmolL: 130, glucoseMgDl: 600 })).toBeCloseTo(142, 9); // 130 + 0.024 x 500
    expect(num("serum_osmolality", { sodiumMmolL: 140, bunMgDl: 28, glucoseMgDl: 180 })).toBeCloseTo(300, 9); // 280 + 10 + 10
    expect(num("free_water_deficit", { sex: "male", ageYears: 40, weightKg: 70, sodiumMmolL: 160 })).toBeCloseTo(6, 9); // 0.6 x 70 x (160/140 - 1)
    expect(num("free_water_deficit", { sex: "female", ageYears: 70, weightKg: 70, sodiumMmolL: 154 })).toBeCloseTo(3.15, 9); // 0.45 x 70 x 0.1
  });
  it("LDL (Friedewald) and HOMA-IR", () => {
    expect(num("ldl_friedewald", { totalCholesterolMgDl: 200, hdlMgDl: 50, triglyceridesMgDl: 150 })).toBe(120);
    expect(num("homa_ir", { insulinMicroIUmL: 10, glucoseMgDl: 100 })).toBeCloseTo(2.469, 3); // 1000 / 405
  });
});

describe("cardiology risk", () => {
  it("CHA2DS2-VASc", () => {
    // 76 y woman with hypertension and diabetes: age 2 + female 1 + HTN 1 + DM 1
    expect(num("cha2ds2_vasc", { ageYears: 76, sex: "female", hypertension: true, diabetes: true })).toBe(5);
    expect(num("cha2ds2_vasc", { ageYears: 50, sex: "male" })).toBe(0);
  });
  it("HAS-BLED", () => {
    // age > 65, labile INR, aspirin, 10 drinks/week
    expect(num("has_bled", { ageYears: 70, labileInr: true, bleedingMedication: true, alcoholDrinksPerWeek: 10 })).toBe(4);
  });
  it("HEART", () => {
    // moderately suspicious 1 + non-specific repolarisation 1 + age 50 1 + two risk factors 1 + normal troponin 0
    expect(num("heart_score", { history: "moderately suspicious", ecg: "non-specific repolarization disturbance", ageYears: 50, hypertension: true, smoking: true })).toBe(4);
    // atherosclerotic disease alone gives the full 2 risk-factor points
    expect(num("heart_score", { ageYears: 40, atheroscleroticDisease: true })).toBe(2);
  });
  it("RCRI", () => {
    expect(num("rcri", { elevatedRiskSurgery: true, insulinTreatment: true, creatinineMgDl: 2.5 })).toBe(3);
    expect(num("rcri", { creatinineMgDl: 2 })).toBe(0); // threshold is > 2 mg/dL
  });
  it("Framingham hard CHD agrees with the ATP III point tables", () => {
    // Man 54, TC 235, HDL 26, SBP 139 untreated, smoker: ATP III points 6+4+3+2+1 = 16 -> 25 %; 17 points -> >= 30 %
    const m = num("framingham_hard_chd", { sex: "male", ageYears: 54, totalCholesterolMgDl: 235, hdlMgDl: 26, systolicMmHg: 139, smoker: true });
    expect(m).toBeGreaterThan(20);
    expect(m).toBeLessThan(32);
    // Woman 60, TC 240, HDL 45, SBP 150 treated, smoker: points 10+2+2+1+5 = 20 -> 11 %
    const f = num("framingham_hard_chd", { sex: "female", ageYears: 60, totalCholesterolMgDl: 240, hdlMgDl: 45, systolicMmHg: 150, bpTreated: true, smoker: true });
    expect(f).toBeGreaterThan(6);
    expect(f).toBeLessThan(17);
    // Low-risk man: 40 y, TC 180, HDL 60, SBP 115, non-smoker -> < 2 % (points 0 -> 1 %)
    expect(num("framingham_hard_chd", { sex: "male", ageYears: 40, totalCholesterolMgDl: 180, hdlMgDl: 60, systolicMmHg: 115 })).toBeLessThan(2);
  });
});

describe("thrombosis", () => {
  it("Wells PE counts the combined items once", () => {
    // HR 110 (1.5) + previous DVT (1.5) + haemoptysis (1)
    expect(num("wells_pe", { heartRateBpm: 110, previousDvt: true, hemoptysis: true })).toBe(4);
    // immobilisation and surgery are one 1.5-point item; previous PE and DVT another
    expect(num("wells_pe", { immobilization3Days: true, surgeryPrevious4Weeks: true, previousPe: true, previousDvt: true })).toBe(3);
  });
  it("Wells DVT subtracts 2 for a likely alternative diagnosis", () => {
    expect(num("wells_dvt", { activeCancer: true, entireLegSwollen: true, alternativeDiagnosisLikely: true })).toBe(0);
  });
  it("PERC", () => {
    expect(num("perc_rule", { ageYears: 55, heartRateBpm: 110, oxygenSaturationPct: 93 })).toBe(3);
    expect(num("perc_rule", { ageYears: 30, heartRateBpm: 80, oxygenSaturationPct: 98 })).toBe(0);
  });
  it("Caprini 2005", () => {
    // age 65 (2) + major surgery (2) + BMI 30 (1) + varicose veins (1) + history of DVT (3)
    expect(num("caprini", { ageYears: 65, sex: "male", surgeryType: "major >45 min", bmi: 30, varicoseVeins: true, historyOfDvtOrPe: true })).toBe(9);
    // female-only items count only for women
    expect(num("caprini", { ageYears: 30, sex: "female", hormoneTherapy: true })).toBe(1);
    expect(num("caprini", { ageYears: 30, sex: "male", hormoneTherapy: true })).toBe(0);
  });
});

describe("pneumonia, sepsis, pharyngitis", () => {
  it("CURB-65", () => {
    expect(num("curb65", { confusion: true, bunMgDl: 25, respiratoryRate: 32, systolicMmHg: 85, diastolicMmHg: 55, ageYears: 70 })).toBe(5);
    expect(num("curb65", { bunMgDl: 19, respiratoryRate: 18, systolicMmHg: 120, diastolicMmHg: 61, ageYears: 64 })).toBe(0);
  });
  it("PSI", () => {
    // 70 y woman (70 - 10), nursing home 10, CHF 10, RR 32 -> 20, BUN 35 -> 20
    expect(num("psi_port", { ageYears: 70, sex: "female", nursingHomeResident: true, congestiveHeartFailure: true, respiratoryRate: 32, bunMgDl: 35, temperatureC: 37 })).toBe(120);
    expect(num("psi_port", { ageYears: 50, sex: "male", temperatureC: 40 })).toBe(65); // temperature >= 40 scores 15
  });
  it("SIRS", () => {
    expect(num("sirs", { temperatureC: 38.5, heartRateBpm: 100, respiratoryRate: 22, wbcPerMicroL: 15000 })).toBe(4);
    expect(num("sirs", { temperatureC: 37, heartRateBpm: 80, respiratoryRate: 16, paco2MmHg: 30, wbcPerMicroL: 8000, bandsPct: 12 })).toBe(2);
  });
  it("Centor (McIsaac)", () => {
    expect(num("centor_mcisaac", { ageYears: 10, tonsillarExudateOrSwelling: true, tenderAnteriorCervicalNodes: true, temperatureC: 38.5, coughAbsent: true })).toBe(5);
    expect(num("centor_mcisaac", { ageYears: 50, temperatureC: 37 })).toBe(-1);
  });
  it("FeverPAIN", () => {
    expect(num("feverpain", { feverPast24h: true, purulentTonsils: true, attendRapidly: true })).toBe(3);
  });
});

describe("liver and GI", () => {
  it("Child-Pugh", () => {
    // bili 2.5 (2) + albumin 3.0 (2) + INR 1.8 (2) + slight ascites (2) + no encephalopathy (1)
    const r = calc("child_pugh", { bilirubinMgDl: 2.5, albuminGDl: 3, inr: 1.8, ascites: "slight" });
    expect(r.value).toBe(9);
    expect(r.explanation).toMatch(/class B/);
  });
  it("MELD-Na (UNOS)", () => {
    // MELD(i) = 0.957 ln 1.9 + 0.378 ln 4.2 + 1.120 ln 1.2 + 0.643 = 2.004 -> 2.0 -> 20
    // MELD-Na = 20 + 1.32 x 7 - 0.033 x 20 x 7 = 24.62 -> 25
    expect(num("meld_na", { creatinineMgDl: 1.9, bilirubinMgDl: 4.2, inr: 1.2, sodiumMmolL: 130 })).toBe(25);
    // dialysis sets Cr to 4; low values are floored at 1: MELD(i) = 0.957 ln 4 + 0.643 = 1.97 -> 2.0 -> 20, Na 137
    expect(num("meld_na", { creatinineMgDl: 0.5, bilirubinMgDl: 0.5, inr: 0.9, sodiumMmolL: 145, dialysisTwiceInPastWeek: true })).toBe(20);
  });
  it("MELD-Na applies the sodium term only above MELD(i) 11", () => {
    // INR 1.493: MELD(i) = 1.120 ln 1.493 + 0.643 = 1.092 -> 1.1 -> 11, not above 11, so Na 125 changes nothing
    expect(num("meld_na", { creatinineMgDl: 1, bilirubinMgDl: 1, inr: 1.493, sodiumMmolL: 125 })).toBe(11);
    // INR 1.6: 1.169 -> 12; Na 120 is bounded to 125: 12 + 1.32 x 12 - 0.033 x 12 x 12 = 23.09 -> 23
    expect(num("meld_na", { creatinineMgDl: 1, bilirubinMgDl: 1, inr: 1.6, sodiumMmolL: 120 })).toBe(23);
  });
  it("FIB-4", () => {
    // 50 x 40 / (200 x sqrt(30)) = 1.826
    expect(num("fib4", { ageYears: 50, astUL: 40, altUL: 30, plateletsPerMicroL: 200000 })).toBeCloseTo(1.8257, 4);
  });
  it("Glasgow-Blatchford", () => {
    // BUN 30 (4) + Hb 11 in a man (3) + SBP 95 (2) + HR 105 (1) + melena (1)
    expect(num("glasgow_blatchford", { bunMgDl: 30, hemoglobinGDl: 11, sex: "male", systolicMmHg: 95, heartRateBpm: 105, melena: true })).toBe(11);
    // same Hb in a woman scores 1
    expect(num("glasgow_blatchford", { bunMgDl: 10, hemoglobinGDl: 11, sex: "female", systolicMmHg: 120, heartRateBpm: 80 })).toBe(1);
  });
});

describe("critical care", () => {
  it("GCS, with not-testable components at their best score", () => {
    expect(num("gcs", { eye: "eye opening to verbal command", verbal: "confused", motor: "localizes pain" })).toBe(12);
    expect(num("gcs", { eye: "no eye opening", verbal: "not testable", motor: "no motor response" })).toBe(7);
  });
  it("SOFA", () => {
    // P/F 80/0.5 = 160 ventilated (3), plt 90k (2), GCS 13 (1), bili 2.5 (2), norepi 0.05 (3), Cr 1.5 (1)
    expect(num("sofa", { pao2MmHg: 80, fio2Pct: 50, mechanicalVentilation: true, plateletsPerMicroL: 90000, gcs: 13, bilirubinMgDl: 2.5, norepinephrine: 0.05, creatinineMgDl: 1.5 })).toBe(12);
    // without ventilation a P/F below 200 scores 2; urine output < 200 mL/day scores renal 4
    expect(num("sofa", { pao2MmHg: 60, fio2Pct: 60, plateletsPerMicroL: 200000, bilirubinMgDl: 0.5, creatinineMgDl: 1, urineOutputMlPerDay: 150 })).toBe(6);
  });
  it("APACHE II", () => {
    // age 70 (5), nonoperative chronic health (5), T 39.5 (3), MAP 65 (2), HR 120 (2), RR 30 (1), FiO2 40% PaO2 65 (1),
    // pH 7.30 (2), Na 135 (0), K 3.2 (1), Cr 2.1 with ARF (3 x 2), Hct 28 (2), WBC 18k (1), GCS 13 (2) = 33
    const input = {
      ageYears: 70,
      chronicHealth: "nonoperative",
      temperatureC: 39.5,
      mapMmHg: 65,
      heartRateBpm: 120,
      respiratoryRate: 30,
      fio2Pct: 40,
      pao2MmHg: 65,
      ph: 7.3,
      sodiumMmolL: 135,
      potassiumMmolL: 3.2,
      creatinineMgDl: 2.1,
      acuteRenalFailure: true,
      hematocritPct: 28,
      wbcPerMicroL: 18000,
      gcs: 13,
    };
    expect(num("apache_ii", input)).toBe(33);
    // FiO2 >= 50% scores the A-a gradient instead of PaO2
    expect(num("apache_ii", { ...input, fio2Pct: 60, aaGradientMmHg: 400 })).toBe(35);
    expect(() => calc("apache_ii", { ...input, fio2Pct: 60 })).toThrow(/A-a gradient/);
  });
});

describe("comorbidity and dosing", () => {
  it("Charlson", () => {
    // age 72 (3) + MI (1) + uncomplicated diabetes (1) + metastatic solid tumour (6)
    expect(num("charlson", { ageYears: 72, myocardialInfarction: true, diabetes: "uncomplicated", solidTumor: "metastatic" })).toBe(11);
  });
  it("steroid conversion", () => {
    expect(num("steroid_conversion", { fromSteroid: "PredniSONE PO", doseMg: 50, toSteroid: "Dexamethasone PO" })).toBeCloseTo(7.5, 9); // 50 x 0.75/5
    expect(num("steroid_conversion", { fromSteroid: "Hydrocortisone IV", doseMg: 100, toSteroid: "MethylPrednisoLONE IV" })).toBeCloseTo(20, 9); // 100 x 4/20
  });
  it("MME (CDC 2022 factors)", () => {
    // oxycodone 10 mg x 4/day x 1.5 = 60; fentanyl patch 25 µg/h x 2.4 = 60; buccal fentanyl 100 µg x 2 x 0.13 = 26
    const r = calc("mme", {
      opioids: [
        { drug: "OxyCODONE", dose: 10, doseUnit: "mg", dosesPerDay: 4 },
        { drug: "FentANYL patch", dose: 25, doseUnit: "µg/hr", dosesPerDay: 1 },
        { drug: "FentaNYL buccal", dose: 100, doseUnit: "µg", dosesPerDay: 2 },
      ],
    });
    expect(r.value).toBeCloseTo(146, 9);
    expect(() => calc("mme", { opioids: [{ drug: "Morphine", dose: 10, doseUnit: "µg/hr", dosesPerDay: 1 }] })).toThrow(/Unknown or unsupported unit/);
  });
});

describe("pregnancy dating", () => {
  it("due date by Naegele's rule with cycle adjustment", () => {
    expect(calc("estimated_due_date", { lastMenstrualPeriod: "01/01/2024" }).value).toBe("10/07/2024"); // + 280 days (leap year)
    expect(calc("estimated_due_date", { lastMenstrualPeriod: "01/01/2024", cycleLengthDays: 32 }).value).toBe("10/11/2024");
    expect(calc("estimated_due_date", { lastMenstrualPeriod: "2024-01-01", cycleLengthDays: 25 }).value).toBe("10/04/2024");
  });
  it("conception date and gestational age", () => {
    expect(calc("estimated_conception_date", { lastMenstrualPeriod: "12/25/2023" }).value).toBe("01/08/2024");
    // 01/01 -> 03/15/2024 is 74 days = 10 weeks 4 days
    expect(calc("gestational_age", { lastMenstrualPeriod: "01/01/2024", currentDate: "03/15/2024" }).value).toBe("('10 weeks', '4 days')");
    expect(() => calc("gestational_age", { lastMenstrualPeriod: "03/15/2024", currentDate: "01/01/2024" })).toThrow(/before the LMP/);
    expect(() => calc("estimated_due_date", { lastMenstrualPeriod: "02/30/2024" })).toThrow(/valid date/);
  });
});

describe("input validation", () => {
  it("names every missing input", () => {
    expect(() => calc("cockcroft_gault", { sex: "male" })).toThrow(/ageYears: missing required input.*weightKg: missing required input.*creatinineMgDl: missing required input/);
  });
  it("rejects out-of-range and wrong-typed values", () => {
    expect(() => calc("bmi", { weightKg: -70, heightCm: 175 })).toThrow(/weightKg/);
    expect(() => calc("gcs", { eye: "blinks", verbal: "oriented", motor: "obeys commands" })).toThrow(/eye/);
    expect(() => calc("sofa", { pao2MmHg: 80, fio2Pct: 50, plateletsPerMicroL: 1, bilirubinMgDl: 1 })).toThrow(/creatinineMgDl or urineOutputMlPerDay/);
  });
  it("explains each result", () => {
    const r = calc("cockcroft_gault", { sex: "female", ageYears: 50, weightKg: 80, heightCm: 165, creatinineMgDl: 1.2 });
    expect(r.unit).toBe("mL/min");
    expect(r.explanation).toMatch(/adjusted body weight/);
  });
});
