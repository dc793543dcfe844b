import { z } from "zod";
import { distance } from "fastest-levenshtein";
import { loadConditions, type Condition } from "../../src/clinical/conditions/index.js";
import { checkInteraction, drugGroup, findDrug, loadDrugs, type Drug } from "../../src/clinical/drugs/index.js";
import { CALCULATORS, getCalculator } from "../../src/clinical/calculators/index.js";
import { loadLabs, type Lab } from "../../src/clinical/labs/index.js";
import { defineTool, ToolError, type Tool, type ToolContext } from "../../src/env/index.js";
import { renderLab, characteristicLabs } from "../../src/knowledge/documents.js";
import { queryTerms, tokenize } from "../../src/knowledge/memory-source.js";
import type { KnowledgeDocument } from "../../src/knowledge/source.js";
import { thinkTool } from "../../src/tools/common.js";
import {
  browseArticleTool,
  browseWikiEntryTool,
  defaultKnowledgeSource,
  getCitationTool,
  resolveDocument,
  retrieveEvidenceTool,
  searchDrugInteractionsTool,
  searchGuidelinesTool,
  searchMedicalWikiTool,
  searchPubmedTool,
  WIKI_SOURCES,
  type KnowledgeToolOptions,
} from "../../src/tools/knowledge.js";
import type { MedicalQaState, QaArticle } from "./data-model.js";

type Ctx = ToolContext<MedicalQaState>;

// ------------------------------------------------------------------ shared lookups

export function articleDocument(a: QaArticle): KnowledgeDocument {
  return {
    id: `pmid:${a.pmid}`,
    source: "case_article",
    title: `PubMed ${a.pmid}${a.year ? ` (${a.year})` : ""}: study abstract${a.meshes.length ? `; MeSH ${a.meshes.slice(0, 6).join(", ")}` : ""}`,
    text: a.sections.map((s) => `${s.label}: ${s.text}`).join("\n"),
  };
}

const knowledgeOpts: KnowledgeToolOptions<MedicalQaState> = { caseDocuments: (ctx) => ctx.state.articles.map(articleDocument) };

const keyOf = (s: string) => s.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^a-z0-9]+/g, " ").trim();

let conditionIndex: Map<string, Condition> | undefined;
function conditionByKey(): Map<string, Condition> {
  if (!conditionIndex) {
    conditionIndex = new Map();
    for (const c of loadConditions()) for (const k of [c.id, c.name, ...c.synonyms]) if (!conditionIndex.has(keyOf(k))) conditionIndex.set(keyOf(k), c);
  }
  return conditionIndex;
}

/** A condition by id, name or synonym; otherwise a ToolError naming the closest names. */
export function resolveCondition(query: string): Condition {
  const idx = conditionByKey();
  const hit = idx.get(keyOf(query)) ?? idx.get(keyOf(query.replace(/_/g, " ")));
  if (hit) return hit;
  const k = keyOf(query);
  const near = [...idx.entries()]
    .map(([key, c]) => ({ c, d: distance(k, key) }))
    .sort((a, b) => a.d - b.d || a.c.id.localeCompare(b.c.id))
    .map((x) => x.c.name);
  throw new ToolError(`No condition "${query.slice(0, 80)}" in the knowledge tables. Closest: ${[...new Set(near)].slice(0, 3).join(", ")}.`);
}

export function resolveDrug(query: string): Drug {
  const d = findDrug(query);
  if (d) return d;
  const k = keyOf(query);
  const near = loadDrugs()
    .map((x) => ({ x, d: distance(k, keyOf(x.name)) }))
    .sort((a, b) => a.d - b.d || a.x.id.localeCompare(b.x.id))
    .slice(0, 3)
    .map((x) => x.x.name);
  throw new ToolError(`No drug "${query.slice(0, 80)}" in the formulary. Closest: ${near.join(", ")}.`);
}

