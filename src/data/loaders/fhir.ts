/**
 * Synthea FHIR R4 bulk-data sample (one ndjson file per resource type) and the MedAgentBench
 * task definitions that sit beside it in the mirror.
 */
import { DataFormatError } from "../errors.js";
import { iterateJsonLines, readJson, readJsonLines } from "../read.js";
import { getDataset } from "../registry.js";
import { resolveDataFile } from "../resolve.js";

/** The minimum every FHIR resource has; the rest of the resource is kept untyped. */
export interface FhirResource {
  resourceType: string;
  id: string;
  [field: string]: unknown;
}

const NDJSON = /^fhir\/([A-Za-z]+)\.(\d+)\.ndjson$/;

/** Resource types with a bulk file in the dataset, sorted. */
export function listFhirResourceTypes(): string[] {
  const types = new Set<string>();
  for (const f of getDataset("synthea-fhir").files) {
    const m = NDJSON.exec(f.path);
    if (m) types.add(m[1]!);
  }
  return [...types].sort();
}

function filesOf(resourceType: string): string[] {
  const files = getDataset("synthea-fhir")
    .files.map((f) => f.path)
    .filter((p) => NDJSON.exec(p)?.[1] === resourceType)
    .sort();
  if (files.length === 0) {
    throw new Error(`No FHIR bulk file for resource type "${resourceType}"; available: ${listFhirResourceTypes().join(", ")}`);
  }
  return files;
}

/** Streams the resources of one type (all its numbered bulk files, in order). */
export async function* iterateFhirResources(resourceType: string): AsyncGenerator<FhirResource> {
  for (const rel of filesOf(resourceType)) {
    const path = await resolveDataFile("synthea-fhir", rel);
    let line = 0;
    for await (const r of iterateJsonLines<FhirResource>(path)) {
      line++;
      if (r.resourceType !== resourceType || typeof r.id !== "string") {
        throw new DataFormatError(path, `line ${line}: expected a ${resourceType} resource with an id, got resourceType "${String(r.resourceType)}"`);
      }
      yield r;
    }
  }
}

export async function loadFhirResources(resourceType: string): Promise<FhirResource[]> {
  const out: FhirResource[] = [];
  for await (const r of iterateFhirResources(resourceType)) out.push(r);
  return out;
}

/** Resource count per type, e.g. { Patient: 13, Encounter: 1215, ... }. */
export async function countFhirResources(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of listFhirResourceTypes()) {
    let n = 0;
    for await (const _ of iterateFhirResources(t)) n++;
    out[t] = n;
  }
  return out;
}

// ---------------------------------------------------------------- MedAgentBench

export interface MedAgentBenchTask {
  /** e.g. "task3_12". */
  id: string;
  /** Task family, e.g. "task3" (10 families). */
  family: string;
  instruction: string;
  /** Extra context such as the current time; "" when none. */
  context: string;
  /** Reference answers for query tasks; null for tasks graded by inspecting the FHIR server. */
  sol: string[] | null;
  /** MRN of the patient the task is about. */
  evalMrn: string;
}

export interface MedAgentBenchFunction {
  /** e.g. "GET {api_base}/Condition". */
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

interface TaskRaw {
  id: string;
  instruction: string;
  context: string;
  sol: unknown;
  eval_MRN: string;
}

export async function loadMedAgentBenchTasks(split: "train" | "test"): Promise<MedAgentBenchTask[]> {
  if (split !== "train" && split !== "test") throw new Error(`MedAgentBench split must be "train" or "test", got "${String(split)}"`);
  const path = await resolveDataFile("medagentbench", `fhir/${split}_tasks.jsonl`);
  const rows = await readJsonLines<TaskRaw>(path);
  return rows.map((r, i) => {
    const m = /^(task\d+)_\d+$/.exec(r.id);
    if (!m) throw new DataFormatError(path, `line ${i + 1}: task id "${r.id}" is not task<N>_<M>`);
    if (r.sol !== null && (!Array.isArray(r.sol) || r.sol.some((s) => typeof s !== "string"))) {
      throw new DataFormatError(path, `line ${i + 1}: sol must be null or a list of strings`);
    }
    return {
      id: r.id,
      family: m[1]!,
      instruction: r.instruction,
      context: r.context ?? "",
      sol: r.sol as string[] | null,
      evalMrn: r.eval_MRN,
    };
  });
}

export async function loadMedAgentBenchFunctions(): Promise<MedAgentBenchFunction[]> {
  const path = await resolveDataFile("medagentbench", "fhir/funcs_v1.json");
  const funcs = readJson<MedAgentBenchFunction[]>(path);
  if (!Array.isArray(funcs)) throw new DataFormatError(path, "expected a JSON array of function definitions");
  funcs.forEach((f, i) => {
    if (typeof f.name !== "string" || typeof f.description !== "string" || typeof f.parameters !== "object") {
      throw new DataFormatError(path, `function ${i} lacks name/description/parameters`);
    }
  });
  return funcs;
}
