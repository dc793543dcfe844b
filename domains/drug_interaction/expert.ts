import type { Task, ToolCall } from "../../src/env/index.js";
import { lastObservation, scriptedPolicy, type Policy, type ScriptStep } from "../../src/policy/index.js";
import type { PolicyContext } from "../../src/policy/types.js";
import { FOOD_KEYWORDS } from "./generator.js";
import type { RxTaskMeta } from "./tasks.js";

/**
 * The scripted clinical pharmacist. It reads what the ticket asks (family and parameters), gathers
 * every value through the tools and parses their text; it never reads the answer from the task.
 */
export function drugExpert(task: Task): Policy {
  const meta = task.meta as RxTaskMeta;
  const pid = task.caseId!;
  const family = meta.family.startsWith("safe_alternative_") ? "safe_alternative" : meta.family;
  const plan = PLANS[family];
  if (!plan) throw new Error(`drug_interaction expert: no plan for family "${meta.family}"`);
  return scriptedPolicy(`drug_interaction_expert:${family}`, plan(pid, meta.params));
}

type Params = RxTaskMeta["params"];
type Plan = (pid: string, params: Params) => ScriptStep[];

const call = (name: string, args: Record<string, unknown> = {}): ToolCall => ({ name, arguments: args });
const submit = (answer: string | number, rationale: string): ToolCall => call("submit_answer", { answer: String(answer), rationale });
const think = (thought: string): ToolCall => call("think", { thought });

function grab(re: RegExp, text: string, what: string): string {
  const m = re.exec(text);
  if (!m) throw new Error(`drug_interaction expert: cannot read ${what} from: ${text.slice(0, 400)}`);
  return m[1]!;
}

interface Med {
  name: string;
  id: string;
  cls: string;
  dose: number;
  unit: string;
  perDay: number | null;
}

function parseMeds(text: string): Med[] {
  const out: Med[] = [];
  for (const line of text.split("\n")) {
    const m = /^- (.+?) \[([a-z0-9_]+)\] \((.*?)\): ([\d.]+) (\S+) \S+ .*?(?: \(([\d.]+)\/day\))?; for /.exec(line);
    if (m) out.push({ name: m[1]!, id: m[2]!, cls: m[3]!, dose: Number(m[4]), unit: m[5]!, perDay: m[6] ? Number(m[6]) : null });
  }
  if (out.length === 0) throw new Error(`drug_interaction expert: no medications in ${text.slice(0, 200)}`);
  return out;
}

interface PairLine {
  a: string;
  b: string;
  severity: string;
}

function parsePairs(text: string): PairLine[] {
  return [...text.matchAll(/^- .+? \[([a-z0-9_]+)\] \+ .+? \[([a-z0-9_]+)\]: (contraindicated|major|moderate|minor)/gm)].map((m) => ({ a: m[1]!, b: m[2]!, severity: m[3]! }));
}

const WEIGHT: Record<string, number> = { contraindicated: 10, major: 5, moderate: 2, minor: 1 };

/** The observation of the most recent call to `tool`. */
function observationOf(ctx: PolicyContext, tool: string): string {
  for (let i = ctx.messages.length - 1; i >= 0; i--) {
    const m = ctx.messages[i]!;
    if (m.role === "tool" && m.name === tool) return m.content;
  }
  throw new Error(`drug_interaction expert: no ${tool} result yet`);
}

function patientNumbers(info: string, labs: string) {
  const m = /: (\d+) y (female|male), weight ([\d.]+) kg, height ([\d.]+) cm/.exec(info);
  if (!m) throw new Error(`drug_interaction expert: no demographics in ${info.slice(0, 200)}`);
  return { ageYears: Number(m[1]), sex: m[2]!, weightKg: Number(m[3]), heightCm: Number(m[4]), creatinineMgDl: Number(grab(/Creatinine ([\d.]+)/, labs, "creatinine")) };
}

const calcValue = (text: string) => Number(grab(/^[^\n]*?: (-?[\d.]+)/, text, "calculator value"));

