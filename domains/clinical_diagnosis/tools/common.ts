import { z } from "zod";
import { ToolError, type ToolContext } from "../../../src/env/index.js";
import type { ChartPatient, ClinicState } from "../data-model.js";

export type Ctx = ToolContext<ClinicState>;

export const patientId = z.string().min(1).max(32).describe("Patient identifier from the request, e.g. CD-00042");

export function patientOf(ctx: Ctx, id: string): ChartPatient {
  const p = ctx.state.patients[id.trim()];
  if (!p) throw new ToolError(`No patient with id "${id}" on this unit. Patients here: ${Object.keys(ctx.state.patients).join(", ")}.`);
  return p;
}

export function bullets(items: readonly string[], none = "none reported"): string {
  return items.length ? items.map((i) => `- ${i}`).join("\n") : `- ${none}`;
}