export function resolveLab(query: string): Lab {
  const labs = loadLabs();
  const k = keyOf(query);
  const hit = labs.find((l) => keyOf(l.key) === k || keyOf(l.name) === k) ?? labs.find((l) => k.length >= 3 && (keyOf(l.name).includes(k) || k.includes(keyOf(l.name))));
  if (hit) return hit;
  const near = labs
    .map((l) => ({ l, d: Math.min(distance(k, keyOf(l.name)), distance(k, keyOf(l.key))) }))
    .sort((a, b) => a.d - b.d || a.l.key.localeCompare(b.l.key))
    .slice(0, 3)
    .map((x) => `${x.l.name} (${x.l.key})`);
  throw new ToolError(`No laboratory test "${query.slice(0, 80)}" in the catalogue. Closest: ${near.join(", ")}.`);
}

const CONTENT_STOP = new Set(["which", "following", "most", "likely", "patient", "shows", "presents", "reports", "years", "year", "old", "mm", "hg", "min"]);
function contentTerms(text: string): string[] {
  return queryTerms(text).filter((t) => !CONTENT_STOP.has(t) && !/^\d+$/.test(t));
}

function dice(A: ReadonlySet<string>, B: ReadonlySet<string>): number {
  if (A.size === 0 || B.size === 0) return 0;
  let both = 0;
  for (const w of A) if (B.has(w)) both++;
  return (2 * both) / (A.size + B.size);
}

/** Dice similarity of two findings' content words (1 = same words). */
export function findingSimilarity(a: string, b: string): number {
  return dice(new Set(contentTerms(a)), new Set(contentTerms(b)));
}

function sentences(text: string): string[] {
  return (text.replace(/\s+/g, " ").match(/[^.!?]+[.!?]*/g) ?? []).map((s) => s.trim()).filter((s) => s.length > 20);
}

// ------------------------------------------------------------------ differential

interface ScoredItem {
  text: string;
  p: number;
}

function profileItems(c: Condition): ScoredItem[] {
  return [
    ...c.chiefComplaints.map((t) => ({ text: t, p: 0.5 })),
    ...c.symptoms.map((s) => ({ text: s.name, p: s.p })),
    ...c.exam.map((e) => ({ text: e.finding, p: e.p })),
    ...c.imaging.map((i) => ({ text: i.finding, p: i.p })),
    ...c.keyFindings.map((t) => ({ text: t, p: 0.7 })),
    ...characteristicLabs(c).map((l) => ({ text: `${l.direction} ${l.name}`, p: 0.7 })),
  ];
}

/**
 * Ranks every condition profile by how well it explains the findings: each finding adds the
 * log-likelihood ratio log(p / 0.02) of its best-matching profile item, scaled by the wording
 * similarity (>= 0.5 counts as a match); an unexplained finding costs log(0.25); age outside the
 * profile's range and the sex ratio enter as likelihoods; prevalence tilts near-ties.
 */
let compiledProfiles: { condition: Condition; items: { words: Set<string>; p: number }[] }[] | undefined;

export function rankDifferential(findings: readonly string[], age?: number, sex?: "female" | "male"): { condition: Condition; posterior: number; matched: string[] }[] {
  // Profile items are tokenised once per process; a call then only tokenises its own findings.
  compiledProfiles ??= loadConditions().map((c) => ({ condition: c, items: profileItems(c).map((it) => ({ words: new Set(contentTerms(it.text)), p: it.p })) }));
  const wanted = findings.map((f) => ({ f, words: new Set(contentTerms(f)) }));
  const scored = compiledProfiles.map(({ condition: c, items }) => {
    let ll = 0.25 * Math.log(c.prevalenceWeight);
    const matched: string[] = [];
    for (const { f, words } of wanted) {
      let best = 0;
      let bestP = 0;
      for (const it of items) {
        const s = dice(words, it.words);
        if (s > best || (s === best && it.p > bestP)) {
          best = s;
          bestP = it.p;
        }
      }
      if (best >= 0.5) {
        ll += best * Math.log(Math.max(bestP, 0.05) / 0.02);
        matched.push(f);
      } else ll += Math.log(0.25);
    }
    if (age !== undefined) ll += age < c.demographics.ageRange[0] - 2 || age > c.demographics.ageRange[1] + 2 ? -4 : 0;
    if (sex) ll += Math.log(Math.min(0.98, Math.max(0.02, sex === "female" ? c.demographics.femaleFraction : 1 - c.demographics.femaleFraction)));
    return { condition: c, ll, matched };
  });
  const max = Math.max(...scored.map((s) => s.ll));
  const z = scored.reduce((a, s) => a + Math.exp(s.ll - max), 0);
  return scored
    .map((s) => ({ condition: s.condition, posterior: Math.exp(s.ll - max) / z, matched: s.matched }))
    .sort((a, b) => b.posterior - a.posterior || a.condition.id.localeCompare(b.condition.id));
}