function childPughArgs(info: string, labs: string) {
  return {
    bilirubinMgDl: Number(grab(/Total bilirubin ([\d.]+)/, labs, "bilirubin")),
    albuminGDl: Number(grab(/Albumin ([\d.]+)/, labs, "albumin")),
    inr: Number(grab(/INR ([\d.]+)/, labs, "INR")),
    ascites: grab(/ascites (absent|slight|moderate)/, info, "ascites"),
    encephalopathy: grab(/encephalopathy (none|grade 1-2|grade 3-4)/, info, "encephalopathy"),
  };
}

const cpClass = (points: number) => (points >= 10 ? "C" : points >= 7 ? "B" : "A");

const PLANS: Record<string, Plan> = {
  most_severe_pair(pid) {
    let top: PairLine | undefined;
    return [
      call("get_patient_medications", { patient_id: pid }),
      (ctx) => call("check_all_interactions", { drugs: parseMeds(lastObservation(ctx)).map((m) => m.id) }),
      (ctx) => {
        top = parsePairs(lastObservation(ctx))[0];
        if (!top) throw new Error("drug_interaction expert: no interaction listed");
        return call("search_ddi_literature", { drug_a: top.a, drug_b: top.b });
      },
      (ctx) => think(`Most severe: ${top!.a} + ${top!.b} (${top!.severity}). Literature: ${lastObservation(ctx).slice(0, 300)}`),
      () => submit(`${top!.a} + ${top!.b}`, `The only ${top!.severity} interaction on the list.`),
    ];
  },

  interaction_score(pid) {
    return [
      call("get_patient_medications", { patient_id: pid }),
      (ctx) => call("calculate_interaction_severity_score", { drugs: parseMeds(lastObservation(ctx)).map((m) => m.id) }),
      (ctx) => {
        const v = grab(/score: (\d+)/, lastObservation(ctx), "score");
        return submit(v, `Sum of severity weights: ${v}.`);
      },
    ];
  },

  deprescribe(pid) {
    let meds: Med[] = [];
    let top = "";
    return [
      call("get_patient_medications", { patient_id: pid }),
      (ctx) => {
        meds = parseMeds(lastObservation(ctx));
        return call("check_all_interactions", { drugs: meds.map((m) => m.id) });
      },
      (ctx) => {
        const burden = new Map<string, number>();
        for (const p of parsePairs(lastObservation(ctx))) for (const d of [p.a, p.b]) burden.set(d, (burden.get(d) ?? 0) + WEIGHT[p.severity]!);
        top = [...burden].sort((x, y) => y[1] - x[1])[0]![0];
        return call("calculate_interaction_severity_score", { drugs: meds.map((m) => m.id).filter((id) => id !== top) });
      },
      (ctx) => call("discontinue_medication", { patient_id: pid, drug: top, reason: `Largest interaction burden on the list; ${lastObservation(ctx)}` }),
      () => submit(top, `${top} takes part in the heaviest interactions.`),
    ];
  },

  safe_alternative(pid, params) {
    const proposed = String(params.proposed);
    const indication = String(params.indication);
    let info = "";
    let screen = "";
    let chosen: { id: string; dose: number; unit: string; perDay: number } | null = null;
    let factor = 1;
    // The steps after the screen depend on what it finds, so they are queued as the case unfolds.
    const queue: ((ctx: PolicyContext) => ToolCall)[] = [];
    const next = (ctx: PolicyContext): ToolCall => {
      const f = queue.shift();
      if (!f) throw new Error("drug_interaction expert: plan ran out of steps");
      return f(ctx);
    };
    const regimenOf = (text: string, id: string) => {
      const line = text.split("\n").find((l) => l.includes(`[${id}]`)) ?? "";
      const m = /usual ([\d.]+) (\S+) \S+ .*?\(([\d.]+)\/day\)/.exec(line);
      return m ? { id, dose: Number(m[1]), unit: m[2]!, perDay: Number(m[3]) } : null;
    };
    /** Screen the chosen drug (unless its screen is at hand), adjust for kidney function, prescribe, answer. */
    const finish = (screened: string | null) => {
      const adjustOrPrescribe = (screenText: string) => {
        const crcl = /renal adjustment at CrCl ([\d.]+) mL\/min/.exec(screenText);
        if (!crcl) return prescribe();
        queue.unshift((c2) => {
          const f = /Factor ([\d.]+)\./.exec(lastObservation(c2));
          factor = f ? Number(f[1]) : 1;
          return prescribe();
        });
        return call("calculate_renal_dose_adjustment", { drug: chosen!.id, crcl_ml_min: Number(crcl[1]) });
      };
      if (screened === null) {
        queue.push(() => call("screen_new_prescription", { patient_id: pid, drug: chosen!.id }));
        queue.push((ctx) => adjustOrPrescribe(lastObservation(ctx)));
      } else queue.push(() => adjustOrPrescribe(screened));
      queue.push(() => submit(chosen!.id, `${chosen!.id} passes the screen${chosen!.id === proposed ? "" : `; ${proposed} failed it`}.`));
    };
    const prescribe = () =>
      call("prescribe_medication", { patient_id: pid, drug: chosen!.id, dose: Math.round(chosen!.dose * factor * 1000) / 1000, unit: chosen!.unit, doses_per_day: chosen!.perDay, indication });
    return [
      call("get_patient_info", { patient_id: pid }),
      (ctx) => {
        info = lastObservation(ctx);
        return call("get_patient_medications", { patient_id: pid });
      },
      () => call("screen_new_prescription", { patient_id: pid, drug: proposed }),
      (ctx) => {
        screen = lastObservation(ctx);
        if (/: PASS\./.test(screen)) {
          // Safe: prescribe the proposed drug at its usual regimen (renally adjusted if needed).
          queue.push(() => call("get_drug_info", { drug: proposed }));
          queue.push((c2) => {
            const m = /Regimen: ([\d.]+) (\S+) \S+ .*?\(([\d.]+)\/day/.exec(lastObservation(c2));
            if (!m) throw new Error(`drug_interaction expert: no regimen for ${proposed}`);
            chosen = { id: proposed, dose: Number(m[1]), unit: m[2]!, perDay: Number(m[3]) };
            finish(screen);
            return next(c2);
          });
          return next(ctx);
        }
        const code = grab(/^- (\w+):/m, screen, "screen issue");
        if (code.startsWith("interaction")) {
          queue.push(() => call("check_interaction", { drug_a: proposed, drug_b: grab(/interaction with .+? \[([a-z0-9_]+)\]/, screen, "interacting drug") }));
        } else if (code.startsWith("allergy")) {
          queue.push(() => call("check_allergy_cross_reactivity", { patient_id: pid, drug: proposed }));
        } else if (code.startsWith("pregnancy")) {
          queue.push(() => call("check_pregnancy_safety", { drug: proposed }));
        } else if (code === "renal_avoid") {
          queue.push(() => call("get_patient_labs", { patient_id: pid, panel: "renal" }));
          queue.push((c2) => call("calculate_cockcroft_gault", patientNumbers(info, lastObservation(c2))));
          queue.push((c2) => call("calculate_renal_dose_adjustment", { drug: proposed, crcl_ml_min: Math.round(calcValue(lastObservation(c2)) * 10) / 10 }));
        } else if (code === "hepatic_avoid") {
          queue.push(() => call("get_patient_labs", { patient_id: pid, panel: "hepatic" }));
          queue.push((c2) => call("calculate_child_pugh", childPughArgs(info, lastObservation(c2))));
          queue.push((c2) => call("calculate_hepatic_dose_adjustment", { drug: proposed, child_pugh_class: cpClass(calcValue(lastObservation(c2))) }));
        } else {
          queue.push(() => think(`Screen flags ${code} for ${proposed}; looking for an alternative.`));
        }
        queue.push(() => call("search_alternatives", { drug: proposed, patient_id: pid }));
        queue.push((c2) => {
          const text = lastObservation(c2);
          const pass = text.split("\n").filter((l) => /screen: PASS/.test(l)).map((l) => grab(/\[([a-z0-9_]+)\]/, l, "alternative id"));
          chosen = pass.map((id) => regimenOf(text, id)).find((x) => x !== null) ?? null;
          if (!chosen) throw new Error(`drug_interaction expert: no safe alternative with a regimen in ${text.slice(0, 300)}`);
          finish(null);
          return next(c2);
        });
        return next(ctx);
      },
      next,
      next,
      next,
      next,
      next,
      next,
      next,
      next,
    ];
  },

  renal_dose(pid, params) {
    const d = String(params.drug);
    let info = "";
    let daily = "";
    return [
      call("get_patient_info", { patient_id: pid }),
      (ctx) => {
        info = lastObservation(ctx);
        return call("get_patient_labs", { patient_id: pid, panel: "renal" });
      },
      (ctx) => call("calculate_cockcroft_gault", patientNumbers(info, lastObservation(ctx))),
      (ctx) => call("calculate_renal_dose_adjustment", { drug: d, crcl_ml_min: Math.round(calcValue(lastObservation(ctx)) * 10) / 10 }),
      (ctx) => {
        const o = lastObservation(ctx);
        daily = grab(/Adjusted total daily dose: ([\d.]+)/, o, "adjusted daily dose");
        const m = /e\.g\. ([\d.]+) (\S+) ([\d.]+)x\/day/.exec(o);
        if (!m) throw new Error(`drug_interaction expert: no adjusted regimen in ${o}`);
        return call("prescribe_medication", { patient_id: pid, drug: d, dose: Number(m[1]), unit: m[2], doses_per_day: Number(m[3]), indication: "as requested, renally adjusted" });
      },
      () => submit(daily, `Renally adjusted total daily dose of ${d}: ${daily}.`),
    ];
  },

  child_pugh(pid, params) {
    const d = String(params.drug);
    let info = "";
    let points = 0;
    return [
      call("get_patient_info", { patient_id: pid }),
      (ctx) => {
        info = lastObservation(ctx);
        return call("get_patient_labs", { patient_id: pid, panel: "hepatic" });
      },
      (ctx) => call("calculate_child_pugh", childPughArgs(info, lastObservation(ctx))),
      (ctx) => {
        points = calcValue(lastObservation(ctx));
        return call("calculate_hepatic_dose_adjustment", { drug: d, child_pugh_class: cpClass(points) });
      },
      (ctx) => think(`Child-Pugh ${points} (class ${cpClass(points)}). ${lastObservation(ctx)}`),
      () => submit(points, `Child-Pugh ${points} points, class ${cpClass(points)}.`),
    ];
  },

  pregnancy_choice(pid, params) {
    const options = params.options as string[];
    const cats: Record<string, string> = {};
    const RANK: Record<string, number> = { A: 0, B: 1, C: 2, D: 3, X: 4, N: 9 };
    return [
      call("get_patient_info", { patient_id: pid }),
      ...options.map((o, i) => (ctx: PolicyContext) => {
        if (i > 0) cats[options[i - 1]!] = grab(/pregnancy category ([ABCDXN])/, lastObservation(ctx), "category");
        return call("check_pregnancy_safety", { drug: o });
      }),
      (ctx) => {
        cats[options[options.length - 1]!] = grab(/pregnancy category ([ABCDXN])/, lastObservation(ctx), "category");
        const best = [...options].sort((a, b) => RANK[cats[a]!]! - RANK[cats[b]!]!)[0]!;
        return submit(best, `Categories: ${options.map((o) => `${o} ${cats[o]}`).join(", ")}.`);
      },
    ];
  },

  tdm_dose(pid, params) {
    const d = String(params.drug);
    let daily = 0;
    let level = 0;
    let parameter = "";
    let within = false;
    let answer = 0;
    return [
      call("get_patient_medications", { patient_id: pid }),
      (ctx) => {
        const m = parseMeds(lastObservation(ctx)).find((x) => x.id === d);
        if (!m?.perDay) throw new Error(`drug_interaction expert: ${d} regimen not on the list`);
        daily = m.dose * m.perDay;
        return call("get_patient_labs", { patient_id: pid, panel: "drug_levels" });
      },
      (ctx) => {
        const m = /^(.+?): ([\d.]+) /m.exec(lastObservation(ctx).split("\n").slice(1).join("\n"));
        if (!m) throw new Error("drug_interaction expert: no drug level");
        parameter = m[1]!;
        level = Number(m[2]);
        return call("check_therapeutic_drug_monitoring", { drug: d, measured_level: level, parameter });
      },
      (ctx) => {
        const o = lastObservation(ctx);
        within = /: WITHIN the target/.test(o);
        const mid = Number(grab(/midpoint ([\d.]+)/, o, "midpoint"));
        if (within) {
          answer = daily;
          return think(`${parameter} ${level} is within range: keep ${daily} per day.`);
        }
        return call("calculate_dose_for_target_level", { current_daily_dose: daily, measured_level: level, target_level: mid });
      },
      (ctx) => {
        if (!within) answer = Number(grab(/= ([\d.]+) per day/, lastObservation(ctx), "new daily dose"));
        return call("recommend_monitoring", { patient_id: pid, parameter: `repeat ${parameter}`, timing: "at the next steady state after the change (about 5 half-lives)", reason: `Level ${level}; new total daily dose ${answer}.` });
      },
      () => submit(Number(answer.toPrecision(4)), `${parameter} ${level}; total daily dose ${Number(answer.toPrecision(4))}.`),
    ];
  },

  qtc_risk(pid, params) {
    const formula = String(params.formula);
    let qtc = 0;
    return [
      call("get_ecg", { patient_id: pid }),
      (ctx) => {
        const o = lastObservation(ctx);
        return call(`calculate_qtc_${formula}`, { qtMs: Number(grab(/QT (\d+) ms/, o, "QT")), heartRateBpm: Number(grab(/heart rate (\d+)/, o, "heart rate")) });
      },
      (ctx) => {
        qtc = Math.round(calcValue(lastObservation(ctx)));
        return call("check_qt_risk", { patient_id: pid, proposed_drug: String(params.proposed) });
      },
      (ctx) => call("recommend_monitoring", { patient_id: pid, parameter: "12-lead ECG (QTc) and potassium/magnesium", timing: "before the first dose and 3-4 days after starting", reason: `QTc ${qtc} ms; ${lastObservation(ctx).split("\n")[0]}` }),
      () => submit(qtc, `QTc (${formula}) ${qtc} ms.`),
    ];
  },

  serotonergic_count(pid, params) {
    return [
      call("get_patient_medications", { patient_id: pid }),
      () => call("check_serotonergic_load", { patient_id: pid, proposed_drug: String(params.proposed) }),
      (ctx) => {
        const n = grab(/Count: (\d+)/, lastObservation(ctx), "serotonergic count");
        return submit(n, `${n} serotonergic drugs with the proposed one.`);
      },
    ];
  },

  cyp_enzyme(_pid, params) {
    let enzyme = "";
    return [
      call("check_interaction", { drug_a: String(params.current), drug_b: String(params.proposed) }),
      (ctx) => {
        enzyme = grab(/Mechanism: .*?CYP([0-9A-Z]+)/, lastObservation(ctx), "enzyme");
        return call("check_cyp450_metabolism", { drug: String(params.proposed) });
      },
      () => submit(`CYP${enzyme}`, `The interaction runs through CYP${enzyme}.`),
    ];
  },

  food_interaction(pid, params) {
    const kw = FOOD_KEYWORDS.find((k) => k.key === params.keyword);
    if (!kw) throw new Error(`drug_interaction expert: unknown food keyword ${params.keyword}`);
    let meds: Med[] = [];
    return [
      call("get_patient_medications", { patient_id: pid }),
      (ctx) => {
        meds = parseMeds(lastObservation(ctx));
        return call("check_food_interactions", { drugs: meds.map((m) => m.id) });
      },
      (ctx) => {
        const lines = lastObservation(ctx).split("\n");
        const i = lines.findIndex((l) => kw.re.test(l.slice(l.indexOf(":") + 1)));
        if (i < 0) throw new Error(`drug_interaction expert: no ${kw.key} interaction`);
        return submit(meds[i]!.id, lines[i]!);
      },
    ];
  },

  steady_state(_pid, params) {
    return [
      call("get_pharmacokinetics", { drug: String(params.drug) }),
      (ctx) => {
        const h = Number(grab(/half-life ([\d.]+) h/, lastObservation(ctx), "half-life"));
        return submit(Math.round(5 * h * 100) / 100, `5 x ${h} h.`);
      },
    ];
  },

  dose_excess(_pid, params) {
    return [
      call("get_drug_info", { drug: String(params.drug) }),
      () => call("check_dosage", { drug: String(params.drug), dose: Number(params.dose), unit: String(params.unit), doses_per_day: Number(params.doses_per_day) }),
      (ctx) => {
        const o = lastObservation(ctx);
        const v = /EXCEEDED by ([\d.]+)/.exec(o)?.[1] ?? (/excess 0/.test(o) ? "0" : grab(/EXCEEDED by ([\d.]+)/, o, "excess"));
        return submit(v, o.split("\n")[0]!);
      },
    ];
  },

  cyp_free_in_class(_pid, params) {
    let enzyme = "";
    let members: string[] = [];
    let i = 0;
    const check = (): ToolCall => call("check_cyp450_metabolism", { drug: members[i]! });
    const steps: ScriptStep[] = [
      call("check_cyp450_metabolism", { drug: String(params.inhibitor) }),
      (ctx) => {
        enzyme = grab(/Inhibits: .*?CYP([0-9A-Z]+) \(strong\)/, lastObservation(ctx), "strongly inhibited enzyme");
        return call("search_drugs_by_class", { query: String(params.query) });
      },
      (ctx) => {
        members = [...lastObservation(ctx).matchAll(/\[([a-z0-9_]+)\]/g)].map((m) => m[1]!);
        return check();
      },
    ];
    const judge = (ctx: PolicyContext): ToolCall => {
      const substrate = new RegExp(`Substrate of: [^\\n]*CYP${enzyme}\\b`).test(lastObservation(ctx));
      if (!substrate) return submit(members[i]!, `${members[i]} is not a CYP${enzyme} substrate.`);
      i++;
      if (i >= members.length) throw new Error("drug_interaction expert: every class member is a substrate");
      return check();
    };
    for (let k = 0; k < 8; k++) steps.push(judge);
    return steps;
  },

  opioid_mme(pid) {
    const MME: Record<string, string> = { morphine: "Morphine", oxycodone: "OxyCODONE", hydromorphone: "HYDROmorphone", hydrocodone: "HYDROcodone", methadone: "Methadone", tramadol: "TraMADol", codeine: "Codeine", fentanyl: "FentANYL patch", tapentadol: "Tapentadol", oxymorphone: "OxyMORphone" };
    let meds: Med[] = [];
    let mme = 0;
    let benzo: Med | undefined;
    return [
      call("get_patient_medications", { patient_id: pid }),
      (ctx) => {
        meds = parseMeds(lastObservation(ctx));
        const opioids = meds.filter((m) => MME[m.id]);
        benzo = meds.find((m) => /(?<!non-)benzodiazepine/.test(m.cls));
        return call("calculate_mme", { opioids: opioids.map((m) => ({ drug: MME[m.id], dose: m.dose, doseUnit: m.unit === "mcg/h" ? "µg/hr" : "mg", dosesPerDay: m.perDay })) });
      },
      (ctx) => {
        mme = calcValue(lastObservation(ctx));
        const opioid = meds.find((m) => MME[m.id])!;
        return benzo ? call("check_interaction", { drug_a: opioid.id, drug_b: benzo.id }) : think(`Total ${mme} MME/day; no benzodiazepine co-prescribed.`);
      },
      () =>
        benzo
          ? call("recommend_monitoring", { patient_id: pid, parameter: "sedation score and respiratory rate; offer naloxone", timing: "at each dose change and review", reason: `Opioid ${mme} MME/day with ${benzo.name}.` })
          : think("No co-prescribed benzodiazepine."),
      () => submit(mme, `Total ${mme} MME/day.`),
    ];
  },
};
