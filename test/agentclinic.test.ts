import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { listCaseFormats, loadCasesDomain, make, playTasks, registerDomain } from "../src/env/index.js";
import { DataFormatError } from "../src/data/index.js";
import { randomPolicy } from "../src/policy/index.js";
import { agentClinicDiagnosisMatch, agentClinicDomain } from "../domains/clinical_diagnosis/index.js";

const FILE = new URL("../../shared/data/cases/agentclinic_medqa.jsonl", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "agentclinic-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function caseFile(name: string, lines: string[]): string {
  const f = join(dir, name);
  writeFileSync(f, lines.join("\n"));
  return f;
}

const GOOD = JSON.stringify({
  OSCE_Examination: {
    Objective_for_Doctor: "Evaluate a man with a painful swollen knee.",
    Patient_Actor: {
      Demographics: "58-year-old male",
      History: "Woke with a hot, swollen right knee after a dinner with red meat and beer.",
      Symptoms: { Primary_Symptom: "Painful swollen knee", Secondary_Symptoms: ["Redness", "Unable to bear weight"] },
      Past_Medical_History: "Hypertension on hydrochlorothiazide.",
      Social_History: "Drinks 4 beers a night.",
      Review_of_Systems: "No fever or rash.",
    },
    Physical_Examination_Findings: {
      Vital_Signs: { Temperature: "37.6°C", Heart_Rate: "88 bpm" },
      Knee_Examination: { Inspection: "Erythematous, warm, tense effusion of the right knee" },
    },
    Test_Results: {
      Arthrocentesis: { Synovial_Fluid: "Negatively birefringent needle-shaped crystals; WBC 25,000/µL" },
      Serum_Uric_Acid: "9.2 mg/dL",
      X_Ray_Right_Knee: { Findings: "Soft-tissue swelling, no fracture" },
    },
    Correct_Diagnosis: "Acute gouty arthritis",
  },
});

