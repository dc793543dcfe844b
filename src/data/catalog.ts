/**
 * The built-in dataset declarations: one entry per dataset of the offline mirror
 * (../shared/data/README.md). File paths are relative to the mirror root, and the cache
 * (MEDGYM_DATA_DIR) uses the same layout. Checksums and sizes come from the generated
 * ./mirror-checksums.ts (scripts/data-checksums.ts), so every file can be verified.
 *
 * downloadUrl is set only where the upstream serves the exact same bytes without a login
 * (verified against the pinned sha256 after download); other files must be placed by hand.
 */
import { MIRROR_CHECKSUMS } from "./mirror-checksums.js";
import type { DatasetFile, DatasetSpec } from "./registry.js";

function file(path: string, downloadUrl?: string): DatasetFile {
  const sum = MIRROR_CHECKSUMS[path];
  const out: DatasetFile = { path };
  if (sum) {
    out.sha256 = sum[0];
    out.bytes = sum[1];
  }
  if (downloadUrl) out.downloadUrl = downloadUrl;
  return out;
}

/** Every checksummed file under a folder; `urlFor` may return "" for files without a public URL. */
function filesUnder(prefix: string, urlFor?: (path: string) => string): DatasetFile[] {
  return Object.keys(MIRROR_CHECKSUMS)
    .filter((p) => p.startsWith(prefix))
    .sort()
    .map((p) => file(p, urlFor?.(p)));
}

const gh = (repo: string, ref: string, path: string): string =>
  `https://raw.githubusercontent.com/${repo}/${ref}/${path.split("/").map(encodeURIComponent).join("/")}`;

const basename = (p: string): string => p.slice(p.lastIndexOf("/") + 1);

const VQA_RAD_COMMIT = "b55ea1ce322a3b73c795f3d0cb2b5d0554c2c745";
const PATHVQA_COMMIT = "1a9a7902c1933687ac5c8021280f45d9f1cc9c5d";
const PNEUMONIA_COMMIT = "9361a718d67e8a40f1ef8929db8c5682add8bd70";

