/**
 * The shape of the lab catalogue (data/clinical/labs.yaml): one adult reference range per
 * analyte, optional critical (panic) limits, and provenance. Ranges marked `mimic-iv-demo` are the
 * modal ranges of the MIMIC-IV demo lab events (shared/data/codes/lab_reference_ranges_mimiciv_demo.csv),
 * converted into the catalogue unit by `mimicToUnitFactor` when the units differ.
 */
import { z } from "zod";

export const LAB_PANELS = [
  "cbc",
  "bmp",
  "lft",
  "chemistry",
  "cardiac",
  "coag",
  "abg",
  "thyroid",
  "endocrine",
  "inflammatory",
  "iron",
  "lipid",
  "urinalysis",
  "csf",
  "tdm",
  "toxicology",
  "pregnancy",
] as const;
export type LabPanel = (typeof LAB_PANELS)[number];

export const LAB_KEY = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

export const LabSchema = z
  .strictObject({
    key: z.string().regex(LAB_KEY, "snake_case key"),
    name: z.string().trim().min(1),
    unit: z.string().trim().min(1),
    /** quantitative (default) or qualitative 0 = negative / 1 = positive. */
    scale: z.enum(["quantitative", "qualitative"]).default("quantitative"),
    low: z.number(),
    high: z.number(),
    criticalLow: z.number().optional(),
    criticalHigh: z.number().optional(),
    panel: z.enum(LAB_PANELS),
    specimen: z.string().trim().min(1),
    loinc: z.string().regex(/^\d{1,7}-\d$/, "LOINC code such as 2823-3").optional(),
    mimicItemId: z.number().int().positive().optional(),
    /** The unit MIMIC reports the item in, copied from the CSV. */
    mimicUnit: z.string().optional(),
    /** Catalogue value = MIMIC value x factor (1 when the units agree). */
    mimicToUnitFactor: z.number().positive().optional(),
    source: z.enum(["mimic-iv-demo", "project"]),
    note: z.string().trim().min(1).optional(),
  })
  .superRefine((l, ctx) => {
    if (l.low > l.high) ctx.addIssue({ code: "custom", path: ["low"], message: "low exceeds high" });
    if (l.criticalLow !== undefined && l.criticalLow >= l.low)
      ctx.addIssue({ code: "custom", path: ["criticalLow"], message: "criticalLow must be below low" });
    if (l.criticalHigh !== undefined && l.criticalHigh <= l.high)
      ctx.addIssue({ code: "custom", path: ["criticalHigh"], message: "criticalHigh must be above high" });
    if (l.source === "mimic-iv-demo" && (l.mimicItemId === undefined || l.mimicUnit === undefined))
      ctx.addIssue({ code: "custom", path: ["mimicItemId"], message: "a mimic-iv-demo range needs mimicItemId and mimicUnit" });
    if (l.scale === "qualitative" && (l.low !== 0 || l.high !== 0))
      ctx.addIssue({ code: "custom", path: ["high"], message: "qualitative analytes have low = high = 0 (negative is normal)" });
  });
export type Lab = z.infer<typeof LabSchema>;

export const LabFileSchema = z.strictObject({ labs: z.array(z.unknown()).min(1) });

export type LabInterpretation = "low" | "normal" | "high" | "critical_low" | "critical_high";
