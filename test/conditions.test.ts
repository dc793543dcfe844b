import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import {
  ANALYTE_KEYS,
  BINARY_ANALYTES,
  CONDITIONS_DIR,
  ConditionValidationError,
  MEDGYM_DOMAINS,
  PATHWAYS,
  SPECIALTIES,
  conditionsByDomain,
  conditionsByPathway,
  conditionsBySpecialty,
  getCondition,
  hasCondition,
  loadConditions,
  matchesCondition,
  parseConditionFile,
  validateConditionSet,
  type AnalyteKey,
  type Condition,
  type Specialty,
} from "../src/clinical/conditions/index.js";

const ICD_FILE = "/work/shared/data/codes/icd10cm-order-Jan-2021.csv.gz";

/**
 * CMS order file: `code,billable,short,long` with undotted codes; only the first two columns are
 * needed and they are never quoted, so a split on the first two commas is enough.
 */
function loadCmsCodes(): Map<string, boolean> {
  const text = gunzipSync(readFileSync(ICD_FILE)).toString("utf8");
  const out = new Map<string, boolean>();
  for (const line of text.split("\n").slice(1)) {
    const [code, billable] = line.split(",", 2);
    if (code) out.set(code.trim(), billable === "1");
  }
  return out;
}

const conditions = loadConditions();
const byId = new Map(conditions.map((c) => [c.id, c]));

/** Bounds for a condition's mean value; wide enough for the sickest presentation, narrow enough to catch unit slips. */
const VITAL_BOUNDS = {
  hr: [25, 220],
  sbp: [50, 250],
  dbp: [25, 150],
  rr: [4, 70],
  tempC: [28, 42.5],
  spo2: [60, 100],
} as const;

const LAB_BOUNDS: Record<AnalyteKey, [number, number]> = {
  wbc: [0.1, 150],
  hemoglobin: [4, 22],
  platelets: [5, 1200],
  sodium: [110, 170],
  potassium: [2, 8.5],
  chloride: [75, 125],
  bicarbonate: [4, 45],
  bun: [3, 150],
  creatinine: [0.2, 12],
  glucose: [20, 1500],
  calcium: [5, 17],
  albumin: [1.2, 5.5],
  total_bilirubin: [0.1, 35],
  ast: [5, 10000],
  alt: [5, 10000],
  alk_phos: [20, 1500],
  lipase: [5, 20000],
  troponin_i: [0, 100],
  bnp: [5, 10000],
  lactate: [0.3, 20],
  crp: [0.1, 500],
  procalcitonin: [0.01, 200],
  d_dimer: [0.1, 40],
  inr: [0.8, 10],
  ptt: [20, 150],
  tsh: [0.001, 200],
  free_t4: [0.05, 10],
  hba1c: [4, 18],
  ph: [6.8, 7.7],
  pco2: [15, 120],
  po2: [30, 600],
  ketones_beta_hydroxybutyrate: [0, 15],
  ammonia: [10, 500],
  ck: [20, 200000],
  esr: [1, 150],
  ferritin: [2, 20000],
  urine_hcg: [0, 1],
  serum_hcg: [0, 1_000_000],
  magnesium: [0.8, 6],
  phosphate: [0.8, 12],
  uric_acid: [1, 20],
  ldh: [80, 10000],
  fibrinogen: [30, 1000],
  urinalysis_leukocyte_esterase: [0, 1],
  urinalysis_nitrite: [0, 1],
  csf_wbc: [0, 20000],
};

const MIN_PER_SPECIALTY: Record<Specialty, number> = {
  cardiology: 8,
  pulmonology: 8,
  gastroenterology: 8,
  nephrology_urology: 6,
  endocrinology: 8,
  infectious_disease: 8,
  neurology: 8,
  hematology_oncology: 8,
  rheumatology: 5,
  dermatology: 3,
  psychiatry: 15,
  obstetrics_gynecology: 15,
  emergency_medicine: 15,
  pediatrics: 10,
};

