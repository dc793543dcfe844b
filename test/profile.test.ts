import { describe, expect, it } from "vitest";
import { loadProfile } from "../src/config/index.js";

describe("profiles", () => {
  it("load by name and scale up from smoke to full", () => {
    const [s, m, f] = ["smoke", "small", "full"].map((n) => loadProfile(n));
    expect(s.name).toBe("smoke");
    expect(s.episodesPerPolicy).toBeLessThan(m.episodesPerPolicy);
    expect(m.episodesPerPolicy).toBeLessThan(f.episodesPerPolicy);
  });

  it("default to MEDGYM_PROFILE, then small", () => {
    const saved = process.env.MEDGYM_PROFILE;
    try {
      delete process.env.MEDGYM_PROFILE;
      expect(loadProfile().name).toBe("small");
      process.env.MEDGYM_PROFILE = "smoke";
      expect(loadProfile().name).toBe("smoke");
    } finally {
      if (saved === undefined) delete process.env.MEDGYM_PROFILE;
      else process.env.MEDGYM_PROFILE = saved;
    }
  });

  it("reject unknown names with the allowed ones", () => {
    expect(() => loadProfile("tiny")).toThrow('Unknown profile "tiny": use one of smoke, small, full (set by --profile or MEDGYM_PROFILE).');
  });
});
