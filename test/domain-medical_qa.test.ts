import { beforeAll, describe, expect, it } from "vitest";
import { make, playTasks, registerDomain, type Env, type Task, type ToolCall } from "../src/env/index.js";
import { loadMedMCQA, loadMedQA, loadMmluMedical, loadMmluProHealth } from "../src/data/index.js";
import { buildDefaultMemorySource, EVALUATION_DERIVED_SOURCES } from "../src/knowledge/index.js";
import { randomPolicy } from "../src/policy/random.js";
import { setDefaultKnowledgeSource } from "../src/tools/knowledge.js";
import { medicalQa } from "../domains/medical_qa/index.js";
import { generateTasks } from "../domains/medical_qa/tasks.js";
import { pubmedqaTestIds } from "../domains/medical_qa/sources.js";

// The full default knowledge base is built and checked in knowledge-memory.test.ts; here the
// tools run on a smaller build of the same sources (first 500 passages of each) so that the
// whole test split fits the time budget. Nothing the expert or the graders do depends on it.
beforeAll(() => {
  setDefaultKnowledgeSource(() => buildDefaultMemorySource({ maxPerSource: 500 }));
  registerDomain(medicalQa);
});

const REFERENCE_TOOLS = [
  "search_pubmed",
  "browse_article",
  "search_medical_wiki",
  "browse_wiki_entry",
  "retrieve_evidence",
  "analyze_answer_options",
  "summarize_evidence",
  "compare_treatments",
  "calculate_clinical_score",
  "get_drug_information",
  "check_diagnostic_criteria",
  "get_differential_diagnosis",
  "think",
  "submit_answer",
];

const tasks = () => medicalQa.tasksFor("all");
const byFamily = (f: string) => tasks().find((t) => t.meta?.family === f)!;

async function episode(task: Task): Promise<Env> {
  const env = make("MedGym-v0", { domain: "medical_qa", taskId: task.id, maxTurns: 60 });
  await env.reset({ seed: 1 });
  return env;
}

async function call(env: Env, c: ToolCall) {
  const r = await env.step(c);
  return { obs: r.observation, info: r.info, terminated: r.terminated };
}

