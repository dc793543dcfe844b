import { describe, expect, it } from "vitest";
import {
  DrugDataError,
  DrugSchema,
  InteractionSchema,
  UnknownDrugError,
  checkAllInteractions,
  checkAllergy,
  checkInteraction,
  deriveInteraction,
  drugKey,
  findDrug,
  getDrug,
  hepaticAdjustment,
  interactionSeverityScore,
  loadDrugs,
  loadInteractions,
  parseDrugFile,
  parseInteractionFile,
  renalAdjustment,
  searchDrugsByClass,
  therapeuticTargets,
  type Drug,
} from "../src/clinical/drugs/index.js";

const drugs = loadDrugs();
const interactions = loadInteractions();

describe("drug table: size and coverage", () => {
  it("has at least 180 drugs and 250 authored interactions", () => {
    expect(drugs.length).toBeGreaterThanOrEqual(180);
    expect(interactions.length).toBeGreaterThanOrEqual(250);
  });

  it("contains every drug the domains name explicitly", () => {
    const required = [
      // obstetric
      "oxytocin", "magnesium_sulfate", "labetalol", "nifedipine", "methyldopa", "misoprostol", "carboprost", "terbutaline", "betamethasone",
      // emergency
      "epinephrine", "naloxone", "flumazenil", "atropine", "amiodarone", "adenosine", "alteplase", "tenecteplase", "insulin_regular", "dextrose",
      "norepinephrine", "vasopressin",
      // immunology
      "immune_globulin_intravenous",
      // psychiatric anchors
      "lithium", "phenelzine", "sertraline", "venlafaxine", "amitriptyline", "haloperidol", "lorazepam",
      // anticoagulants and antiplatelets
      "warfarin", "apixaban", "heparin", "enoxaparin", "aspirin", "clopidogrel", "ticagrelor",
    ];
    for (const id of required) expect(findDrug(id), id).toBeDefined();
  });

  it("covers the psychiatric and other classes in depth", () => {
    const atLeast: [string, number][] = [
      ["selective serotonin reuptake inhibitor", 5],
      ["serotonin-noradrenaline reuptake inhibitor", 2],
      ["tricyclic antidepressant", 2],
      ["monoamine oxidase inhibitor", 3],
      ["antipsychotic", 6],
      ["benzodiazepine", 4],
      ["opioid", 8],
      ["NSAID", 4],
      ["cephalosporin", 3],
      ["antiseizure", 8],
      ["Antivirals and antifungals", 8],
      ["insulin", 4],
    ];
    for (const [q, n] of atLeast) expect(searchDrugsByClass(q).length, q).toBeGreaterThanOrEqual(n);
  });
});

