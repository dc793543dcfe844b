/**
 * The documents of the default knowledge base, independent of any index: project-authored texts
 * rendered from data/clinical (condition profiles as short encyclopedia entries, drug monographs,
 * lab reference entries, guideline summaries) plus the general sources of the shared passage corpus. Every backend
 * (minisearch here, FTS5/FAISS later) indexes the same list, so their results are comparable.
 */
import { loadConditions, type Condition } from "../clinical/conditions/index.js";
import { BINARY_ANALYTES, type AnalyteKey } from "../clinical/conditions/schema.js";
import { loadDrugs, type Drug } from "../clinical/drugs/index.js";
import { loadGuidelines, type Guideline } from "../clinical/guidelines/index.js";
import { getLab, hasLab, loadLabs, type Lab } from "../clinical/labs/index.js";
import { iteratePassages } from "../data/loaders/corpus.js";
import { EVALUATION_DERIVED_SOURCES, GENERAL_PASSAGE_SOURCES, isEvaluationDerived, type KnowledgeDocument } from "./source.js";

const MODALITY_LABEL: Record<string, string> = {
  xray: "X-ray",
  ct: "CT",
  cta: "CT angiography",
  mri: "MRI",
  ultrasound: "Ultrasound",
  ecg: "ECG",
  echo: "Echocardiography",
  angiography: "Angiography",
  nuclear: "Nuclear medicine",
  endoscopy: "Endoscopy",
  eeg: "EEG",
  fluoroscopy: "Fluoroscopy",
  clinical_photo: "Clinical photograph",
  dermoscopy: "Dermoscopy",
  fundoscopy: "Fundoscopy",
  ctg: "Cardiotocography",
};

export function modalityLabel(m: string): string {
  return MODALITY_LABEL[m] ?? m;
}

const list = (xs: readonly string[], max = xs.length) => xs.slice(0, max).join("; ");
const fmt = (v: number) => String(Number(v.toPrecision(4)));

/** How a profile's lab mean sits against the catalogue range: the fact an encyclopedia states. */
export function labDirection(key: string, spec: { mean: number; sd: number }): "elevated" | "low" | "normal" | "positive" | "negative" {
  if (BINARY_ANALYTES.has(key as AnalyteKey)) return spec.mean >= 0.5 ? "positive" : "negative";
  if (!hasLab(key)) return "normal";
  const lab = getLab(key);
  if (spec.mean > lab.high) return "elevated";
  if (spec.mean < lab.low) return "low";
  return "normal";
}

/** Characteristic (abnormal) labs of a profile, most abnormal first, as "Troponin I elevated (typically 4.5 ng/mL; ref 0-0.04)". */
export function characteristicLabs(c: Condition): { key: string; name: string; direction: string; text: string }[] {
  const out: { key: string; name: string; direction: string; text: string; z: number }[] = [];
  for (const [key, spec] of Object.entries(c.labs) as [string, { mean: number; sd: number }][]) {
    const dir = labDirection(key, spec);
    if (dir === "normal" || dir === "negative") continue;
    const lab = hasLab(key) ? getLab(key) : undefined;
    const name = lab?.name ?? key;
    if (dir === "positive") {
      out.push({ key, name, direction: dir, text: `${name} positive in about ${Math.round(spec.mean * 100)}%`, z: 3 });
      continue;
    }
    const span = lab ? Math.max(lab.high - lab.low, 1e-9) : 1;
    const z = lab ? (dir === "elevated" ? (spec.mean - lab.high) / span : (lab.low - spec.mean) / span) : 0;
    out.push({ key, name, direction: dir, text: `${name} ${dir} (typically ${fmt(spec.mean)} ${lab?.unit ?? ""}; ref ${lab ? `${fmt(lab.low)}-${fmt(lab.high)}` : "n/a"})`.replace(/ +;/, ";"), z });
  }
  return out.sort((a, b) => b.z - a.z || a.key.localeCompare(b.key)).map(({ z: _z, ...r }) => r);
}

