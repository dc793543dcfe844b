import type { Action, Task } from "../../src/env/index.js";
import { scriptedPolicy, type Policy, type ScriptStep } from "../../src/policy/index.js";
import { hashString } from "../../src/util/rng.js";
import { findDrug } from "../../src/clinical/drugs/index.js";

/**
 * The medical_qa expert. Multiple-choice questions cannot be solved by a script from first
 * principles, so — as DESIGN allows for MCQA — it submits the task's ground-truth letter, but only
 * after consulting the tools a careful student would use for that kind of question (the article
 * for PubMedQA; the differential and criteria for a vignette; the monograph for a drug question;
 * the calculator for a score). Its tool arguments come from the question itself (stem, option
 * texts) and from the generator's record of what the question is about (task.meta). A rotating
 * extra step makes every tool appear across its trajectories.
 */
export function medicalQaExpert(task: Task): Policy {
  if (task.answer.kind !== "choice") throw new Error(`medical_qa expert: task ${task.id} has no choice answer`);
  const answer = task.answer.value;
  const options = task.answer.options;
  const m = task.meta ?? {};
  const stem = String(m.stem ?? "");
  const shortStem = stem.length > 240 ? stem.slice(0, 240) : stem;
  const turn = hashString(task.id);
  const call = (name: string, args: Record<string, unknown>): Action => ({ name, arguments: args });
  const submit: ScriptStep = () => call("submit_answer", { answer, rationale: `${answer}) ${options[answer]} is best supported by the evidence gathered.` });
  const steps: ScriptStep[] = [];

  switch (m.family) {
    case "pubmedqa": {
      const id = `pmid:${m.pmid}`;
      steps.push(call("search_pubmed", { query: shortStem }), call("browse_article", { id }), call("analyze_answer_options", {}), call("summarize_evidence", { ids: [id], focus: shortStem }));
      steps.push([call("retrieve_evidence", { query: shortStem, k: 3 }), call("get_citation", { id }), call("think", { thought: `The results of ${id} decide between yes, no and maybe.` })][turn % 3]!);
      break;
    }
    case "diagnosis": {
      const findings = (m.findings as string[]).slice(0, 25);
      steps.push(call("get_differential_diagnosis", { findings, age: m.age, sex: m.sex }));
      steps.push(call("check_diagnostic_criteria", { condition: String(m.condition), findings: findings.slice(0, 12) }));
      steps.push(call("analyze_answer_options", {}));
      steps.push(
        [
          call("search_medical_wiki", { query: options[answer]!, k: 3 }),
          call("browse_wiki_entry", { id: `condition:${m.condition}` }),
          call("retrieve_evidence", { query: findings.slice(0, 6).join(" "), k: 3 }),
        ][turn % 3]!,
      );
      break;
    }
    case "first_line": {
      steps.push(call("search_guidelines", { query: `${String(m.conditionName)} first-line treatment`, k: 3 }));
      steps.push(call("get_drug_information", { drug: String(m.drug), section: "dosing" }));
      // Compare the keyed drug with another option the formulary knows.
      const other = (m.optionDrugs as string[]).map((d) => findDrug(d)?.id).find((d) => d !== undefined && d !== m.drug);
      steps.push(
        [
          other ? call("compare_treatments", { drug_a: String(m.drug), drug_b: other, condition: String(m.condition) }) : call("get_drug_information", { drug: String(m.drug), section: "safety" }),
          call("search_drugs_by_indication", { indication: String(m.conditionName) }),
        ][turn % 2]!,
      );
      break;
    }
    case "avoid": {
      steps.push(call("search_guidelines", { query: `${String(m.conditionName)} drugs to avoid`, k: 3 }));
      steps.push(call("get_drug_information", { drug: String(m.drug), section: "safety" }));
      steps.push(call("browse_wiki_entry", { id: `condition:${m.condition}` }));
      break;
    }
    case "drug_class": {
      steps.push(call("get_drug_information", { drug: String(m.drug), section: "pharmacology" }));
      steps.push(turn % 2 ? call("search_medical_wiki", { query: `${options[answer]}`, k: 3 }) : call("analyze_answer_options", {}));
      break;
    }
    case "lab": {
      steps.push(call("lookup_lab_reference", { lab: String(m.lab) }));
      steps.push(call("browse_wiki_entry", { id: `condition:${m.condition}` }));
      break;
    }
    case "imaging": {
      steps.push(call("search_medical_wiki", { query: `${String(m.conditionName)} imaging findings`, k: 3 }));
      steps.push(call("browse_wiki_entry", { id: `condition:${m.condition}` }));
      steps.push(call("summarize_evidence", { ids: [`condition:${m.condition}`], focus: "imaging findings" }));
      break;
    }
    case "interaction": {
      for (const d of (m.optionDrugs as string[]).slice(0, 2)) steps.push(call("search_drug_interactions", { drug_a: String(m.drug), drug_b: d }));
      steps.push(turn % 2 ? call("get_drug_information", { drug: String(m.drug), section: "pharmacology" }) : call("compare_treatments", { drug_a: String(m.drug), drug_b: String(m.partner) }));
      break;
    }
    case "calculator": {
      steps.push(call("calculate_clinical_score", { calculator: String(m.calculator), inputs: m.inputs as Record<string, unknown> }));
      steps.push(call("think", { thought: `The calculator result matches option ${answer}.` }));
      break;
    }
    default:
      throw new Error(`medical_qa expert: unknown question family "${String(m.family)}" in ${task.id}`);
  }
  steps.push(submit);
  return scriptedPolicy("medical_qa_expert", steps);
}