describe("medical_qa tools", () => {
  it("has at least the reference tools, each with a described schema", () => {
    expect(medicalQa.tools.length).toBeGreaterThanOrEqual(14);
    for (const n of REFERENCE_TOOLS) expect(medicalQa.toolNames()).toContain(n);
    for (const t of medicalQa.tools) expect(t.schema().function.description.length).toBeGreaterThan(20);
  });

  it("each tool answers a well-formed call and refuses a bad one", async () => {
    const pq = byFamily("pubmedqa");
    const dx = byFamily("diagnosis");
    const pmid = String(pq.meta!.pmid);
    const env = await episode(pq);
    const happy: [ToolCall, RegExp][] = [
      [{ name: "search_pubmed", arguments: { query: String(pq.meta!.stem) } }, new RegExp(`pmid:${pmid}`)],
      [{ name: "browse_article", arguments: { id: `pmid:${pmid}` } }, /study abstract/],
      [{ name: "search_medical_wiki", arguments: { query: "pulmonary embolism" } }, /result\(s\)/],
      [{ name: "browse_wiki_entry", arguments: { id: "Acute pulmonary embolism" } }, /condition:pulmonary_embolism/],
      [{ name: "retrieve_evidence", arguments: { query: "anticoagulation pulmonary embolism", k: 3 } }, /result\(s\)/],
      [{ name: "search_guidelines", arguments: { query: "community-acquired pneumonia antibiotics" } }, /Management: first-line/],
      [{ name: "get_citation", arguments: { id: `pmid:${pmid}` } }, new RegExp(`PubMed PMID ${pmid}`)],
      [{ name: "search_drug_interactions", arguments: { drug_a: "warfarin", drug_b: "fluconazole" } }, /Warfarin \+ Fluconazole: (MAJOR|CONTRAINDICATED|MODERATE)/],
      [{ name: "analyze_answer_options", arguments: {} }, /sentence\(s\) report a difference/],
      [{ name: "summarize_evidence", arguments: { ids: [`pmid:${pmid}`] } }, new RegExp(`pmid:${pmid}:`)],
      [{ name: "compare_treatments", arguments: { drug_a: "metoprolol", drug_b: "diltiazem", condition: "stemi" } }, /For ST-elevation myocardial infarction: Metoprolol first-line; Diltiazem avoid/],
      [{ name: "calculate_clinical_score", arguments: { calculator: "cha2ds2_vasc", inputs: { ageYears: 72, sex: "female", hypertension: true } } }, /CHA2DS2-VASc.*: 3/],
      [{ name: "get_drug_information", arguments: { drug: "Coumadin", section: "safety" } }, /Warfarin/],
      [{ name: "check_diagnostic_criteria", arguments: { condition: "STEMI", findings: ["crushing chest pain", "ST elevation of at least 1 mm in two contiguous leads with reciprocal ST depression", "itchy rash"] } }, /2 of 3 findings are consistent/],
      [{ name: "get_differential_diagnosis", arguments: { findings: dx.meta!.findings as string[], age: dx.meta!.age, sex: dx.meta!.sex } }, /1\. /],
      [{ name: "lookup_lab_reference", arguments: { lab: "lipase" } }, /Raised in: .*pancreatitis/i],
      [{ name: "search_drugs_by_indication", arguments: { indication: "atrial fibrillation" } }, /Formulary drugs indicated/],
      [{ name: "think", arguments: { thought: "The study reports no significant difference." } }, /Noted/],
    ];
    for (const [c, re] of happy) {
      const r = await call(env, c);
      expect(r.info.formatError, `${c.name}: ${r.obs}`).toBeUndefined();
      expect(r.info.toolError, `${c.name}: ${r.obs}`).toBeUndefined();
      expect(r.obs, c.name).toMatch(re);
    }
    const bad: ToolCall[] = [
      { name: "search_pubmed", arguments: { query: "" } },
      { name: "browse_article", arguments: { id: "pmid:00000000" } },
      { name: "search_medical_wiki", arguments: { query: 42 } },
      { name: "browse_wiki_entry", arguments: {} },
      { name: "retrieve_evidence", arguments: { query: "embolism", k: 99 } },
      { name: "search_guidelines", arguments: { text: "sepsis" } },
      { name: "get_citation", arguments: { id: "nothing:here" } },
      { name: "search_drug_interactions", arguments: { drug_a: "warfarin", drug_b: "Coumadin" } },
      { name: "analyze_answer_options", arguments: { focus: 7 } },
      { name: "summarize_evidence", arguments: { ids: [] } },
      { name: "compare_treatments", arguments: { drug_a: "unobtainium", drug_b: "aspirin" } },
      { name: "calculate_clinical_score", arguments: { calculator: "cha2ds2_vasc", inputs: { ageYears: "old" } } },
      { name: "get_drug_information", arguments: { drug: "unobtainium" } },
      { name: "check_diagnostic_criteria", arguments: { condition: "dragon pox" } },
      { name: "get_differential_diagnosis", arguments: { findings: [] } },
      { name: "lookup_lab_reference", arguments: { lab: "zzzz" } },
      { name: "search_drugs_by_indication", arguments: { indication: "the of and" } },
      { name: "think", arguments: {} },
      { name: "submit_answer", arguments: { answer: "" } },
    ];
    for (const c of bad) {
      const r = await call(env, c);
      expect(r.info.formatError?.code === "invalid_arguments" || r.info.toolError !== undefined, `${c.name} should refuse: ${r.obs}`).toBe(true);
      expect(r.terminated).toBe(false);
    }
    const end = await call(env, { name: "submit_answer", arguments: { answer: pq.answer.kind === "choice" ? pq.answer.value : "" } });
    expect(end.terminated).toBe(true);
    expect(end.info.reward?.components.accuracy).toBe(1);
  });

  it("answers a single-best-answer question's option analysis from the encyclopedia", async () => {
    const env = await episode(byFamily("diagnosis"));
    const r = await call(env, { name: "analyze_answer_options", arguments: {} });
    expect(r.obs.split("\n").filter((l) => /^[A-D]\) .* — entry /.test(l))).toHaveLength(4);
  });
});