describe("AgentClinic case format", () => {
  it("is registered as a case format and loads the mirror file as a clinical_diagnosis-style domain", () => {
    expect(listCaseFormats()).toContain("agentclinic");
    const d = loadCasesDomain("agentclinic", FILE);
    expect(d.name).toBe("clinical_diagnosis");
    expect(d.tasksFor("test").length).toBe(107);
    expect(d.tasksFor("train").length).toBe(0);
    const t = d.tasksFor("test")[0]!;
    expect(t.answer).toMatchObject({ kind: "label", value: "Myasthenia gravis" });
    expect(t.ticket).not.toMatch(/myasthenia/i);
  });

  it("plays with >= 95% expert success, >= 3 tool calls per episode, and the random policy fails", async () => {
    const d = agentClinicDomain(FILE, { name: "agentclinic_medqa" });
    registerDomain(d);
    const records = await playTasks({ domain: d, split: "test", policy: (t) => d.expert!(t) });
    expect(records.length).toBe(107);
    const ok = records.filter((r) => r.terminated && (r.reward?.components.accuracy ?? 0) >= 1).length;
    expect(ok / records.length).toBeGreaterThanOrEqual(0.95);
    const calls = records.reduce((s, r) => s + r.turns.filter((x) => x.toolCall && !x.formatError && !x.toolError).length, 0);
    expect(calls / records.length).toBeGreaterThanOrEqual(3);
    const used = new Set(records.flatMap((r) => r.turns.map((x) => x.toolCall?.name)));
    expect(d.toolNames().filter((n) => !used.has(n))).toEqual([]);
    // Every test the expert orders is one the case holds, so none comes back as the "normal" default.
    for (const r of records) for (const x of r.turns) if (x.toolCall?.name.startsWith("order_")) expect(x.observation).not.toMatch(/no abnormality reported/);
    const random = await playTasks({ domain: d, split: "test", limit: 100, seed: 4, policy: () => randomPolicy({ seed: 4 }) });
    const rok = random.filter((r) => r.terminated && (r.reward?.components.accuracy ?? 0) >= 1).length;
    expect(rok / random.length).toBeLessThan(0.3);
  });

  it("reveals history, exam and only the case's results through the tools", async () => {
    const d = agentClinicDomain(caseFile("knee.jsonl", [GOOD]), { name: "agentclinic_knee" });
    registerDomain(d);
    const env = make("MedGym-v0", { domain: d.name, split: "test", maxTurns: 30 });
    const { info } = await env.reset({ seed: 1 });
    const pid = info.caseId!;
    expect(pid).toBe("knee-0");
    const step = (name: string, args: Record<string, unknown>) => env.step({ name, arguments: args });
    expect((await step("get_patient_info", { patient_id: pid })).observation).toMatch(/58-year-old male[\s\S]*Painful swollen knee/);
    expect((await step("get_patient_history", { patient_id: pid })).observation).toMatch(/red meat and beer[\s\S]*hydrochlorothiazide/);
    expect((await step("get_vital_signs", { patient_id: pid })).observation).toMatch(/Temperature: 37.6°C/);
    expect((await step("perform_physical_exam", { patient_id: pid, systems: ["knee"] })).observation).toMatch(/tense effusion/);
    expect((await step("perform_physical_exam", { patient_id: pid, systems: ["neurological"] })).observation).toMatch(/neurological examination: no abnormality documented/);
    expect((await step("order_lab_test", { patient_id: pid, tests: ["uric acid", "troponin"] })).observation).toMatch(/Serum Uric Acid: 9.2 mg\/dL[\s\S]*troponin: normal \(no abnormality reported\)/);
    const xr = await step("order_imaging", { patient_id: pid, tests: ["knee x-ray"] });
    expect(xr.observation).toMatch(/no fracture/);
    expect(xr.info.events).toContainEqual(expect.objectContaining({ type: "order", code: "imaging_order" }));
    expect((await step("record_diagnosis", { patient_id: pid, diagnosis: "gout" })).observation).toMatch(/recorded/);
    expect((await step("think", { thought: "Crystals settle it." })).observation).toMatch(/Noted/);
    const bad = await step("get_vital_signs", { patient_id: "someone-else" });
    expect(bad.info.toolError).toMatch(/No patient/);
    const badArgs = await step("order_lab_test", { patient_id: pid, tests: "uric acid" });
    expect(badArgs.info.formatError?.code).toBe("invalid_arguments");
    // "gout" is a synonym of the matching condition profile (acute_gout), so it is graded correct.
    const end = await step("submit_answer", { diagnosis: "Gout" });
    expect(end.terminated).toBe(true);
    expect(end.info.reward?.components.accuracy).toBe(1);
    expect(end.info.events).toContainEqual(expect.objectContaining({ type: "diagnosis", code: "submitted_diagnosis", detail: "Gout" }));
  });

  it("grades diagnoses with synonyms, abbreviations and a token-overlap rule, never hedged answers", () => {
    const yes: [string, string][] = [
      ["PML", "Progressive multifocal encephalopathy (PML)"],
      ["Hirschsprung's disease", "Hirschsprung disease"],
      ["Hirschsprung disease", "Hirschsprung’s disease"],
      ["community-acquired pneumonia", "Pneumonia"],
      ["BPPV", "Benign Paroxysmal Positional Vertigo (BPPV)"],
      ["Stevens-Johnson syndrome", "Steven-Johnson syndrome"],
      ["acute myeloid leukaemia", "Acute myelogenous leukemia"],
      ["Clostridium difficile colitis", "C. difficile colitis"],
      ["large B-cell lymphoma", "Diffuse large B-cell lymphoma"],
      ["frozen shoulder", "Adhesive capsulitis"],
      ["myasthenia gravis", "Myasthenia gravis"],
    ];
    for (const [answer, dx] of yes) expect(agentClinicDiagnosisMatch(answer, dx), `${answer} ~ ${dx}`).toBe(true);
    const no: [string, string][] = [
      ["Chronic lymphocytic leukemia", "Acute lymphoblastic leukemia"],
      ["leukemia", "Acute lymphoblastic leukemia"],
      ["Hemophilia B", "Hemophilia A"],
      ["Myasthenia gravis or Lambert-Eaton syndrome", "Myasthenia gravis"],
      ["not myasthenia gravis", "Myasthenia gravis"],
      ["Pneumonia, tuberculosis", "Tuberculosis"],
      ["Parkinson disease", "Multiple system atrophy"],
    ];
    for (const [answer, dx] of no) expect(agentClinicDiagnosisMatch(answer, dx), `${answer} !~ ${dx}`).toBe(false);
  });

  it("rejects a malformed case file with the line number", () => {
    const bad = caseFile("bad-json.jsonl", [GOOD, "{ not json", GOOD]);
    expect(() => agentClinicDomain(bad)).toThrow(DataFormatError);
    expect(() => agentClinicDomain(bad)).toThrow(/bad-json\.jsonl: line 2: invalid JSON/);
    const missing = caseFile("missing.jsonl", ["", JSON.stringify({ OSCE_Examination: { ...JSON.parse(GOOD).OSCE_Examination, Correct_Diagnosis: undefined } })]);
    expect(() => agentClinicDomain(missing)).toThrow(/line 2: "Correct_Diagnosis" must be a non-empty string/);
    const wrongShape = caseFile("shape.jsonl", [JSON.stringify({ case: 1 })]);
    expect(() => agentClinicDomain(wrongShape)).toThrow(/line 1: expected an object with an "OSCE_Examination" object/);
    expect(() => agentClinicDomain(caseFile("empty.jsonl", ["", "  "]))).toThrow(/no cases/);
    expect(() => agentClinicDomain(join(dir, "absent.jsonl"))).toThrow(/cannot read the case file/);
  });
});
