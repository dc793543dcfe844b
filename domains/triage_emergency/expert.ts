import type { Condition } from "../../src/clinical/conditions/index.js";
import { getLab, loadLabs } from "../../src/clinical/labs/index.js";
import type { Action, Task } from "../../src/env/index.js";
import { flowPolicy, type Policy, type PolicyFlow } from "../../src/policy/index.js";
import type { ObservedFindings, RankedCondition } from "../../src/tools/differential-likelihood.js";
import { IMAGING_ORDERS, type EdVitals, type ImagingOrder, type Protocol } from "./data-model.js";
import { answerPosterior, PROFILE_ANALYTES, rankTriage } from "./knowledge.js";
import { esiForCase, expectedResources, hasStElevation, indicatedProtocols, isHemorrhage, isInjury, isSuspectedInfection, lifesavingTriggers, type TriageFacts } from "./rules.js";
import { AREA_FOR_ESI } from "./tasks.js";
import { GCS_EYE, GCS_MOTOR, GCS_VERBAL, type GcsEye, type GcsMotor, type GcsVerbal } from "./scores.js";
import { STAT_PANELS, type StatPanel, type TriageQuestion } from "./tools.js";

/**
 * The scripted triage expert. It reads the case only through the tools, keeps a differential over
 * the domain's condition profiles (the shared differential likelihood is its clinical knowledge),
 * orders the labs and imaging that best separate the leading candidates, activates every protocol
 * whose criteria the gathered findings meet, and answers the question the ticket asks. Optional
 * steps (status board, a second study, a written thought) are dropped when the turn budget is short.
 */

// ---------------------------------------------------------------------------------------------
// Parsing tool observations

const items = (line: string | undefined): string[] => {
  const body = (line ?? "").replace(/\.$/, "").trim();
  return !body || body === "none" ? [] : body.split("; ").map((s) => s.trim());
};
const field = (text: string, label: string): string | undefined => text.split("\n").find((l) => l.startsWith(`${label}:`))?.slice(label.length + 1).trim();
const num = (re: RegExp, s: string): number => {
  const m = s.match(re);
  if (!m) throw new Error(`triage expert: cannot read ${re} from "${s.slice(0, 200)}"`);
  return Number(m[1]);
};

export interface Presentation {
  age: number;
  sex: "female" | "male";
  complaint: string;
  symptoms: string[];
  exam: string[];
  pain: number;
  pregnant: boolean;
  lastKnownWellHours?: number;
  injury?: { penetrating: boolean };
  ingestion: boolean;
}

export function parsePresentation(text: string): Presentation {
  const head = text.split("\n")[0];
  const m = head.match(/, (\d+(?:\.\d+)?) y (female|male),/);
  if (!m) throw new Error(`triage expert: bad presentation header "${head}"`);
  const mech = field(text, "Mechanism of injury");
  const lkw = field(text, "Last known well");
  return {
    age: Number(m[1]),
    sex: m[2] as "female" | "male",
    complaint: (field(text, "Chief complaint") ?? "").replace(/\.$/, ""),
    symptoms: items(field(text, "Symptoms")),
    exam: items(field(text, "Triage observation")),
    pain: num(/Pain: (\d+)\/10/, text),
    pregnant: /^Pregnant:/m.test(text),
    ...(lkw ? { lastKnownWellHours: num(/([\d.]+) h/, lkw) } : {}),
    ...(mech ? { injury: { penetrating: /\(penetrating\)/.test(mech) } } : {}),
    ingestion: /^Reported ingestion/m.test(text),
  };
}

