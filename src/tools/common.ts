import { z } from "zod";
import { defineTool, type Tool } from "../env/tool.js";

/**
 * Tools every domain offers in the same form. Domain-specific terminal tools (with their own
 * answer schema) are written in the domain; these are the shared ones.
 */
export function thinkTool<S>(): Tool<S> {
  return defineTool<S, z.ZodObject<{ thought: z.ZodString }>>({
    name: "think",
    description: "Write down your reasoning. Changes nothing in the record and reveals nothing new.",
    kind: "think",
    parameters: z.object({ thought: z.string().min(1).max(4000).describe("your reasoning, in a few sentences") }),
    execute: () => "Noted.",
  });
}
