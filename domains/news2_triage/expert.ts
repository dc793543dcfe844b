import type { Task } from "../../src/env/index.js";
import { lastObservation, scriptedPolicy, type Policy } from "../../src/policy/index.js";
import { RESPONSE, type News2Band } from "./news2.js";

/**
 * The scripted expert reads every parameter through the tools, scores it with the calculator,
 * escalates as the band requires and submits. It never reads the answer from the task: the task
 * only tells it which patient to assess.
 */
export function news2Expert(task: Task): Policy {
  const id = task.caseId!;
  let vitals = "";
  let avpu = "";
  let band: News2Band = "low";
  let score = 0;
  const num = (re: RegExp, s: string) => {
    const m = s.match(re);
    if (!m) throw new Error(`news2 expert: could not read ${re} from "${s}"`);
    return Number(m[1]);
  };
  return scriptedPolicy("news2_triage_expert", [
    { name: "get_patient_info", arguments: { patient_id: id } },
    { name: "get_vital_signs", arguments: { patient_id: id } },
    (ctx) => {
      vitals = lastObservation(ctx);
      return { name: "assess_consciousness", arguments: { patient_id: id } };
    },
    (ctx) => {
      avpu = lastObservation(ctx).match(/\((\w+)\)/)?.[1] ?? "alert";
      return {
        name: "calculate_news2",
        arguments: {
          respiratory_rate: num(/RR (\d+)/, vitals),
          spo2: num(/SpO2 (\d+)/, vitals),
          on_oxygen: vitals.includes("supplemental oxygen"),
          systolic_bp: num(/BP (\d+)\//, vitals),
          heart_rate: num(/HR (\d+)/, vitals),
          consciousness: avpu,
          temperature_c: num(/Temp ([\d.]+)/, vitals),
        },
      };
    },
    (ctx) => {
      const obs = lastObservation(ctx);
      score = num(/NEWS2 (\d+)/, obs);
      band = (obs.match(/Risk band: ([a-z-]+)/)?.[1] ?? "low") as News2Band;
      // Bloods do not change NEWS2 but a careful clinician reads the lactate before escalating.
      return { name: "get_lab_results", arguments: { patient_id: id } };
    },
    (ctx) => ({
      name: "think",
      arguments: { thought: `NEWS2 ${score} puts ${id} in the ${band} band; labs: ${lastObservation(ctx)}. Response: ${RESPONSE[band].text}.` },
    }),
    () => {
      const esc = RESPONSE[band].escalation;
      if (esc === "none") return { name: "record_observation_note", arguments: { patient_id: id, note: `NEWS2 ${score}, ${band} risk: routine monitoring.` } };
      return { name: "escalate_care", arguments: { patient_id: id, level: esc, reason: `NEWS2 ${score} (${band} risk)` } };
    },
    () => ({ name: "submit_answer", arguments: { risk_band: band, score, rationale: `NEWS2 ${score}: ${RESPONSE[band].text}.` } }),
  ]);
}
