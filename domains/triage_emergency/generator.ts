/**
 * Seeded emergency-department patients. The shared generator draws the symptoms, exam, history,
 * vitals, labs and imaging from the condition profile; this module adds what triage needs and keeps
 * it consistent with those findings: a GCS that follows the mental-status findings, a pain score
 * that follows the complaint and the acuity, arrival mode and onset, last-known-well time for
 * focal deficits, a toxicology picture that follows the social history (or the ingestion), and the
 * mechanism of injury for trauma.
 */
import type { Condition } from "../../src/clinical/conditions/index.js";
import { loadLabs } from "../../src/clinical/labs/index.js";
import { generatePatient, roundLab } from "../../src/clinical/patients/index.js";
import { createRng, type Rng } from "../../src/util/rng.js";
import type { ArrivalMode, EdPatient, Toxicology } from "./data-model.js";
import { isInjury, isPoisoning, isStrokeCodeCondition } from "./rules.js";
import type { GcsEye, GcsMotor, GcsVerbal } from "./scores.js";

/** Panels an ED can draw; therapeutic-drug and toxicology levels are reported by the tox tool. */
const EXCLUDED_PANELS = new Set(["tdm", "toxicology"]);
/** Values computed from other analytes rather than drawn. */
const DERIVED = new Set(["anion_gap", "hematocrit", "osmolality", "pt", "base_excess"]);

let drawable: string[] | undefined;
export function drawableLabKeys(): string[] {
  return (drawable ??= loadLabs()
    .filter((l) => !EXCLUDED_PANELS.has(l.panel) && !DERIVED.has(l.key))
    .map((l) => l.key));
}

const COMA = /unresponsive|comatose|\bcoma\b|obtunded|stupor/i;
const ALTERED = /confus|altered mental|disorient|letharg|somnolen|drowsy|delirium|encephalopath|postictal|agitat/i;
const PAIN = /pain|ache|cramp|colic|tender|headache/i;

function drawGcs(findings: string[], rng: Rng): { eye: GcsEye; verbal: GcsVerbal; motor: GcsMotor } {
  const text = findings.join("; ");
  if (COMA.test(text)) {
    const eye: GcsEye = rng.pick(["no eye opening", "eye opening to pain"] as const);
    const verbal: GcsVerbal = rng.pick(["no verbal response", "incomprehensible sounds"] as const);
    const motor: GcsMotor = rng.pick(["withdrawal from pain", "flexion to pain", "extension to pain", "localizes pain"] as const);
    return { eye, verbal, motor };
  }
  if (ALTERED.test(text)) {
    const eye: GcsEye = rng.pick(["eyes open spontaneously", "eye opening to verbal command"] as const);
    const verbal: GcsVerbal = rng.chance(0.8) ? "confused" : "inappropriate words";
    const motor: GcsMotor = rng.chance(0.85) ? "obeys commands" : "localizes pain";
    return { eye, verbal, motor };
  }
  return { eye: "eyes open spontaneously", verbal: "oriented", motor: "obeys commands" };
}

function drawPain(c: Condition, complaint: string, symptoms: string[], rng: Rng): number {
  const painful = PAIN.test(complaint) || symptoms.some((s) => PAIN.test(s));
  if (!painful) return rng.int(0, 2);
  const [mean, lo, hi] = c.esiLevel <= 2 ? [7.5, 4, 10] : c.esiLevel === 3 ? [6, 2, 10] : [4, 1, 8];
  return Math.round(Math.min(hi, Math.max(lo, rng.normal(mean, 1.6))));
}

function arrivalMode(c: Condition, rng: Rng): ArrivalMode {
  const pAmb = c.esiLevel === 1 ? 0.85 : c.esiLevel === 2 ? 0.5 : 0.15;
  if (rng.chance(pAmb)) return "ambulance";
  return rng.chance(0.75) ? "walk-in" : "private vehicle";
}

const clock = (rng: Rng) => `${String(rng.int(0, 23)).padStart(2, "0")}:${String(rng.int(0, 59)).padStart(2, "0")}`;

