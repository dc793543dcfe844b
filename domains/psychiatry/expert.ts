import { IMAGING_MODALITIES, matchesCondition, type Condition } from "../../src/clinical/conditions/index.js";
import { findDrug } from "../../src/clinical/drugs/index.js";
import { loadLabs } from "../../src/clinical/labs/index.js";
import type { Action, Task } from "../../src/env/index.js";
import { flowPolicy, type Policy, type PolicyFlow } from "../../src/policy/index.js";
import type { ObservedFindings, RankedCondition } from "../../src/tools/differential-likelihood.js";
import { categoryOf } from "./categories.js";
import type { PsychCategory, PsychDisposition } from "./data-model.js";
import { PROFILE_ANALYTES, rankPsych } from "./knowledge.js";
import { dispositionFor, SEVERITY_INSTRUMENTS } from "./rules.js";
import { dispositionClass } from "./tasks.js";
import { psychiatryConditions, type PsychQuestion } from "./tools.js";
import type { SuicideRisk } from "./instruments.js";

/**
 * The scripted psychiatry expert. It interviews and examines through the tools, keeps a
 * differential over the domain's profiles, confirms the leading diagnosis with the instrument that
 * fits it, grades risk with the C-SSRS and Brøset checklist, checks capacity before deciding on
 * admission, and screens every first-line drug against the patient's medications, pregnancy and
 * QTc before prescribing. It never reads the answer from the task.
 */