export function parseVitals(text: string): EdVitals {
  return {
    hr: num(/HR (\d+)/, text),
    sbp: num(/BP (\d+)\//, text),
    dbp: num(/BP \d+\/(\d+)/, text),
    rr: num(/RR (\d+)/, text),
    tempC: num(/Temp ([\d.]+)/, text),
    spo2: num(/SpO2 (\d+)/, text),
  };
}

export function parseGcsComponents(text: string): { eye: GcsEye; verbal: GcsVerbal; motor: GcsMotor } {
  const m = text.match(/eyes: ([^;]+); verbal: ([^;]+); motor: ([^.]+)\./);
  if (!m) throw new Error(`triage expert: no GCS components in "${text.slice(0, 200)}"`);
  return { eye: m[1] as GcsEye, verbal: m[2] as GcsVerbal, motor: m[3] as GcsMotor };
}

export interface History {
  pmh: string[];
  medications: string[];
  social: string[];
  family: string[];
}

export function parseHistory(text: string): History {
  return {
    pmh: items(field(text, "Past medical history")),
    medications: items(field(text, "Medications")),
    social: items(field(text, "Social")),
    family: items(field(text, "Family")),
  };
}

const LAB_NAMES = () => loadLabs().map((l) => ({ key: l.key, name: l.name, qualitative: l.scale === "qualitative" }));
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Lab results as key -> value, from the "Name value unit (flag; ref ...)" lines. */
export function parseLabs(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const lab of LAB_NAMES()) {
    const m = text.match(new RegExp(`(?:^|: |; )${escape(lab.name)} (Positive|Negative|-?[\\d.]+)`, "m"));
    if (!m) continue;
    out[lab.key] = lab.qualitative ? (m[1] === "Positive" ? 1 : 0) : Number(m[1]);
  }
  return out;
}

/** Findings of one study ("CT: region: finding; region: finding."); empty when nothing acute. */
export function parseImaging(text: string): string[] {
  const body = text.slice(text.indexOf(":") + 1).trim().replace(/\.$/, "");
  if (/^no acute abnormality/.test(body)) return [];
  return body.split("; ").map((s) => s.slice(s.indexOf(":") + 1).trim());
}

// ---------------------------------------------------------------------------------------------
// The expert's working knowledge of the case

class Workup {
  p!: Presentation;
  vitals!: EdVitals;
  gcsParts?: { eye: GcsEye; verbal: GcsVerbal; motor: GcsMotor };
  history?: History;
  labs: Record<string, number> = {};
  panels = new Set<StatPanel>();
  imaging = new Map<ImagingOrder, string[]>();

  get gcs(): number {
    if (!this.gcsParts) return /confus|altered mental|disorient|letharg|somnolen|drowsy|delirium|encephalopath|postictal|agitat|unresponsive|comatose|\bcoma\b|obtunded|stupor/i.test([...this.p.symptoms, ...this.p.exam, this.p.complaint].join("; ")) ? 14 : 15;
    return GCS_EYE[this.gcsParts.eye] + GCS_VERBAL[this.gcsParts.verbal] + GCS_MOTOR[this.gcsParts.motor];
  }

  observation(): ObservedFindings {
    const labs: Record<string, number> = {};
    for (const [k, v] of Object.entries(this.labs)) if (PROFILE_ANALYTES.has(k)) labs[k] = v;
    return {
      age: this.p.age,
      sex: this.p.sex,
      pregnant: this.p.pregnant,
      chiefComplaint: this.p.complaint,
      symptoms: this.p.symptoms,
      exam: this.p.exam,
      ...(this.history ? { pmh: this.history.pmh, medications: this.history.medications, social: this.history.social, family: this.history.family } : {}),
      vitals: { hr: this.vitals.hr, sbp: this.vitals.sbp, rr: this.vitals.rr, tempC: this.vitals.tempC, spo2: this.vitals.spo2 },
      labs,
      imaging: [...this.imaging.entries()].map(([modality, findings]) => ({ modality, findings })),
    };
  }

  facts(): TriageFacts {
    return {
      age: this.p.age,
      vitals: this.vitals,
      gcs: this.gcs,
      painScore: this.p.pain,
      imaging: [...this.imaging.entries()].flatMap(([modality, fs]) => fs.map((finding) => ({ modality, finding }))),
      lactate: this.labs.lactate,
      wbc: this.labs.wbc,
      bands: this.labs.bands,
      pco2: this.labs.pco2,
      lastKnownWellHours: this.p.lastKnownWellHours,
      injury: this.p.injury,
    };
  }

