import { describe, expect, it } from "vitest";
import {
  GUIDELINE_TOPICS,
  GuidelineDataError,
  GuidelineSchema,
  MAX_TEXT_WORDS,
  MIN_TEXT_WORDS,
  getGuideline,
  guidelinesForCondition,
  loadGuidelines,
  parseGuidelineFile,
  searchGuidelinesText,
  tokenize,
  wordCount,
} from "../src/clinical/guidelines/index.js";

const guidelines = loadGuidelines();

describe("guideline summaries: size and shape", () => {
  it("has at least 60 summaries with unique ids", () => {
    expect(guidelines.length).toBeGreaterThanOrEqual(60);
    expect(new Set(guidelines.map((g) => g.id)).size).toBe(guidelines.length);
  });

  it("every summary validates, is 80-200 words and names a source with a year", () => {
    for (const g of guidelines) {
      expect(GuidelineSchema.safeParse(g).success, g.id).toBe(true);
      const n = wordCount(g.text);
      expect(n, g.id).toBeGreaterThanOrEqual(MIN_TEXT_WORDS);
      expect(n, g.id).toBeLessThanOrEqual(MAX_TEXT_WORDS);
      expect(g.source, g.id).toMatch(/\b(19|20)\d{2}\b/);
      expect(GUIDELINE_TOPICS).toContain(g.topic);
      for (const c of g.conditions) expect(c, g.id).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
    }
  });

  it("covers the cross-domain pathways, triage, psychiatric, obstetric and radiology topics", () => {
    const required = [
      "chest_pain_evaluation",
      "stemi_reperfusion",
      "diabetic_ketoacidosis",
      "acute_ischemic_stroke",
      "sepsis_hour1_bundle",
      "postoperative_pe_pathway",
      "kawasaki_disease",
      "esi_triage",
      "suicide_risk_assessment",
      "involuntary_hold_criteria",
      "neuroleptic_malignant_syndrome",
      "serotonin_syndrome",
      "preeclampsia_magnesium",
      "postpartum_hemorrhage",
      "ectopic_pregnancy",
      "bi_rads",
      "ti_rads",
      "li_rads",
      "fleischner_pulmonary_nodules",
      "lung_rads",
    ];
    for (const id of required) expect(() => getGuideline(id), id).not.toThrow();
  });

  it("can be found by the condition ids the domains use", () => {
    for (const c of [
      "acute_ischemic_stroke",
      "diabetic_ketoacidosis",
      "sepsis",
      "septic_shock",
      "stemi",
      "nstemi",
      "pulmonary_embolism",
      "kawasaki_disease",
      "preeclampsia",
      "community_acquired_pneumonia",
    ])
      expect(guidelinesForCondition(c).length, c).toBeGreaterThan(0);
  });

  it("rejects malformed files", () => {
    const bad = (patch: string) =>
      `guidelines:\n  - id: x\n    title: Something\n    topic: cardiology\n    domains: [clinical_diagnosis]\n    conditions: [stemi]\n    keyPoints: [one point here, two point here, three point here]\n${patch}`;
    expect(() => parseGuidelineFile("g.yaml", bad("    source: AHA 2019\n    text: too short\n"))).toThrow(GuidelineDataError);
    expect(() => parseGuidelineFile("g.yaml", bad("    source: AHA 2019\n    text: too short\n"))).toThrow(/80-200 words/);
    const longEnough = Array.from({ length: 100 }, () => "word").join(" ");
    expect(() => parseGuidelineFile("g.yaml", bad(`    source: AHA guideline\n    text: ${longEnough}\n`))).toThrow(/year/);
    expect(parseGuidelineFile("g.yaml", bad(`    source: AHA 2019\n    text: ${longEnough}\n`))).toHaveLength(1);
  });
});

describe("searchGuidelinesText", () => {
  it("ranks the obvious summary first for typical clinical queries", () => {
    const top = (q: string) => searchGuidelinesText(q, 1)[0]?.guideline.id;
    expect(top("magnesium sulfate seizure prophylaxis preeclampsia")).toBe("preeclampsia_magnesium");
    expect(top("DKA insulin infusion potassium")).toBe("diabetic_ketoacidosis");
    expect(top("stroke alteplase thrombectomy")).toBe("acute_ischemic_stroke");
    expect(top("Kawasaki IVIG aspirin coronary aneurysm")).toBe("kawasaki_disease");
    expect(top("thyroid nodule ultrasound points FNA")).toBe("ti_rads");
    expect(top("incidental lung nodule follow-up CT")).toBe("fleischner_pulmonary_nodules");
    expect(top("sepsis lactate blood cultures antibiotics within one hour")).toBe("sepsis_hour1_bundle");
    expect(top("postoperative pulmonary embolism after surgery")).toBe("postoperative_pe_pathway");
    expect(top("emergency severity index triage resources")).toBe("esi_triage");
    expect(top("clonus hyperthermia cyproheptadine")).toBe("serotonin_syndrome");
  });

  it("respects k, orders by score and returns nothing for empty queries", () => {
    const hits = searchGuidelinesText("chest pain troponin", 4);
    expect(hits.length).toBe(4);
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
    expect(searchGuidelinesText("the of and", 5)).toEqual([]);
    expect(searchGuidelinesText("", 5)).toEqual([]);
    expect(searchGuidelinesText("sepsis", 0)).toEqual([]);
  });

  it("is deterministic and case-insensitive", () => {
    expect(searchGuidelinesText("SEPSIS Lactate", 5)).toEqual(searchGuidelinesText("sepsis lactate", 5));
    expect(tokenize("Antibiotics, the Lactate!")).toEqual(["antibiotic", "lactate"]);
  });
});
