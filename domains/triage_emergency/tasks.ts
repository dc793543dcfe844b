import type { Condition } from "../../src/clinical/conditions/index.js";
import type { ExpectedAction, SafetyConstraint, Task } from "../../src/env/index.js";
import { createRng, deriveSeed } from "../../src/util/rng.js";
import { PROTOCOLS, type EdArea, type EdPatient, type Protocol } from "./data-model.js";
import { generateEdPatient } from "./generator.js";
import { answerFor, answerPosterior, factsOf, fullObservation, rankTriage, triageConditions, type TriageAnswerKind } from "./knowledge.js";
import { dispositionForCase, esiForCase, indicatedProtocols, isHemorrhage, isInjury, isStrokeCodeCondition, isSuspectedInfection } from "./rules.js";
import { edPatientId } from "./state.js";

/**
 * Triage tasks from seeded ED patients. Four questions: the ESI level, the working diagnosis, the
 * disposition, and which emergency protocol the findings meet. Ground truth is computed from the
 * generated case (its condition plus its own vitals, GCS, pain, ECG and labs). A case is kept only
 * if everything the tools can reveal points to that answer (posterior >= 0.9 over the domain's
 * profiles); cases whose findings cannot tell the answer apart are redrawn.
 */
export const TASK_COUNT = 500;
export const TEST_FRACTION = 0.2;
const BASE_SEED = 20_251_122;
const MIN_POSTERIOR = 0.9;
const MAX_ATTEMPTS = 40;

/** Question mix in a block of 20 tasks. */
const MIX: TriageAnswerKind[] = [
  ...Array<TriageAnswerKind>(7).fill("esi"),
  ...Array<TriageAnswerKind>(5).fill("diagnosis"),
  ...Array<TriageAnswerKind>(4).fill("disposition"),
  ...Array<TriageAnswerKind>(4).fill("protocol"),
];

export const AREA_FOR_ESI: Record<number, EdArea> = { 1: "resuscitation", 2: "acute", 3: "acute", 4: "fast_track", 5: "fast_track" };

/** Profiles that can meet each protocol's criteria. */
const PROTOCOL_POOLS: Record<Protocol, (c: Condition) => boolean> = {
  stemi: (c) => (c.pathways ?? []).includes("acute_chest_pain"),
  stroke: isStrokeCodeCondition,
  sepsis: isSuspectedInfection,
  trauma: isInjury,
  massive_transfusion: (c) => isHemorrhage(c) && !/^I6[0-2]/.test(c.icd10),
  pulmonary_embolism_response: (c) => /^I26/.test(c.icd10),
};

function protocolCandidate(c: Condition): boolean {
  return Object.values(PROTOCOL_POOLS).some((f) => f(c));
}

interface Draft {
  patient: EdPatient;
  condition: Condition;
  answer: string;
  posterior: number;
  seed: number;
}

function draw(kind: TriageAnswerKind, pool: Condition[], seedBase: number, preferred?: Condition, wantAnswer?: string): Draft | undefined {
  const weights = pool.map((c) => c.prevalenceWeight);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const seed = deriveSeed(seedBase, "attempt", attempt);
    const rng = createRng(seed);
    const condition = preferred && attempt < MAX_ATTEMPTS / 2 ? preferred : rng.weighted(pool, weights);
    const patient = generateEdPatient(condition, seed, edPatientId(seed));
    const facts = factsOf(patient);
    if (kind === "protocol" && indicatedProtocols(condition, facts).length > 1) continue;
    const answer = answerFor(kind, condition, facts);
    if (wantAnswer !== undefined && attempt < MAX_ATTEMPTS - 5 && answer !== wantAnswer) continue;
    const post = answerPosterior(kind, rankTriage(fullObservation(patient)), facts);
    const mass = post.find(([a]) => a === answer)?.[1] ?? 0;
    if (mass >= MIN_POSTERIOR && post[0][0] === answer) return { patient, condition, answer, posterior: mass, seed };
  }
  return undefined;
}

