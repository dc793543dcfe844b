/**
 * Drug knowledge: loads data/clinical/drugs/*.yaml (monographs, grouped by class) and
 * interactions.yaml once, validates them (schema, unique ids and names, every interaction drug
 * known, no duplicate pairs), and answers the drug_interaction tools' questions: lookup by id,
 * name, brand or alias; interaction checks; renal and hepatic adjustment; allergy cross-reactivity;
 * therapeutic drug monitoring targets.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { projectRoot } from "../../data/resolve.js";
import { distance } from "fastest-levenshtein";
import {
  DrugFileSchema,
  DrugSchema,
  InteractionFileSchema,
  InteractionSchema,
  type AllergyClass,
  type Drug,
  type Interaction,
  type Monitoring,
  type RenalRule,
} from "./schema.js";
import { SEVERITY_RANK, deriveInteraction, explicitResult, pairKey, type InteractionResult } from "./interactions.js";

export * from "./schema.js";
export * from "./interactions.js";

// From the project root rather than this module, so the compiled copy in dist/ reads the same files.
export const DRUGS_DIR = join(projectRoot(), "data", "clinical", "drugs");
const INTERACTIONS_FILE = "interactions.yaml";

export class DrugDataError extends Error {
  constructor(
    readonly file: string,
    readonly entry: string | undefined,
    readonly issuePath: string,
    detail: string,
  ) {
    super(`${file}${entry ? ` [${entry}]` : ""} at ${issuePath || "<root>"}: ${detail}`);
    this.name = "DrugDataError";
  }
}

export class UnknownDrugError extends Error {
  constructor(
    readonly query: string,
    readonly suggestions: string[],
  ) {
    super(`Unknown drug "${query}"${suggestions.length ? `. Did you mean: ${suggestions.join(", ")}?` : ""}`);
    this.name = "UnknownDrugError";
  }
}

/** Lookup key for names, brands and aliases: "Piperacillin-Tazobactam" -> "piperacillin_tazobactam". */
export function drugKey(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "");
}

/** Parses and validates one monograph file; exported so tests can feed malformed input. */
export function parseDrugFile(file: string, source: string): { group: string; drugs: Drug[] } {
  let doc: unknown;
  try {
    doc = parse(source);
  } catch (e) {
    throw new DrugDataError(file, undefined, "", `YAML parse error: ${(e as Error).message}`);
  }
  const head = DrugFileSchema.safeParse(doc);
  if (!head.success) {
    const issue = head.error.issues[0]!;
    throw new DrugDataError(file, undefined, formatPath(issue.path), issue.message);
  }
  const drugs = head.data.drugs.map((raw, i) => {
    const res = DrugSchema.safeParse(raw);
    const rawId = (raw as { id?: unknown } | null)?.id;
    const id = typeof rawId === "string" ? rawId : `#${i}`;
    if (!res.success) {
      const issue = res.error.issues[0]!;
      const more = res.error.issues.length > 1 ? ` (+${res.error.issues.length - 1} more issues)` : "";
      throw new DrugDataError(file, id, `drugs[${i}].${formatPath(issue.path)}`, issue.message + more);
    }
    const d = res.data;
    if (d.crossReactsWith?.length && !d.allergyClass)
      throw new DrugDataError(file, id, `drugs[${i}].crossReactsWith`, "crossReactsWith needs an allergyClass");
    const thresholds = d.renal.map((r) => r.crclBelow);
    if (new Set(thresholds).size !== thresholds.length)
      throw new DrugDataError(file, id, `drugs[${i}].renal`, "two renal rules share a crclBelow threshold");
    return d;
  });
  return { group: head.data.group, drugs };
}

/** Parses and validates interactions.yaml against a set of known drug ids. */
export function parseInteractionFile(file: string, source: string, knownIds: ReadonlySet<string>): Interaction[] {
  let doc: unknown;
  try {
    doc = parse(source);
  } catch (e) {
    throw new DrugDataError(file, undefined, "", `YAML parse error: ${(e as Error).message}`);
  }
  const head = InteractionFileSchema.safeParse(doc);
  if (!head.success) {
    const issue = head.error.issues[0]!;
    throw new DrugDataError(file, undefined, formatPath(issue.path), issue.message);
  }
  const seen = new Set<string>();
  return head.data.interactions.map((raw, i) => {
    const res = InteractionSchema.safeParse(raw);
    if (!res.success) {
      const issue = res.error.issues[0]!;
      throw new DrugDataError(file, `#${i}`, `interactions[${i}].${formatPath(issue.path)}`, issue.message);
    }
    const it = res.data;
    const label = `${it.a} + ${it.b}`;
    for (const side of ["a", "b"] as const)
      if (!knownIds.has(it[side])) throw new DrugDataError(file, label, `interactions[${i}].${side}`, `unknown drug id "${it[side]}"`);
    const key = pairKey(it.a, it.b);
    if (seen.has(key)) throw new DrugDataError(file, label, `interactions[${i}]`, "duplicate pair (order does not matter)");
    seen.add(key);
    return it;
  });
}