/** Toxicology picture: an ingestion for poisoning profiles, otherwise what the social history implies. */
function drawTox(c: Condition, social: string[], medications: string[], rng: Rng): Toxicology {
  const s = social.join("; ").toLowerCase();
  const meds = medications.join("; ").toLowerCase();
  const uds: string[] = [];
  if (/cannabis|marijuana/.test(s) && rng.chance(0.8)) uds.push("cannabinoids (THC)");
  if (/cocaine/.test(s) && rng.chance(0.8)) uds.push("cocaine metabolite");
  if (/heroin|opioid|fentanyl/.test(s) && rng.chance(0.8)) uds.push("opiates");
  if (/methamphetamine|amphetamine/.test(s) && rng.chance(0.8)) uds.push("amphetamines");
  if (/(alprazolam|lorazepam|diazepam|clonazepam|benzodiazepine)/.test(meds + s)) uds.push("benzodiazepines");
  if (/(oxycodone|morphine|hydrocodone|tramadol|codeine)/.test(meds) && !uds.includes("opiates")) uds.push("opiates");
  const drinks = /alcohol|drink/.test(s) && !/no alcohol|abstain/.test(s);
  let ethanol = drinks && rng.chance(0.45) ? Math.round(Math.max(10, rng.normal(140, 70))) : 0;
  let acetaminophen = 0;
  let salicylate = 0;
  let toxidrome = "no toxidrome";
  let pupils = "equal and reactive, 3-4 mm";
  let ingestionHours: number | undefined;
  if (isPoisoning(c)) {
    ingestionHours = rng.int(1, 14);
    const code = c.icd10;
    if (/^T39\.1/.test(code)) acetaminophen = Math.round(Math.max(60, rng.normal(220, 70)) * 10) / 10;
    else if (/^T39\.0/.test(code)) {
      salicylate = Math.round(Math.max(35, rng.normal(60, 15)) * 10) / 10;
      toxidrome = "salicylism: tinnitus, tachypnoea, diaphoresis";
    } else if (/^T40\.[0-46]/.test(code)) {
      toxidrome = "opioid toxidrome: depressed respiration and consciousness, miosis";
      pupils = "pinpoint (1-2 mm)";
      if (!uds.includes("opiates")) uds.push("opiates");
    } else if (/^T40\.5/.test(code)) {
      toxidrome = "sympathomimetic toxidrome: agitation, tachycardia, hypertension, diaphoresis";
      pupils = "dilated (6-7 mm), reactive";
      if (!uds.includes("cocaine metabolite")) uds.push("cocaine metabolite");
    } else if (/^T42\.4/.test(code)) {
      toxidrome = "sedative-hypnotic toxidrome: sedation with preserved vital signs";
      if (!uds.includes("benzodiazepines")) uds.push("benzodiazepines");
    } else if (/^T43\.0/.test(code)) {
      toxidrome = "anticholinergic toxidrome: tachycardia, dry flushed skin, urinary retention, delirium";
      pupils = "dilated (7 mm), sluggish";
      uds.push("tricyclic antidepressants");
    } else if (/^T51\.0/.test(code)) ethanol = Math.round(Math.max(250, rng.normal(330, 60)));
    else if (/^T51\.1/.test(code)) toxidrome = "inebriation with blurred 'snowstorm' vision";
    else if (/^T52\.3|^T51\.8/.test(code)) toxidrome = "inebriation without the odour of ethanol";
    else if (/^T58/.test(code)) toxidrome = "headache, nausea and confusion after exposure to combustion fumes";
    else if (/^T60\.0/.test(code)) {
      toxidrome = "cholinergic toxidrome: salivation, lacrimation, bronchorrhoea, bradycardia, fasciculations";
      pupils = "pinpoint (1-2 mm)";
    } else if (/^T44\.7|^T46\.1/.test(code)) toxidrome = "bradycardia and hypotension after a cardiovascular-drug ingestion";
    else if (/^T46\.0/.test(code)) toxidrome = "nausea, visual disturbance (yellow-green halos) and bradyarrhythmia";
    else if (/^T43\.59/.test(code)) toxidrome = "coarse tremor, ataxia and confusion";
    else toxidrome = "toxic ingestion";
  }
  if (acetaminophen === 0 && rng.chance(0.03)) acetaminophen = Math.round(rng.normal(12, 3) * 10) / 10;
  return { ethanolMgDl: ethanol, acetaminophen, salicylate, urineDrugScreen: uds, toxidrome, pupils, ...(ingestionHours !== undefined ? { ingestionHours } : {}) };
}