describe("condition set: size and identity", () => {
  it("has at least 160 profiles", () => {
    expect(conditions.length).toBeGreaterThanOrEqual(160);
  });

  it("has unique ids and unique names", () => {
    expect(new Set(conditions.map((c) => c.id)).size).toBe(conditions.length);
    expect(new Set(conditions.map((c) => c.name.toLowerCase())).size).toBe(conditions.length);
  });

  it("uses one YAML file per specialty, named after it", () => {
    const files = readdirSync(CONDITIONS_DIR).filter((f) => f.endsWith(".yaml")).map((f) => f.replace(/\.yaml$/, ""));
    expect(files.sort()).toEqual([...SPECIALTIES].sort());
  });

  it("meets the minimum count for every specialty", () => {
    const groups = conditionsBySpecialty();
    for (const s of SPECIALTIES) {
      expect(groups.get(s)?.length ?? 0, s).toBeGreaterThanOrEqual(MIN_PER_SPECIALTY[s]);
    }
  });

  it("has non-empty synonym lists without duplicating the name", () => {
    for (const c of conditions) {
      expect(c.synonyms.length, c.id).toBeGreaterThan(0);
      const lower = c.synonyms.map((s) => s.toLowerCase());
      expect(new Set(lower).size, `${c.id} duplicate synonyms`).toBe(lower.length);
    }
  });
});

describe("condition set: ICD-10-CM codes", () => {
  const cms = loadCmsCodes();

  it("reads the CMS order file", () => {
    expect(cms.size).toBeGreaterThan(90_000);
    expect(cms.get("I214")).toBe(true);
  });

  it("uses dotted codes that exist in the CMS list and are billable", () => {
    const bad: string[] = [];
    for (const c of conditions) {
      const code = c.icd10;
      if (code.length > 3 && code[3] !== ".") bad.push(`${c.id}: ${code} is not dotted after the category`);
      const billable = cms.get(code.replace(".", ""));
      if (billable === undefined) bad.push(`${c.id}: ${code} not in CMS list`);
      else if (!billable) bad.push(`${c.id}: ${code} is a header, not billable`);
    }
    expect(bad).toEqual([]);
  });
});

describe("condition set: internal references and probabilities", () => {
  it("resolves every differential to another profile", () => {
    for (const c of conditions) {
      for (const d of c.differential) {
        expect(byId.has(d), `${c.id} -> ${d}`).toBe(true);
        expect(d, `${c.id} lists itself`).not.toBe(c.id);
      }
      expect(new Set(c.differential).size, `${c.id} duplicate differential`).toBe(c.differential.length);
    }
  });

  it("keeps every probability in [0, 1]", () => {
    for (const c of conditions) {
      const ps = [
        ...c.symptoms.map((s) => s.p),
        ...c.exam.map((e) => e.p),
        ...c.imaging.map((i) => i.p),
        ...c.history.pmh.map((h) => h.p),
        ...(c.history.medications ?? []).map((h) => h.p),
        ...(c.history.social ?? []).map((h) => h.p),
        ...(c.history.family ?? []).map((h) => h.p),
        c.demographics.femaleFraction,
      ];
      for (const p of ps) expect(p >= 0 && p <= 1, `${c.id} p=${p}`).toBe(true);
    }
  });

  it("lists 3 to 6 key findings and a nonempty management plan", () => {
    for (const c of conditions) {
      expect(c.keyFindings.length, c.id).toBeGreaterThanOrEqual(3);
      expect(c.keyFindings.length, c.id).toBeLessThanOrEqual(6);
      expect(c.management.firstLine.length + (c.management.interventions?.length ?? 0), c.id).toBeGreaterThan(0);
      for (const d of c.management.firstLine) expect(c.management.avoid, `${c.id}: ${d} both first-line and avoid`).not.toContain(d);
    }
  });

  it("explains every contraindication", () => {
    for (const c of conditions) {
      for (const ci of c.contraindications) expect(ci.reason.length, `${c.id}/${ci.drug}`).toBeGreaterThan(10);
    }
  });

  it("contains no unfinished text", () => {
    const raw = readdirSync(CONDITIONS_DIR)
      .filter((f) => f.endsWith(".yaml"))
      .map((f) => readFileSync(join(CONDITIONS_DIR, f), "utf8"))
      .join("\n");
    expect(raw).not.toMatch(/\b(TODO|TBD|FIXME|placeholder|lorem)\b/i);
  });
});

