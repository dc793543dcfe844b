import type { Action, Task } from "../../src/env/index.js";
import { lastObservation, type Policy, type PolicyContext } from "../../src/policy/index.js";
import { hashString } from "../../src/util/rng.js";

/**
 * The visual_diagnosis expert.
 * - VQA-RAD and PneumoniaMNIST: no script can read a radiograph, so (as DESIGN allows for VQA) it
 *   submits the task's ground truth, but only after looking at the real pixels with the image
 *   tools a reader would use for that kind of question (region comparison for a side, zoom and
 *   characterisation for presence, measurement for size, quality for modality, the similar-case
 *   library for pneumonia).
 * - Synthetic follow-up studies: it solves them from the pixels alone. It reads the target
 *   lesion's position and size from the prior report, puts a box around it, measures the lesion on
 *   both images and takes the RECIST 1.1 class from track_lesion_changes.
 * A rotating extra step makes every tool appear across its trajectories.
 */
type Step = (ctx: PolicyContext) => Action | null;
const call = (name: string, args: Record<string, unknown>): Action => ({ name, arguments: args });

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

function imageSizeFromTicket(ticket: string): { w: number; h: number } {
  const m = ticket.match(/\((\d+) x (\d+) px/);
  if (!m) throw new Error(`visual expert: no image size in the ticket "${ticket.slice(0, 120)}"`);
  return { w: Number(m[1]), h: Number(m[2]) };
}

export function visualExpert(task: Task): Policy {
  const m = task.meta ?? {};
  const rot = hashString(task.id);
  const truth = task.answer.value;
  const steps: Step[] = [];
  switch (m.family) {
    case "vqa_rad": {
      const { w, h } = imageSizeFromTicket(task.ticket);
      const centre = { x: Math.floor(w / 4), y: Math.floor(h / 4), width: Math.floor(w / 2), height: Math.floor(h / 2) };
      const left = { x: 0, y: 0, width: Math.floor(w / 2), height: h };
      const right = { x: Math.floor(w / 2), y: 0, width: w - Math.floor(w / 2), height: h };
      const qt = String(m.questionType);
      const question = String(m.question);
      steps.push(() => call("analyze_medical_image", { image_id: "IMG-1" }));
      if (/POS/.test(qt) || /\b(left|right)\b/i.test(question)) steps.push(() => call("compare_regions", { image_id: "IMG-1", box_a: left, box_b: right, label_a: "image left", label_b: "image right" }));
      else if (/SIZE/.test(qt)) steps.push(() => call("measure_lesion", { image_id: "IMG-1", box: centre }));
      else if (/PRES|ABN/.test(qt)) steps.push(() => call("zoom_region", { image_id: "IMG-1", box: centre, scale: 2 }), () => call("classify_finding", { image_id: "IMG-1", box: centre }));
      else if (/MODALITY|PLANE/.test(qt)) steps.push(() => call("assess_image_quality", { image_id: "IMG-1" }));
      else if (/ORGAN/.test(qt)) steps.push(() => call("get_image_report", { image_id: "IMG-1" }));
      else steps.push(() => call("get_region_statistics", { image_id: "IMG-1", box: centre, bins: 8 }));
      const corner = { x: 0, y: 0, width: Math.max(1, Math.floor(w / 8)), height: Math.max(1, Math.floor(h / 8)) };
      const extras: Step[][] = [
        [() => call("crop_image", { image_id: "IMG-1", box: centre }), (ctx) => call("get_region_statistics", { image_id: lastObservation(ctx).match(/^(IMG-\d+)/)![1], bins: 8 })],
        [() => call("search_similar_cases", { image_id: "IMG-1", k: 3 })],
        [() => call("search_imaging_knowledge", { query: question, k: 3 })],
        [() => call("get_patient_context", {})],
        [() => call("calculate_image_metrics", { image_id: "IMG-1", box: centre, background_box: corner })],
        [() => call("annotate_regions", { image_id: "IMG-1", regions: [{ label: "region of interest", box: centre }] })],
        [() => call("get_differential_visual", { finding: question, region: String(m.organ) === "ABD" ? "abdomen" : String(m.organ) === "HEAD" ? "brain" : "chest" })],
        [() => call("think", { thought: `The image findings answer "${question}".` })],
      ];
      steps.push(...extras[rot % extras.length]!);
      break;
    }
    case "pneumonia": {
      let vote = "";
      steps.push(() => call("assess_image_quality", { image_id: "IMG-1" }));
      steps.push(() => call("zoom_region", { image_id: "IMG-1", scale: 4 }));
      steps.push((ctx) => {
        const zoom = lastObservation(ctx).match(/^(IMG-\d+)/)![1];
        return call("compare_regions", { image_id: zoom, box_a: { x: 14, y: 20, width: 36, height: 60 }, box_b: { x: 62, y: 20, width: 36, height: 60 }, label_a: "right lung (image left)", label_b: "left lung (image right)" });
      });
      steps.push(() => call("search_similar_cases", { image_id: "IMG-1", k: 15 }));
      steps.push((ctx) => {
        vote = lastObservation(ctx).match(/Vote: (\d+) pneumonia/)?.[1] ?? "0";
        return null;
      });
      const extras: Step[] = [
        () => call("calculate_image_metrics", { image_id: "IMG-1", box: { x: 4, y: 6, width: 20, height: 16 } }),
        () => call("get_region_statistics", { image_id: "IMG-1", bins: 8 }),
        () => call("get_differential_visual", { finding: "lobar consolidation opacity", modality: "xray", region: "chest" }),
        () => call("get_image_report", { image_id: "IMG-1" }),
        () => call("list_images", {}),
      ];
      steps.push(extras[rot % extras.length]!);
      steps.push(() => {
        const agree = truth === "pneumonia" ? Number(vote) : 15 - Number(vote);
        return call("record_visual_diagnosis", { diagnosis: truth, confidence: agree >= 12 ? "high" : agree >= 8 ? "moderate" : "low", image_id: "IMG-1" });
      });
      break;
    }
    case "followup": {
      let box = { x: 0, y: 0, width: 1, height: 1 };
      let response = "";
      steps.push(() => call("list_images", {}), () => call("get_patient_context", {}), () => call("get_image_report", { image_id: "IMG-0" }));
      steps.push((ctx) => {
        const rep = lastObservation(ctx);
        const x = Number(rep.match(/x (\d+)/)![1]);
        const y = Number(rep.match(/y (\d+)/)![1]);
        const diamMm = Number(rep.match(/longest diameter ([\d.]+) mm/)![1]);
        // Margin for growth: twice the prior radius plus 6 px on each side of the centre.
        const half = Math.ceil(diamMm / 0.8 + 6);
        box = { x: Math.max(0, x - half), y: Math.max(0, y - half), width: 2 * half + 1, height: 2 * half + 1 };
        return call("measure_lesion", { image_id: "IMG-0", box });
      });
      steps.push(() => call("measure_lesion", { image_id: "IMG-1", box }));
      steps.push(() => call("track_lesion_changes", { prior_image_id: "IMG-0", current_image_id: "IMG-1", box }));
      steps.push((ctx) => {
        response = lastObservation(ctx).match(/RECIST 1\.1 \(single target lesion\): ([a-z ]+) \(/)![1]!;
        return null;
      });
      const extras: Step[] = [
        () => call("compare_with_prior", { box }),
        () => call("classify_finding", { image_id: "IMG-0", box }),
        () => call("annotate_regions", { image_id: "IMG-0", regions: [{ label: "target lesion 1", box }] }),
        () => call("search_imaging_knowledge", { query: "liver metastases CT appearance", k: 3 }),
        () => call("get_differential_visual", { finding: "hypodense liver lesion", modality: "ct", region: "abdomen" }),
      ];
      steps.push(extras[rot % extras.length]!);
      steps.push(() => call("record_visual_diagnosis", { diagnosis: `liver metastasis, ${response}`, confidence: "high", image_id: "IMG-1" }));
      steps.push(() => call("submit_answer", { answer: response, rationale: "Longest diameter of the target lesion on the prior and current images (RECIST 1.1)." }));
      return sequence("visual_diagnosis_expert", steps);
    }
    default:
      throw new Error(`visual expert: unknown family "${String(m.family)}" in ${task.id}`);
  }
  steps.push(() => call("submit_answer", { answer: truth, rationale: "Ground truth of the training item, after reviewing the image." }));
  return sequence("visual_diagnosis_expert", steps);
}
