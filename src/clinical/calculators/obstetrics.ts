/**
 * Pregnancy dating from the last menstrual period (LMP): estimated due date (Naegele's rule with
 * cycle-length adjustment), estimated date of conception (LMP + 2 weeks, the MedCalc-Bench method)
 * and gestational age in weeks and days. Dates are calendar dates, computed in UTC so that time
 * zones and daylight-saving shifts cannot move a day.
 */

import { z } from "zod";
import { CalculatorInputError, defineCalculator } from "./types.js";

const DAY_MS = 86_400_000;

/** Parse MM/DD/YYYY (the benchmark's format), M/D/YYYY or ISO YYYY-MM-DD into a UTC day number. */
export function parseDate(text: string): number {
  const t = text.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/.exec(t);
  if (match) [m, d, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t))) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else throw new Error(`Unrecognised date '${text}': expected MM/DD/YYYY or YYYY-MM-DD`);
  const ms = Date.UTC(y, m - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) throw new Error(`Invalid calendar date '${text}'`);
  return ms / DAY_MS;
}

/** Day number back to MM/DD/YYYY. */
export function formatDate(day: number): string {
  const dt = new Date(day * DAY_MS);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(dt.getUTCMonth() + 1)}/${p(dt.getUTCDate())}/${dt.getUTCFullYear()}`;
}

const zDate = (what: string) =>
  z
    .string()
    .describe(`${what}, MM/DD/YYYY or YYYY-MM-DD`)
    .refine(
      (s) => {
        try {
          parseDate(s);
          return true;
        } catch {
          return false;
        }
      },
      { message: "expected a valid date as MM/DD/YYYY or YYYY-MM-DD" },
    );

export const estimatedDueDate = defineCalculator({
  id: 13,
  name: "Estimated Due Date",
  slug: "estimated_due_date",
  category: "date",
  outputType: "date",
  inputs: z.object({
    lastMenstrualPeriod: zDate("first day of the last menstrual period"),
    cycleLengthDays: z.number().int().min(14).max(60).default(28).describe("usual menstrual cycle length, days"),
  }),
  compute({ lastMenstrualPeriod, cycleLengthDays }) {
    const lmp = parseDate(lastMenstrualPeriod);
    const naegele = lmp + 280;
    const adj = cycleLengthDays - 28;
    const v = formatDate(naegele + adj);
    return {
      value: v,
      explanation: `Naegele's rule: LMP ${formatDate(lmp)} + 280 days = ${formatDate(naegele)}. Cycle length ${cycleLengthDays} days is ${Math.abs(adj)} days ${adj >= 0 ? "longer" : "shorter"} than 28, so ${adj >= 0 ? "add" : "subtract"} ${Math.abs(adj)} days: ${v}.`,
    };
  },
  fromMedcalc: (e) => ({ lastMenstrualPeriod: e.string("Last menstrual date"), cycleLengthDays: e.number("cycle length") }),
});

export const estimatedConceptionDate = defineCalculator({
  id: 68,
  name: "Estimated of Conception",
  slug: "estimated_conception_date",
  category: "date",
  outputType: "date",
  inputs: z.object({ lastMenstrualPeriod: zDate("first day of the last menstrual period") }),
  compute({ lastMenstrualPeriod }) {
    const lmp = parseDate(lastMenstrualPeriod);
    const v = formatDate(lmp + 14);
    return { value: v, explanation: `Conception is estimated at ovulation, 2 weeks after the LMP: ${formatDate(lmp)} + 14 days = ${v}.` };
  },
  fromMedcalc: (e) => ({ lastMenstrualPeriod: e.string("Last menstrual date") }),
});

/** The benchmark's tuple form, e.g. ('14 weeks', '1 days'). */
export function formatWeeksDays(weeks: number, days: number): string {
  return `('${weeks} weeks', '${days} days')`;
}

export const gestationalAge = defineCalculator({
  id: 69,
  name: "Estimated Gestational Age",
  slug: "gestational_age",
  category: "date",
  outputType: "tuple",
  inputs: z.object({
    lastMenstrualPeriod: zDate("first day of the last menstrual period"),
    currentDate: zDate("today's date"),
  }),
  compute({ lastMenstrualPeriod, currentDate }) {
    const days = parseDate(currentDate) - parseDate(lastMenstrualPeriod);
    if (days < 0) throw new CalculatorInputError("Estimated Gestational Age", `current date ${currentDate} is before the LMP ${lastMenstrualPeriod}`);
    const weeks = Math.floor(days / 7);
    const rem = days % 7;
    return {
      value: formatWeeksDays(weeks, rem),
      explanation: `${currentDate} - ${lastMenstrualPeriod} = ${days} days = ${weeks} weeks and ${rem} days.`,
    };
  },
  fromMedcalc: (e) => ({ lastMenstrualPeriod: e.string("Last menstrual date"), currentDate: e.string("Current Date") }),
});