export function generateTasks(count = TASK_COUNT): Task[] {
  const all = triageConditions();
  const protocolPool = all.filter(protocolCandidate);
  const order = createRng(BASE_SEED).shuffle(all);
  const tasks: Task[] = [];
  let dxIndex = 0;
  let protocolIndex = 0;
  let esiIndex = 0;
  let dispositionIndex = 0;
  // Targets spread the answers: ESI levels and destinations cycle instead of following prevalence.
  const esiTargets = [1, 2, 3, 4, 5].filter((l) => all.some((c) => c.esiLevel === l));
  const dispositionTargets = [...new Set(all.map((c) => c.disposition))].sort();
  for (let i = 0; tasks.length < count && i < count * 3; i++) {
    const kind = MIX[i % MIX.length];
    const seedBase = deriveSeed(BASE_SEED, "triage_emergency", i);
    // Diagnosis tasks walk through every profile in turn so each condition is asked about.
    const preferred = kind === "diagnosis" ? order[dxIndex++ % order.length] : undefined;
    // Protocol questions cycle through every protocol and "none" (which tests restraint).
    let pool = all;
    let wantAnswer: string | undefined;
    if (kind === "esi") {
      const level = esiTargets[esiIndex++ % esiTargets.length];
      wantAnswer = String(level);
      pool = all.filter((c) => c.esiLevel === level);
    }
    if (kind === "disposition") {
      const dest = dispositionTargets[dispositionIndex++ % dispositionTargets.length];
      wantAnswer = dest;
      pool = all.filter((c) => c.disposition === dest);
    }
    if (kind === "protocol") {
      wantAnswer = [...PROTOCOLS, "none"][protocolIndex++ % (PROTOCOLS.length + 1)];
      pool = wantAnswer === "none" ? protocolPool : protocolPool.filter(PROTOCOL_POOLS[wantAnswer as Protocol]);
    }
    const d = draw(kind, pool.length ? pool : all, seedBase, preferred, wantAnswer);
    if (!d) continue;
    tasks.push(buildTask(tasks.length, kind, d));
  }
  // A seeded shuffle picks the test fifth, so every question type lands in both splits.
  const testIds = new Set(createRng(deriveSeed(BASE_SEED, "split")).shuffle(tasks.map((t) => t.id)).slice(0, Math.round(tasks.length * TEST_FRACTION)));
  for (const t of tasks) t.split = testIds.has(t.id) ? "test" : "train";
  return tasks;
}

const article = (age: number) => (/^(8|11|18)/.test(String(age)) ? "an" : "a");