describe("drug table: schema and integrity", () => {
  it("every monograph satisfies the schema and has a snake_case generic id", () => {
    for (const d of drugs) {
      expect(DrugSchema.safeParse(d).success, d.id).toBe(true);
      expect(d.id).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
      expect(drugKey(d.id)).toBe(d.id);
    }
  });

  it("ids are unique and every name and alias resolves to its own drug", () => {
    expect(new Set(drugs.map((d) => d.id)).size).toBe(drugs.length);
    for (const d of drugs) {
      expect(getDrug(d.name).id).toBe(d.id);
      for (const a of d.aliases ?? []) expect(getDrug(a).id, a).toBe(d.id);
    }
  });

  it("renal rules are monotone in meaning: a lower threshold never allows a larger factor", () => {
    for (const d of drugs) {
      const rules = [...d.renal].sort((a, b) => b.crclBelow - a.crclBelow);
      let last = 1;
      for (const r of rules) {
        if (r.factor !== undefined) {
          expect(r.factor, `${d.id} <${r.crclBelow}`).toBeLessThanOrEqual(last);
          last = r.factor;
        }
      }
    }
  });

  it("MAOI-type drugs are flagged and serotonergic, SSRIs and SNRIs are serotonergic", () => {
    for (const id of ["phenelzine", "tranylcypromine", "selegiline", "linezolid", "methylene_blue"]) {
      const d = getDrug(id);
      expect(d.maoInhibitor, id).toBe(true);
      expect(d.serotonergic, id).toBe(true);
    }
    for (const d of [...searchDrugsByClass("(SSRI)"), ...searchDrugsByClass("(SNRI)")]) expect(d.serotonergic, d.id).toBe(true);
  });

  it("therapeutic drug monitoring targets exist where the brief requires them", () => {
    const expectRange = (id: string, pattern: RegExp, low: number, high: number) => {
      const hit = therapeuticTargets(id).find((m) => pattern.test(m.parameter));
      expect(hit, `${id} ${pattern}`).toBeDefined();
      expect(hit!.range).toMatchObject({ low, high });
    };
    expectRange("vancomycin", /AUC/, 400, 600);
    expectRange("vancomycin", /trough/, 10, 20);
    expectRange("digoxin", /digoxin/, 0.5, 0.9);
    expectRange("lithium", /lithium/, 0.6, 1);
    expectRange("phenytoin", /phenytoin/, 10, 20);
    expectRange("gentamicin", /peak/, 5, 10);
    expectRange("tobramycin", /peak/, 6, 10);
    expectRange("warfarin", /INR/, 2, 3);
  });

  it("every interaction names two known drugs and no pair appears twice", () => {
    const seen = new Set<string>();
    for (const i of interactions) {
      expect(InteractionSchema.safeParse(i).success).toBe(true);
      expect(findDrug(i.a), i.a).toBeDefined();
      expect(findDrug(i.b), i.b).toBeDefined();
      const key = [i.a, i.b].sort().join("|");
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
    }
  });

  it("rejects malformed files with a message naming file, drug and field", () => {
    expect(() => parseDrugFile("bad.yaml", "group: X\ndrugs: [{ id: Bad-Id }]")).toThrow(DrugDataError);
    expect(() => parseDrugFile("bad.yaml", "group: X\ndrugs: [{ id: Bad-Id }]")).toThrow(/bad\.yaml \[Bad-Id\] at drugs\[0\]/);
    expect(() => parseDrugFile("bad.yaml", "group: [unclosed")).toThrow(/YAML parse error/);
    const ix = "interactions:\n  - { a: warfarin, b: nosuchdrug, severity: major, kind: pharmacodynamic, mechanism: m, effect: e, management: x }\n";
    expect(() => parseInteractionFile("ix.yaml", ix, new Set(["warfarin"]))).toThrow(/unknown drug id "nosuchdrug"/);
    const dup =
      "interactions:\n" +
      "  - { a: a_drug, b: b_drug, severity: minor, kind: mixed, mechanism: m, effect: e, management: x }\n" +
      "  - { a: b_drug, b: a_drug, severity: major, kind: mixed, mechanism: m, effect: e, management: x }\n";
    expect(() => parseInteractionFile("ix.yaml", dup, new Set(["a_drug", "b_drug"]))).toThrow(/duplicate pair/);
  });
});

describe("lookup", () => {
  it("resolves brands, aliases and condition-profile spellings", () => {
    expect(getDrug("Zoloft").id).toBe("sertraline");
    expect(getDrug("paracetamol").id).toBe("acetaminophen");
    expect(getDrug("IVIG").id).toBe("immune_globulin_intravenous");
    expect(getDrug("intravenous immunoglobulin").id).toBe("immune_globulin_intravenous");
    expect(getDrug("piperacillin-tazobactam").id).toBe("piperacillin_tazobactam");
    expect(getDrug("rho(d) immune globulin").id).toBe("rho_d_immune_globulin");
    expect(getDrug("vitamin k").id).toBe("phytonadione");
    expect(getDrug("tPA").id).toBe("alteplase");
  });

  it("throws UnknownDrugError with suggestions for unknown names", () => {
    expect(() => getDrug("sertralin")).toThrow(UnknownDrugError);
    try {
      getDrug("sertralin");
    } catch (e) {
      expect((e as UnknownDrugError).suggestions).toContain("sertraline");
    }
  });
});