describe("condition set: physiological plausibility", () => {
  it("has plausible vital sign means with positive spread", () => {
    for (const c of conditions) {
      for (const [k, [lo, hi]] of Object.entries(VITAL_BOUNDS) as [keyof typeof VITAL_BOUNDS, readonly [number, number]][]) {
        const v = c.vitals[k];
        expect(v.mean, `${c.id}.${k}`).toBeGreaterThanOrEqual(lo);
        expect(v.mean, `${c.id}.${k}`).toBeLessThanOrEqual(hi);
        expect(v.sd, `${c.id}.${k} sd`).toBeGreaterThan(0);
        expect(v.sd, `${c.id}.${k} sd too wide`).toBeLessThan(k === "tempC" ? 2 : v.mean * 0.5);
      }
      expect(c.vitals.dbp.mean, `${c.id} dbp < sbp`).toBeLessThan(c.vitals.sbp.mean - 15);
      expect(c.vitals.spo2.mean + c.vitals.spo2.sd, `${c.id} spo2`).toBeLessThanOrEqual(101);
    }
  });

  it("has plausible lab means in catalogue units", () => {
    for (const c of conditions) {
      for (const [k, v] of Object.entries(c.labs) as [AnalyteKey, { mean: number; sd: number }][]) {
        expect(ANALYTE_KEYS, `${c.id}: unknown analyte ${k}`).toContain(k);
        const [lo, hi] = LAB_BOUNDS[k];
        expect(v.mean, `${c.id}.${k}`).toBeGreaterThanOrEqual(lo);
        expect(v.mean, `${c.id}.${k}`).toBeLessThanOrEqual(hi);
        if (BINARY_ANALYTES.has(k)) {
          expect(v.sd, `${c.id}.${k}`).toBe(0);
        } else {
          expect(v.sd, `${c.id}.${k}`).toBeGreaterThan(0);
        }
      }
    }
  });

  it("keeps demographics coherent", () => {
    for (const c of conditions) {
      const d = c.demographics;
      expect(d.ageRange[0], c.id).toBeLessThanOrEqual(d.ageRange[1]);
      if (d.pregnancy || d.postpartum) {
        expect(d.femaleFraction, c.id).toBe(1);
        expect(d.ageRange[0], c.id).toBeGreaterThanOrEqual(12);
        expect(c.domains, c.id).toContain("obstetrics");
      }
      if (d.pregnancy) expect(c.labs.urine_hcg?.mean ?? c.labs.serum_hcg?.mean ?? 1, `${c.id} pregnant but hCG negative`).toBeGreaterThan(0.5);
    }
  });

  it("matches triage level to acuity", () => {
    for (const c of conditions) {
      if (c.esiLevel <= 1) expect(c.emergency, c.id).toBe(true);
      if (c.emergency) expect(c.esiLevel, c.id).toBeLessThanOrEqual(3);
      if (c.disposition === "icu") expect(c.esiLevel, c.id).toBeLessThanOrEqual(2);
    }
    const levels = new Set(conditionsByDomain("triage_emergency").map((c) => c.esiLevel));
    for (const l of [1, 2, 3, 4, 5]) expect(levels.has(l), `ESI ${l} represented`).toBe(true);
  });
});

