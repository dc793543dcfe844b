/**
 * The shape of a guideline summary (data/clinical/guidelines/*.yaml): a short text written for the
 * project that paraphrases one guideline or scoring system, with the points a grader or a
 * search_guidelines tool needs. Summaries name their source body and year but never quote it.
 */
import { z } from "zod";
import { MEDGYM_DOMAINS } from "../conditions/schema.js";

export const GUIDELINE_TOPICS = [
  "cardiology",
  "pulmonology",
  "critical_care",
  "infectious_disease",
  "endocrinology",
  "nephrology",
  "neurology",
  "gastroenterology",
  "emergency_medicine",
  "toxicology",
  "psychiatry",
  "obstetrics",
  "pediatrics",
  "radiology",
  "pharmacology",
] as const;
export type GuidelineTopic = (typeof GUIDELINE_TOPICS)[number];

/** The MedGym domains a guideline can serve: the same list the condition profiles use. */
export const GUIDELINE_DOMAINS = MEDGYM_DOMAINS;

const SNAKE_ID = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

/** Word count as used by the length rule: whitespace-separated tokens. */
export function wordCount(text: string): number {
  return text.trim().split(/\s+/).filter(Boolean).length;
}

export const MIN_TEXT_WORDS = 80;
export const MAX_TEXT_WORDS = 200;

export const GuidelineSchema = z.strictObject({
  id: z.string().regex(SNAKE_ID, "snake_case id"),
  title: z.string().trim().min(3),
  topic: z.enum(GUIDELINE_TOPICS),
  domains: z.array(z.enum(GUIDELINE_DOMAINS)).min(1),
  /** Condition ids (snake_case) this guidance applies to; they need not all have a profile. */
  conditions: z.array(z.string().regex(SNAKE_ID, "snake_case condition id")).min(1),
  /** The guideline body and year summarised, e.g. "AHA/ASA 2019 acute ischemic stroke". */
  source: z.string().trim().regex(/\b(19|20)\d{2}\b/, "source must name the year"),
  keyPoints: z.array(z.string().trim().min(10)).min(3).max(8),
  text: z
    .string()
    .trim()
    .refine((t) => wordCount(t) >= MIN_TEXT_WORDS && wordCount(t) <= MAX_TEXT_WORDS, {
      message: `text must be ${MIN_TEXT_WORDS}-${MAX_TEXT_WORDS} words`,
    }),
});
export type Guideline = z.infer<typeof GuidelineSchema>;

export const GuidelineFileSchema = z.strictObject({ guidelines: z.array(z.unknown()).min(1) });
