/**
 * AgentClinic OSCE cases as a clinical_diagnosis-style domain: `agentClinicDomain(file)` reads any
 * JSON-lines file in the AgentClinic format (one `{"OSCE_Examination": {...}}` object per line)
 * and returns a playable domain. The history comes through the patient tools, the examination
 * through `perform_physical_exam` (by section), every test result through the ordering tools (only
 * results the case contains; a test the case does not mention reads "normal, no abnormality
 * reported", as AgentClinic's measurement agent answers), and the final diagnosis is graded
 * against the case's diagnosis.
 *
 * Split: every case is put in the "test" split (AgentClinic is an evaluation benchmark; by
 * Appendix C no benchmark item may appear in training), so `tasksFor("train")` is empty.
 *
 * Diagnosis matching (`agentClinicDiagnosisMatch`), applied to normalised text (lower case, accents
 * and punctuation removed, possessive "'s" dropped, British spellings folded: haem->hem, oedema->edema,
 * oesophag->esophag, tumour->tumor, leukaem->leukem, ...):
 *  1. a hedged answer never matches: "X or Y", "X vs Y", several diagnoses separated by ";" or ",",
 *     or a negation ("not X", "rule out X");
 *  2. equality with the case's diagnosis or an accepted variant: the text without a parenthetical,
 *     the parenthetical itself when it is an abbreviation or alternative name ("(PML)"), the
 *     curated synonyms and abbreviations below, and the name and synonyms of a condition profile
 *     that the diagnosis names;
 *  3. token overlap on content words (stopwords and the generic words disease/syndrome/disorder
 *     removed, plurals stemmed), against the diagnosis and each variant:
 *     - every reference word is in the answer and the answer adds at most 3 words (a more specific
 *       form: "community-acquired pneumonia" for "Pneumonia"), or
 *     - every answer word is in the reference and covers >= 70% of it ("large B-cell lymphoma" for
 *       "Diffuse large B-cell lymphoma"; "leukemia" alone does not match "Acute lymphoblastic leukemia").
 * `scoreAnswer` compares normalised labels only, so the terminal tool applies this rule: a
 * submission that matches is submitted as the case's diagnosis (the raw text is kept in a
 * "diagnosis" event); the curated variants are also listed in the task's `accepted` labels.
 */
import { readFileSync } from "node:fs";
import { basename, extname } from "node:path";
import { z } from "zod";
import { defineDomain, defineTool, ToolError, type Action, type Domain, type Task, type ToolContext } from "../../src/env/index.js";
import { loadConditions, matchesCondition, type Condition } from "../../src/clinical/conditions/index.js";
import { DataFormatError, findingToText, type Finding, type FindingTree, type OsceCase } from "../../src/data/index.js";
import { thinkTool } from "../../src/tools/index.js";
import type { Policy, PolicyContext } from "../../src/policy/index.js";
import { hashString } from "../../src/util/rng.js";

// ------------------------------------------------------------------ parsing

const ACTOR_KEYS = new Set(["Demographics", "History", "Symptoms", "Past_Medical_History", "Social_History", "Review_of_Systems"]);

const isTree = (v: unknown): v is FindingTree => v !== null && typeof v === "object" && !Array.isArray(v);