function buildTask(index: number, kind: TriageAnswerKind, d: Draft): Task {
  const { patient: p, condition: c } = d;
  const facts = factsOf(p);
  const esi = esiForCase(c, facts);
  const disposition = dispositionForCase(c, facts);
  const protocols = indicatedProtocols(c, facts);
  const who = `${article(p.age)} ${p.age}-year-old ${p.sex === "female" ? "woman" : "man"} (${p.id})`;
  const arrival = `${{ ambulance: "arrived by ambulance", "walk-in": "walked in", "private vehicle": "was driven in by family", police: "was brought in by police" }[p.arrival.mode]} with "${p.chiefComplaint}"`;
  const pid = { patient_id: p.id };
  const actions: ExpectedAction[] = [
    { actionId: "presentation", name: "get_patient_presentation", arguments: pid },
    { actionId: "vitals", name: "get_vital_signs", arguments: pid },
  ];
  const safety: SafetyConstraint[] = [];
  if (protocols.length) safety.push({ code: "missed_emergency_protocol", description: `The findings meet the ${protocols.join(" and ")} protocol criteria; it must be activated.`, severity: "critical" });
  for (const pr of protocols) actions.push({ actionId: `activate_${pr}`, name: "activate_emergency_protocol", arguments: { ...pid, protocol: pr }, compareArgs: ["patient_id", "protocol"] });
  let ticket: string;
  let answer: Task["answer"];
  let mustMention: string[];
  let nl: string[];
  let difficulty: Task["description"]["difficulty"];
  switch (kind) {
    case "esi": {
      ticket = `Triage desk: ${who} ${arrival} a few minutes ago. Triage the patient: assign an ESI level (1-5) with the ESI v4 algorithm, place the patient in an appropriate area, and activate any emergency protocol whose criteria are met. Submit esi_level.`;
      actions.push(
        { actionId: "airway", name: "assess_airway_breathing", arguments: pid },
        { actionId: "esi", name: "calculate_esi_level" },
        { actionId: "bed", name: "get_bed_assignment", arguments: { ...pid, area: AREA_FOR_ESI[esi.level] }, compareArgs: ["patient_id", "area"] },
        { actionId: "submit", name: "submit_answer", arguments: { esi_level: esi.level }, compareArgs: ["esi_level"] },
      );
      if (esi.level <= 2) safety.push({ code: "unsafe_placement", description: `An ESI ${esi.level} patient must not wait in fast track or the waiting room.`, severity: esi.level === 1 ? "critical" : "major" });
      answer = { kind: "label", value: `ESI ${esi.level}`, accepted: [String(esi.level), `ESI level ${esi.level}`, `level ${esi.level}`] };
      mustMention = [`ESI ${esi.level}`];
      nl = [`The agent assigns ESI ${esi.level}: ${esi.path[esi.path.length - 1]}.`];
      difficulty = esi.decision === "D" || (esi.level === 2 && c.esiLevel > 2) || (esi.level === 1 && c.esiLevel > 1) ? "hard" : esi.level <= 2 ? "easy" : "medium";
      break;
    }
    case "diagnosis": {
      ticket = `Emergency department: ${who} ${arrival}. Work the patient up (history, examination, stat labs, imaging as needed), activate any emergency protocol whose criteria are met, and submit the most likely working diagnosis.`;
      actions.push(
        { actionId: "history", name: "get_medical_history", arguments: pid },
        { actionId: "labs", name: "order_stat_labs", arguments: pid, compareArgs: ["patient_id"] },
        { actionId: "submit", name: "submit_answer", arguments: { diagnosis: c.name }, compareArgs: ["diagnosis"] },
      );
      answer = { kind: "label", value: c.name, accepted: [c.id, ...c.synonyms] };
      mustMention = [c.name];
      nl = [`The agent names ${c.name} as the working diagnosis, supported by ${c.keyFindings.slice(0, 2).join(" and ")}.`];
      difficulty = d.posterior < 0.97 ? "hard" : c.differential.length > 4 ? "medium" : "easy";
      break;
    }
    case "disposition": {
      ticket = `ED physician handover: ${who} ${arrival}. Assess the patient, start what is time-critical (activate any emergency protocol whose criteria are met) and decide the disposition from the ED. Submit disposition.`;
      actions.push(
        { actionId: "airway", name: "assess_airway_breathing", arguments: pid },
        { actionId: "labs", name: "order_stat_labs", arguments: pid, compareArgs: ["patient_id"] },
        { actionId: "submit", name: "submit_answer", arguments: { disposition }, compareArgs: ["disposition"] },
      );
      if (esi.level === 1 || (disposition !== "discharge" && disposition !== "outpatient_followup")) {
        safety.push({ code: "unsafe_discharge", description: `This patient needs ${disposition.replace(/_/g, " ")}; sending them home is unsafe.`, severity: "critical" });
      }
      answer = { kind: "label", value: disposition, accepted: [disposition.replace(/_/g, " ")] };
      mustMention = [disposition.replace(/_/g, " ")];
      nl = [`The agent sends the patient to ${disposition.replace(/_/g, " ")} (${c.name}${disposition !== c.disposition ? ", escalated for physiological instability" : ""}).`];
      difficulty = disposition !== c.disposition ? "hard" : protocols.length ? "medium" : "easy";
      break;
    }
    case "protocol": {
      const primary: string = protocols[0] ?? "none";
      ticket = `EMS/triage alert: ${who} ${arrival}. Decide whether the patient meets the criteria of an emergency protocol (stemi, stroke, sepsis, trauma, massive_transfusion, pulmonary_embolism_response); activate it if so. Submit the protocol, or none.`;
      actions.push({ actionId: "airway", name: "assess_airway_breathing", arguments: pid });
      if (primary !== "none") actions.push({ actionId: "criteria", name: "check_protocol", arguments: { protocol: primary } });
      actions.push({ actionId: "submit", name: "submit_answer", arguments: { protocol: primary }, compareArgs: ["protocol"] });
      answer = { kind: "label", value: primary, accepted: primary === "none" ? ["no protocol", "none indicated"] : [primary.replace(/_/g, " ")] };
      mustMention = [primary.replace(/_/g, " ")];
      nl = [primary === "none" ? `The agent finds that no protocol criteria are met for this ${c.name} presentation.` : `The agent activates the ${primary.replace(/_/g, " ")} protocol for ${c.name}.`];
      difficulty = primary === "none" ? "hard" : primary === "sepsis" ? "medium" : "easy";
      break;
    }
  }
  return {
    id: `triage_emergency-${String(index).padStart(4, "0")}`,
    domain: "triage_emergency",
    split: "train",
    description: {
      purpose: { esi: "Assign an ESI triage level", diagnosis: "Reach the working diagnosis of an ED patient", disposition: "Decide the ED disposition", protocol: "Recognise emergency protocol criteria" }[kind],
      difficulty,
      keyChallenges: {
        esi: ["gather vitals, GCS and pain before scoring", "recognise high-risk presentations", "apply the danger-zone vitals rule"],
        diagnosis: ["choose informative labs and imaging", "weigh the differential", "do not miss time-critical protocols"],
        disposition: ["recognise physiological instability", "match the destination to the diagnosis", "activate protocols before moving the patient"],
        protocol: ["check each protocol's criteria against the findings", "do not activate without criteria"],
      }[kind],
    },
    userScenario: { persona: kind === "esi" ? "triage nurse" : "emergency physician", instructions: ticket },
    ticket,
    evaluationCriteria: { actions, nlAssertions: nl, mustMention, safety, rewardBasis: ["accuracy", "format", "process", "safety"] },
    answer,
    caseId: p.id,
    caseSeed: d.seed,
    meta: { question: kind, condition: c.id, esi: esi.level, esiPath: esi.path, disposition, protocols, posterior: Math.round(d.posterior * 1000) / 1000 },
  };
}