describe("checkInteraction", () => {
  it("is symmetric for every pair of drugs in the table", () => {
    for (let i = 0; i < drugs.length; i++)
      for (let j = i + 1; j < drugs.length; j++) {
        const a = drugs[i]!.id;
        const b = drugs[j]!.id;
        expect(checkInteraction(a, b)).toEqual(checkInteraction(b, a));
      }
  });

  it("returns authored entries with the authored severity for well-known pairs", () => {
    const cases: [string, string, string][] = [
      ["warfarin", "aspirin", "major"],
      ["simvastatin", "clarithromycin", "contraindicated"],
      ["sertraline", "phenelzine", "contraindicated"],
      ["sildenafil", "nitroglycerin", "contraindicated"],
      ["tizanidine", "ciprofloxacin", "contraindicated"],
      ["valproic_acid", "meropenem", "contraindicated"],
      ["methotrexate", "trimethoprim_sulfamethoxazole", "contraindicated"],
      ["lisinopril", "sacubitril_valsartan", "contraindicated"],
      ["clopidogrel", "omeprazole", "major"],
      ["oxycodone", "lorazepam", "major"],
      ["lithium", "hydrochlorothiazide", "major"],
      ["digoxin", "amiodarone", "major"],
      ["magnesium_sulfate", "nifedipine", "moderate"],
    ];
    for (const [a, b, sev] of cases) {
      const r = checkInteraction(a, b);
      expect(r, `${a}+${b}`).not.toBeNull();
      expect(r!.source).toBe("explicit");
      expect(r!.severity, `${a}+${b}`).toBe(sev);
      expect([r!.a, r!.b]).toEqual([a, b].sort());
    }
  });

  it("derives additive QT prolongation for two QT drugs without an authored entry", () => {
    const r = checkInteraction("citalopram", "haloperidol");
    expect(r?.source).toBe("derived");
    expect(r?.rules).toContain("qt_prolongation");
    expect(r?.severity).toBe("major");
    expect(r?.kind).toBe("pharmacodynamic");
  });

  it("derives serotonin syndrome risk, contraindicated when an MAOI is involved", () => {
    const ssri = checkInteraction("escitalopram", "phenelzine");
    expect(ssri).toMatchObject({ source: "derived", severity: "contraindicated" });
    expect(ssri!.rules).toContain("serotonin_syndrome_maoi");
    const pair = checkInteraction("sertraline", "trazodone");
    expect(pair?.source).toBe("derived");
    expect(pair?.rules).toContain("serotonin_syndrome");
    expect(pair?.severity).toBe("moderate");
  });

  it("derives CYP inhibition, induction and prodrug effects", () => {
    const inh = checkInteraction("ketoconazole", "quetiapine");
    expect(inh?.rules).toContain("cyp3a4_inhibition");
    expect(inh?.severity).toBe("major");
    const ind = checkInteraction("rifampin", "midazolam");
    expect(ind?.rules).toContain("cyp3a4_induction");
    expect(ind?.kind).toBe("pharmacokinetic");
    const pro = checkInteraction("fluoxetine", "codeine");
    expect(pro?.rules).toContain("cyp2d6_prodrug_inhibition");
  });

  it("returns null for pairs with no known interaction and for the same drug twice", () => {
    expect(checkInteraction("metformin", "amoxicillin")).toBeNull();
    expect(checkInteraction("sertraline", "Zoloft")).toBeNull();
  });

  it("throws for unknown drugs instead of reporting no interaction", () => {
    expect(() => checkInteraction("warfarin", "unobtainium")).toThrow(UnknownDrugError);
  });
});