/** A condition profile as a short encyclopedia entry (source medgym_condition). */
export function renderCondition(c: Condition, nameOf: (id: string) => string = (id) => id): KnowledgeDocument {
  const d = c.demographics;
  const symptoms = [...c.symptoms].sort((a, b) => b.p - a.p).map((s) => s.name);
  const exam = [...c.exam].sort((a, b) => b.p - a.p).map((e) => e.finding);
  const labs = characteristicLabs(c).map((l) => l.text);
  const imaging = [...c.imaging].sort((a, b) => b.p - a.p).map((i) => `${modalityLabel(i.modality)} (${i.region}): ${i.finding}`);
  const m = c.management;
  const parts = [
    `${c.name} (${[...c.synonyms.slice(0, 4), `ICD-10 ${c.icd10}`].join("; ")}) is a ${c.specialty.replace(/_/g, " ")} condition${c.emergency ? " and a medical emergency" : ""}.`,
    `Typical patients: age ${d.ageRange[0]}-${d.ageRange[1]} years, ${Math.round(d.femaleFraction * 100)}% female${d.pregnancy ? ", pregnant" : ""}${d.postpartum ? ", postpartum" : ""}.`,
    `Presentation: ${list(c.chiefComplaints)}. Symptoms: ${list(symptoms, 8)}.`,
    `Examination: ${list(exam, 6)}.`,
    labs.length ? `Laboratory: ${list(labs, 6)}.` : "Laboratory: no characteristic abnormality.",
    imaging.length ? `Imaging and tests: ${list(imaging, 6)}.` : "",
    `Key findings: ${list(c.keyFindings)}.`,
    `Differential diagnosis: ${c.differential.map(nameOf).join(", ")}.`,
    `Management: ${m.firstLine.length ? `first-line drugs ${m.firstLine.join(", ")}` : "no first-line drug"}${m.interventions?.length ? `; ${list(m.interventions, 4)}` : ""}${m.avoid.length ? `. Avoid ${m.avoid.join(", ")}` : ""}.`,
    c.contraindications.length ? `Cautions: ${c.contraindications.map((x) => `${x.drug} (${x.reason})`).join("; ")}.` : "",
    `Red flags: ${list(c.redFlags)}. Usual disposition: ${c.disposition.replace(/_/g, " ")}.`,
  ];
  return { id: `condition:${c.id}`, source: "medgym_condition", title: c.name, text: parts.filter(Boolean).join(" ") };
}

/** A drug monograph (source medgym_drug). */
export function renderDrug(d: Drug): KnowledgeDocument {
  const cyp = [
    d.cyp450.substrateOf.length ? `substrate of ${d.cyp450.substrateOf.map((s) => `CYP${s.enzyme}${s.prodrug ? " (prodrug activation)" : ""}`).join(", ")}` : "",
    d.cyp450.inhibits.length ? `inhibits ${d.cyp450.inhibits.map((s) => `CYP${s.enzyme} (${s.strength})`).join(", ")}` : "",
    d.cyp450.induces.length ? `induces ${d.cyp450.induces.map((s) => `CYP${s.enzyme} (${s.strength})`).join(", ")}` : "",
  ].filter(Boolean);
  const flags = [d.qtProlonging && "prolongs the QT interval", d.serotonergic && "serotonergic", d.nephrotoxic && "nephrotoxic", d.bleedingRisk !== "none" && `${d.bleedingRisk} bleeding risk`].filter(Boolean);
  const parts = [
    `${d.name} is a ${d.class}${d.brandExamples.length ? ` (brands: ${d.brandExamples.slice(0, 3).join(", ")})` : ""}.`,
    `Indications: ${list(d.indications)}.`,
    `Usual adult dose: ${d.adultDose.text}`,
    d.renal.length ? `Renal adjustment: ${d.renal.map((r) => r.adjustment).join(" ")}` : "No renal dose adjustment.",
    d.hepatic.childPughB || d.hepatic.childPughC ? `Hepatic impairment: ${[d.hepatic.childPughB, d.hepatic.childPughC].filter(Boolean).join(" ")}` : "",
    `Pregnancy (category ${d.pregnancy.category}): ${d.pregnancy.note} Lactation: ${d.lactation.note}`,
    cyp.length ? `Metabolism: ${cyp.join("; ")}.` : "",
    flags.length ? `Safety flags: ${flags.join(", ")}.` : "",
    `Contraindications: ${list(d.contraindications)}.`,
    `Monitoring: ${d.monitoring.map((x) => x.parameter).join(", ")}. Half-life about ${d.pharmacokinetics.halfLifeH} h; ${d.pharmacokinetics.elimination}`,
    d.foodInteractions.length ? `Food: ${list(d.foodInteractions)}` : "",
  ];
  return { id: `drug:${d.id}`, source: "medgym_drug", title: `${d.name} (${d.class})`, text: parts.filter(Boolean).join(" ") };
}

