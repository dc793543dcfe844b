/**
 * Typed errors of the dataset layer. Each carries a stable `code` and the structured facts behind
 * its message, so callers (CLI, notebooks, tests) can react without parsing text.
 */

/** Asked for a dataset name that is not in the registry. */
export class UnknownDatasetError extends Error {
  readonly code = "UNKNOWN_DATASET" as const;
  constructor(
    readonly datasetName: string,
    readonly suggestions: string[],
    readonly known: string[],
  ) {
    const hint =
      suggestions.length > 0
        ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(" or ")}?`
        : "";
    super(`Unknown dataset "${datasetName}".${hint} Known datasets: ${known.join(", ")}.`);
    this.name = "UnknownDatasetError";
  }
}

/** A dataset declaration that cannot be registered (bad shape, duplicate name, bad path). */
export class InvalidDatasetSpecError extends Error {
  readonly code = "INVALID_DATASET_SPEC" as const;
  constructor(
    readonly datasetName: string,
    readonly problems: string[],
  ) {
    super(`Invalid dataset declaration "${datasetName}": ${problems.join("; ")}`);
    this.name = "InvalidDatasetSpecError";
  }
}

/** A file was requested that the dataset's declaration does not list. */
export class UndeclaredDatasetFileError extends Error {
  readonly code = "UNDECLARED_DATASET_FILE" as const;
  constructor(
    readonly datasetName: string,
    readonly file: string,
  ) {
    super(
      `Dataset "${datasetName}" declares no file "${file}". ` +
        `Declared files are listed by getDataset("${datasetName}").files; add the file to src/data/catalog.ts first.`,
    );
    this.name = "UndeclaredDatasetFileError";
  }
}

/** One place the resolver looked for a file, and what it found there. */
export interface SearchAttempt {
  kind: "cache" | "mirror" | "download";
  /** Absolute path, URL, or a description when the place was not available at all. */
  where: string;
  outcome: string;
}

/** A dataset file is in neither the cache nor the mirror, and could not be downloaded. */
export class DatasetMissingError extends Error {
  readonly code = "DATASET_MISSING" as const;
  constructor(
    readonly datasetName: string,
    readonly datasetTitle: string,
    readonly file: string,
    readonly searched: SearchAttempt[],
    /** Where to put the file by hand so that the next lookup finds it. */
    readonly expectedPath: string,
    readonly sourceUrl: string,
    readonly licence: string,
  ) {
    const lines = [
      `Dataset "${datasetName}" (${datasetTitle}): file "${file}" is missing.`,
      "Searched, in order:",
      ...searched.map((s, i) => `  ${i + 1}. ${s.kind}: ${s.where} -> ${s.outcome}`),
      `To fix: put the file at ${expectedPath}`,
      `  (or set MEDGYM_DATA_DIR / MEDGYM_DATA_MIRROR to a directory that holds "${file}").`,
      `Source: ${sourceUrl} (licence: ${licence}).`,
    ];
    super(lines.join("\n"));
    this.name = "DatasetMissingError";
  }
}

/** A data file exists but does not have the shape its loader expects. */
export class DataFormatError extends Error {
  readonly code = "DATA_FORMAT" as const;
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`Unexpected format in ${file}: ${detail}`);
    this.name = "DataFormatError";
  }
}
