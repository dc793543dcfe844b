import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const BIN = join(import.meta.dirname, "..", "bin", "medgym.js");
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: { ...process.env, MEDGYM_PROGRESS: "0" } });
const json = (...args: string[]) => JSON.parse(execFileSync(process.execPath, [BIN, ...args], { encoding: "utf8" }));

describe("medgym CLI", () => {
  it("play --json prints the summary metrics", () => {
    const s = json("play", "--domain", "news2_triage", "--policy", "random", "--limit", "80", "--json");
    expect(s).toMatchObject({ domain: "news2_triage", policy: "random", split: "test", episodes: 80 });
    for (const k of ["successRate", "meanReward", "meanTurns", "meanToolCalls", "meanCharsPerAssistantTurn"]) expect(typeof s[k]).toBe("number");
    expect(s.successRate).toBeLessThan(0.3);
  });

  it("play is reproducible and the expert solves the test split", () => {
    const a = json("play", "--domain", "news2_triage", "--policy", "random", "--limit", "10", "--seed", "3", "--json");
    const b = json("play", "--domain", "news2_triage", "--policy", "random", "--limit", "10", "--seed", "3", "--json");
    expect(a).toEqual(b);
    const e = json("play", "--domain", "news2_triage", "--policy", "expert", "--json");
    expect(e.episodes).toBe(80);
    expect(e.successRate).toBe(1);
  });

  it("play --out writes the episodes as JSONL", () => {
    const out = join(mkdtempSync(join(tmpdir(), "medgym-cli-")), "eps.jsonl");
    json("play", "--domain", "news2_triage", "--policy", "expert", "--limit", "3", "--json", "--out", out);
    const lines = readFileSync(out, "utf8").trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[0]).turns.length).toBeGreaterThan(0);
  });

  it("stats --json counts domains, tools, tasks and conditions", () => {
    const s = json("stats", "--json");
    const d = s.domains.find((x: { domain: string }) => x.domain === "news2_triage");
    expect(d).toMatchObject({ tools: 9, tasks: { train: 320, test: 80, total: 400 } });
    expect(s.domainCount).toBeGreaterThanOrEqual(11);
    expect(s.toolsTotal).toBeGreaterThanOrEqual(135);
    expect(s.tasksTotal).toBeGreaterThanOrEqual(3600);
    expect(s.conditions).toBeGreaterThanOrEqual(150);
  });

  // Runs every domain's expert over every task (minutes): `npm run test:long`.
  it.runIf(process.env.MEDGYM_TEST_PROFILE === "long")("stats --coverage finds no tool that no expert uses", () => {
    expect(json("stats", "--json", "--coverage").coverage).toEqual({ unexercised: {}, complete: true });
  }, 600_000);

  it("play --cases-file plays AgentClinic OSCE cases as clinical_diagnosis episodes", () => {
    const s = json("play", "--domain", "clinical_diagnosis", "--cases-file", join(import.meta.dirname, "..", "..", "shared", "data", "cases", "agentclinic_medqa.jsonl"), "--cases-format", "agentclinic", "--policy", "expert", "--json");
    expect(s).toMatchObject({ domain: "clinical_diagnosis", casesFormat: "agentclinic", episodes: 107 });
    expect(s.successRate).toBeGreaterThanOrEqual(0.95);
    expect(s.meanToolCalls).toBeGreaterThanOrEqual(3);
    const bad = run("play", "--domain", "clinical_diagnosis", "--cases-file", "x.jsonl", "--cases-format", "agentclinc");
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('Unknown cases format "agentclinc". Did you mean "agentclinic"?');
  });

  it("bad input is one clear line and exit code 1", () => {
    const r = run("play", "--domain", "news2_triag", "--json");
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toMatch(/^medgym: Unknown domain "news2_triag"\. Did you mean "news2_triage"\?/);
    const p = run("play", "--domain", "news2_triage", "--policy", "oracle");
    expect(p.status).toBe(1);
    expect(p.stderr).toContain('Unknown policy "oracle"');
    const l = run("play", "--domain", "news2_triage", "--limit", "-3");
    expect(l.status).not.toBe(0);
    expect(l.stderr).toContain("--limit must be a non-negative integer");
  });
});