// ------------------------------------------------------------------ tools

const findingList = z.array(z.string().min(2).max(300)).min(1).max(25);

export const analyzeAnswerOptions = defineTool({
  name: "analyze_answer_options",
  description:
    "Weigh the current question's options against the evidence. Yes/no/maybe questions: the result sentences of the study abstract that report a difference or association versus none. Single-best-answer questions: for each option, its best encyclopedia entry and how many of the question's terms that entry covers.",
  kind: "read",
  category: "reasoning",
  parameters: z.object({ focus: z.string().max(300).optional().describe("Optional extra words to weigh the options against") }),
  async execute({ focus }, ctx: Ctx) {
    const s = ctx.state;
    if (s.format === "yes_no_maybe") {
      const article = s.articles[0];
      if (!article) throw new ToolError("This question has no study abstract attached; use retrieve_evidence instead.");
      const results = article.sections.filter((x) => /RESULT|FINDING/i.test(x.label));
      const body = (results.length ? results : article.sections).map((x) => x.text).join(" ");
      const NULL = /\b(no|not|without|neither|nor|similar|comparable|failed to|did not|was not|were not|unchanged|insignificant|non-?significant)\b/i;
      const EFFECT = /\b(significant(ly)?|associated|increase[sd]?|decrease[sd]?|reduc(ed|tion)|improv(ed|ement)|higher|lower|greater|predict(s|ed|ive)|odds ratio|hazard ratio|p\s*[<=]\s*0?\.\d+)\b/i;
      const pos: string[] = [];
      const neg: string[] = [];
      for (const sen of sentences(body)) {
        if (NULL.test(sen) && /(significan|differ|associat|effect|chang)/i.test(sen)) neg.push(sen);
        else if (EFFECT.test(sen)) pos.push(sen);
      }
      const clip = (t: string) => (t.length > 220 ? `${t.slice(0, 217)}...` : t);
      return [
        `Options: ${Object.entries(s.options).map(([k, v]) => `${k}) ${v}`).join("  ")}`,
        `Results of PMID ${article.pmid}: ${pos.length} sentence(s) report a difference or association, ${neg.length} report none.`,
        ...pos.slice(0, 2).map((t) => `+ ${clip(t)}`),
        ...neg.slice(0, 2).map((t) => `- ${clip(t)}`),
        "Weigh these against the question; mixed or underpowered results support 'maybe'.",
      ].join("\n");
    }
    const kb = await defaultKnowledgeSource();
    const terms = new Set(contentTerms(`${s.stem} ${focus ?? ""}`));
    const lines: string[] = [];
    for (const [letter, text] of Object.entries(s.options)) {
      const optionTerms = new Set(contentTerms(text));
      const asked = [...terms].filter((t) => !optionTerms.has(t));
      const hit = (await kb.search(text, { k: 1, sources: WIKI_SOURCES.filter((x) => x !== "medquad"), excludeSources: excludedSources(ctx) }))[0];
      if (!hit) {
        lines.push(`${letter}) ${text} — no encyclopedia entry found.`);
        continue;
      }
      const doc = await kb.get(hit.id);
      const words = new Set(tokenize(`${doc?.title ?? ""} ${doc?.text ?? ""}`));
      const covered = asked.filter((t) => words.has(t)).length;
      lines.push(`${letter}) ${text} — entry ${hit.id}; covers ${covered}/${asked.length} question terms.`);
    }
    return `Option analysis (term coverage is a heuristic; read the entries before deciding):\n${lines.join("\n")}`;
  },
});

function excludedSources(ctx: Ctx): string[] {
  const ex = ctx.task.meta?.excludeSources;
  return Array.isArray(ex) ? ex.map(String) : [];
}