/** The mechanism told at handover, read from the presenting complaint (stab and gunshot wounds are penetrating). */
export function mechanismOf(complaint: string): { mechanism: string; penetrating: boolean } {
  const c = complaint.toLowerCase();
  if (/stab/.test(c)) return { mechanism: "stab wound", penetrating: true };
  if (/gunshot|\bshot\b/.test(c)) return { mechanism: "gunshot wound", penetrating: true };
  if (/motorcycle/.test(c)) return { mechanism: "motorcycle collision", penetrating: false };
  if (/crash|collision|car\b/.test(c)) return { mechanism: "motor vehicle collision", penetrating: false };
  if (/fire|burn|flame|scald/.test(c)) return { mechanism: "flame burn", penetrating: false };
  if (/fell|fall|trip/.test(c)) return { mechanism: c.includes("handlebar") ? "fall onto bicycle handlebars" : "fall", penetrating: false };
  if (/hit .*head|head injury/.test(c)) return { mechanism: "blow to the head", penetrating: false };
  return { mechanism: "blunt trauma", penetrating: false };
}

export function generateEdPatient(condition: Condition, seed: number, id: string): EdPatient {
  const rng = createRng(seed);
  const base = generatePatient(condition, rng.fork("patient"), { id, baselinePanel: drawableLabKeys() });
  const r = rng.fork("triage");
  const labs: Record<string, number> = {};
  for (const [k, v] of Object.entries(base.labs)) if (v !== undefined) labs[k] = v;
  // A pregnancy test has to agree with the pregnancy.
  if (base.pregnancy) {
    if (!condition.labs.urine_hcg) labs.urine_hcg = 1;
    if (!condition.labs.serum_hcg) labs.serum_hcg = Math.round(Math.max(2000, r.normal(base.pregnancy.gestationalWeeks < 12 ? 60_000 : 25_000, 15_000)));
  } else if (base.sex === "male" || base.age < 11 || base.age > 55) {
    if (!condition.labs.urine_hcg) labs.urine_hcg = 0;
    if (!condition.labs.serum_hcg) labs.serum_hcg = roundLab("serum_hcg", r.next() * 2);
  }
  derive(labs);
  const findings = [...base.symptoms, ...base.exam, base.chiefComplaint];
  const gcs = drawGcs(findings, r);
  const p: EdPatient = {
    id,
    name: base.name,
    age: base.age,
    sex: base.sex,
    weightKg: base.weightKg,
    heightCm: base.heightCm,
    conditionId: condition.id,
    arrival: { mode: arrivalMode(condition, r), time: clock(r) },
    onsetHours: condition.esiLevel <= 2 ? Math.round((0.5 + r.next() * 7.5) * 2) / 2 : r.int(6, 72),
    chiefComplaint: base.chiefComplaint,
    symptoms: base.symptoms,
    exam: base.exam,
    history: base.history,
    allergies: base.allergies,
    vitals: { ...base.vitals },
    painScore: drawPain(condition, base.chiefComplaint, base.symptoms, r),
    gcs,
    labs,
    imaging: base.imaging,
    tox: drawTox(condition, base.history.social, base.history.medications, r),
  };
  if (base.pregnancy) p.pregnancy = base.pregnancy;
  if ((condition.pathways ?? []).includes("stroke_code")) {
    // Most code-stroke patients arrive inside the treatment windows; some wake up with the deficit.
    p.lastKnownWellHours = isStrokeCodeCondition(condition) && r.chance(0.15) ? r.int(25, 48) : Math.round((0.5 + r.next() * 8) * 2) / 2;
    p.onsetHours = p.lastKnownWellHours;
  }
  if (isInjury(condition)) {
    p.injury = mechanismOf(base.chiefComplaint);
    if (condition.esiLevel <= 2) p.arrival.mode = "ambulance";
  }
  return p;
}

/** Calculated analytes follow the measured ones, as a lab analyser reports them. */
function derive(labs: Record<string, number>): void {
  if (labs.sodium !== undefined && labs.chloride !== undefined && labs.bicarbonate !== undefined) labs.anion_gap = Math.round(labs.sodium - labs.chloride - labs.bicarbonate);
  if (labs.hemoglobin !== undefined) labs.hematocrit = Math.round(labs.hemoglobin * 3 * 10) / 10;
  if (labs.sodium !== undefined && labs.glucose !== undefined && labs.bun !== undefined) labs.osmolality = Math.round(2 * labs.sodium + labs.glucose / 18 + labs.bun / 2.8);
  if (labs.inr !== undefined) labs.pt = Math.round(labs.inr * 11.2 * 10) / 10;
  if (labs.bicarbonate !== undefined && labs.ph !== undefined) labs.base_excess = Math.round((0.93 * (labs.bicarbonate - 24.4) + 14.8 * (labs.ph - 7.4)) * 10) / 10;
}
