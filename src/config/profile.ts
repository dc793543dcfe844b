import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../data/resolve.js";
import { parse } from "yaml";
import { z } from "zod";

/**
 * Run-size profiles (configs/profiles.yaml): notebooks and experiments scale their episode counts,
 * seeds and steps by profile so CI (smoke), a laptop (small) and a GPU box (full) run the same code.
 */
export const PROFILE_NAMES = ["smoke", "small", "full"] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

export const ProfileSchema = z
  .object({
    description: z.string(),
    episodesPerPolicy: z.number().int().positive(),
    seeds: z.array(z.number().int()).min(1),
  })
  .strict();
export type Profile = z.infer<typeof ProfileSchema> & { name: ProfileName };

// Resolved from the project root, not this module, so the compiled copy in dist/ reads the same file.
const profilesFile = () => join(projectRoot(), "configs", "profiles.yaml");

/** The profile named by the argument, else MEDGYM_PROFILE, else "small". */
export function loadProfile(name: string | undefined = process.env.MEDGYM_PROFILE): Profile {
  const chosen = (name ?? "small").trim();
  if (!(PROFILE_NAMES as readonly string[]).includes(chosen)) {
    throw new Error(`Unknown profile "${chosen}": use one of ${PROFILE_NAMES.join(", ")} (set by --profile or MEDGYM_PROFILE).`);
  }
  const all = parse(readFileSync(profilesFile(), "utf8")) as Record<string, unknown>;
  const r = ProfileSchema.safeParse(all?.[chosen]);
  if (!r.success) {
    throw new Error(`configs/profiles.yaml: profile "${chosen}" is invalid: ${r.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`);
  }
  return { ...r.data, name: chosen as ProfileName };
}