/** A lab reference entry (source medgym_lab), with the conditions whose profiles move it. */
export function renderLab(l: Lab, conditions: readonly Condition[]): KnowledgeDocument {
  const high: string[] = [];
  const low: string[] = [];
  for (const c of conditions) {
    const spec = (c.labs as Record<string, { mean: number; sd: number } | undefined>)[l.key];
    if (!spec) continue;
    const dir = labDirection(l.key, spec);
    if (dir === "elevated" || dir === "positive") high.push(c.name);
    else if (dir === "low") low.push(c.name);
  }
  const range = l.scale === "qualitative" ? "normally negative" : `adult reference ${fmt(l.low)}-${fmt(l.high)} ${l.unit}`;
  const crit = [l.criticalLow !== undefined ? `below ${fmt(l.criticalLow)}` : "", l.criticalHigh !== undefined ? `above ${fmt(l.criticalHigh)}` : ""].filter(Boolean);
  const text = [
    `${l.name} (${l.panel} panel, ${l.specimen}): ${range}.`,
    crit.length ? `Critical values: ${crit.join(" or ")} ${l.unit}.` : "",
    high.length ? `${l.scale === "qualitative" ? "Positive" : "Raised"} in: ${high.join(", ")}.` : "",
    low.length ? `Low in: ${low.join(", ")}.` : "",
    l.note ?? "",
  ];
  return { id: `lab:${l.key}`, source: "medgym_lab", title: l.name, text: text.filter(Boolean).join(" ") };
}

/** A guideline summary (source medgym_guideline): title, the body summarised, key points and text. */
export function renderGuideline(g: Guideline): KnowledgeDocument {
  return {
    id: `guideline:${g.id}`,
    source: "medgym_guideline",
    title: g.title,
    text: `Summary of ${g.source}. Key points: ${g.keyPoints.join("; ")}. ${g.text}`,
  };
}

/** Every project-authored document: conditions, drugs, labs, guideline summaries. */
export function projectDocuments(): KnowledgeDocument[] {
  const conditions = loadConditions();
  const names = new Map(conditions.map((c) => [c.id, c.name]));
  const nameOf = (id: string) => names.get(id) ?? id;
  return [
    ...conditions.map((c) => renderCondition(c, nameOf)),
    ...loadDrugs().map(renderDrug),
    ...loadLabs().map((l) => renderLab(l, conditions)),
    ...loadGuidelines().map(renderGuideline),
  ];
}

export interface DefaultDocumentOptions {
  /** Sources to leave out, in addition to the evaluation-derived ones. */
  excludeSources?: readonly string[];
  /**
   * Evaluation-derived sources to include anyway (e.g. a notebook measuring contamination). Never
   * do this for a knowledge base used while evaluating the benchmark the source was cut from.
   */
  allowEvaluationSources?: readonly string[];
  /**
   * MedQuAD answers are split into ~700-character chunks; by default only each answer's first
   * chunk is kept (16.4K of 29.6K passages), which holds the definition and keeps the in-memory
   * build within a few seconds. `true` keeps every chunk.
   */
  allMedquadChunks?: boolean;
  /** Cap per source (first N in corpus order), for quick builds in tests. */
  maxPerSource?: number;
}

/** Sources a default build reads from the passage corpus, given the options. */
export function defaultPassageSources(opts: DefaultDocumentOptions = {}): string[] {
  const exclude = new Set(opts.excludeSources ?? []);
  const allowEval = new Set((opts.allowEvaluationSources ?? []).filter(isEvaluationDerived));
  return [...GENERAL_PASSAGE_SOURCES, ...EVALUATION_DERIVED_SOURCES.filter((s) => allowEval.has(s))].filter((s) => !exclude.has(s));
}

/**
 * Project documents plus corpus passages. Passage ids repeat in the corpus (MedQuAD sub-collections
 * reuse numbers for different answers), so the n-th repeat of an id becomes "<id>#n", in corpus
 * order, which keeps ids stable across builds.
 */
export async function loadDefaultDocuments(opts: DefaultDocumentOptions = {}): Promise<KnowledgeDocument[]> {
  const exclude = new Set(opts.excludeSources ?? []);
  const docs: KnowledgeDocument[] = [];
  for (const d of projectDocuments()) if (!exclude.has(d.source)) docs.push(d);
  const sources = defaultPassageSources(opts);
  if (sources.length === 0) return docs;
  const seen = new Map<string, number>();
  const perSource = new Map<string, number>();
  const cap = opts.maxPerSource ?? Infinity;
  for await (const p of iteratePassages({ sources })) {
    if (p.source === "medquad" && !opts.allMedquadChunks && !p.id.endsWith("_0")) continue;
    const n = (perSource.get(p.source) ?? 0) + 1;
    if (n > cap) continue;
    perSource.set(p.source, n);
    const rep = (seen.get(p.id) ?? 0) + 1;
    seen.set(p.id, rep);
    docs.push({ id: rep > 1 ? `${p.id}#${rep}` : p.id, source: p.source, title: p.title, text: p.text });
  }
  return docs;
}
