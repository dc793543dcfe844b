/**
 * The hunspell English medical dictionary (hunspell-en-med-glut): a word list for spelling
 * normalisation and vocabulary checks. Affix flags are kept but not expanded (the .aff file is
 * not part of the mirror).
 */
import { DataFormatError } from "../errors.js";
import { iterateLines } from "../read.js";
import { resolveDataFile } from "../resolve.js";

export interface LexiconEntry {
  word: string;
  /** Hunspell affix flags after the "/", e.g. "S" or "GD"; "" when none. */
  flags: string;
}

export interface MedicalLexicon {
  /** The count on the file's first line. */
  declaredCount: number;
  entries: LexiconEntry[];
}

/**
 * Reads the .dic file: first line = entry count; then one entry per line. This file also has an
 * indented comment block (the upstream header) right after the count, which hunspell ignores;
 * indented and blank lines are skipped the same way.
 */
export async function loadMedicalLexicon(): Promise<MedicalLexicon> {
  const path = await resolveDataFile("hunspell-en-med", "lexicon/en_med_glut.dic");
  let declaredCount: number | null = null;
  const entries: LexiconEntry[] = [];
  for await (const line of iterateLines(path)) {
    if (declaredCount === null) {
      declaredCount = Number(line.trim());
      if (!Number.isInteger(declaredCount)) throw new DataFormatError(path, `first line "${line}" is not an entry count`);
      continue;
    }
    if (line.trim() === "" || /^\s/.test(line)) continue;
    const slash = line.indexOf("/");
    entries.push(slash < 0 ? { word: line.trimEnd(), flags: "" } : { word: line.slice(0, slash), flags: line.slice(slash + 1).trimEnd() });
  }
  if (declaredCount === null) throw new DataFormatError(path, "empty dictionary file");
  return { declaredCount, entries };
}