describe("condition set: clinical anchors", () => {
  it("DKA shows hyperglycemic ketoacidosis", () => {
    const c = getCondition("diabetic_ketoacidosis");
    expect(c.labs.glucose!.mean).toBeGreaterThanOrEqual(400);
    expect(c.labs.bicarbonate!.mean).toBeLessThanOrEqual(15);
    expect(c.labs.ph!.mean).toBeLessThanOrEqual(7.25);
    expect(c.labs.ketones_beta_hydroxybutyrate!.mean).toBeGreaterThanOrEqual(3);
    const gap = c.labs.sodium!.mean - c.labs.chloride!.mean - c.labs.bicarbonate!.mean;
    expect(gap).toBeGreaterThan(16);
  });

  it("STEMI and NSTEMI have troponin above the 99th percentile", () => {
    expect(getCondition("stemi").labs.troponin_i!.mean).toBeGreaterThan(0.04 * 10);
    expect(getCondition("nstemi").labs.troponin_i!.mean).toBeGreaterThan(0.04 * 5);
    expect(getCondition("unstable_angina").labs.troponin_i!.mean).toBeLessThan(0.04);
    expect(getCondition("stemi").imaging.some((i) => i.modality === "ecg" && /ST elevation/i.test(i.finding))).toBe(true);
  });

  it("pulmonary embolism is hypoxemic and tachycardic with a high D-dimer", () => {
    for (const id of ["pulmonary_embolism", "postoperative_pulmonary_embolism", "massive_pulmonary_embolism"]) {
      const c = getCondition(id);
      expect(c.labs.d_dimer!.mean, id).toBeGreaterThan(0.5 * 4);
      expect(c.vitals.spo2.mean, id).toBeLessThan(95);
      expect(c.vitals.hr.mean, id).toBeGreaterThan(100);
    }
    expect(getCondition("massive_pulmonary_embolism").vitals.sbp.mean).toBeLessThan(90);
  });

  it("septic shock is hypotensive with high lactate", () => {
    const c = getCondition("septic_shock");
    expect(c.vitals.sbp.mean).toBeLessThan(90);
    expect(c.vitals.hr.mean).toBeGreaterThan(110);
    expect(c.labs.lactate!.mean).toBeGreaterThan(4);
    expect(c.management.firstLine).toContain("norepinephrine");
  });

  it("Kawasaki disease is a febrile illness of young children treated with IVIG and aspirin", () => {
    const c = getCondition("kawasaki_disease");
    expect(c.vitals.tempC.mean).toBeGreaterThanOrEqual(38.5);
    expect(c.demographics.ageRange[1]).toBeLessThanOrEqual(10);
    expect(c.management.firstLine).toEqual(expect.arrayContaining(["intravenous immunoglobulin", "aspirin"]));
    expect(c.imaging.some((i) => i.modality === "echo")).toBe(true);
  });

  it("acute ischemic stroke offers thrombolysis with its contraindications", () => {
    const c = getCondition("acute_ischemic_stroke");
    expect(c.management.firstLine).toContain("alteplase");
    expect(c.contraindications.map((x) => x.drug)).toContain("alteplase");
  });
});

describe("condition set: domains and pathways", () => {
  it("gives every domain used by generators enough profiles", () => {
    const need: Partial<Record<(typeof MEDGYM_DOMAINS)[number], number>> = {
      clinical_diagnosis: 150,
      triage_emergency: 80,
      psychiatry: 15,
      obstetrics: 15,
      radiology_report: 40,
      visual_diagnosis: 20,
      cross_domain: 10,
    };
    for (const [d, n] of Object.entries(need)) {
      expect(conditionsByDomain(d as (typeof MEDGYM_DOMAINS)[number]).length, d).toBeGreaterThanOrEqual(n!);
    }
  });

  it("carries the cross-domain pathway conditions", () => {
    const required: Record<string, (typeof PATHWAYS)[number]> = {
      stemi: "acute_chest_pain",
      nstemi: "acute_chest_pain",
      diabetic_ketoacidosis: "dka",
      acute_ischemic_stroke: "stroke_code",
      sepsis: "sepsis_bundle",
      septic_shock: "sepsis_bundle",
      postoperative_pulmonary_embolism: "postop_pe",
      kawasaki_disease: "pediatric_kawasaki",
    };
    for (const [id, pathway] of Object.entries(required)) {
      const c = getCondition(id);
      expect(c.pathways, id).toContain(pathway);
      expect(c.domains, id).toContain("cross_domain");
    }
    for (const p of PATHWAYS) {
      const members = conditionsByPathway(p);
      expect(members.length, p).toBeGreaterThan(0);
      for (const c of members) {
        expect(c.pathways, c.id).toContain(p);
        expect(c.domains, c.id).toContain("cross_domain");
      }
    }
  });

  it("puts every psychiatry-specialty profile in the psychiatry domain and OB profiles in obstetrics", () => {
    const groups = conditionsBySpecialty();
    for (const c of groups.get("psychiatry") ?? []) expect(c.domains, c.id).toContain("psychiatry");
    for (const c of groups.get("obstetrics_gynecology") ?? []) expect(c.domains, c.id).toContain("obstetrics");
  });

  it("gives visual_diagnosis profiles something to look at", () => {
    for (const c of conditionsByDomain("visual_diagnosis")) {
      expect(c.imaging.length, c.id).toBeGreaterThan(0);
    }
    for (const c of conditionsByDomain("radiology_report")) {
      expect(c.imaging.length, c.id).toBeGreaterThan(0);
    }
  });
});