export const summarizeEvidence = defineTool({
  name: "summarize_evidence",
  description: "Extractive summary of up to five documents (ids from search results): the sentences of each that bear most on the question or on the focus words.",
  kind: "read",
  category: "knowledge",
  parameters: z.object({
    ids: z.array(z.string().min(1).max(120)).min(1).max(5).describe("Document ids, e.g. ['pmid:21645374', 'condition:stemi']"),
    focus: z.string().max(300).optional().describe("What the summary should be about (default: the question)"),
  }),
  async execute({ ids, focus }, ctx: Ctx) {
    const terms = contentTerms(focus ?? ctx.state.stem);
    const out: string[] = [];
    for (const id of ids) {
      const doc = await resolveDocument(id, null, defaultKnowledgeSource, ctx.state.articles.map(articleDocument), excludedSources(ctx));
      const ranked = sentences(doc.text)
        .map((s, i) => {
          const w = new Set(tokenize(s));
          return { s, i, hits: terms.filter((t) => w.has(t)).length };
        })
        .sort((a, b) => b.hits - a.hits || a.i - b.i)
        .slice(0, 2)
        .sort((a, b) => a.i - b.i);
      out.push(`${doc.id}: ${ranked.map((r) => r.s).join(" ") || doc.text.slice(0, 240)}`);
    }
    return out.join("\n");
  },
});

export const compareTreatments = defineTool({
  name: "compare_treatments",
  description: "Side-by-side comparison of two drugs: class, indications, dose, key contraindications, pregnancy, renal adjustment, their mutual interaction, and (optionally) their role in a given condition.",
  kind: "read",
  parameters: z.object({
    drug_a: z.string().min(2).max(80).describe("Generic name, e.g. metoprolol"),
    drug_b: z.string().min(2).max(80).describe("Generic name, e.g. diltiazem"),
    condition: z.string().min(2).max(120).optional().describe("Condition name or id to judge both drugs for"),
  }),
  execute({ drug_a, drug_b, condition }) {
    const a = resolveDrug(drug_a);
    const b = resolveDrug(drug_b);
    if (a.id === b.id) throw new ToolError(`Both names refer to ${a.name}; give two different drugs.`);
    const row = (d: Drug) =>
      `${d.name}: ${d.class}; for ${d.indications.slice(0, 3).join(", ")}; dose ${d.adultDose.amount} ${d.adultDose.unit} ${d.adultDose.route} ${d.adultDose.frequency}; pregnancy ${d.pregnancy.category}; renal adjustment ${d.renal.length ? "yes" : "no"}; avoid if ${d.contraindications[0]}`;
    const lines = [row(a), row(b)];
    const it = checkInteraction(a.id, b.id);
    lines.push(it ? `Together: ${it.severity} interaction — ${it.effect}` : "Together: no interaction in the tables.");
    if (condition) {
      const c = resolveCondition(condition);
      const role = (d: Drug) =>
        c.management.firstLine.some((x) => findDrug(x)?.id === d.id)
          ? "first-line"
          : c.management.avoid.some((x) => findDrug(x)?.id === d.id)
            ? "avoid"
            : "not a listed first-line choice";
      lines.push(`For ${c.name}: ${a.name} ${role(a)}; ${b.name} ${role(b)}.`);
    }
    return lines.join("\n");
  },
});

export const calculateClinicalScore = defineTool({
  name: "calculate_clinical_score",
  description: `Run a clinical calculator by slug with its inputs (units are in the field names), e.g. {"calculator": "cha2ds2_vasc", "inputs": {"ageYears": 72, "sex": "female", "hypertension": true}}. Calculators: ${CALCULATORS.map((c) => c.slug).join(", ")}.`,
  kind: "read",
  category: "calculator",
  parameters: z.object({
    calculator: z.string().min(2).max(60).describe("Calculator slug, e.g. cha2ds2_vasc, curb65, anion_gap"),
    inputs: z.record(z.string(), z.unknown()).describe("The calculator's inputs as an object"),
  }),
  execute({ calculator, inputs }) {
    let calc;
    try {
      calc = getCalculator(calculator);
    } catch (e) {
      throw new ToolError((e as Error).message);
    }
    try {
      const r = calc.compute(inputs);
      return `${calc.name}: ${r.value}${r.unit ? ` ${r.unit}` : ""}\n${r.explanation}`;
    } catch (e) {
      throw new ToolError((e as Error).message);
    }
  },
});