  rank(): RankedCondition[] {
    return rankTriage(this.observation());
  }
}

const massOf = (ranked: readonly RankedCondition[], pred: (c: Condition) => boolean) => ranked.filter((r) => pred(r.condition)).reduce((s, r) => s + r.posterior, 0);
const chestPain = (c: Condition) => (c.pathways ?? []).includes("acute_chest_pain");

/** Panels that hold the analytes of the leading candidates, most informative first. */
function panelsFor(ranked: readonly RankedCondition[], must: StatPanel[], max = 8): StatPanel[] {
  const weight = new Map<StatPanel, number>();
  let cum = 0;
  for (const r of ranked.slice(0, 10)) {
    for (const key of Object.keys(r.condition.labs)) {
      const panel = getLab(key).panel as StatPanel;
      if (!STAT_PANELS.includes(panel)) continue;
      weight.set(panel, (weight.get(panel) ?? 0) + r.posterior);
    }
    cum += r.posterior;
    if (cum > 0.999) break;
  }
  const ranked_ = [...weight.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([p]) => p);
  return [...new Set([...must, ...ranked_])].slice(0, max);
}

/** The study whose findings best separate the leading candidates (expected posterior-weighted yield). */
function bestModality(ranked: readonly RankedCondition[], done: ReadonlySet<ImagingOrder>): ImagingOrder | undefined {
  const score = new Map<ImagingOrder, number>();
  for (const r of ranked.slice(0, 8)) {
    for (const img of r.condition.imaging) {
      const m = img.modality as ImagingOrder;
      if (!IMAGING_ORDERS.includes(m) || done.has(m)) continue;
      score.set(m, (score.get(m) ?? 0) + r.posterior * img.p * (1 - r.posterior + 0.05));
    }
  }
  return [...score.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}

// ---------------------------------------------------------------------------------------------
// The policy: a generator that yields one action per turn and receives the observation back.

type Flow = PolicyFlow;

export function triageExpert(task: Task): Policy {
  return flowPolicy("triage_emergency_expert", (ctx) => flow(task, ctx.info.maxTurns));
}

function* flow(task: Task, maxTurns: number): Flow {
  const id = task.caseId!;
  const question = (task.meta?.question ?? "diagnosis") as TriageQuestion;
  const pid = { patient_id: id };
  let turns = 0;
  const call = (name: string, args: Record<string, unknown> = {}): Action => {
    turns++;
    return { name, arguments: args };
  };
  const w = new Workup();

  w.p = parsePresentation(yield call("get_patient_presentation", pid));
  w.vitals = parseVitals(yield call("get_vital_signs", pid));
  const altered = w.gcs < 15;
  if (question !== "diagnosis" || altered) {
    w.gcsParts = parseGcsComponents(yield call("assess_airway_breathing", pid));
    if (question === "esi" || question === "protocol" || w.gcs < 15) yield call("calculate_gcs", { ...w.gcsParts });
  }
  w.history = parseHistory(yield call("get_medical_history", pid));
  let ranked = w.rank();

  const pChest = massOf(ranked, chestPain);
  const pInfection = massOf(ranked, isSuspectedInfection);
  const pHemorrhage = massOf(ranked, (c) => isHemorrhage(c) || /^I26/.test(c.icd10));
  const pInjury = massOf(ranked, isInjury);

  function* labs(panels: StatPanel[]): Generator<Action, void, string> {
    const fresh = panels.filter((p) => !w.panels.has(p));
    if (!fresh.length) return;
    for (const p of fresh) w.panels.add(p);
    Object.assign(w.labs, parseLabs(yield call("order_stat_labs", { ...pid, panels: fresh })));
    ranked = w.rank();
  }
  function* image(m: ImagingOrder): Generator<Action, void, string> {
    w.imaging.set(m, parseImaging(yield call("order_imaging", { ...pid, modality: m })));
    ranked = w.rank();
  }
  function* activateIndicated(reserve: number): Generator<Action, Protocol[], string> {
    const top = ranked[0].condition;
    const protocols = indicatedProtocols(top, w.facts());
    for (const pr of protocols) {
      if (turns + reserve >= maxTurns) break;
      yield call("activate_emergency_protocol", { ...pid, protocol: pr, reason: `${top.name}: criteria met` });
    }
    return protocols;
  }

  if (question === "esi") {
    if (pChest > 0.02) yield* image("ecg");
    if (pInfection > 0.02) yield* labs(["cbc", "abg"]);
    const post = answerPosterior("esi", ranked, w.facts());
    const level = Number(post[0][0]);
    const rep = ranked.find((r) => esiForCase(r.condition, w.facts()).level === level)!.condition;
    const v = w.vitals;
    yield call("calculate_esi_level", {
      requires_lifesaving_intervention: rep.esiLevel === 1 || lifesavingTriggers(v, w.gcs).length > 0,
      high_risk_situation: rep.esiLevel === 2,
      new_confusion_lethargy_or_disorientation: w.gcs < 15,
      severe_pain_or_distress: w.p.pain >= 7,
      expected_resources: expectedResources(rep),
      heart_rate: v.hr,
      respiratory_rate: v.rr,
      spo2: v.spo2,
      age_years: w.p.age,
    });
    const protocols = indicatedProtocols(ranked[0].condition, w.facts());
    if (turns + protocols.length + 3 <= maxTurns) yield call("get_ed_status");
    yield call("get_bed_assignment", { ...pid, area: AREA_FOR_ESI[level] });
    yield* activateIndicated(1);
    return call("submit_answer", { esi_level: level, rationale: `ESI ${level}; leading impression ${ranked[0].condition.name}.` });
  }

  if (question === "protocol") {
    if (pChest > 0.02) yield* image("ecg");
    if (pInfection > 0.02) {
      yield* labs(["cbc", "abg", "bmp"]);
      const wbc = w.labs.wbc;
      yield call("calculate_sirs_criteria", {
        temperatureC: w.vitals.tempC,
        heartRateBpm: w.vitals.hr,
        respiratoryRate: w.vitals.rr,
        ...(w.labs.pco2 !== undefined ? { paco2MmHg: w.labs.pco2 } : {}),
        ...(wbc !== undefined ? { wbcPerMicroL: Math.round(wbc * 1000) } : {}),
        ...(w.labs.bands !== undefined ? { bandsPct: w.labs.bands } : {}),
      });
      yield call("screen_sepsis", { ...pid, suspected_infection: isSuspectedInfection(ranked[0].condition), suspected_source: ranked[0].condition.name });
    }
    if (pInjury > 0.02) yield call("calculate_trauma_score", { gcs: w.gcs, systolic_bp: w.vitals.sbp, respiratory_rate: w.vitals.rr });
    if (pHemorrhage > 0.02) yield call("calculate_shock_index", { heart_rate: w.vitals.hr, systolic_bp: w.vitals.sbp });
    const post = answerPosterior("protocol", ranked, w.facts());
    const primary = post[0][0];
    if (primary !== "none") {
      yield call("check_protocol", { protocol: primary });
      yield call("activate_emergency_protocol", { ...pid, protocol: primary, reason: `${ranked[0].condition.name}: criteria met` });
    }
    if (pInfection > 0.02 && turns + 2 <= maxTurns) yield call("calculate_qsofa", { respiratory_rate: w.vitals.rr, systolic_bp: w.vitals.sbp, gcs: w.gcs });
    return call("submit_answer", { protocol: primary });
  }

  // Diagnosis and disposition: a full work-up.
  const must: StatPanel[] = ["cbc", "bmp"];
  if (pInfection > 0.02) must.push("abg");
  yield* labs(panelsFor(ranked, must));
  const first = bestModality(ranked, new Set(w.imaging.keys())) ?? (pChest > 0.02 ? "ecg" : "xray");
  yield* image(first);
  if (pChest > 0.02 && !w.imaging.has("ecg")) yield* image("ecg");
  const reserve = () => indicatedProtocols(ranked[0].condition, w.facts()).length + 3;
  if (ranked[0].posterior < 0.97 && turns + reserve() + 1 <= maxTurns) {
    const next = bestModality(ranked, new Set(w.imaging.keys()));
    if (next) yield* image(next);
  }
  const top = ranked[0].condition;
  if (question === "diagnosis") {
    if (chestPain(top) && turns + reserve() + 1 <= maxTurns) {
      const h = w.history!;
      const has = (re: RegExp, xs: string[]) => xs.some((x) => re.test(x));
      const ecg = w.imaging.get("ecg") ?? [];
      const trop = w.labs.troponin_i;
      yield call("calculate_heart_score", {
        history: has(/pressure|radiat|diaphore|crushing|exertion/i, w.p.symptoms) ? "highly suspicious" : "moderately suspicious",
        ecg: ecg.some((f) => /ST (elevation|depression)|ST-segment/i.test(f)) ? "significant st deviation" : ecg.some((f) => /T-wave|repolari|bundle branch|LVH/i.test(f)) ? "non-specific repolarization disturbance" : "normal",
        ageYears: w.p.age,
        hypertension: has(/hypertension/i, h.pmh),
        hypercholesterolemia: has(/hyperlipid|cholesterol/i, h.pmh),
        diabetes: has(/diabetes/i, h.pmh),
        obesity: has(/obes/i, h.pmh),
        smoking: has(/current smoker/i, h.social),
        familyHistory: has(/coronary|cardiac|myocardial/i, h.family),
        atheroscleroticDisease: has(/myocardial infarction|coronary|stroke|transient ischemic|peripheral arter|bypass|percutaneous/i, h.pmh),
        troponin: trop === undefined ? "<= normal limit" : trop > 0.12 ? "> 3x normal limit" : trop > 0.04 ? "1-3x normal limit" : "<= normal limit",
      });
    } else if ((w.gcs < 15 || w.p.ingestion) && turns + reserve() + 1 <= maxTurns) {
      yield call("check_toxicology", pid);
    } else if (isSuspectedInfection(top) && w.panels.has("abg") && turns + reserve() + 1 <= maxTurns) {
      yield call("screen_sepsis", { ...pid, suspected_infection: true, suspected_source: top.name });
    }
    yield* activateIndicated(1);
    const dx = ranked[0].condition;
    if (turns + 2 <= maxTurns) yield call("think", { thought: `Leading diagnosis ${dx.name} (posterior ${ranked[0].posterior.toFixed(2)}); next: ${ranked.slice(1, 3).map((r) => r.condition.name).join(", ")}.` });
    return call("submit_answer", { diagnosis: dx.name });
  }

  // Disposition.
  const protocols = indicatedProtocols(top, w.facts());
  if (protocols.length && turns + protocols.length + 2 <= maxTurns) yield call("check_protocol", { protocol: protocols[0] });
  yield* activateIndicated(1);
  if (isSuspectedInfection(top) && turns + 2 <= maxTurns) yield call("calculate_qsofa", { respiratory_rate: w.vitals.rr, systolic_bp: w.vitals.sbp, gcs: w.gcs });
  else if (isHemorrhage(top) && turns + 2 <= maxTurns) yield call("calculate_shock_index", { heart_rate: w.vitals.hr, systolic_bp: w.vitals.sbp });
  const post = answerPosterior("disposition", ranked, w.facts());
  if (turns + 2 <= maxTurns) yield call("think", { thought: `Disposition ${post[0][0]} (${(post[0][1] * 100).toFixed(0)} %); impression ${top.name}${hasStElevation(w.facts().imaging) ? ", STEMI on ECG" : ""}.` });
  return call("submit_answer", { disposition: post[0][0] });
}