describe("condition loader API", () => {
  it("caches: repeated loads return the same frozen profiles", () => {
    const again = loadConditions();
    expect(again).not.toBe(conditions);
    expect(again[0]).toBe(conditions[0]);
    expect(Object.isFrozen(conditions[0])).toBe(true);
    expect(Object.isFrozen(conditions[0]!.vitals.hr)).toBe(true);
  });

  it("looks profiles up by id and suggests close ids for unknown ones", () => {
    expect(getCondition("stemi").icd10).toBe("I21.3");
    expect(hasCondition("stemi")).toBe(true);
    expect(hasCondition("not_a_condition")).toBe(false);
    expect(() => getCondition("stemy")).toThrow(/Unknown condition id "stemy".*stemi/);
    expect(() => getCondition("kawasaki")).toThrow(/kawasaki_disease/);
  });

  it("filters by domain and groups by specialty", () => {
    const psych = conditionsByDomain("psychiatry");
    expect(psych.every((c) => c.domains.includes("psychiatry"))).toBe(true);
    const groups = conditionsBySpecialty();
    expect([...groups.values()].reduce((n, g) => n + g.length, 0)).toBe(conditions.length);
    for (const [s, list] of groups) for (const c of list) expect(c.specialty).toBe(s);
  });

  it("matches answers by name, synonym or code regardless of case and order", () => {
    const c = getCondition("stemi");
    expect(matchesCondition("STEMI", c)).toBe(true);
    expect(matchesCondition("st-elevation myocardial infarction", c)).toBe(true);
    expect(matchesCondition("I21.3", c)).toBe(true);
    expect(matchesCondition("heart attack", c)).toBe(true);
    expect(matchesCondition("pericarditis", c)).toBe(false);
    expect(matchesCondition("", c)).toBe(false);
  });
});

describe("condition validation errors", () => {
  const good = readFileSync(join(CONDITIONS_DIR, "cardiology.yaml"), "utf8");

  it("names the file, condition id and issue path", () => {
    const broken = good.replace("icd10: I21.3", "icd10: I213");
    let err: unknown;
    try {
      parseConditionFile("cardiology.yaml", broken);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConditionValidationError);
    const msg = (err as Error).message;
    expect(msg).toContain("cardiology.yaml");
    expect(msg).toContain("[stemi]");
    expect(msg).toContain("icd10");
  });

  it("rejects unknown analytes, bad probabilities and unknown keys", () => {
    expect(() => parseConditionFile("x.yaml", good.replace("troponin_i: { mean: 4.5", "troponin_t: { mean: 4.5"))).toThrow(/labs/);
    expect(() => parseConditionFile("x.yaml", good.replace("{ name: substernal chest pressure, p: 0.9 }", "{ name: substernal chest pressure, p: 1.9 }"))).toThrow(/symptoms\[0\]\.p/);
    expect(() => parseConditionFile("x.yaml", good.replace("    esiLevel: 1\n", "    esiLevel: 1\n    severity: high\n"))).toThrow(/severity|Unrecognized/);
  });

  it("rejects dangling differentials and duplicate ids across a set", () => {
    const list = parseConditionFile("cardiology.yaml", good);
    const stemi = list.find((c) => c.id === "stemi")!;
    expect(() => validateConditionSet([{ ...stemi, differential: ["no_such_condition", "nstemi"] } as Condition])).toThrow(/no_such_condition/);
    expect(() => validateConditionSet([stemi, stemi])).toThrow(/duplicate condition id/);
  });

  it("rejects a malformed YAML document with the file name", () => {
    expect(() => parseConditionFile("bad.yaml", "specialty: cardiology\nconditions: [ {")).toThrow(/bad\.yaml/);
    expect(() => parseConditionFile("bad.yaml", "specialty: astrology\nconditions: []")).toThrow(/bad\.yaml/);
  });
});