export const getDrugInformation = defineTool({
  name: "get_drug_information",
  description: "Drug monograph from the formulary: class, indications, dosing, renal/hepatic adjustment, pregnancy and lactation, CYP450, contraindications, monitoring.",
  kind: "read",
  parameters: z.object({
    drug: z.string().min(2).max(80).describe("Generic or brand name"),
    section: z.enum(["all", "dosing", "safety", "pharmacology"]).optional().describe("Part of the monograph (default all)"),
  }),
  execute({ drug, section }) {
    const d = resolveDrug(drug);
    const sec = section ?? "all";
    const lines = [`${d.name} (${d.class}; group ${drugGroup(d.id) ?? "n/a"}). Brands: ${d.brandExamples.join(", ") || "none"}.`];
    if (sec === "all" || sec === "dosing") {
      lines.push(`Indications: ${d.indications.join("; ")}.`, `Adult dose: ${d.adultDose.text}`);
      if (d.renal.length) lines.push(`Renal: ${d.renal.map((r) => r.adjustment).join(" ")}`);
      if (d.hepatic.childPughB || d.hepatic.childPughC) lines.push(`Hepatic: ${[d.hepatic.childPughB, d.hepatic.childPughC].filter(Boolean).join(" ")}`);
    }
    if (sec === "all" || sec === "safety") {
      lines.push(`Contraindications: ${d.contraindications.join("; ")}.`, `Pregnancy ${d.pregnancy.category}: ${d.pregnancy.note}`, `Monitoring: ${d.monitoring.map((m) => m.parameter).join(", ")}.`);
      const flags = [d.qtProlonging && "QT prolongation", d.serotonergic && "serotonergic", d.nephrotoxic && "nephrotoxic", d.bleedingRisk !== "none" && `${d.bleedingRisk} bleeding risk`].filter(Boolean);
      if (flags.length) lines.push(`Flags: ${flags.join(", ")}.`);
    }
    if (sec === "all" || sec === "pharmacology") {
      const cyp = [...d.cyp450.substrateOf.map((s) => `substrate ${s.enzyme}`), ...d.cyp450.inhibits.map((s) => `inhibits ${s.enzyme} (${s.strength})`), ...d.cyp450.induces.map((s) => `induces ${s.enzyme} (${s.strength})`)];
      lines.push(`Half-life ${d.pharmacokinetics.halfLifeH} h; ${d.pharmacokinetics.elimination}${cyp.length ? ` CYP450: ${cyp.join(", ")}.` : ""}`);
    }
    return lines.join("\n");
  },
});

export const checkDiagnosticCriteria = defineTool({
  name: "check_diagnostic_criteria",
  description: "The key diagnostic findings and red flags of a condition; with findings given, says which of them are consistent with it.",
  kind: "read",
  parameters: z.object({
    condition: z.string().min(2).max(120).describe("Condition name, synonym or id"),
    findings: findingList.optional().describe("Observed findings to check against the condition"),
  }),
  execute({ condition, findings }) {
    const c = resolveCondition(condition);
    const items = profileItems(c);
    const lines = [`${c.name} (ICD-10 ${c.icd10}). Key findings: ${c.keyFindings.join("; ")}.`, `Red flags: ${c.redFlags.join("; ")}.`];
    if (findings?.length) {
      const res = findings.map((f) => {
        const best = Math.max(...items.map((it) => findingSimilarity(f, it.text)));
        return { f, ok: best >= 0.5 };
      });
      const ok = res.filter((r) => r.ok);
      lines.push(`${ok.length} of ${findings.length} findings are consistent with ${c.name}${ok.length ? `: ${ok.map((r) => r.f).join("; ")}` : ""}.`);
      const not = res.filter((r) => !r.ok);
      if (not.length) lines.push(`Not typical of it: ${not.map((r) => r.f).join("; ")}.`);
    }
    return lines.join("\n");
  },
});

