/**
 * MedCalc-Bench: the method summary of each of the 55 calculators, and the v1.2 sample rows
 * (3 per calculator, 164) with patient note, question, extracted entities and ground truth.
 */
import { DataFormatError } from "../errors.js";
import { parsePythonLiteral, type PyValue } from "../python-literal.js";
import { readCsvObjects, readJsonLines } from "../read.js";
import { resolveDataFile } from "../resolve.js";

export interface MedCalcMethod {
  calculator: string;
  shortSummary: string;
  longSummary: string;
}

export async function loadMedCalcMethods(): Promise<MedCalcMethod[]> {
  const path = await resolveDataFile("medcalc-methods", "medcalc/calculation_method.jsonl");
  const rows = await readJsonLines<Record<string, string>>(path);
  return rows.map((r, i) => {
    for (const k of ["Calculator", "Short Summary", "Long Summary"]) {
      if (typeof r[k] !== "string") throw new DataFormatError(path, `line ${i + 1}: missing "${k}"`);
    }
    return { calculator: r.Calculator!, shortSummary: r["Short Summary"]!, longSummary: r["Long Summary"]! };
  });
}

export type MedCalcOutputType = "decimal" | "integer" | "date";

export interface MedCalcRow {
  rowNumber: number;
  calculatorId: number;
  calculatorName: string;
  /** lab, risk, physical, severity, diagnosis, date, dosage. */
  category: string;
  outputType: MedCalcOutputType;
  noteId: string;
  /** "Extracted" (from a PMC case report) or "Template" (synthetic). */
  noteType: string;
  patientNote: string;
  question: string;
  /** The "Relevant Entities" cell exactly as in the CSV (a Python dict literal). */
  relevantEntitiesRaw: string;
  /** The same, parsed: values are [number, unit] pairs, strings, booleans, ... */
  relevantEntities: { [name: string]: PyValue };
  /** As in the CSV: a number, a date "MM/DD/YYYY", or a Python tuple "('0 weeks', '6 days')". */
  groundTruthAnswer: string;
  /** groundTruthAnswer parsed: a number, the date string, or the tuple as an array of strings. */
  groundTruth: MedCalcAnswer;
  lowerLimit: string;
  upperLimit: string;
  groundTruthExplanation: string;
}

const COLUMNS = [
  "Row Number",
  "Calculator ID",
  "Calculator Name",
  "Category",
  "Output Type",
  "Note ID",
  "Note Type",
  "Patient Note",
  "Question",
  "Relevant Entities",
  "Ground Truth Answer",
  "Lower Limit",
  "Upper Limit",
  "Ground Truth Explanation",
] as const;

export type MedCalcAnswer = number | string | string[];

/**
 * Parses a MedCalc-Bench answer cell: numbers -> number, "MM/DD/YYYY" -> the same string,
 * gestational-age tuples "('14 weeks', '1 days')" -> ["14 weeks", "1 days"].
 */
export function parseMedCalcAnswer(cell: string): MedCalcAnswer {
  const s = cell.trim();
  if (/^\d\d\/\d\d\/\d{4}$/.test(s)) return s;
  if (s.startsWith("(")) {
    const v = parsePythonLiteral(s);
    if (Array.isArray(v) && v.every((x) => typeof x === "string")) return v as string[];
    throw new Error(`answer tuple ${s} is not a tuple of strings`);
  }
  const n = Number(s);
  if (s === "" || !Number.isFinite(n)) throw new Error(`answer "${cell}" is neither a number, a date nor a tuple`);
  return n;
}

export async function loadMedCalcBench(): Promise<MedCalcRow[]> {
  const path = await resolveDataFile("medcalc-bench", "medcalc/medcalc_bench_dev.csv");
  const rows = await readCsvObjects(path, { expectColumns: COLUMNS });
  return rows.map((r, i) => {
    const at = `row ${i + 1} (Row Number ${r["Row Number"]})`;
    const outputType = r["Output Type"];
    if (outputType !== "decimal" && outputType !== "integer" && outputType !== "date") {
      throw new DataFormatError(path, `${at}: Output Type "${outputType}"`);
    }
    let entities: PyValue;
    try {
      entities = parsePythonLiteral(r["Relevant Entities"]!);
    } catch (err) {
      throw new DataFormatError(path, `${at}: Relevant Entities: ${(err as Error).message}`);
    }
    if (entities === null || typeof entities !== "object" || Array.isArray(entities)) {
      throw new DataFormatError(path, `${at}: Relevant Entities is not a dict`);
    }
    const answer = (cell: string): MedCalcAnswer => {
      try {
        return parseMedCalcAnswer(cell);
      } catch (err) {
        throw new DataFormatError(path, `${at}: ${(err as Error).message}`);
      }
    };
    const int = (k: string): number => {
      const n = Number(r[k]);
      if (!Number.isInteger(n)) throw new DataFormatError(path, `${at}: ${k} "${r[k]}" is not an integer`);
      return n;
    };
    return {
      rowNumber: int("Row Number"),
      calculatorId: int("Calculator ID"),
      calculatorName: r["Calculator Name"]!,
      category: r.Category!,
      outputType,
      noteId: r["Note ID"]!,
      noteType: r["Note Type"]!,
      patientNote: r["Patient Note"]!,
      question: r.Question!,
      relevantEntitiesRaw: r["Relevant Entities"]!,
      relevantEntities: entities,
      groundTruthAnswer: r["Ground Truth Answer"]!,
      groundTruth: answer(r["Ground Truth Answer"]!),
      lowerLimit: r["Lower Limit"]!,
      upperLimit: r["Upper Limit"]!,
      groundTruthExplanation: r["Ground Truth Explanation"]!,
    };
  });
}