export const CATALOG: DatasetSpec[] = [
  {
    name: "medqa-usmle",
    title: "MedQA-USMLE 4-option test",
    description: "USMLE-style clinical vignettes with 4 options (test split, 1,273 items).",
    licence: "MIT",
    sourceUrl: "https://github.com/jind11/MedQA",
    files: [
      file("mcqa/medqa/data_clean/questions/US/4_options/phrases_no_exclude_test.jsonl"),
      file("mcqa/medqa/LICENSE"),
    ],
    records: { test: 1273 },
  },
  {
    name: "medmcqa",
    title: "MedMCQA dev",
    description: "Indian medical entrance exam questions (AIIMS/NEET PG), 4 options, with explanations; dev split as JSON lines.",
    licence: "MIT",
    sourceUrl: "https://github.com/medmcqa/medmcqa",
    files: [file("mcqa/medmcqa/data/dev.json"), file("mcqa/medmcqa/LICENSE.md")],
    records: { dev: 4183 },
  },
  {
    name: "mmlu-medical",
    title: "MMLU medical subjects",
    description: "Six medical MMLU test subjects as header-less CSV (question, A, B, C, D, answer).",
    licence: "MIT",
    sourceUrl: "https://github.com/hendrycks/test",
    files: [...filesUnder("mcqa/mmlu/data/test/"), file("mcqa/mmlu/LICENSE")],
    records: {
      anatomy: 135,
      clinical_knowledge: 265,
      college_biology: 144,
      college_medicine: 173,
      medical_genetics: 100,
      professional_medicine: 272,
    },
  },
  {
    name: "pubmedqa",
    title: "PubMedQA labelled set (PQA-L)",
    description: "1,000 expert-labelled yes/no/maybe questions over PubMed abstracts, and the 500-question test split.",
    licence: "MIT",
    sourceUrl: "https://github.com/pubmedqa/pubmedqa",
    files: [
      file("mcqa/pubmedqa/ori_pqal.json", gh("pubmedqa/pubmedqa", "HEAD", "data/ori_pqal.json")),
      file("mcqa/pubmedqa/test_ground_truth.json", gh("pubmedqa/pubmedqa", "HEAD", "data/test_ground_truth.json")),
      file("mcqa/pubmedqa/mirage_test_set.json"),
      file("mcqa/pubmedqa/LICENSE", gh("pubmedqa/pubmedqa", "HEAD", "LICENSE")),
    ],
    records: { labelled: 1000, test: 500 },
  },
  {
    name: "bioasq",
    title: "BioASQ Task B golden 7B-11B",
    description: "Biomedical questions (yes/no, factoid, list, summary) with gold PubMed documents and snippets.",
    licence: "BioASQ terms of use (CC BY 2.5)",
    sourceUrl: "http://participants-area.bioasq.org/datasets/",
    files: filesUnder("mcqa/bioasq/"),
    records: { questions: 2310, yesno: 618 },
  },
  {
    name: "mmlu-pro-health",
    title: "MMLU-Pro health",
    description: "MMLU-Pro health category (deduplicated), up to 10 options A-J.",
    licence: "MIT",
    sourceUrl: "https://github.com/TIGER-AI-Lab/MMLU-Pro",
    files: [file("mcqa/mmlu_pro_health/test_health.json"), file("mcqa/mmlu_pro_health/validation_health.json")],
    records: { test: 553, validation: 3 },
  },
  {
    name: "medlfqa",
    title: "MedLFQA (KQA Golden, KQA Silver, LiveQA, MedicationQA)",
    description: "Long-form medical QA with Must_have / Nice_to_have statements; the plain *_test.jsonl files are the original QA files.",
    licence: "see upstream (K-QA MIT; LiveQA/MedicationQA NLM)",
    sourceUrl: "https://github.com/dmis-lab/OLAPH",
    files: [
      "kqa_golden_test_MedLFQA.jsonl",
      "kqa_silver_wogold_test_MedLFQA.jsonl",
      "live_qa_test_MedLFQA.jsonl",
      "medication_qa_test_MedLFQA.jsonl",
      "kqa_golden_test.jsonl",
      "kqa_silver_test.jsonl",
    ]
      .map((n) => file(`lfqa/${n}`, gh("dmis-lab/OLAPH", "HEAD", `MedLFQA/${n}`)))
      .concat([file("lfqa/live_qa_test.jsonl"), file("lfqa/medication_qa_test.jsonl")]),
    records: { kqa_golden: 201, kqa_silver: 904, live_qa: 100, medication_qa: 666 },
  },
  {
    name: "healthsearchqa",
    title: "HealthSearchQA questions",
    description: "Consumer health search questions only (no reference answers); the file's 4,436 lines hold 3,173 questions (1,263 empty lines).",
    licence: "see upstream",
    sourceUrl: "https://github.com/dmis-lab/OLAPH",
    files: [file("lfqa/healthsearch_qa_test.jsonl", gh("dmis-lab/OLAPH", "HEAD", "MedLFQA/healthsearch_qa_test.jsonl"))],
    records: { questions: 3173 },
  },
  {
    name: "agentclinic-medqa",
    title: "AgentClinic OSCE cases (MedQA)",
    description: "OSCE-style cases: objective, patient actor, physical exam, test results, correct diagnosis.",
    licence: "MIT",
    sourceUrl: "https://github.com/SamuelSchmidgall/AgentClinic",
    files: [
      file("cases/agentclinic_medqa.jsonl", gh("SamuelSchmidgall/AgentClinic", "HEAD", "agentclinic_medqa.jsonl")),
      file("cases/LICENSE.txt", gh("SamuelSchmidgall/AgentClinic", "HEAD", "LICENSE.txt")),
    ],
    records: { cases: 107 },
  },
  {
    name: "medcalc-methods",
    title: "MedCalc-Bench calculator methods",
    description: "Short and long method summary for each of the 55 MedCalc-Bench calculators.",
    licence: "CC BY-SA 4.0",
    sourceUrl: "https://github.com/ncbi-nlp/MedCalc-Bench",
    files: [file("medcalc/calculation_method.jsonl")],
    records: { methods: 55 },
  },
  {
    name: "medcalc-bench",
    title: "MedCalc-Bench v1.2 sample (3 rows per calculator)",
    description: "Patient note, question, Relevant Entities (Python-literal dict), ground truth with limits, explanation.",
    licence: "CC BY-SA 4.0",
    sourceUrl: "https://github.com/ncbi-nlp/MedCalc-Bench",
    files: [file("medcalc/medcalc_bench_dev.csv")],
    records: { rows: 164 },
  },
  {
    name: "mimic-iv-demo",
    title: "MIMIC-IV Clinical Database Demo 2.2",
    description: "100 de-identified patients (hosp + icu modules as CSV.gz; icu/chartevents absent).",
    licence: "ODbL 1.0",
    sourceUrl: "https://physionet.org/content/mimic-iv-demo/2.2/",
    files: filesUnder("ehr/mimic_iv_demo/", (p) => `https://physionet.org/files/mimic-iv-demo/2.2/${p.slice("ehr/mimic_iv_demo/".length)}`),
    records: { patients: 100, admissions: 275, labevents: 107727, prescriptions: 18087, icustays: 140 },
  },
  {
    name: "synthea-fhir",
    title: "Synthea FHIR R4 bulk sample",
    description: "Synthetic patients as FHIR bulk-data ndjson, one file per resource type (no Observation resources).",
    licence: "CC0",
    sourceUrl: "https://github.com/smart-on-fhir/sample-bulk-fhir-datasets",
    files: [
      ...filesUnder("fhir/").filter((f) => /^fhir\/[A-Za-z]+\.\d+\.ndjson$/.test(f.path) || f.path === "fhir/log.ndjson"),
      file("fhir/LICENSE"),
      file("fhir/README_license_excerpt.txt"),
    ],
    records: {
      Patient: 13,
      Encounter: 1215,
      DocumentReference: 1215,
      MedicationRequest: 1745,
      Condition: 555,
      Procedure: 2056,
      Immunization: 161,
      AllergyIntolerance: 11,
      Device: 16,
      Location: 44,
      Organization: 43,
      Practitioner: 43,
      PractitionerRole: 43,
    },
  },
  {
    name: "medagentbench",
    title: "MedAgentBench tasks",
    description: "FHIR API agent tasks (train/test) and the function definitions; answers refer to a FHIR server not included here.",
    licence: "none stated",
    sourceUrl: "https://github.com/stanfordmlgroup/MedAgentBench",
    files: [file("fhir/train_tasks.jsonl"), file("fhir/test_tasks.jsonl"), file("fhir/funcs_v1.json")],
    records: { train: 240, test: 60, functions: 9 },
  },
  {
    name: "icd10cm",
    title: "ICD-10-CM codes (CMS, January 2021 order file)",
    description: "code,billable,short,long; codes without the dot.",
    licence: "US public domain",
    sourceUrl: "https://www.cms.gov/medicare/coding-billing/icd-10-codes",
    files: [file("codes/icd10cm-order-Jan-2021.csv.gz")],
    records: { codes: 95358 },
  },
  {
    name: "icd-gem",
    title: "ICD-9 to ICD-10 general equivalence mappings (CMS)",
    description: "Diagnosis (CM) and procedure (PCS) GEMs: icd_9, icd_10, flags (approximate, no map, combination, scenario, choice list).",
    licence: "US public domain",
    sourceUrl: "https://www.cms.gov/medicare/coding-billing/icd-10-codes",
    files: [file("codes/icd_cm_9_to_10_mapping.csv.gz"), file("codes/icd_pcs_9_to_10_mapping.csv.gz")],
    records: { cm: 25342, pcs: 75457 },
  },
  {
    name: "lab-reference-ranges",
    title: "Lab reference ranges derived from MIMIC-IV demo",
    description: "Modal reference range per lab item (itemid, label, fluid, category, ref_low, ref_high, unit, n_obs).",
    licence: "ODbL 1.0 (derived)",
    sourceUrl: "https://physionet.org/content/mimic-iv-demo/2.2/",
    files: [file("codes/lab_reference_ranges_mimiciv_demo.csv")],
    records: { items: 224 },
  },
  {
    name: "ddi-corpus",
    title: "DDI Extraction 2013 corpus",
    description: "DrugBank and MEDLINE sentences with drug mentions and annotated pairs (mechanism/effect/advise/int).",
    licence: "CC BY-NC 4.0 (non-commercial)",
    sourceUrl: "https://github.com/isegura/DDICorpus",
    files: [
      file("ddi/DDICorpus-2013.zip", gh("isegura/DDICorpus", "HEAD", "DDICorpus-2013.zip")),
      file("ddi/README", gh("isegura/DDICorpus", "HEAD", "README")),
    ],
    records: { documents: 1017, pairs: 34449 },
  },
  {
    name: "medquad",
    title: "MedQuAD (answered subset)",
    description: "Consumer-health QA pairs from NIH websites: {id, qtype, focus, question, answer}.",
    licence: "CC BY 4.0",
    sourceUrl: "https://github.com/abachaa/MedQuAD",
    files: [file("corpus/medquad_qa.jsonl"), file("corpus/LICENSE.txt"), file("corpus/readme.txt")],
    records: { qa: 16407 },
  },
  {
    name: "bc5cdr",
    title: "BioCreative V CDR corpus",
    description: "PubMed abstracts in PubTator format with chemical/disease mentions and CID relations.",
    licence: "NCBI public domain notice",
    sourceUrl: "https://biocreative.bioinformatics.udel.edu/tasks/biocreative-v/track-3-cdr/",
    files: filesUnder("corpus/bc5cdr/"),
    records: { abstracts: 1500 },
  },
  {
    name: "passages-small",
    title: "Small passage corpus",
    description: "One JSON line per passage {id, source, title, text}, assembled from the other sets (see the leakage warning in the mirror README).",
    licence: "mixed: per source",
    sourceUrl: "https://github.com/abachaa/MedQuAD",
    files: [file("corpus/passages_small_corpus.jsonl.gz")],
    records: { passages: 70358 },
  },
  {
    name: "vqa-rad",
    title: "VQA-RAD",
    description: "Radiology VQA: 315 MedPix images and 2,248 QA; test split = phrase_type starting with test_.",
    licence: "CC0 1.0",
    sourceUrl: "https://osf.io/89kps/",
    files: filesUnder("vqa/vqa_rad/", (p) => {
      const rel = p.slice("vqa/vqa_rad/".length);
      if (rel.startsWith("images/")) return gh("jingweii97/vqa_rad", VQA_RAD_COMMIT, `input/VQA_RAD Image Folder/${basename(rel)}`);
      if (rel === "SHA256SUMS" || rel === "SOURCE.md") return "";
      return gh("jingweii97/vqa_rad", VQA_RAD_COMMIT, `input/${rel}`);
    }),
    records: { qa: 2248, train: 1797, test: 451, closed: 1299, open: 949, images: 315 },
  },
  {
    name: "pathvqa-subset",
    title: "PathVQA test subset",
    description: "First 250 distinct images of the PathVQA test split and their 2,234 QA rows.",
    licence: "MIT (dataset); image copyright unclear",
    sourceUrl: "https://github.com/UCSD-AI4H/PathVQA",
    files: filesUnder("vqa/pathvqa_test_subset/", (p) =>
      p.includes("/images/")
        ? gh(
            "Abdallahkhale/Enhanced-BTIA-AD-Net-for-Medical-Visual-Question-Answering",
            PATHVQA_COMMIT,
            `data/pathvqa/images/test/${basename(p)}`,
          )
        : "",
    ),
    records: { qa: 2234, images: 250 },
  },
  {
    name: "pneumoniamnist",
    title: "PneumoniaMNIST",
    description: "28x28 grayscale paediatric chest X-rays, labels 0=normal 1=pneumonia (train split modified upstream).",
    licence: "CC BY 4.0",
    sourceUrl: "https://medmnist.com/",
    files: [
      file("vqa/pneumoniamnist/pneumoniamnist.npz", gh("varun19424/pneumonia_mnist", PNEUMONIA_COMMIT, "data/pneumoniamnist.npz")),
      file("vqa/pneumoniamnist/SHA256SUMS"),
      file("vqa/pneumoniamnist/SOURCE.md"),
    ],
    records: { train: 3882, val: 524, test: 624 },
  },
  {
    name: "hunspell-en-med",
    title: "Hunspell English medical word list",
    description: "OpenMedSpel-derived hunspell dictionary (hunspell-en-med-glut), words with affix flags; 90,142 entries in a 90,159-line file.",
    licence: "GPL-3+",
    sourceUrl: "https://github.com/Glutanimate/hunspell-en-med-glut",
    files: [file("lexicon/en_med_glut.dic"), file("lexicon/hunspell-en-med.copyright")],
    records: { words: 90142 },
  },
];
