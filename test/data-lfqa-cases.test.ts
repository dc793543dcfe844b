import { describe, expect, it } from "vitest";
import {
  findingToText,
  loadAgentClinicCases,
  loadAllMedLfqa,
  loadHealthSearchQA,
  loadMedCalcBench,
  loadMedCalcMethods,
  loadMedLfqa,
  parseMedCalcAnswer,
  parsePythonLiteral,
} from "../src/data/index.js";

describe("MedLFQA", () => {
  it("loads the four subsets with must-have / nice-to-have statements", async () => {
    const counts = {
      kqa_golden: (await loadMedLfqa("kqa_golden")).length,
      kqa_silver: (await loadMedLfqa("kqa_silver")).length,
      live_qa: (await loadMedLfqa("live_qa")).length,
      medication_qa: (await loadMedLfqa("medication_qa")).length,
    };
    expect(counts).toEqual({ kqa_golden: 201, kqa_silver: 904, live_qa: 100, medication_qa: 666 });
    const all = await loadAllMedLfqa();
    expect(all).toHaveLength(1871);
    expect(new Set(all.map((i) => i.id)).size).toBe(1871);
    // One LiveQA item has an empty reference answer upstream.
    expect(all.filter((i) => i.answer.trim() === "").map((i) => i.source)).toEqual(["live_qa"]);
    expect(all.filter((i) => i.question.trim() === "" || !Array.isArray(i.mustHave) || !Array.isArray(i.niceToHave))).toEqual([]);
    expect(all.filter((i) => i.mustHave.length === 0).map((i) => i.source)).toEqual(Array(4).fill("kqa_silver"));
    const first = all[0]!;
    expect(first).toMatchObject({
      id: "kqa_golden-0",
      source: "kqa_golden",
      question: "Alright so I dont know much about Lexapro would you tell me more about it?",
      references: "https://www.drugs.com/medical-answers/difference-between-lexapro-zoloft-3507675/",
      icd10Diagnosis: "Other specified depressive episodes",
    });
    expect(first.mustHave[0]).toBe("Escitalopram is an antidepressant of the SSRI (Selective serotonin reuptake inhibitors) class");
    expect(all.find((i) => i.source === "live_qa")!.icd10Diagnosis).toBeUndefined();
  });

  it("rejects an unknown subset", async () => {
    await expect(loadMedLfqa("bogus" as never)).rejects.toThrow('Unknown MedLFQA subset "bogus"');
  });

  it("loads the 3,173 HealthSearchQA questions (4,436 file lines: 1,263 empty) without row-number prefixes", async () => {
    const qs = await loadHealthSearchQA();
    expect(qs).toHaveLength(3173);
    expect(new Set(qs.map((q) => q.question)).size).toBe(3156);
    expect(qs[0]).toEqual({ id: "healthsearchqa-0", question: "Are benign brain tumors serious?" });
    expect(qs[9]!.question).toBe("Are genital warts serious?");
    expect(qs.find((q) => q.question.startsWith("Will scabies"))!.question).toBe("Will scabies go away on its own?");
    expect(qs.filter((q) => /^\d*,/.test(q.question) || q.question === "")).toEqual([]);
    expect(qs.every((q) => /^[A-Z0-9"]/.test(q.question))).toBe(true);
  });
});

describe("AgentClinic OSCE cases", () => {
  it("loads 107 cases with the typed parts every case has", async () => {
    const cases = await loadAgentClinicCases();
    expect(cases).toHaveLength(107);
    for (const c of cases) {
      expect(c.objective.length).toBeGreaterThan(0);
      expect(c.correctDiagnosis.length).toBeGreaterThan(0);
      expect(c.patient.demographics.length).toBeGreaterThan(0);
      expect(c.patient.history.length).toBeGreaterThan(0);
      expect(c.patient.primarySymptom.length).toBeGreaterThan(0);
      expect(Object.keys(c.physicalExam).length).toBeGreaterThan(0);
    }
    // Two cases come without any test results upstream.
    expect(cases.filter((c) => Object.keys(c.testResults).length === 0).map((c) => c.id)).toEqual(["agentclinic-medqa-68", "agentclinic-medqa-105"]);
    const mg = cases[0]!;
    expect(mg.correctDiagnosis).toBe("Myasthenia gravis");
    expect(mg.patient.demographics).toBe("35-year-old female");
    expect(mg.patient.primarySymptom).toBe("Double vision");
    expect(mg.patient.secondarySymptoms).toEqual(["Difficulty climbing stairs", "Weakness in upper limbs", "Improvement of symptoms after rest"]);
    expect(mg.testResults).toMatchObject({ Blood_Tests: { Acetylcholine_Receptor_Antibodies: "Present (elevated)" } });
    expect(findingToText(mg.physicalExam.Vital_Signs!, "Vital Signs")).toBe(
      [
        "Vital Signs > Temperature: 36.6°C (97.9°F)",
        "Vital Signs > Blood Pressure: 125/80 mmHg",
        "Vital Signs > Heart Rate: 72 bpm",
        "Vital Signs > Respiratory Rate: 16 breaths/min",
      ].join("\n"),
    );
    // Extra patient fields (medications, drug history) are kept, not dropped.
    expect(cases.filter((c) => "Current_Medications" in c.patient.other)).toHaveLength(4);
    // The few non-text histories stay structured.
    expect(cases.filter((c) => typeof c.patient.reviewOfSystems === "object" && c.patient.reviewOfSystems !== null)).toHaveLength(3);
  });
});

describe("MedCalc-Bench", () => {
  it("loads the 55 calculator methods", async () => {
    const methods = await loadMedCalcMethods();
    expect(methods).toHaveLength(55);
    expect(new Set(methods.map((m) => m.calculator)).size).toBe(55);
    expect(methods[0]!.calculator).toBe("Creatinine Clearance (Cockcroft-Gault Equation)");
    expect(methods[0]!.shortSummary).toMatch(/^To calculate creatinine clearance/);
  });

  it("loads 164 rows, keeps Relevant Entities raw and parsed, and links each row to a method", async () => {
    const rows = await loadMedCalcBench();
    const methods = new Set((await loadMedCalcMethods()).map((m) => m.calculator));
    expect(rows).toHaveLength(164);
    expect(new Set(rows.map((r) => r.calculatorId)).size).toBe(55);
    expect(rows.every((r) => methods.has(r.calculatorName))).toBe(true);
    const first = rows[0]!;
    expect(first).toMatchObject({
      rowNumber: 1,
      calculatorId: 2,
      outputType: "decimal",
      noteId: "pmc-7671985-1",
      noteType: "Extracted",
      groundTruthAnswer: "25.238",
      lowerLimit: "23.9761",
      upperLimit: "26.4999",
    });
    expect(first.relevantEntitiesRaw).toBe("{'sex': 'Male', 'age': [87, 'years'], 'weight': [48.0, 'kg'], 'height': [163.0, 'cm'], 'creatinine': [1.4, 'mg/dL']}");
    expect(first.relevantEntities).toEqual({ sex: "Male", age: [87, "years"], weight: [48, "kg"], height: [163, "cm"], creatinine: [1.4, "mg/dL"] });
    expect(rows[2]!.relevantEntities.creatinine).toEqual([183, "µmol/L"]);
    for (const r of rows) {
      expect(parsePythonLiteral(r.relevantEntitiesRaw)).toStrictEqual(r.relevantEntities);
      if (r.outputType === "date") expect(r.groundTruth).toMatch(/^\d\d\/\d\d\/\d{4}$/);
      else if (typeof r.groundTruth === "number") {
        expect(Number(r.lowerLimit)).toBeLessThanOrEqual(r.groundTruth);
        expect(Number(r.upperLimit)).toBeGreaterThanOrEqual(r.groundTruth);
      }
    }
    // Gestational age answers are (weeks, days) tuples although typed "integer" upstream.
    const tuples = rows.filter((r) => Array.isArray(r.groundTruth));
    expect(tuples.map((r) => r.calculatorName)).toEqual(Array(3).fill("Estimated Gestational Age"));
    expect(tuples.map((r) => r.groundTruth)).toContainEqual(["14 weeks", "1 days"]);
    const types = Object.fromEntries(["decimal", "integer", "date"].map((t) => [t, rows.filter((r) => r.outputType === t).length]));
    expect(types).toEqual({ decimal: 101, integer: 57, date: 6 });
    const booleans = rows.flatMap((r) => Object.values(r.relevantEntities)).filter((v) => typeof v === "boolean");
    expect(booleans).toHaveLength(342);
  });
});

describe("parseMedCalcAnswer", () => {
  it("parses numbers, keeps dates, splits gestational-age tuples and rejects the rest", () => {
    expect(parseMedCalcAnswer("25.238")).toBe(25.238);
    expect(parseMedCalcAnswer(" -3 ")).toBe(-3);
    expect(parseMedCalcAnswer("09/23/2014")).toBe("09/23/2014");
    expect(parseMedCalcAnswer("('0 weeks', '6 days')")).toEqual(["0 weeks", "6 days"]);
    expect(() => parseMedCalcAnswer("")).toThrow(/neither a number, a date nor a tuple/);
    expect(() => parseMedCalcAnswer("abc")).toThrow(/neither a number, a date nor a tuple/);
    expect(() => parseMedCalcAnswer("(1, 2)")).toThrow(/not a tuple of strings/);
  });
});
