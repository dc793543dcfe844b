import { describe, expect, it } from "vitest";
import {
  countFhirResources,
  iterateFhirResources,
  listFhirResourceTypes,
  loadFhirResources,
  loadMedAgentBenchFunctions,
  loadMedAgentBenchTasks,
} from "../src/data/index.js";

describe("Synthea FHIR bulk data", () => {
  it("counts resources per type as the README says", async () => {
    expect(listFhirResourceTypes()).not.toContain("Observation");
    expect(await countFhirResources()).toEqual({
      AllergyIntolerance: 11,
      Condition: 555,
      Device: 16,
      DocumentReference: 1215,
      Encounter: 1215,
      Immunization: 161,
      Location: 44,
      MedicationRequest: 1745,
      Organization: 43,
      Patient: 13,
      Practitioner: 43,
      PractitionerRole: 43,
      Procedure: 2056,
    });
  });

  it("returns resources whose references point at loaded patients", async () => {
    const patients = await loadFhirResources("Patient");
    const ids = new Set(patients.map((p) => p.id));
    expect(ids.size).toBe(13);
    expect(patients[0]!.id).toBe("129c6ac7-8d06-89de-ad63-0204a93e76c3");
    let n = 0;
    for await (const c of iterateFhirResources("Condition")) {
      const ref = (c.subject as { reference: string }).reference;
      expect(ids.has(ref.replace(/^Patient\//, ""))).toBe(true);
      n++;
    }
    expect(n).toBe(555);
  });

  it("rejects a resource type without a bulk file", async () => {
    await expect(loadFhirResources("Observation")).rejects.toThrow(/No FHIR bulk file for resource type "Observation"; available: AllergyIntolerance,/);
  });
});

describe("MedAgentBench", () => {
  it("loads 240 train / 60 test tasks over 10 families and the 9 function definitions", async () => {
    const train = await loadMedAgentBenchTasks("train");
    const test = await loadMedAgentBenchTasks("test");
    expect(train).toHaveLength(240);
    expect(test).toHaveLength(60);
    const all = [...train, ...test];
    expect(new Set(all.map((t) => t.id)).size).toBe(300);
    expect(new Set(all.map((t) => t.family)).size).toBe(10);
    expect(all.filter((t) => t.sol !== null)).toHaveLength(30);
    expect(train[0]).toEqual({
      id: "task1_1",
      family: "task1",
      instruction: 'What’s the MRN of the patient with name Peter Stafford and DOB of 1932-12-29? If the patient does not exist, the answer should be "Patient not found"',
      context: "",
      sol: ["S6534835"],
      evalMrn: "S6534835",
    });
    const funcs = await loadMedAgentBenchFunctions();
    expect(funcs).toHaveLength(9);
    expect(funcs[0]!.name).toBe("GET {api_base}/Condition");
    expect(funcs[0]!.parameters).toMatchObject({ type: "object", required: ["patient"] });
  });

  it("rejects an unknown split", async () => {
    await expect(loadMedAgentBenchTasks("dev" as never)).rejects.toThrow('MedAgentBench split must be "train" or "test", got "dev"');
  });
});