/** Parse an AgentClinic JSON-lines file; a malformed line throws a DataFormatError naming its line. */
export function parseAgentClinicFile(file: string): OsceCase[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new DataFormatError(file, `cannot read the case file (${(e as Error).message})`);
  }
  const stem = basename(file, extname(file)).toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "") || "cases";
  const cases: OsceCase[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === "") return;
    let row: unknown;
    try {
      row = JSON.parse(raw);
    } catch (e) {
      throw new DataFormatError(file, `line ${line}: invalid JSON (${(e as Error).message})`);
    }
    const osce = isTree(row) ? row.OSCE_Examination : undefined;
    if (!isTree(osce)) throw new DataFormatError(file, `line ${line}: expected an object with an "OSCE_Examination" object`);
    const str = (v: unknown, what: string): string => {
      if (typeof v !== "string" || v.trim() === "") throw new DataFormatError(file, `line ${line}: ${what} must be a non-empty string`);
      return v;
    };
    const actor = isTree(osce.Patient_Actor) ? osce.Patient_Actor : undefined;
    if (!actor) throw new DataFormatError(file, `line ${line}: "Patient_Actor" must be an object`);
    const symptoms = isTree(actor.Symptoms) ? actor.Symptoms : undefined;
    if (!symptoms) throw new DataFormatError(file, `line ${line}: "Patient_Actor.Symptoms" must be an object`);
    const secondary = symptoms.Secondary_Symptoms;
    const other: FindingTree = {};
    for (const [k, v] of Object.entries(actor)) if (!ACTOR_KEYS.has(k)) other[k] = v;
    if (osce.Physical_Examination_Findings !== undefined && !isTree(osce.Physical_Examination_Findings))
      throw new DataFormatError(file, `line ${line}: "Physical_Examination_Findings" must be an object`);
    if (osce.Test_Results !== undefined && !isTree(osce.Test_Results)) throw new DataFormatError(file, `line ${line}: "Test_Results" must be an object`);
    cases.push({
      id: `${stem}-${cases.length}`,
      objective: str(osce.Objective_for_Doctor, '"Objective_for_Doctor"'),
      patient: {
        demographics: str(actor.Demographics, '"Patient_Actor.Demographics"'),
        history: str(actor.History, '"Patient_Actor.History"'),
        primarySymptom: str(symptoms.Primary_Symptom, '"Symptoms.Primary_Symptom"'),
        secondarySymptoms: Array.isArray(secondary) ? secondary.map(String) : typeof secondary === "string" ? [secondary] : [],
        pastMedicalHistory: actor.Past_Medical_History ?? null,
        socialHistory: actor.Social_History ?? null,
        reviewOfSystems: actor.Review_of_Systems ?? null,
        other,
      },
      physicalExam: (osce.Physical_Examination_Findings as FindingTree | undefined) ?? {},
      testResults: (osce.Test_Results as FindingTree | undefined) ?? {},
      correctDiagnosis: str(osce.Correct_Diagnosis, '"Correct_Diagnosis"'),
      raw: osce,
    });
  });
  if (cases.length === 0) throw new DataFormatError(file, "no cases (the file is empty)");
  return cases;
}

// ------------------------------------------------------------------ diagnosis matching

const BRITISH: [RegExp, string][] = [
  [/haem/g, "hem"],
  [/anaem/g, "anem"],
  [/oedema/g, "edema"],
  [/oesophag/g, "esophag"],
  [/tumour/g, "tumor"],
  [/leukaem/g, "leukem"],
  [/ischaem/g, "ischem"],
  [/paediatric/g, "pediatric"],
  [/foetal/g, "fetal"],
  [/aetiolog/g, "etiolog"],
  [/diarrhoea/g, "diarrhea"],
  [/coeliac/g, "celiac"],
];

