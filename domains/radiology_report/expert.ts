import type { Action, Task } from "../../src/env/index.js";
import { lastObservation, type Policy, type PolicyContext } from "../../src/policy/index.js";
import { hashString } from "../../src/util/rng.js";
import { normText } from "./knowledge.js";

/**
 * The radiology expert reads every fact through the tools and derives its answer from them: it
 * matches the findings to an imaging pattern, measures lesions, compares with priors, applies the
 * rule tables through apply_classification_system and the calculators, calls critical results,
 * and signs the report. It uses only the study id from the task (and the task's family to know
 * what kind of request it is, which the ticket states in words); it never reads the answer.
 */
type Step = (ctx: PolicyContext) => Action | null;

const call = (name: string, args: Record<string, unknown>): Action => ({ name, arguments: args });

function num(re: RegExp, s: string, what: string): number {
  const m = s.match(re);
  if (!m) throw new Error(`radiology expert: could not read ${what} from "${s.slice(0, 200)}"`);
  return Number(m[1]);
}

function dims(s: string, id: string): [number, number, number] {
  const m = s.match(new RegExp(`${id} \\([^)]*\\): ([\\d.]+) x ([\\d.]+) x ([\\d.]+) mm`));
  if (!m) throw new Error(`radiology expert: no dimensions for ${id} in "${s.slice(0, 200)}"`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function descriptors(findings: string): Record<string, string> {
  const line = findings.split("\n").find((l) => l.startsWith("Descriptors: "));
  if (!line) return {};
  return Object.fromEntries(
    line
      .slice("Descriptors: ".length)
      .split("; ")
      .map((kv) => kv.split("=") as [string, string]),
  );
}

/** Runs steps in order; a step returning null is skipped (its condition did not apply). */
function sequence(name: string, steps: Step[]): Policy {
  let i = 0;
  return {
    name,
    reset() {
      i = 0;
    },
    act(ctx) {
      while (i < steps.length) {
        const a = steps[i++]!(ctx);
        if (a) return a;
      }
      throw new Error(`${name}: script exhausted`);
    },
  };
}

export function radiologyExpert(task: Task): Policy {
  const id = task.caseId!;
  const family = String(task.meta?.family);
  const rot = hashString(task.id);
  const mem: Record<string, string> = {};
  const keep = (key: string): Step => (ctx) => {
    mem[key] = lastObservation(ctx);
    return null;
  };
  const riskHigh = () => !/Risk factors: none\./.test(mem.history ?? "");
  const steps: Step[] = [() => call("get_study_info", { study_id: id }), keep("info"), () => call("get_clinical_history", { study_id: id }), keep("history")];

  const think = (text: () => string): Step => () => call("think", { thought: text() });

  switch (family) {
    case "diagnostic": {
      let abnormal: string[] = [];
      let diagnosis = "";
      let critical = false;
      steps.push(() => call("analyze_findings", { study_id: id }), keep("findings"));
      steps.push(() => {
        abnormal = (mem.findings ?? "").split("\n").filter((l) => l.startsWith("- ")).map((l) => l.slice(2));
        return call("search_radiology_knowledge", { query: abnormal.join(" ").slice(0, 600), k: 8 });
      });
      steps.push((ctx) => {
        // The pattern that contains the most of the reported findings verbatim is the diagnosis.
        const hits = lastObservation(ctx).split("\n").filter((l) => /^\[\d+\] imaging:/.test(l));
        let best = -1;
        for (const h of hits) {
          const text = normText(h);
          const n = abnormal.filter((f) => text.includes(normText(f))).length;
          if (n > best) {
            best = n;
            // "[n] imaging:<id>:<modality> — <Condition> — <Modality> (<regions>) — <findings>"
            diagnosis = h.split(" — ")[1]!;
            critical = /Critical result: yes/.test(h);
          }
        }
        if (!diagnosis) throw new Error(`radiology expert: no imaging pattern for ${task.id}`);
        return null;
      });
      steps.push(() => (critical ? call("generate_critical_finding_alert", { study_id: id, finding: `${abnormal[0]} — consistent with ${diagnosis}`, recipient: "ordering physician", urgency: "immediate" }) : null));
      steps.push(() => {
        const info = mem.info ?? "";
        const modality = (info.match(/Modality ([^;]+);/)?.[1] ?? "").toLowerCase();
        const region = info.match(/region ([^;]+);/)?.[1] ?? "chest";
        const code = { "x-ray": "xray", ct: "ct", "ct angiography": "cta", mri: "mri", ultrasound: "ultrasound", "nuclear medicine": "nuclear", fluoroscopy: "fluoroscopy" }[modality] ?? "ct";
        const options = [
          call("get_report_template", { modality: code, region }),
          /contrast (iodinated|gadolinium)/.test(info) ? call("check_contrast_safety", { study_id: id }) : call("get_prior_reports", { study_id: id }),
          code === "ct" || code === "cta" ? call("get_radiation_dose", { study_id: id }) : call("get_reporting_checklist", { topic: critical ? "critical_results" : "general" }),
        ];
        return options[rot % 3]!;
      });
      steps.push(() => call("submit_report", { study_id: id, findings: abnormal.join(" "), impression: diagnosis, recommendation: critical ? "Critical result communicated to the ordering physician." : "Clinical correlation." }));
      break;
    }
    case "fleischner": {
      let d: number[] = [];
      let category = "";
      steps.push(() => call("analyze_findings", { study_id: id }), keep("findings"), () => call("measure_lesion_size", { study_id: id, lesion_id: "L1" }), keep("measure"));
      steps.push(() => {
        d = dims(mem.measure!, "L1");
        return call("calculate_measurements", { kind: "mean_diameter", a: d[0], b: d[1] });
      }, keep("mean"));
      steps.push(() => (rot % 2 ? call("get_reporting_checklist", { topic: "fleischner" }) : call("get_prior_reports", { study_id: id })));
      steps.push(() => {
        const desc = descriptors(mem.findings!);
        const solid = mem.measure!.match(/solid component ([\d.]+) mm/)?.[1];
        const features: Record<string, unknown> = { nodule_type: desc.nodule_type, count: desc.count, size_mm: num(/nearest mm (\d+)/, mem.mean!, "size") };
        if (desc.nodule_type === "solid") features.risk = riskHigh() ? "high" : "low";
        if (solid) features.solid_component_mm = Number(solid);
        return call("apply_classification_system", { system: "fleischner", features });
      });
      steps.push((ctx) => {
        category = lastObservation(ctx).match(/Fleischner 2017: ([a-z0-9_]+)\./)![1]!;
        return call("submit_report", { study_id: id, findings: mem.findings!.split("\n").slice(1, 3).join(" "), impression: "Incidental pulmonary nodule", category, recommendation: lastObservation(ctx) });
      });
      break;
    }
    case "tirads": {
      steps.push(() => call("analyze_findings", { study_id: id }), keep("findings"), () => call("measure_lesion_size", { study_id: id, lesion_id: "N1" }), keep("measure"));
      steps.push(() => (rot % 2 ? call("get_reporting_checklist", { topic: "ti_rads" }) : call("search_radiology_knowledge", { query: "TI-RADS thyroid nodule points", k: 1 })));
      steps.push(() => {
        const desc = descriptors(mem.findings!);
        const d = dims(mem.measure!, "N1");
        return call("apply_classification_system", {
          system: "ti_rads",
          features: { composition: desc.composition, echogenicity: desc.echogenicity, shape: desc.shape, margin: desc.margin, echogenic_foci: desc.echogenic_foci!.split(", "), size_cm: Math.max(...d) / 10 },
        });
      });
      steps.push((ctx) => {
        const out = lastObservation(ctx);
        return call("submit_report", { study_id: id, findings: mem.findings!.split("\n")[1]!.slice(2), impression: "Thyroid nodule", category: out.match(/ACR TI-RADS: (TR\d)/)![1], recommendation: out });
      });
      break;
    }
    case "birads": {
      steps.push(() => call("analyze_findings", { study_id: id }), keep("findings"));
      steps.push(() => (/M1/.test(mem.findings!) ? call("measure_lesion_size", { study_id: id, lesion_id: "M1" }) : call("get_reporting_checklist", { topic: "bi_rads" })));
      steps.push(() => {
        const desc = descriptors(mem.findings!);
        return call("apply_classification_system", { system: "bi_rads", features: desc });
      });
      steps.push((ctx) => {
        const out = lastObservation(ctx);
        return call("submit_report", { study_id: id, findings: mem.findings!.split("\n").slice(1, 3).join(" "), impression: "Breast imaging assessment", category: out.match(/ACR BI-RADS: (BI-RADS \w+)\./)![1], recommendation: out });
      });
      break;
    }
    case "lirads": {
      steps.push(() => call("analyze_findings", { study_id: id }), keep("findings"), () => call("measure_lesion_size", { study_id: id, lesion_id: "O1" }), keep("measure"));
      steps.push(() => call("get_prior_reports", { study_id: id }), keep("priors"));
      steps.push(() => (/No prior imaging/.test(mem.priors!) ? null : call("compare_with_prior_study", { study_id: id, lesion_id: "O1" })), (ctx) => {
        mem.compare = /No prior imaging/.test(mem.priors!) ? "" : lastObservation(ctx);
        return null;
      });
      steps.push(() => (rot % 2 ? call("check_contrast_safety", { study_id: id }) : call("get_reporting_checklist", { topic: "li_rads" })));
      steps.push(() => {
        const desc = descriptors(mem.findings!);
        const ap = desc.arterial_phase ?? "";
        const aphe = /^no arterial/.test(ap) ? "none" : /nonrim/.test(ap) ? "nonrim" : "rim";
        let growth = false;
        if (mem.compare) {
          const pct = num(/long axis ([+-][\d.]+)%/, mem.compare, "growth");
          const days = num(/interval (\d+) days/, mem.compare, "interval");
          growth = pct >= 50 && days <= 183;
        }
        return call("apply_classification_system", {
          system: "li_rads",
          features: { size_mm: dims(mem.measure!, "O1")[0], aphe, washout: desc.washout === "nonperipheral washout", capsule: desc.capsule === "enhancing capsule", threshold_growth: growth, tumor_in_vein: /portal vein/.test(desc.tumor_in_vein ?? "") },
        });
      });
      steps.push((ctx) => {
        const out = lastObservation(ctx);
        return call("submit_report", { study_id: id, findings: mem.findings!.split("\n").slice(1, 3).join(" "), impression: "Liver observation in an at-risk patient", category: out.match(/LI-RADS v2018: (LR-[\w]+)\./)![1], recommendation: out });
      });
      break;
    }
    case "lungrads": {
      steps.push(() => call("analyze_findings", { study_id: id }), keep("findings"), () => call("measure_lesion_size", { study_id: id, lesion_id: "L1" }), keep("measure"));
      steps.push(() => {
        const d = dims(mem.measure!, "L1");
        return call("calculate_measurements", { kind: "mean_diameter", a: d[0], b: d[1] });
      }, keep("mean"));
      steps.push(() => (/Priors on file: none/.test(mem.info!) ? null : call("compare_with_prior_study", { study_id: id, lesion_id: "L1" })), (ctx) => {
        mem.compare = /Priors on file: none/.test(mem.info!) ? "" : lastObservation(ctx);
        return null;
      });
      steps.push(() => {
        const desc = descriptors(mem.findings!);
        const solid = mem.measure!.match(/solid component ([\d.]+) mm/)?.[1];
        const features: Record<string, unknown> = { exam: /baseline/.test(mem.info!) ? "baseline" : "follow_up", nodule_type: desc.nodule_type, size_mm: num(/one decimal ([\d.]+)\)/, mem.mean!, "mean") };
        if (solid) features.solid_component_mm = Number(solid);
        if (mem.compare) features.change = /\(new\)/.test(mem.compare) ? "new" : num(/mean diameter change ([+-][\d.]+) mm/, mem.compare, "change") > 1.5 ? "growing" : "stable";
        return call("apply_classification_system", { system: "lung_rads", features });
      });
      steps.push((ctx) => {
        const out = lastObservation(ctx);
        return call("submit_report", { study_id: id, findings: mem.findings!.split("\n")[1]!.slice(2), impression: "Screening-detected pulmonary nodule", category: out.match(/Lung-RADS v2022: (Lung-RADS \w+)\./)![1], recommendation: out });
      });
      break;
    }
    case "cac":
    case "cac_numeric": {
      let total = 0;
      steps.push(() => call("analyze_findings", { study_id: id }), keep("findings"));
      steps.push(() => {
        const line = mem.findings!.split("\n").find((l) => l.startsWith("Calcified foci: ")) ?? "";
        const lesions = [...line.matchAll(/#\d+ (\w+) area ([\d.]+) mm2 peak (\d+) HU/g)].map((m) => ({ artery: m[1], area_mm2: Number(m[2]), peak_hu: Number(m[3]) }));
        return call("calculate_coronary_calcium_score", { lesions });
      });
      steps.push((ctx) => {
        total = num(/Agatston score ([\d.]+)/, lastObservation(ctx), "Agatston score");
        if (family === "cac_numeric") return rot % 2 ? call("think", { thought: `Total Agatston score ${total}.` }) : call("get_reporting_checklist", { topic: "cac" });
        return call("apply_classification_system", { system: "cac", features: { agatston_score: total } });
      });
      steps.push((ctx) => {
        if (family === "cac_numeric") return call("submit_answer", { answer: String(total), unit: "Agatston units" });
        const out = lastObservation(ctx);
        return call("submit_report", { study_id: id, findings: `Agatston score ${total}.`, impression: "Coronary artery calcium scoring", category: out.match(/Agatston CAC: (.+?)\. /)![1], recommendation: out });
      });
      break;
    }
    case "dose": {
      let dose = 0;
      steps.push(() => call("get_radiation_dose", { study_id: id }), keep("dose"));
      steps.push(() => (rot % 2 ? call("get_reporting_checklist", { topic: "dose" }) : call("search_radiology_knowledge", { query: "effective dose k-factor DLP", k: 1 })));
      steps.push(() => call("calculate_effective_dose", { dlp_mgy_cm: num(/Total DLP (\d+)/, mem.dose!, "DLP"), region: mem.dose!.match(/k-factor: ([a-z_]+)\./)![1] }));
      steps.push((ctx) => {
        dose = num(/= ([\d.]+) mSv/, lastObservation(ctx), "dose");
        return call("submit_answer", { answer: String(dose), unit: "mSv" });
      });
      break;
    }
    case "growth": {
      const v: number[] = [];
      let interval = 0;
      steps.push(() => call("get_prior_reports", { study_id: id }), () => call("measure_lesion_size", { study_id: id, lesion_id: "L1" }), keep("measure"));
      steps.push(() => call("compare_with_prior_study", { study_id: id, lesion_id: "L1" }), keep("compare"));
      steps.push(() => {
        interval = num(/interval (\d+) days/, mem.compare!, "interval");
        const p = mem.compare!.match(/prior ([\d.]+) x ([\d.]+) x ([\d.]+) mm/)!;
        return call("calculate_measurements", { kind: "ellipsoid_volume", a: Number(p[1]), b: Number(p[2]), c: Number(p[3]) });
      });
      steps.push((ctx) => {
        v.push(num(/= ([\d.]+) mm3/, lastObservation(ctx), "volume"));
        const d = dims(mem.measure!, "L1");
        return call("calculate_measurements", { kind: "ellipsoid_volume", a: d[0], b: d[1], c: d[2] });
      });
      steps.push((ctx) => {
        v.push(num(/= ([\d.]+) mm3/, lastObservation(ctx), "volume"));
        return call("calculate_measurements", { kind: "doubling_time", a: v[0], b: v[1], interval_days: interval });
      });
      steps.push(think(() => `Doubling time from ${v[0]} to ${v[1]} mm3 over ${interval} days.`));
      steps.push((ctx) => {
        const obs = ctx.messages.filter((m) => m.role === "tool").map((m) => m.content);
        const vdt = num(/= ([\d.]+) days/, obs[obs.length - 2]!, "doubling time");
        return call("submit_answer", { answer: String(Math.round(vdt)), unit: "days" });
      });
      break;
    }
    default:
      throw new Error(`radiology expert: unknown family "${family}" in ${task.id}`);
  }
  return sequence("radiology_report_expert", steps);
}