describe("deriveInteraction (pure rules on synthetic monographs)", () => {
  const base = getDrug("amoxicillin");
  const make = (id: string, patch: Partial<Drug>): Drug => ({ ...base, id, name: id, allergyClass: undefined, crossReactsWith: undefined, ...patch });
  const none = { substrateOf: [], inhibits: [], induces: [] };

  it("grades CYP inhibition by strength and substrate sensitivity", () => {
    const strong = make("perp_strong", { cyp450: { ...none, inhibits: [{ enzyme: "3A4", strength: "strong" }] } });
    const weak = make("perp_weak", { cyp450: { ...none, inhibits: [{ enzyme: "3A4", strength: "weak" }] } });
    const sens = make("victim_sensitive", { cyp450: { ...none, substrateOf: [{ enzyme: "3A4", sensitive: true }] } });
    const plain = make("victim_plain", { cyp450: { ...none, substrateOf: [{ enzyme: "3A4" }] } });
    expect(deriveInteraction(strong, sens)?.severity).toBe("major");
    expect(deriveInteraction(strong, plain)?.severity).toBe("moderate");
    expect(deriveInteraction(weak, sens)?.severity).toBe("minor");
    expect(deriveInteraction(weak, plain)).toBeNull();
  });

  it("scores bleeding risk additively and keeps the highest severity across rules", () => {
    const high = make("x_high", { bleedingRisk: "high" });
    const mod = make("y_mod", { bleedingRisk: "moderate" });
    const low = make("z_low", { bleedingRisk: "low" });
    expect(deriveInteraction(high, mod)?.severity).toBe("major");
    expect(deriveInteraction(high, low)?.severity).toBe("moderate");
    expect(deriveInteraction(low, make("z_low2", { bleedingRisk: "low" }))?.severity).toBe("minor");
    const both = deriveInteraction(make("q1", { qtProlonging: true, cnsDepressant: true }), make("q2", { qtProlonging: true, cnsDepressant: true }));
    expect(both?.severity).toBe("major");
    expect(both?.rules).toEqual(["qt_prolongation", "cns_depression"]);
  });

  it("flags nephrotoxic and potassium-raising pairs", () => {
    expect(deriveInteraction(make("n1", { nephrotoxic: true }), make("n2", { nephrotoxic: true }))?.rules).toEqual(["additive_nephrotoxicity"]);
    expect(deriveInteraction(make("k1", { raisesPotassium: true }), make("k2", { raisesPotassium: true }))?.rules).toEqual(["hyperkalemia"]);
  });
});

describe("checkAllInteractions and scoring", () => {
  it("lists every interacting pair once, most severe first", () => {
    const res = checkAllInteractions(["warfarin", "amiodarone", "simvastatin", "Celexa", "ondansetron", "warfarin"]);
    const ranks = { contraindicated: 4, major: 3, moderate: 2, minor: 1 } as const;
    for (let i = 1; i < res.length; i++) expect(ranks[res[i - 1]!.severity]).toBeGreaterThanOrEqual(ranks[res[i]!.severity]);
    const keys = res.map((r) => `${r.a}|${r.b}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain("amiodarone|warfarin");
    expect(keys).toContain("amiodarone|simvastatin");
    expect(keys).toContain("citalopram|ondansetron");
    expect(interactionSeverityScore(res)).toBeGreaterThanOrEqual(5 * 4);
  });
});

describe("dose adjustment and allergy helpers", () => {
  it("picks the most specific renal rule", () => {
    expect(renalAdjustment("gabapentin", 80)).toBeNull();
    expect(renalAdjustment("gabapentin", 45)?.crclBelow).toBe(60);
    expect(renalAdjustment("gabapentin", 20)?.crclBelow).toBe(30);
    expect(renalAdjustment("gabapentin", 10)?.crclBelow).toBe(15);
    expect(renalAdjustment("metformin", 25)?.avoid).toBe(true);
    expect(renalAdjustment("nitrofurantoin", 20)?.avoid).toBe(true);
  });

  it("reports hepatic avoidance for severe impairment", () => {
    expect(hepaticAdjustment("carvedilol", "C").avoid).toBe(true);
    expect(hepaticAdjustment("carvedilol", "A").avoid).toBe(false);
    expect(hepaticAdjustment("levetiracetam", "C").avoid).toBe(false);
  });

  it("detects same-class and cross-reactive allergies", () => {
    expect(checkAllergy("amoxicillin", ["penicillin"])[0]?.level).toBe("same_class");
    expect(checkAllergy("cefazolin", ["penicillin"])[0]?.level).toBe("cross_reactive");
    expect(checkAllergy("cefazolin", ["amoxicillin"])[0]?.level).toBe("cross_reactive");
    expect(checkAllergy("trimethoprim_sulfamethoxazole", ["sulfa"])[0]?.level).toBe("same_class");
    expect(checkAllergy("furosemide", ["sulfa"])).toEqual([]);
    expect(checkAllergy("aztreonam", ["penicillin"])).toEqual([]);
    expect(checkAllergy("ibuprofen", ["ibuprofen"])[0]?.level).toBe("same_drug");
  });
});