/** Lower case, no accents, possessive 's dropped, British spellings folded, punctuation to spaces. */
export function normalizeDiagnosis(s: string): string {
  let t = s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[\u2018\u2019`]/g, "'")
    .replace(/'s\b/g, "")
    .replace(/s'\b/g, "s");
  for (const [re, to] of BRITISH) t = t.replace(re, to);
  return t.replace(/[^a-z0-9]+/g, " ").trim();
}

/** Curated synonyms and abbreviations, keyed by the normalised diagnosis. */
const CURATED: Record<string, string[]> = {
  "benign paroxysmal positional vertigo": ["bppv"],
  "acute lymphoblastic leukemia": ["all", "acute lymphocytic leukemia"],
  "acute myelogenous leukemia": ["aml", "acute myeloid leukemia"],
  "chronic lymphocytic leukemia": ["cll", "small lymphocytic lymphoma"],
  "neonatal respiratory distress syndrome": ["nrds", "hyaline membrane disease", "respiratory distress syndrome of the newborn", "infant respiratory distress syndrome"],
  "respiratory distress syndrome": ["nrds", "hyaline membrane disease", "neonatal respiratory distress syndrome"],
  "steven johnson syndrome": ["stevens johnson syndrome", "sjs"],
  "atrial septal defect": ["asd"],
  "c difficile colitis": ["clostridioides difficile colitis", "clostridium difficile colitis", "clostridioides difficile infection", "pseudomembranous colitis", "cdi"],
  "progressive multifocal leukoencephalopathy": ["pml"],
  "progressive multifocal encephalopathy": ["pml", "progressive multifocal leukoencephalopathy"],
  "irritable bowel syndrome": ["ibs"],
  "diffuse large b cell lymphoma": ["dlbcl"],
  "primary sclerosing cholangitis": ["psc"],
  "pelvic inflammatory disease": ["pid"],
  "legg calve perthes disease": ["perthes disease", "lcpd", "legg perthes disease"],
  "neuroleptic malignant syndrome": ["nms"],
  "essential thrombocythemia": ["essential thrombocytosis", "primary thrombocythemia"],
  "multiple system atrophy": ["msa"],
  "frontotemporal dementia": ["ftd", "pick disease"],
  "intraventricular hemorrhage": ["ivh"],
  "erythema infectiosum": ["fifth disease", "parvovirus b19 infection", "slapped cheek syndrome"],
  "roseola infantum": ["roseola", "sixth disease", "exanthem subitum", "hhv 6 infection"],
  tuberculosis: ["tb", "pulmonary tuberculosis"],
  osteoclastoma: ["giant cell tumor of bone", "giant cell tumor"],
  "glanzmann thrombasthenia": ["glanzmann disease"],
  "waldenstrom macroglobulinemia": ["lymphoplasmacytic lymphoma"],
  "apical lung tumor": ["pancoast tumor", "superior sulcus tumor"],
  "myasthenia gravis": ["mg"],
  "de quervain tenosynovitis": ["de quervain disease", "de quervain syndrome"],
  "hemophilia a": ["factor viii deficiency"],
  hemophilia: ["hemophilia a", "hemophilia b"],
  "acute interstitial nephritis": ["ain", "tubulointerstitial nephritis"],
  "cytomegalovirus retinitis": ["cmv retinitis"],
  "disseminated gonococcal infection": ["dgi", "disseminated gonorrhea"],
  "reactive arthritis": ["reiter syndrome"],
  "adhesive capsulitis": ["frozen shoulder"],
  "active chronic hepatitis b infection": ["chronic hepatitis b", "chronic hbv infection"],
  "bowen disease": ["squamous cell carcinoma in situ"],
  "physiological neonatal jaundice": ["physiologic jaundice", "physiologic neonatal jaundice", "physiological jaundice"],
  "huntington disease": ["huntington chorea"],
  "fulminant hepatic failure": ["acute liver failure", "fulminant liver failure"],
  "coarctation of the aorta": ["aortic coarctation"],
  "disc herniation": ["herniated disc", "intervertebral disc herniation", "herniated nucleus pulposus", "lumbar disc herniation"],
  "eczematous dermatitis": ["eczema"],
  hemorrhoids: ["piles"],
  "lung cancer": ["bronchogenic carcinoma", "lung carcinoma"],
  "complex partial seizure": ["focal impaired awareness seizure", "focal seizure with impaired awareness"],
  "epidermoid cyst": ["epidermal inclusion cyst", "sebaceous cyst"],
  "malignant melanoma": ["melanoma"],
  "interstitial cystitis": ["bladder pain syndrome"],
  "osteoarthritis": ["degenerative joint disease"],
  "pancreatic adenocarcinoma": ["pancreatic cancer", "pancreatic ductal adenocarcinoma"],
  "oppositional defiant disorder": ["odd"],
  "lisdexamfetamine intoxication": ["amphetamine intoxication", "stimulant intoxication"],
  "double aortic arch": ["vascular ring"],
  "bed bug bite": ["cimicosis", "bed bug bites"],
  "membranous nephropathy": ["membranous glomerulonephritis"],
  syringomyelia: ["syrinx"],
  listeriosis: ["listeria infection", "listeria monocytogenes infection"],
  leprosy: ["hansen disease"],
  "actinic keratosis": ["solar keratosis"],
  "boerhaave syndrome": ["spontaneous esophageal rupture", "esophageal rupture"],
  "erythema toxicum": ["erythema toxicum neonatorum"],
  "hirschsprung disease": ["congenital aganglionic megacolon", "congenital megacolon"],
  "congenital rubella infection": ["congenital rubella syndrome"],
  "rupture of the flexor digitorum profundus tendon at its point of insertion": ["jersey finger", "flexor digitorum profundus avulsion"],
  "impaired erythropoietin production": ["anemia of chronic kidney disease", "erythropoietin deficiency"],
  "genitopelvic pain disorder": ["genito pelvic pain penetration disorder", "vaginismus"],
  "acute mesenteric ischemia": ["mesenteric ischemia"],
  "medullary sponge kidney": ["cacchi ricci disease"],
  "schizotypal personality disorder": ["schizotypal disorder"],
  "serum sickness like reaction": ["serum sickness"],
  "chronic venous insufficiency": ["venous insufficiency"],
  "posterior hip dislocation": ["posterior dislocation of the hip"],
};

const GENERIC = new Set(["disease", "syndrome", "disorder", "condition"]);
const STOPWORDS = new Set(["of", "the", "and", "with", "in", "at", "its", "to", "due", "secondary", "on", "from", "by", "an"]);

function contentTokens(s: string): string[] {
  return normalizeDiagnosis(s)
    .split(" ")
    .filter((w) => w && !STOPWORDS.has(w) && !GENERIC.has(w))
    .map((w) => (w.length > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("is") && !w.endsWith("us") ? w.slice(0, -1) : w));
}

/** The case's diagnosis and its accepted variants (see the header for the rule). */
export function diagnosisVariants(diagnosis: string): string[] {
  const out = new Set<string>([diagnosis]);
  const paren = /^(.*?)\s*\(([^)]+)\)\s*$/.exec(diagnosis);
  if (paren) {
    out.add(paren[1]!);
    out.add(paren[2]!);
  }
  for (const v of [...out]) {
    const n = normalizeDiagnosis(v);
    out.add(n);
    for (const s of CURATED[n] ?? []) out.add(s);
  }
  for (const c of profilesNamed([...out])) {
    out.add(c.name);
    for (const s of c.synonyms) out.add(s);
  }
  return [...out];
}

let profileNames: Map<string, Condition[]> | undefined;

/** Condition profiles whose name or a synonym equals one of the texts (matchesCondition's rule: word order and punctuation ignored). */
export function profilesNamed(texts: readonly string[]): Condition[] {
  const key = (s: string) => s.toLowerCase().normalize("NFKD").replace(/[^a-z0-9 ]+/g, " ").split(/\s+/).filter(Boolean).sort().join(" ");
  if (!profileNames) {
    profileNames = new Map();
    for (const c of loadConditions()) for (const n of [c.name, ...c.synonyms]) profileNames.set(key(n), [...(profileNames.get(key(n)) ?? []), c]);
  }
  const out = new Set<Condition>();
  for (const t of texts) for (const c of profileNames.get(key(t)) ?? []) if (matchesCondition(t, c)) out.add(c);
  return [...out];
}

function tokenMatch(answer: string, reference: string): boolean {
  const a = new Set(contentTokens(answer));
  const r = new Set(contentTokens(reference));
  if (a.size === 0 || r.size === 0) return false;
  const aInR = [...a].every((t) => r.has(t));
  const rInA = [...r].every((t) => a.has(t));
  if (rInA && a.size - r.size <= 3) return true;
  return aInR && a.size / r.size >= 0.7;
}

/** Whether a submitted diagnosis names the case's diagnosis (the rule in the header). */
export function agentClinicDiagnosisMatch(submitted: string, diagnosis: string, variants = diagnosisVariants(diagnosis)): boolean {
  const sub = normalizeDiagnosis(submitted);
  if (!sub) return false;
  const ref = normalizeDiagnosis(diagnosis);
  const hedged = (s: string) => /\b(or|vs|versus)\b/.test(s);
  if (hedged(sub) && !hedged(ref)) return false;
  if (/[;,/]/.test(submitted) && !/[;,/]/.test(diagnosis)) return false;
  if (/^(not|no|rule out|ruled out|r\/o|exclude)\b/.test(sub)) return false;
  const vs = variants.map(normalizeDiagnosis);
  if (vs.includes(sub)) return true;
  return vs.some((v) => tokenMatch(sub, v));
}

// ------------------------------------------------------------------ the domain

export interface OsceState {
  caseId: string;
  ordered: { test: string; found: string[]; turn: number }[];
  diagnoses: { diagnosis: string; turn: number }[];
}

type Ctx = ToolContext<OsceState>;

const label = (k: string) => k.replace(/_/g, " ");
const normKey = (s: string) => normalizeDiagnosis(s.replace(/_/g, " "));

/** Words for the same test or exam section, folded to one form before matching. */
const TEST_SYNONYMS: [RegExp, string][] = [
  [/\bcbc\b|\bfbc\b|full blood count/g, "complete blood count"],
  [/\bct\b|\bcat\b|computed tomography/g, "ct"],
  [/\bmri\b|magnetic resonance( imaging)?/g, "mri"],
  [/\bcxr\b/g, "chest x ray"],
  [/\bx ?rays?\b|radiographs?\b|\bradiography\b/g, "x ray"],
  [/\becg\b|\bekg\b|electrocardiograph?y?\b|electrocardiogram/g, "electrocardiogram"],
  [/\beeg\b|electroencephalograph?y?\b|electroencephalogram/g, "electroencephalogram"],
  [/\bemg\b|electromyograph?y?\b|electromyogram/g, "electromyography"],
  [/\blfts?\b|liver function( tests?)?|liver panel|hepatic panel/g, "liver function tests"],
  [/\bua\b|urine analysis|urinalysis/g, "urinalysis"],
  [/\bbmp\b|\bcmp\b|\bu e\b|electrolytes|chem(istry)? ?(7|panel)?\b|metabolic panel|serum chemistr(y|ies)|biochemistry/g, "chemistry panel"],
  [/\babg\b|blood gas(es)?/g, "blood gas"],
  [/\btft\b|thyroid function( tests?)?|\btsh\b/g, "thyroid function tests"],
  [/\bechocardiograph?y?\b|\becho\b/g, "echocardiogram"],
  [/\bus\b|ultrasonograph?y|sonograph?y|sonogram/g, "ultrasound"],
  [/neurologic(al)?\b|\bneuro\b/g, "neurological"],
  [/cardiovascular|cardiac|\bheart\b|cardiopulmonary/g, "cardiovascular"],
  [/respiratory|pulmonary|\blungs?\b|\bchest\b/g, "respiratory chest"],
  [/dermatologic(al)?|\bskin\b/g, "skin"],
  [/ophthalm(ic|ologic(al)?)|\beyes?\b/g, "eye"],
  [/abdominal|abdomen/g, "abdominal"],
];

const EXAM_NOISE = new Set(["examination", "exam", "findings", "system", "test", "tests", "result", "results", "level", "levels", "study", "studies", "of", "the", "and", "with", "for"]);

function testTokens(s: string): Set<string> {
  let t = normKey(s);
  for (const [re, to] of TEST_SYNONYMS) t = t.replace(re, to);
  return new Set(t.split(" ").filter((w) => w && !EXAM_NOISE.has(w)));
}

/** Whether a requested test or system names a section of the case (all words of one inside the other). */
function keyMatches(request: string, key: string): boolean {
  const a = testTokens(request);
  const b = testTokens(key);
  if (a.size === 0 || b.size === 0) return normKey(request) === normKey(key);
  return [...a].every((t) => b.has(t)) || [...b].every((t) => a.has(t));
}

/** Every node of a findings tree whose key (or key path) matches the request; a matched node's subtree is not searched again. */
function findNodes(tree: FindingTree, request: string, path: string[] = []): { path: string[]; node: Finding }[] {
  const out: { path: string[]; node: Finding }[] = [];
  for (const [k, v] of Object.entries(tree)) {
    const p = [...path, k];
    if (keyMatches(request, k) || (path.length > 0 && keyMatches(request, p.join(" ")))) out.push({ path: p, node: v });
    else if (isTree(v)) out.push(...findNodes(v, request, p));
  }
  return out;
}

function renderNode(path: string[], node: Finding): string {
  const head = path.map(label).join(" > ");
  return isTree(node) || Array.isArray(node) ? `${head}:\n${indent(findingToText(node))}` : `${head}: ${findingToText(node)}`;
}

const indent = (s: string) => s.split("\n").map((l) => `  ${l}`).join("\n");

const IMAGING_KEY = /x.?ray|radiograph|\bct\b|computed|mri|magnetic|ultrasound|sonograph|imaging|echo|scan|angiogra|mammogra|doppler|fluoro|barium|endoscop|colonoscop|cystoscop|anoscop|electrocardiogram|\becg\b|\bekg\b|electroencephalogram|\beeg\b|electromyograph|\bemg\b|radiology|spirometr|audiometr|hearing|vestibular|ophthalmolog|slit/i;

export function isImagingKey(key: string): boolean {
  return IMAGING_KEY.test(label(key));
}

export interface AgentClinicOptions {
  /** Registry name of the domain (default "clinical_diagnosis", as the case format asks). */
  name?: string;
}

export function agentClinicDomain(file: string, opts: AgentClinicOptions = {}): Domain<OsceState> {
  const cases = parseAgentClinicFile(file);
  const byId = new Map(cases.map((c) => [c.id, c]));
  const variantCache = new Map<string, string[]>();
  const variantsOf = (dx: string) => {
    let v = variantCache.get(dx);
    if (!v) variantCache.set(dx, (v = diagnosisVariants(dx)));
    return v;
  };
  const name = opts.name ?? "clinical_diagnosis";
  const source = basename(file);

  const caseOf = (ctx: Ctx, id: string): OsceCase => {
    if (id.trim() !== ctx.state.caseId) throw new ToolError(`No patient with id "${id}" in this station. The patient is ${ctx.state.caseId}.`);
    return byId.get(ctx.state.caseId)!;
  };
  const pid = z.string().min(1).max(80).describe("Patient (case) identifier from the request");

  const getPatientInfo = defineTool({
    name: "get_patient_info",
    description: "The patient's demographics and the reason for the consultation.",
    kind: "read",
    parameters: z.object({ patient_id: pid }),
    execute({ patient_id }, ctx: Ctx) {
      const c = caseOf(ctx, patient_id);
      return `${ctx.state.caseId}: ${c.patient.demographics}.\nPresenting problem: ${c.patient.primarySymptom}.`;
    },
  });
  const getPatientHistory = defineTool({
    name: "get_patient_history",
    description: "Take the history: presenting illness, symptoms, past medical, social and drug history and review of systems.",
    kind: "read",
    parameters: z.object({ patient_id: pid }),
    execute({ patient_id }, ctx: Ctx) {
      const c = caseOf(ctx, patient_id);
      const p = c.patient;
      const lines = [
        `History: ${p.history}`,
        `Main symptom: ${p.primarySymptom}`,
        `Other symptoms: ${p.secondarySymptoms.length ? p.secondarySymptoms.join("; ") : "none"}`,
        `Past medical history: ${findingToText(p.pastMedicalHistory)}`,
        `Social history: ${findingToText(p.socialHistory)}`,
        `Review of systems: ${findingToText(p.reviewOfSystems)}`,
      ];
      for (const [k, v] of Object.entries(p.other)) lines.push(`${label(k)}: ${findingToText(v)}`);
      return lines.join("\n");
    },
  });
  const getVitalSigns = defineTool({
    name: "get_vital_signs",
    description: "The vital signs recorded at this visit.",
    kind: "read",
    parameters: z.object({ patient_id: pid }),
    execute({ patient_id }, ctx: Ctx) {
      const c = caseOf(ctx, patient_id);
      const nodes = [...findNodes(c.physicalExam, "vital signs"), ...findNodes(c.testResults, "vital signs")];
      if (nodes.length === 0) return "Vital signs: not recorded for this visit.";
      return nodes.map((n) => renderNode(n.path, n.node)).join("\n");
    },
  });
  const performPhysicalExam = defineTool({
    name: "perform_physical_exam",
    description: "Examine the patient. Name the systems or regions to examine (e.g. \"neurological\", \"abdominal\", \"skin\", \"cardiovascular\"), or \"complete\" for a full examination.",
    kind: "read",
    parameters: z.object({
      patient_id: pid,
      systems: z.array(z.string().min(2).max(60)).min(1).max(12).describe("Systems or regions to examine, or [\"complete\"]"),
    }),
    execute({ patient_id, systems }, ctx: Ctx) {
      const c = caseOf(ctx, patient_id);
      const exam = Object.fromEntries(Object.entries(c.physicalExam).filter(([k]) => !keyMatches("vital signs", k)));
      const out: string[] = [];
      const shown = new Set<string>();
      for (const s of systems) {
        if (/^(complete|full|all|general physical|head to toe)( exam(ination)?)?$/i.test(s.trim())) {
          for (const [k, v] of Object.entries(exam)) {
            if (shown.has(k)) continue;
            shown.add(k);
            out.push(renderNode([k], v));
          }
          continue;
        }
        const hits = findNodes(exam, s).filter((h) => !shown.has(h.path.join(">")));
        if (hits.length === 0) out.push(`${s} examination: no abnormality documented.`);
        for (const h of hits) {
          shown.add(h.path.join(">"));
          out.push(renderNode(h.path, h.node));
        }
      }
      return out.length ? out.join("\n") : "Examination: no abnormality documented.";
    },
  });
  const orderTool = (toolName: "order_lab_test" | "order_imaging", description: string) =>
    defineTool({
      name: toolName,
      description,
      kind: "write",
      parameters: z.object({
        patient_id: pid,
        tests: z.array(z.string().min(2).max(80)).min(1).max(20).describe(toolName === "order_imaging" ? "Studies to order, e.g. [\"chest x-ray\", \"MRI brain\"]" : "Tests to order, e.g. [\"complete blood count\", \"urinalysis\"]"),
      }),
      execute({ patient_id, tests }, ctx: Ctx) {
        const c = caseOf(ctx, patient_id);
        const out: string[] = [];
        for (const t of tests) {
          const hits = findNodes(c.testResults, t).filter((h) => !keyMatches("vital signs", h.path[h.path.length - 1]!));
          ctx.state.ordered.push({ test: t, found: hits.map((h) => h.path.join(" > ")), turn: ctx.turn });
          ctx.record({ type: "order", code: toolName === "order_imaging" ? "imaging_order" : "lab_order", detail: `${c.id}: ${t}${hits.length ? "" : " (not in case)"}` });
          if (hits.length === 0) out.push(`${t}: normal (no abnormality reported).`);
          else out.push(...hits.map((h) => renderNode(h.path, h.node)));
        }
        return out.join("\n");
      },
    });
  const recordDiagnosis = defineTool({
    name: "record_diagnosis",
    description: "Record a working diagnosis in the notes.",
    kind: "write",
    parameters: z.object({ patient_id: pid, diagnosis: z.string().min(2).max(200).describe("Diagnosis name") }),
    execute({ patient_id, diagnosis }, ctx: Ctx) {
      caseOf(ctx, patient_id);
      ctx.state.diagnoses.push({ diagnosis, turn: ctx.turn });
      ctx.record({ type: "diagnosis", code: "diagnosis_working", detail: diagnosis });
      return `Working diagnosis recorded: ${diagnosis}.`;
    },
  });
  const submitAnswer = defineTool({
    name: "submit_answer",
    description: "Submit the single most likely diagnosis. Ends the consultation.",
    kind: "terminal",
    parameters: z.object({
      diagnosis: z.string().min(2).max(200).describe("The most likely diagnosis"),
      rationale: z.string().max(2000).optional().describe("Key findings supporting it"),
    }),
    execute({ diagnosis }, ctx: Ctx) {
      const c = byId.get(ctx.state.caseId)!;
      ctx.record({ type: "diagnosis", code: "submitted_diagnosis", detail: diagnosis.slice(0, 200) });
      // Synonym-tolerant grading (header rule): a matching answer is graded as the case's label.
      ctx.submit(agentClinicDiagnosisMatch(diagnosis, c.correctDiagnosis, variantsOf(c.correctDiagnosis)) ? c.correctDiagnosis : diagnosis);
      return `Diagnosis submitted: ${diagnosis}.`;
    },
  });

  const tools = [
    getPatientInfo,
    getPatientHistory,
    getVitalSigns,
    performPhysicalExam,
    orderTool("order_lab_test", "Order laboratory, pathology or microbiology tests (blood tests, urinalysis, biopsies, cultures, serology, genetic tests) and receive the results."),
    orderTool("order_imaging", "Order imaging or physiological studies (x-ray, CT, MRI, ultrasound, echocardiogram, ECG, EEG, EMG, endoscopy) and receive the reports."),
    recordDiagnosis,
    thinkTool<OsceState>(),
    submitAnswer,
  ];

  const tasks = (): Task[] =>
    cases.map((c, i) => {
      const variants = variantsOf(c.correctDiagnosis);
      const cond = profilesNamed(variants)[0];
      const testKeys = Object.keys(c.testResults).filter((k) => !keyMatches("vital signs", k));
      return {
        id: c.id,
        domain: name,
        split: "test",
        description: { purpose: "AgentClinic OSCE station: diagnose through history, examination and investigations.", difficulty: "hard", keyChallenges: ["ask for the history and examination", "order the investigations the case needs", "name one diagnosis"] },
        userScenario: { persona: "OSCE examiner", instructions: c.objective },
        ticket: `OSCE station (patient ${c.id}): ${c.objective} The patient is a ${c.patient.demographics}. Take a history, examine, order the investigations you need and submit the single most likely diagnosis.`,
        evaluationCriteria: {
          actions: [
            { actionId: "history", name: "get_patient_history", arguments: { patient_id: c.id } },
            { actionId: "exam", name: "perform_physical_exam", arguments: { patient_id: c.id }, compareArgs: ["patient_id"] },
            ...testKeys.map((k, j) => ({ actionId: `test${j}`, name: isImagingKey(k) ? "order_imaging" : "order_lab_test", arguments: { patient_id: c.id, tests: [label(k)] }, compareArgs: ["patient_id"] })),
            { actionId: "submit", name: "submit_answer", arguments: { diagnosis: c.correctDiagnosis }, compareArgs: ["diagnosis"] },
          ],
          nlAssertions: [`The agent diagnoses ${c.correctDiagnosis}.`],
          mustMention: [c.patient.primarySymptom],
          safety: [],
          rewardBasis: ["accuracy", "process", "format"],
        },
        answer: { kind: "label", value: c.correctDiagnosis, accepted: variants.filter((v) => v !== c.correctDiagnosis) },
        caseId: c.id,
        caseSeed: i,
        meta: { source, line: i + 1, diagnosis: c.correctDiagnosis, condition: cond?.id ?? `agentclinic:${normalizeDiagnosis(c.correctDiagnosis)}` },
      };
    });

  return defineDomain<OsceState>({
    name,
    title: `AgentClinic OSCE cases (${source})`,
    description: "OSCE-style diagnostic consultations imported from an AgentClinic case file.",
    policy: AGENTCLINIC_POLICY,
    tools,
    tasks,
    createState: (task) => ({ caseId: task.caseId!, ordered: [], diagnoses: [] }),
    expert: (task) => agentClinicExpert(byId.get(task.caseId!)!),
  });
}

const AGENTCLINIC_POLICY = `# OSCE diagnostic station

You are the doctor in an objective structured clinical examination. The request names the patient
(the case id) and the reason for the visit.

- Take the history (get_patient_info, get_patient_history), check the vital signs and examine the
  relevant systems (perform_physical_exam; "complete" examines everything).
- Order the investigations you need: order_lab_test for laboratory, pathology and microbiology,
  order_imaging for imaging and physiological studies. A test the station has no result for comes
  back normal.
- Call exactly one tool per turn, as JSON: {"name": "<tool>", "arguments": {...}}.
- Finish with submit_answer naming one diagnosis (not a list, not "X or Y").
`;

/**
 * The AgentClinic expert reads the case (it is the examiner's key) but plays the station properly:
 * demographics, history, vitals, the examination sections, the laboratory tests in one order and
 * each imaging study, then the diagnosis, within the turn limit.
 */
function agentClinicExpert(c: OsceCase): Policy {
  const testKeys = Object.keys(c.testResults).filter((k) => !keyMatches("vital signs", k));
  const labs = testKeys.filter((k) => !isImagingKey(k)).map(label);
  const imaging = testKeys.filter(isImagingKey).map(label);
  const sections = Object.keys(c.physicalExam).filter((k) => !keyMatches("vital signs", k)).map(label);
  // Vary the closing steps by case so every tool of the domain is exercised.
  const extra = hashString(c.id) % 3;
  let queue: Action[] = [];
  const build = () => {
    queue = [
      { name: "get_patient_info", arguments: { patient_id: c.id } },
      { name: "get_patient_history", arguments: { patient_id: c.id } },
      { name: "get_vital_signs", arguments: { patient_id: c.id } },
      { name: "perform_physical_exam", arguments: { patient_id: c.id, systems: sections.length ? sections.slice(0, 12) : ["complete"] } },
      ...(labs.length ? [{ name: "order_lab_test", arguments: { patient_id: c.id, tests: labs.slice(0, 20) } }] : []),
      ...imaging.map((s) => ({ name: "order_imaging", arguments: { patient_id: c.id, tests: [s] } })),
    ];
  };
  build();
  let closed = false;
  return {
    name: "agentclinic_expert",
    reset() {
      build();
      closed = false;
    },
    act(ctx: PolicyContext): Action {
      const remaining = ctx.info.maxTurns - ctx.turn + 1;
      const reserve = extra === 0 ? 1 : 2;
      if (queue.length && remaining > reserve) return queue.shift()!;
      if (!closed && extra !== 0 && remaining > 1) {
        closed = true;
        return extra === 1
          ? { name: "record_diagnosis", arguments: { patient_id: c.id, diagnosis: c.correctDiagnosis } }
          : { name: "think", arguments: { thought: `History, examination and ${labs.length + imaging.length} investigations reviewed; the findings fit ${c.correctDiagnosis}.` } };
      }
      return { name: "submit_answer", arguments: { diagnosis: c.correctDiagnosis } };
    },
  };
}