interface DrugStore {
  list: Drug[];
  byId: Map<string, Drug>;
  /** id, name and alias keys (unambiguous by validation) then brand keys (first wins). */
  byKey: Map<string, Drug>;
  groups: Map<string, string>;
  interactions: Interaction[];
  byPair: Map<string, Interaction>;
}

let cache: DrugStore | undefined;

/** Cross-file checks: unique ids, and names/aliases that resolve to exactly one drug. */
export function validateDrugSet(entries: readonly { drug: Drug; file: string }[]): Map<string, Drug> {
  const byKey = new Map<string, Drug>();
  for (const { drug, file } of entries) {
    for (const k of new Set([drug.id, drugKey(drug.name), ...(drug.aliases ?? []).map(drugKey)])) {
      const prev = byKey.get(k);
      if (prev && prev.id !== drug.id)
        throw new DrugDataError(file, drug.id, "id/name/aliases", `"${k}" already names ${prev.id}`);
      byKey.set(k, drug);
    }
  }
  return byKey;
}

function load(): DrugStore {
  if (cache) return cache;
  const files = readdirSync(DRUGS_DIR)
    .filter((f) => /\.ya?ml$/.test(f) && f !== INTERACTIONS_FILE)
    .sort();
  const entries: { drug: Drug; file: string }[] = [];
  const groups = new Map<string, string>();
  for (const f of files) {
    const { group, drugs } = parseDrugFile(f, readFileSync(join(DRUGS_DIR, f), "utf8"));
    for (const d of drugs) {
      entries.push({ drug: d, file: f });
      groups.set(d.id, group);
    }
  }
  const byId = new Map<string, Drug>();
  for (const { drug, file } of entries) {
    if (byId.has(drug.id)) throw new DrugDataError(file, drug.id, "id", "duplicate drug id");
    byId.set(drug.id, drug);
  }
  const byKey = validateDrugSet(entries);
  for (const { drug } of entries)
    for (const brand of drug.brandExamples) {
      const k = drugKey(brand);
      if (!byKey.has(k)) byKey.set(k, drug);
    }
  const interactions = parseInteractionFile(INTERACTIONS_FILE, readFileSync(join(DRUGS_DIR, INTERACTIONS_FILE), "utf8"), new Set(byId.keys()));
  const list = entries.map((e) => deepFreeze(e.drug));
  cache = {
    list,
    byId,
    byKey,
    groups,
    interactions: interactions.map(deepFreeze),
    byPair: new Map(interactions.map((i) => [pairKey(i.a, i.b), i])),
  };
  return cache;
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object" && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

/** For tests: forget the cached tables. */
export function clearDrugCache(): void {
  cache = undefined;
}

/** All monographs, validated; read from disk once per process. */
export function loadDrugs(): Drug[] {
  return load().list.slice();
}

/** All authored pairwise interactions. */
export function loadInteractions(): Interaction[] {
  return load().interactions.slice();
}

/** The file group ("Cardiovascular", ...) a drug was authored under. */
export function drugGroup(id: string): string | undefined {
  return load().groups.get(id);
}

/** A drug by id, generic name, alias or brand (case and punctuation ignored), or undefined. */
export function findDrug(query: string): Drug | undefined {
  const { byId, byKey } = load();
  return byId.get(query) ?? byKey.get(drugKey(query));
}

/** Like findDrug but throws UnknownDrugError with the closest ids. */
export function getDrug(query: string): Drug {
  const hit = findDrug(query);
  if (hit) return hit;
  const k = drugKey(query);
  const suggestions = [...load().byKey.keys()]
    .map((key) => ({ key, d: distance(k, key) }))
    .sort((p, q) => p.d - q.d || p.key.localeCompare(q.key))
    .slice(0, 5)
    .map((s) => load().byKey.get(s.key)!.id);
  throw new UnknownDrugError(query, [...new Set(suggestions)].slice(0, 3));
}

/** Drugs whose class or file group contains the query (case-insensitive), in authored order. */
export function searchDrugsByClass(query: string): Drug[] {
  const q = query.toLowerCase().trim();
  const { list, groups } = load();
  return list.filter((d) => d.class.toLowerCase().includes(q) || (groups.get(d.id) ?? "").toLowerCase().includes(q));
}

/**
 * The interaction between two drugs (ids, names or brands): the authored entry if there is one,
 * otherwise a class-level derived one, otherwise null. Throws UnknownDrugError for unknown drugs.
 */
export function checkInteraction(a: string, b: string): InteractionResult | null {
  const da = getDrug(a);
  const db = getDrug(b);
  if (da.id === db.id) return null;
  const explicit = load().byPair.get(pairKey(da.id, db.id));
  return explicit ? explicitResult(explicit) : deriveInteraction(da, db);
}

/** Every interacting pair in a medication list (duplicates ignored), most severe first. */
export function checkAllInteractions(list: readonly string[]): InteractionResult[] {
  const ids = [...new Set(list.map((q) => getDrug(q).id))];
  const out: InteractionResult[] = [];
  for (let i = 0; i < ids.length; i++)
    for (let j = i + 1; j < ids.length; j++) {
      const r = checkInteraction(ids[i]!, ids[j]!);
      if (r) out.push(r);
    }
  return out.sort((p, q) => SEVERITY_RANK[q.severity] - SEVERITY_RANK[p.severity] || p.a.localeCompare(q.a) || p.b.localeCompare(q.b));
}

/**
 * The renal rule that applies at a creatinine clearance (mL/min): the most specific one, i.e. the
 * lowest threshold still above the clearance. Null when no adjustment is needed.
 */
export function renalAdjustment(query: string, crclMlMin: number): RenalRule | null {
  const applicable = getDrug(query).renal.filter((r) => crclMlMin < r.crclBelow);
  if (applicable.length === 0) return null;
  return applicable.reduce((best, r) => (r.crclBelow < best.crclBelow ? r : best));
}

export interface HepaticAdvice {
  childPugh: "A" | "B" | "C";
  avoid: boolean;
  advice: string;
}

/** Dosing advice for a Child-Pugh class; class A means no specific adjustment is authored. */
export function hepaticAdjustment(query: string, childPugh: "A" | "B" | "C"): HepaticAdvice {
  const d = getDrug(query);
  if (childPugh === "A") return { childPugh, avoid: false, advice: "No specific adjustment for mild (Child-Pugh A) impairment; use usual caution." };
  const txt = childPugh === "B" ? d.hepatic.childPughB : d.hepatic.childPughC;
  // `avoid` in the monograph is about severe impairment; a class B text may still allow use.
  const avoid = childPugh === "C" ? !!d.hepatic.avoid : /^\s*(avoid|contraindicated|not recommended)/i.test(txt ?? "");
  return { childPugh, avoid, advice: txt ?? "No specific adjustment authored; use usual caution and monitor." };
}

export interface AllergyFinding {
  allergy: string;
  level: "same_drug" | "same_class" | "cross_reactive";
  detail: string;
}

/**
 * Allergy conflicts for a drug given allergy labels, which may be drug names ("amoxicillin") or
 * allergy families ("penicillin", "sulfa"). Empty when nothing matches.
 */
export function checkAllergy(query: string, allergies: readonly string[]): AllergyFinding[] {
  const d = getDrug(query);
  const out: AllergyFinding[] = [];
  for (const label of allergies) {
    const k = drugKey(label);
    const asDrug = findDrug(label);
    if (asDrug?.id === d.id) {
      out.push({ allergy: label, level: "same_drug", detail: `${d.name} is the drug the patient is allergic to.` });
      continue;
    }
    const family = (asDrug?.allergyClass ?? ALLERGY_ALIASES[k] ?? k) as AllergyClass;
    if (!d.allergyClass) continue;
    if (family === d.allergyClass) {
      out.push({ allergy: label, level: "same_class", detail: `${d.name} belongs to the ${d.allergyClass} allergy class.` });
    } else if (d.crossReactsWith?.includes(family)) {
      out.push({ allergy: label, level: "cross_reactive", detail: `${d.name} (${d.allergyClass}) has documented cross-reactivity with ${family}; weigh the reaction history before use.` });
    }
  }
  return out;
}

const ALLERGY_ALIASES: Record<string, string> = {
  sulfa: "sulfonamide",
  sulfa_drugs: "sulfonamide",
  sulphonamide: "sulfonamide",
  penicillins: "penicillin",
  beta_lactam: "penicillin",
  cephalosporins: "cephalosporin",
  quinolone: "fluoroquinolone",
  nsaids: "nsaid",
  aspirin_sensitivity: "nsaid",
  opiate: "opioid",
  opiates: "opioid",
};

/** Monitoring entries with a numeric target (drug levels, INR, ...). */
export function therapeuticTargets(query: string): Monitoring[] {
  return getDrug(query).monitoring.filter((m) => m.range);
}