describe("medical_qa tasks", () => {
  it("has at least 400 tasks, 80/20 per family, unique ids, choice answers that are options", () => {
    const all = tasks();
    expect(all.length).toBeGreaterThanOrEqual(400);
    const test = all.filter((t) => t.split === "test").length;
    expect(test / all.length).toBeGreaterThan(0.19);
    expect(test / all.length).toBeLessThan(0.21);
    expect(new Set(all.map((t) => t.id)).size).toBe(all.length);
    for (const t of all) {
      expect(t.answer.kind).toBe("choice");
      if (t.answer.kind === "choice") expect(Object.keys(t.answer.options)).toContain(t.answer.value);
      if (t.meta?.family === "diagnosis") expect(typeof t.meta.condition).toBe("string");
    }
    const families = new Set(all.map((t) => t.meta?.family));
    for (const f of ["pubmedqa", "diagnosis", "first_line", "drug_class", "lab", "avoid", "imaging", "interaction", "calculator"]) expect(families).toContain(f);
  });

  it("is deterministic", () => {
    expect(JSON.stringify(generateTasks())).toBe(JSON.stringify(tasks()));
  });
});

describe("medical_qa train/test hygiene (DESIGN Appendix C)", () => {
  it("uses no PubMedQA test item", () => {
    const testIds = pubmedqaTestIds();
    expect(testIds.size).toBe(500);
    const pmids = tasks().filter((t) => t.meta?.source === "pubmedqa").map((t) => String(t.meta!.pmid));
    expect(pmids.length).toBe(500);
    for (const p of pmids) expect(testIds.has(p)).toBe(false);
  });

  it("contains no question or answer text of the MCQA benchmarks (MedQA, MedMCQA, MMLU, MMLU-Pro)", async () => {
    const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
    const bench = [...(await loadMedQA()), ...(await loadMedMCQA()), ...(await loadMmluMedical()), ...(await loadMmluProHealth())];
    expect(bench.length).toBeGreaterThan(6000);
    const stems = new Set(bench.map((b) => norm(b.question)).filter((q) => q.length >= 40));
    const texts = tasks().map((t) => norm(`${t.ticket}`));
    const ours = new Set(tasks().map((t) => norm(String(t.meta?.stem ?? ""))));
    for (const s of ours) expect(stems.has(s)).toBe(false);
    // No benchmark stem appears inside any ticket (sampled substring check on long stems).
    const long = [...stems].filter((q) => q.length >= 80);
    const blob = texts.join("\n");
    for (const q of long) expect(blob.includes(q)).toBe(false);
  }, 60_000);

  it("tools never surface an evaluation-derived passage", async () => {
    const env = await episode(byFamily("pubmedqa"));
    for (const q of ["appendicitis leukocyte CRP elderly", "Ans-a Guyton oncotic pressure", "Noonan syndrome polycystic kidney"]) {
      const r = await call(env, { name: "retrieve_evidence", arguments: { query: q, k: 10 } });
      for (const s of EVALUATION_DERIVED_SOURCES) expect(r.obs).not.toContain(`(${s})`);
    }
  });
});

describe("medical_qa policies", () => {
  it("the expert solves at least 95% of the whole test split and uses every tool", async () => {
    const recs = await playTasks({ domain: medicalQa, split: "test", policy: (t) => medicalQa.expert!(t), maxTurns: 30 });
    const ok = recs.filter((r) => r.terminated && (r.reward?.components.accuracy ?? 0) >= 1).length;
    expect(recs.length).toBe(medicalQa.tasksFor("test").length);
    expect(ok / recs.length).toBeGreaterThanOrEqual(0.95);
    const used = new Set(recs.flatMap((r) => r.turns.filter((t) => t.toolCall && !t.toolError && !t.formatError).map((t) => t.toolCall!.name)));
    expect(medicalQa.toolNames().filter((n) => !used.has(n))).toEqual([]);
  }, 120_000);

  it("a random policy succeeds on fewer than 30% of 100 episodes", async () => {
    const recs = await playTasks({ domain: medicalQa, split: "test", limit: 100, seed: 5, policy: () => randomPolicy({ seed: 11 }) });
    const ok = recs.filter((r) => r.terminated && (r.reward?.components.accuracy ?? 0) >= 1).length;
    expect(recs.length).toBe(100);
    expect(ok / recs.length).toBeLessThan(0.3);
  }, 120_000);
});
