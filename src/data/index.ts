/**
 * data/: the dataset layer. Each public dataset is declared once (catalog.ts: source, licence,
 * files with sha256, expected counts); resolve.ts finds its files in the cache
 * (MEDGYM_DATA_DIR), the offline mirror (MEDGYM_DATA_MIRROR) or downloads them; one loader per
 * family (loaders/) returns typed records. Nothing here writes outside the cache directory.
 */
export * from "./errors.js";
export { registerDataset, getDataset, hasDataset, listDatasets, suggestDatasetNames, type DatasetFile, type DatasetSpec } from "./registry.js";
export {
  projectRoot,
  dataDir,
  mirrorDir,
  locateDataFile,
  resolveDataFile,
  resolveDataFiles,
  verifyDataset,
  datasetStatus,
  sha256File,
  type FileLocation,
  type LocatedFile,
  type ResolveOptions,
  type FileCheck,
  type FileCheckStatus,
  type DatasetVerification,
  type DatasetStatusRow,
} from "./resolve.js";
export { downloadFile, type DownloadOptions } from "./download.js";
export { parsePythonLiteral, PythonLiteralError, type PyValue } from "./python-literal.js";
export { parseNpy, type NpyArray } from "./npy.js";
export { parseXml, decodeXmlEntities, XmlParseError, type XmlElement } from "./xml.js";
export { iterateLines, iterateJsonLines, readJsonLines, iterateCsvBatches, iterateCsvRecords, iterateCsvObjects, readCsvObjects, jsonTopLevelKeys, type CsvHeader } from "./read.js";

export * from "./loaders/mcqa.js";
export * from "./loaders/pubmedqa.js";
export * from "./loaders/bioasq.js";
export * from "./loaders/mcqa-sets.js";
export * from "./loaders/lfqa.js";
export * from "./loaders/agentclinic.js";
export * from "./loaders/medcalc.js";
export * from "./loaders/mimic.js";
export * from "./loaders/fhir.js";
export * from "./loaders/codes.js";
export * from "./loaders/ddi.js";
export * from "./loaders/corpus.js";
export * from "./loaders/lexicon.js";
export * from "./loaders/vqa.js";
export * from "./loaders/pneumoniamnist.js";