const items = (line: string | undefined): string[] => {
  const body = (line ?? "").replace(/\.$/, "").trim();
  return !body || body === "none" ? [] : body.split("; ").map((s) => s.trim());
};
const field = (text: string, label: string): string | undefined => text.split("\n").find((l) => l.startsWith(`${label}:`))?.slice(label.length + 1).trim();
const num = (re: RegExp, s: string): number => {
  const m = s.match(re);
  if (!m) throw new Error(`psychiatry expert: cannot read ${re} from "${s.slice(0, 200)}"`);
  return Number(m[1]);
};
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function parsePresentation(text: string) {
  const head = text.split("\n")[0];
  const m = head.match(/, (\d+) y (female|male),/);
  if (!m) throw new Error(`psychiatry expert: bad header "${head}"`);
  return {
    age: Number(m[1]),
    sex: m[2] as "female" | "male",
    complaint: (field(text, "Chief complaint") ?? "").replace(/\.$/, ""),
    symptoms: items(field(text, "Symptoms")),
    exam: items(field(text, "Observed on assessment")),
    vitals: { hr: num(/HR (\d+)/, text), sbp: num(/BP (\d+)\//, text), rr: num(/RR (\d+)/, text), tempC: num(/Temp ([\d.]+)/, text), spo2: num(/SpO2 (\d+)/, text) },
    pregnant: /^Pregnant:/m.test(text),
  };
}

export function parseLabs(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const lab of loadLabs()) {
    const m = text.match(new RegExp(`(?:: |; )${escape(lab.name)} (Positive|Negative|-?[\\d.]+)`));
    if (m) out[lab.key] = lab.scale === "qualitative" ? (m[1] === "Positive" ? 1 : 0) : Number(m[1]);
  }
  return out;
}

export function parseImaging(text: string): { modality: string; finding: string }[] {
  const line = field(text, "Imaging and other studies") ?? "";
  if (/^none performed/.test(line)) return [];
  return items(line).map((s) => {
    const mod = s.slice(0, s.indexOf(" ")).toLowerCase();
    return { modality: mod, finding: s.slice(s.indexOf(":") + 1).trim() };
  });
}

export interface GuidelineDrug {
  name: string;
  onFormulary: boolean;
  pregnancyCategory?: string;
  qtProlonging?: boolean;
}

export function parseGuideline(text: string): { firstLine: GuidelineDrug[]; avoid: string[] } {
  const firstLine = text
    .split("\n")
    .filter((l) => l.startsWith("- "))
    .map((l) => {
      const parts = l.slice(2).split(" | ");
      if (parts[1] === "not on the formulary") return { name: parts[0], onFormulary: false };
      return { name: parts[0], onFormulary: true, pregnancyCategory: parts.find((p) => p.startsWith("pregnancy category"))?.slice(-1), qtProlonging: parts.includes("QT-prolonging: yes") };
    });
  return { firstLine, avoid: items(field(text, "Avoid")).filter((a) => a !== "nothing specific") };
}

/** Pairs flagged major or contraindicated, as drug-id pairs. */
export function parseInteractions(text: string): [string, string][] {
  return text
    .split("\n")
    .map((l) => l.match(/^(\S+) \+ (\S+): (CONTRAINDICATED|MAJOR)/))
    .filter((m): m is RegExpMatchArray => !!m)
    .map((m) => [m[1], m[2]]);
}

// ---------------------------------------------------------------------------------------------

type Flow = PolicyFlow;

export function psychiatryExpert(task: Task): Policy {
  return flowPolicy("psychiatry_expert", (ctx) => flow(task, ctx.info.maxTurns));
}

/** The instrument (or assessment) that confirms each category. */
const CONFIRM: Record<PsychCategory, string | undefined> = {
  depression: "administer_phq9",
  bipolar_mania: "administer_mdq",
  gad: "administer_gad7",
  panic: "administer_gad7",
  ptsd: "administer_pcl5",
  psychosis: "assess_violence_risk",
  ocd: "administer_ybocs",
  anorexia: "screen_eating_disorder",
  bulimia: "screen_eating_disorder",
  alcohol_use: "administer_cage",
  alcohol_withdrawal: "administer_ciwa_ar",
  alcohol_withdrawal_delirium: "administer_ciwa_ar",
  opioid_use: "screen_substance_use",
  opioid_withdrawal: "administer_cows",
  delirium: "administer_mmse",
  dementia: "administer_mmse",
  adhd: undefined,
  borderline: "assess_suicide_risk",
  nms: "get_current_medications",
  serotonin_syndrome: "get_current_medications",
  catatonia: "get_current_medications",
  overdose: "assess_suicide_risk",
  other: undefined,
};

function knownDiagnosis(ticket: string): Condition | undefined {
  const m = ticket.match(/Known diagnosis: (.+?)\. [A-Z]/);
  return m ? psychiatryConditions().find((c) => matchesCondition(m[1], c)) : undefined;
}

function* flow(task: Task, maxTurns: number): Flow {
  const id = task.caseId!;
  const question = (task.meta?.question ?? "diagnosis") as PsychQuestion;
  const pid = { patient_id: id };
  let turns = 0;
  const call = (name: string, args: Record<string, unknown> = {}): Action => {
    turns++;
    return { name, arguments: args };
  };

  const pres = parsePresentation(yield call("get_patient_presentation", pid));

  if (question === "severity") {
    const c = knownDiagnosis(task.ticket);
    const inst = c ? SEVERITY_INSTRUMENTS[categoryOf(c)] : undefined;
    yield call("perform_mental_status_exam", pid);
    const out: string = inst ? yield call(inst.tool, pid) : "";
    const seg = out.match(/total \d+(?:\/\d+)?: ([^.]+)\./)?.[1] ?? "unknown";
    const band = seg === "no cognitive impairment" || seg === "no active withdrawal" ? seg : seg.replace(/ (depression|anxiety|cognitive impairment|withdrawal)$/, "");
    if (turns + 2 <= maxTurns) yield call("think", { thought: `${inst?.name ?? "instrument"}: ${band}.` });
    return call("submit_answer", { severity: band });
  }

  if (question === "medication") {
    const c = knownDiagnosis(task.ticket);
    const medsText: string = yield call("get_current_medications", pid);
    const current = items(field(medsText, "Current medications")).map((s) => s.slice(0, s.indexOf(":") > 0 ? s.indexOf(":") : undefined).trim());
    const g = parseGuideline(yield call("review_treatment_guidelines", { diagnosis: c?.name ?? "unknown" }));
    const work: string = yield call("get_medical_workup", pid);
    const hr = num(/heart rate (\d+)/, work);
    const qt = num(/QT interval (\d+)/, work);
    const qtcText: string = yield call("calculate_qtc_bazett", { qtMs: qt, heartRateBpm: hr });
    const qtc = num(/: ([\d.]+)/, qtcText);
    const prolonged = qtc > (pres.sex === "female" ? 470 : 450);
    const candidates = g.firstLine.filter((d) => d.onFormulary);
    const idOf = (n: string) => findDrug(n)?.id ?? n;
    const bad = new Set<string>();
    const names = [...new Set([...candidates.map((d) => d.name), ...current])];
    if (names.length >= 2) {
      for (const [a, b] of parseInteractions(yield call("check_drug_interactions", { drugs: names }))) {
        const currentIds = current.map(idOf);
        if (currentIds.includes(a)) bad.add(b);
        if (currentIds.includes(b)) bad.add(a);
      }
    }
    const avoid = new Set(g.avoid.map(idOf));
    const choice = candidates.find((d) => {
      const i = idOf(d.name);
      if (bad.has(i) || avoid.has(i)) return false;
      if (pres.pregnant && (d.pregnancyCategory === "D" || d.pregnancyCategory === "X")) return false;
      if (prolonged && d.qtProlonging) return false;
      return true;
    });
    const drug = choice?.name ?? candidates[0]?.name ?? "sertraline";
    yield call("prescribe_medication", { ...pid, drug, indication: c?.name ?? "psychiatric disorder" });
    return call("submit_answer", { medication: drug, rationale: `QTc ${qtc} ms${prolonged ? " (prolonged)" : ""}; ${pres.pregnant ? "pregnant; " : ""}current: ${current.join(", ") || "none"}.` });
  }

  // Diagnosis and disposition: a full interview and work-up.
  const hist: string = yield call("get_psychiatric_history", pid);
  const social: string = yield call("get_social_history", pid);
  yield call("perform_mental_status_exam", pid);
  const work: string = yield call("get_medical_workup", pid);
  const treatment = items(field(hist, "Medication and treatment history")).filter((t) => t !== "no previous medication");
  const labs: Record<string, number> = {};
  for (const [k, v] of Object.entries(parseLabs(work))) if (PROFILE_ANALYTES.has(k)) labs[k] = v;
  const imaging = parseImaging(work);
  const obs: ObservedFindings = {
    age: pres.age,
    sex: pres.sex,
    chiefComplaint: pres.complaint,
    symptoms: pres.symptoms,
    exam: pres.exam,
    pmh: items(field(hist, "Past medical history")),
    medications: treatment,
    family: items(field(hist, "Family history")),
    social: items(field(social, "Substance use and lifestyle")),
    vitals: pres.vitals,
    labs,
    imaging: IMAGING_MODALITIES.map((m) => ({ modality: m, findings: imaging.filter((i) => i.modality === m).map((i) => i.finding) })),
  };
  const ranked: RankedCondition[] = rankPsych(obs);
  const top = ranked[0].condition;
  const category = categoryOf(top);

  if (question === "diagnosis") {
    const confirm = CONFIRM[category];
    if (confirm) {
      const out: string = yield call(confirm, pid);
      if (confirm === "get_current_medications" && category === "serotonin_syndrome") {
        const meds = items(field(out, "Current medications")).map((s) => s.slice(0, s.indexOf(":") > 0 ? s.indexOf(":") : undefined).trim());
        if (meds.length >= 2 && turns + 3 <= maxTurns) yield call("check_drug_interactions", { drugs: meds.slice(0, 12) });
      }
    }
    if ((category === "alcohol_use" || category === "opioid_withdrawal") && turns + 3 <= maxTurns) yield call("screen_substance_use", pid);
    if (turns + 2 <= maxTurns) yield call("think", { thought: `Leading diagnosis ${top.name} (${(ranked[0].posterior * 100).toFixed(0)} %); alternatives ${ranked.slice(1, 3).map((r) => r.condition.name).join(", ")}.` });
    return call("submit_answer", { diagnosis: top.name });
  }

  // Disposition.
  const suicide: string = yield call("assess_suicide_risk", pid);
  const risk = (suicide.match(/C-SSRS risk level: (none|low|moderate|high)/)?.[1] ?? "none") as SuicideRisk;
  const violence = num(/Brøset score (\d+)/, yield call("assess_violence_risk", pid));
  const cls = dispositionClass(top);
  let capacity = true;
  let accepts = true;
  const admission = cls === "inpatient" || ((cls === "community") && (risk === "high" || violence >= 3));
  if (admission) {
    const cap: string = yield call("assess_capacity", { ...pid, decision: "psychiatric admission" });
    capacity = /Conclusion: has capacity/.test(cap);
    accepts = /Stated choice: agrees/.test(cap);
  }
  const disposition: PsychDisposition = dispositionFor(top, { risk, violence, capacity, accepts });
  if (disposition === "involuntary_psychiatric_admission") yield call("get_involuntary_hold_criteria");
  if (turns + 2 <= maxTurns) yield call("think", { thought: `C-SSRS ${risk}, Brøset ${violence}, ${capacity ? "has" : "lacks"} capacity, ${accepts ? "accepts" : "declines"} admission; working diagnosis ${top.name}.` });
  return call("submit_answer", { disposition, rationale: `${risk} suicide risk; violence score ${violence}.` });
}