export const getDifferentialDiagnosis = defineTool({
  name: "get_differential_diagnosis",
  description: "Rank conditions by how well they explain a list of findings (symptoms, exam, labs, imaging), optionally with age and sex. Returns the top candidates with posterior weights.",
  kind: "read",
  parameters: z.object({
    findings: findingList.describe("Findings as short phrases, e.g. ['pleuritic chest pain', 'tachycardia', 'elevated d-dimer']"),
    age: z.number().min(0).max(120).optional().describe("years"),
    sex: z.enum(["female", "male"]).optional(),
  }),
  execute({ findings, age, sex }) {
    const ranked = rankDifferential(findings, age, sex).slice(0, 6);
    return `Differential for ${findings.length} finding(s):\n${ranked
      .map((r, i) => `${i + 1}. ${r.condition.name} (${r.condition.id}) ${(r.posterior * 100).toFixed(1)}% — explains ${r.matched.length}/${findings.length}`)
      .join("\n")}`;
  },
});

export const lookupLabReference = defineTool({
  name: "lookup_lab_reference",
  description: "Reference range, critical limits and unit of a laboratory test, with the conditions that characteristically raise or lower it.",
  kind: "read",
  parameters: z.object({ lab: z.string().min(2).max(80).describe("Lab name or key, e.g. 'lipase', 'troponin_i'") }),
  execute({ lab }) {
    const l = resolveLab(lab);
    return renderLab(l, loadConditions()).text;
  },
});

export const searchDrugsByIndication = defineTool({
  name: "search_drugs_by_indication",
  description: "Drugs whose indications match the words given, and the conditions for which the tables list first-line drugs matching them.",
  kind: "read",
  parameters: z.object({ indication: z.string().min(3).max(120).describe("e.g. 'atrial fibrillation', 'community-acquired pneumonia'") }),
  execute({ indication }) {
    const terms = contentTerms(indication);
    if (terms.length === 0) throw new ToolError("Give an indication in words, e.g. 'heart failure'.");
    const has = (text: string) => {
      const w = new Set(tokenize(text));
      return terms.every((t) => w.has(t));
    };
    const drugs = loadDrugs().filter((d) => d.indications.some(has));
    const conds = loadConditions().filter((c) => has(`${c.name} ${c.synonyms.join(" ")}`));
    const lines: string[] = [];
    for (const c of conds.slice(0, 3)) lines.push(`First-line for ${c.name}: ${c.management.firstLine.join(", ") || "(no drug; see interventions)"}${c.management.avoid.length ? `; avoid ${c.management.avoid.join(", ")}` : ""}.`);
    if (drugs.length) lines.push(`Formulary drugs indicated (${drugs.length}): ${drugs.slice(0, 12).map((d) => d.name).join(", ")}${drugs.length > 12 ? ", ..." : ""}.`);
    if (lines.length === 0) throw new ToolError(`Nothing in the tables is indicated for "${indication.slice(0, 80)}". Try a broader term.`);
    return lines.join("\n");
  },
});

export const submitAnswer = defineTool({
  name: "submit_answer",
  description: "Submit the final answer: the letter of the single best option (e.g. 'B'). Ends the episode.",
  kind: "terminal",
  parameters: z.object({
    answer: z.string().min(1).max(200).describe("The option letter"),
    rationale: z.string().max(2000).optional().describe("One or two sentences of justification"),
  }),
  execute({ answer }, ctx: Ctx) {
    ctx.submit(answer.trim());
    return `Submitted answer "${answer.trim().slice(0, 40)}".`;
  },
});

export const MEDICAL_QA_TOOLS: readonly Tool<MedicalQaState>[] = [
  searchPubmedTool(knowledgeOpts),
  browseArticleTool(knowledgeOpts),
  searchMedicalWikiTool(knowledgeOpts),
  browseWikiEntryTool(knowledgeOpts),
  retrieveEvidenceTool(knowledgeOpts),
  searchGuidelinesTool(knowledgeOpts),
  getCitationTool(knowledgeOpts),
  searchDrugInteractionsTool(knowledgeOpts),
  analyzeAnswerOptions,
  summarizeEvidence,
  compareTreatments,
  calculateClinicalScore,
  getDrugInformation,
  checkDiagnosticCriteria,
  getDifferentialDiagnosis,
  lookupLabReference,
  searchDrugsByIndication,
  thinkTool<MedicalQaState>(),
  submitAnswer,
];

