/**
 * Seeded patient charts for the clinical_diagnosis domain. The shared patient generator draws the
 * condition's picture (symptoms, exam, vitals, labs, imaging); this module adds what a hospital
 * chart holds around it, consistent with that picture: background comorbidities at population
 * rates, a home medication list, the full lab table (derived analytes such as the anion gap and
 * haematocrit computed from their parts), a vital-sign trend, the GCS, a 12-lead ECG, immunisations
 * and the triage/nursing notes. Every draw comes from forks of one seeded Rng.
 */
import type { Condition } from "../../src/clinical/conditions/index.js";
import { findDrug } from "../../src/clinical/drugs/index.js";
import { getLab, loadLabs } from "../../src/clinical/labs/index.js";
import { BASELINE_PANEL, generatePatient, normalValue, roundLab } from "../../src/clinical/patients/index.js";
import { createRng, type Rng } from "../../src/util/rng.js";
import type { ChartPatient, EcgTracing, GcsScore, HomeMedication, Immunization, VitalsReading } from "./data-model.js";

// ------------------------------------------------------------------ background comorbidities

/**
 * Chronic conditions common in adults whatever brings them in, with the usual home drug. Rates
 * are independent of the presenting condition, so the diagnostic scorer can discount them.
 */
export const BACKGROUND: readonly { pmh: string; p: number; meds: readonly { name: string; sig: string; p: number }[] }[] = [
  { pmh: "hypertension", p: 0.22, meds: [{ name: "lisinopril", sig: "10 mg PO once daily", p: 0.5 }, { name: "amlodipine", sig: "5 mg PO once daily", p: 0.4 }] },
  { pmh: "hyperlipidemia", p: 0.18, meds: [{ name: "atorvastatin", sig: "40 mg PO at night", p: 0.8 }] },
  { pmh: "type 2 diabetes mellitus", p: 0.08, meds: [{ name: "metformin", sig: "1000 mg PO twice daily", p: 0.85 }] },
  { pmh: "hypothyroidism", p: 0.05, meds: [{ name: "levothyroxine", sig: "75 mcg PO once daily before breakfast", p: 0.95 }] },
  { pmh: "depression", p: 0.07, meds: [{ name: "sertraline", sig: "50 mg PO once daily", p: 0.7 }] },
  { pmh: "gastroesophageal reflux", p: 0.06, meds: [{ name: "omeprazole", sig: "20 mg PO once daily", p: 0.7 }] },
  { pmh: "osteoarthritis of the knees", p: 0.07, meds: [{ name: "ibuprofen", sig: "400 mg PO three times daily as needed", p: 0.4 }] },
];

let bgRates: Map<string, number> | undefined;

/** Marginal adult rate of a background history item (pmh or medication); 0 if not a background item. */
export function backgroundRate(item: string): number {
  if (!bgRates) {
    bgRates = new Map();
    for (const b of BACKGROUND) {
      bgRates.set(b.pmh, b.p);
      for (const m of b.meds) bgRates.set(m.name, 1 - (1 - (bgRates.get(m.name) ?? 0)) * (1 - b.p * m.p));
    }
  }
  return bgRates.get(item.toLowerCase().trim()) ?? 0;
}

// ------------------------------------------------------------------ helpers

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const r1 = (x: number) => Math.round(x * 10) / 10;

/** Resolve a free-text medication name ("enoxaparin prophylaxis") to a catalogue drug id. */
export function resolveDrugName(name: string): string | undefined {
  const direct = findDrug(name);
  if (direct) return direct.id;
  const words = name.toLowerCase().split(/[^a-z0-9-]+/).filter(Boolean);
  for (let n = Math.min(3, words.length); n >= 1; n--) {
    for (let i = 0; i + n <= words.length; i++) {
      const hit = findDrug(words.slice(i, i + n).join(" "));
      if (hit) return hit.id;
    }
  }
  return undefined;
}

function defaultSig(drugId: string | undefined): string {
  if (!drugId) return "dose as per home regimen";
  const d = findDrug(drugId);
  if (!d) return "dose as per home regimen";
  return `${d.adultDose.amount} ${d.adultDose.unit} ${d.adultDose.route} ${d.adultDose.frequency}`;
}

// ------------------------------------------------------------------ labs

/** Analytes computed from others, so a panel never contradicts itself. */
function deriveLabs(labs: Record<string, number>, profileKeys: ReadonlySet<string>, rng: Rng): void {
  const has = (k: string) => labs[k] !== undefined;
  if (has("hemoglobin")) labs.hematocrit = roundLab("hematocrit", clamp(labs.hemoglobin! * 2.95 + rng.normal(0, 0.8), 10, 70));
  if (has("sodium") && has("chloride") && has("bicarbonate")) labs.anion_gap = Math.round(labs.sodium! - labs.chloride! - labs.bicarbonate!);
  if (has("sodium") && has("glucose") && has("bun")) labs.osmolality = Math.round(2 * labs.sodium! + labs.glucose! / 18 + labs.bun! / 2.8);
  if (has("inr")) labs.pt = roundLab("pt", clamp(labs.inr! * 11.2 + rng.normal(0, 0.3), 8, 120));
  if (has("wbc")) {
    const neut = labs.wbc! > 11 ? 0.8 : labs.wbc! < 4 ? 0.5 : 0.62;
    labs.absolute_neutrophil_count = roundLab("absolute_neutrophil_count", labs.wbc! * clamp(neut + rng.normal(0, 0.04), 0.3, 0.92));
    labs.absolute_lymphocyte_count = roundLab("absolute_lymphocyte_count", labs.wbc! * clamp((1 - neut) * 0.7 + rng.normal(0, 0.03), 0.04, 0.6));
    labs.bands = labs.wbc! > 14 ? Math.round(clamp(rng.normal(9, 3), 3, 25)) : Math.round(clamp(rng.normal(2, 1), 0, 5));
  }
  if (has("total_bilirubin")) labs.direct_bilirubin = roundLab("direct_bilirubin", labs.total_bilirubin! * (labs.total_bilirubin! > 1.2 ? 0.55 : 0.22));
  if (profileKeys.has("troponin_i")) labs.troponin_t = roundLab("troponin_t", labs.troponin_i! * 0.6);
  if (profileKeys.has("bnp")) labs.nt_probnp = Math.round(labs.bnp! * 5.5);
  if (profileKeys.has("lipase")) labs.amylase = Math.round(clamp(labs.lipase! * 0.45 + rng.normal(0, 10), 20, 5000));
  if (profileKeys.has("ck")) labs.ck_mb = roundLab("ck_mb", clamp(labs.ck! * 0.04, 0.5, 300));
  if (has("calcium") && profileKeys.has("calcium")) labs.ionized_calcium = roundLab("ionized_calcium", labs.calcium! * 0.125);
  if (has("bicarbonate") && has("ph")) labs.base_excess = r1(0.93 * (labs.bicarbonate! - 24.4 + 14.8 * (labs.ph! - 7.4)));
}

/** Analytes for which a reported value of 0 is real (below the detection limit); others cannot be 0. */
const ZERO_OK = new Set(["troponin_i", "troponin_t", "ck_mb", "d_dimer", "procalcitonin", "crp", "ketones_beta_hydroxybutyrate", "bands", "csf_wbc", "urine_wbc", "serum_hcg", "carboxyhemoglobin", "methemoglobin", "base_excess"]);

function fullLabTable(base: Record<string, number>, profileKeys: ReadonlySet<string>, pregnant: boolean, rng: Rng): Record<string, number> {
  const labs: Record<string, number> = { ...base };
  const normal = rng.fork("normal");
  // A wide profile sd clipped at zero would print "ALT 0 U/L": report a low value instead.
  for (const [k, v] of Object.entries(labs)) {
    const lab = getLab(k);
    if (v > 0 || lab.scale === "qualitative" || ZERO_OK.has(k)) continue;
    labs[k] = roundLab(k, Math.max(lab.low * 0.6, lab.high * 0.08) * (0.8 + 0.4 * normal.next()));
  }
  // Independently drawn normal electrolytes can imply an impossible anion gap; when the condition
  // does not set them, chloride follows sodium - bicarbonate - a normal gap.
  if (!["sodium", "chloride", "bicarbonate"].some((k) => profileKeys.has(k)) && labs.sodium !== undefined && labs.bicarbonate !== undefined) {
    const cl = getLab("chloride");
    labs.chloride = Math.round(Math.min(cl.high, Math.max(cl.low, labs.sodium - labs.bicarbonate - (12 + rng.fork("gap").normal(0, 1.5)))));
  }
  for (const lab of loadLabs()) {
    if (labs[lab.key] !== undefined) continue;
    // Drug levels and toxicology are "not detected" unless the case puts the drug on board.
    if (lab.panel === "tdm" || lab.panel === "toxicology") continue;
    if (lab.key === "urine_hcg") labs[lab.key] = pregnant ? 1 : 0;
    else if (lab.key === "serum_hcg") labs[lab.key] = pregnant ? Math.round(clamp(rng.normal(40_000, 15_000), 2_000, 200_000)) : Math.round(rng.next() * 3);
    else labs[lab.key] = normalValue(lab.key, normal);
  }
  deriveLabs(labs, profileKeys, rng.fork("derived"));
  return labs;
}

// ------------------------------------------------------------------ GCS, ECG, trend

export function gcsFromFindings(texts: readonly string[]): GcsScore {
  const t = texts.join(" | ").toLowerCase();
  if (/unresponsive|\bcoma\b|depressed glasgow|ongoing .*jerking/.test(t))
    return { eye: "eye opening to pain", verbal: "incomprehensible sounds", motor: "withdrawal from pain", total: 8 };
  if (/obtund|stupor/.test(t)) return { eye: "eye opening to pain", verbal: "inappropriate words", motor: "localizes pain", total: 10 };
  if (/drowsy|reduced consciousness|altered consciousness|somnolen|letharg/.test(t))
    return { eye: "eye opening to verbal command", verbal: "confused", motor: "obeys commands", total: 13 };
  if (/confus|disorient|altered mental|altered mentation|delirium|agitat/.test(t))
    return { eye: "eyes open spontaneously", verbal: "confused", motor: "obeys commands", total: 14 };
  return { eye: "eyes open spontaneously", verbal: "oriented", motor: "obeys commands", total: 15 };
}

function makeEcg(hr: number, findings: string[], rng: Rng): EcgTracing {
  const f = findings.join(" | ").toLowerCase();
  let rhythm: string;
  let rate = hr;
  let pr: number = Math.round(clamp(rng.normal(160, 18), 120, 200));
  let qrs = Math.round(clamp(rng.normal(92, 8), 72, 110));
  if ((/fibrillation/.test(f) && !/ventricular fibrillation/.test(f)) || /irregularly irregular/.test(f)) {
    rhythm = "Atrial fibrillation (irregularly irregular, no discernible P waves)";
    pr = 0;
  } else if (/flutter/.test(f)) {
    rhythm = "Atrial flutter with variable block";
    pr = 0;
  } else if (/complete heart block|third.degree|av dissociation/.test(f)) {
    rhythm = "Complete heart block (AV dissociation) with escape rhythm";
    rate = Math.min(hr, 45);
    pr = 0;
  } else if (/ventricular tachycardia|wide.complex/.test(f)) {
    rhythm = "Regular wide-complex tachycardia";
    rate = Math.max(hr, 140);
    qrs = Math.round(clamp(rng.normal(160, 12), 130, 200));
    pr = 0;
  } else if (/supraventricular|narrow.complex|svt/.test(f)) {
    rhythm = "Regular narrow-complex tachycardia without visible P waves";
    rate = Math.max(hr, 150);
    pr = 0;
  } else if (/sinus tachycardia/.test(f) || hr > 100) {
    rhythm = "Sinus tachycardia";
    rate = Math.max(hr, 101);
  } else if (/brady/.test(f) || hr < 60) {
    rhythm = "Sinus bradycardia";
    rate = Math.min(hr, 59);
  } else rhythm = "Sinus rhythm";
  if (/bundle branch block|widened qrs|wide qrs/.test(f)) qrs = Math.max(qrs, Math.round(clamp(rng.normal(138, 8), 122, 170)));
  const qtc = /qt prolong|prolonged qt|long qt/.test(f) ? clamp(rng.normal(505, 20), 475, 580) : clamp(rng.normal(425, 18), 380, 460);
  const qt = Math.round(qtc * Math.sqrt(60 / Math.max(rate, 30)));
  const axis = /right axis|s1q3t3|right bundle/.test(f) ? "right axis deviation" : /left axis|left anterior fascicular/.test(f) ? "left axis deviation" : "normal axis";
  return { rate, rhythm, prMs: pr, qrsMs: qrs, qtMs: qt, axis, findings };
}

const BASELINE_VITALS = { hr: 78, sbp: 128, dbp: 78, rr: 15, tempC: 36.8, spo2: 97 };

function makeTrend(latest: ChartPatient["vitals"], acute: boolean, rng: Rng): VitalsReading[] {
  const times = [240, 180, 120, 60, 0];
  const fracs = acute ? [0.3, 0.5, 0.7, 0.88, 1] : [1, 1, 1, 1, 1];
  return times.map((minutesAgo, i) => {
    if (minutesAgo === 0) return { minutesAgo, ...latest };
    const f = fracs[i]!;
    const mix = (k: keyof typeof BASELINE_VITALS, sd: number) => BASELINE_VITALS[k] + (latest[k] - BASELINE_VITALS[k]) * f + rng.normal(0, sd);
    const sbp = Math.round(clamp(mix("sbp", 5), 50, 250));
    return {
      minutesAgo,
      hr: Math.round(clamp(mix("hr", 4), 25, 220)),
      sbp,
      dbp: Math.round(clamp(Math.min(mix("dbp", 4), sbp - 15), 25, 150)),
      rr: Math.round(clamp(mix("rr", 1.5), 6, 60)),
      tempC: r1(clamp(mix("tempC", 0.15), 33, 42)),
      spo2: Math.round(clamp(mix("spo2", 1), 60, 100)),
    };
  });
}

// ------------------------------------------------------------------ immunisations

function isoDate(base: Date, daysBack: number): string {
  return new Date(base.getTime() - daysBack * 86_400_000).toISOString().slice(0, 10);
}

function makeImmunizations(age: number, today: Date, rng: Rng): Immunization[] {
  const out: Immunization[] = [];
  if (age < 18) {
    if (rng.chance(0.85)) out.push({ vaccine: "Routine childhood series (DTaP, IPV, Hib, PCV, MMR, varicella, hepatitis B)", date: isoDate(today, rng.int(60, 700)), note: "up to date for age" });
    else out.push({ vaccine: "Routine childhood series", date: isoDate(today, rng.int(200, 900)), note: "incomplete: catch-up doses due" });
    if (age >= 0.5 && rng.chance(0.5)) out.push({ vaccine: "Influenza (inactivated), current season", date: isoDate(today, rng.int(20, 200)) });
    return out;
  }
  if (rng.chance(0.5)) out.push({ vaccine: "Influenza (inactivated), current season", date: isoDate(today, rng.int(20, 220)) });
  if (rng.chance(0.7)) out.push({ vaccine: "Tdap", date: isoDate(today, rng.int(200, 3500)) });
  if (rng.chance(0.4)) out.push({ vaccine: "COVID-19 (updated formulation)", date: isoDate(today, rng.int(30, 330)) });
  if (age >= 65 && rng.chance(0.6)) out.push({ vaccine: "Pneumococcal conjugate (PCV20)", date: isoDate(today, rng.int(100, 1800)) });
  if (age >= 50 && rng.chance(0.35)) out.push({ vaccine: "Recombinant zoster (2-dose series)", date: isoDate(today, rng.int(100, 1800)) });
  if (rng.chance(age < 40 ? 0.7 : 0.35)) out.push({ vaccine: "Hepatitis B (3-dose series)", date: isoDate(today, rng.int(1000, 9000)) });
  if (rng.chance(0.2)) out.push({ vaccine: "Hepatitis A (2-dose series)", date: isoDate(today, rng.int(300, 6000)) });
  if (age < 45 && rng.chance(0.4)) out.push({ vaccine: "HPV (9-valent)", date: isoDate(today, rng.int(2000, 8000)) });
  return out;
}

// ------------------------------------------------------------------ the chart

const BAYS = ["A", "B", "C", "D"];

export function generateCase(condition: Condition, seed: number, id: string): ChartPatient {
  const rng = createRng(seed);
  const p = generatePatient(condition, rng.fork("patient"), { id });
  const adult = p.age >= 18;

  const bg = { pmh: [] as string[], medications: [] as string[] };
  const bgRng = rng.fork("background");
  const bgSigs = new Map<string, string>();
  for (const b of BACKGROUND) {
    // Draw every item for every patient so the stream does not depend on age.
    const hasPmh = bgRng.chance(b.p);
    const meds = b.meds.map((m) => ({ m, on: bgRng.chance(m.p) }));
    if (!adult || !hasPmh) continue;
    if (!p.history.pmh.includes(b.pmh)) bg.pmh.push(b.pmh);
    const med = meds.find((x) => x.on);
    if (med && !p.history.medications.includes(med.m.name)) {
      bg.medications.push(med.m.name);
      bgSigs.set(med.m.name, med.m.sig);
    }
  }

  const homeMedications: HomeMedication[] = [...p.history.medications, ...bg.medications].map((name) => {
    const drugId = resolveDrugName(name);
    return { name, drugId, sig: bgSigs.get(name) ?? defaultSig(drugId) };
  });

  const pregnant = !!p.pregnancy;
  const profileKeys = new Set(Object.keys(condition.labs));
  const hiddenLabs = fullLabTable(p.labs as Record<string, number>, profileKeys, pregnant, rng.fork("labs"));
  const initialLabs = BASELINE_PANEL.filter((k) => hiddenLabs[k] !== undefined);

  const acute = condition.emergency || condition.esiLevel <= 2;
  const vitalsTrend = makeTrend(p.vitals, acute, rng.fork("trend"));
  const gcs = gcsFromFindings([...p.exam, ...p.symptoms]);
  const ecg = makeEcg(p.vitals.hr, p.imaging.filter((i) => i.modality === "ecg").map((i) => i.finding), rng.fork("ecg"));

  const dayRng = rng.fork("date");
  const today = new Date(Date.UTC(2024, 0, 1) + dayRng.int(0, 364) * 86_400_000);
  const hour = dayRng.int(0, 23);
  const minute = dayRng.int(0, 59);
  const arrival = `${today.toISOString().slice(0, 10)} ${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
  const immunizations = makeImmunizations(p.age, today, rng.fork("immunizations"));

  const locRng = rng.fork("location");
  const location =
    condition.esiLevel <= 2
      ? `Emergency department, resuscitation bay R${locRng.int(1, 6)}`
      : condition.esiLevel === 3
        ? `Emergency department, bay ${locRng.pick(BAYS)}${locRng.int(1, 12)}`
        : `Urgent care, room ${locRng.int(1, 15)}`;

  const v = p.vitals;
  const allergyText = p.allergies.length ? p.allergies.map((a) => `${a.substance} (${a.reaction})`).join(", ") : "no known drug allergies";
  const triageNote = `Triage ${arrival}: ${formatAge(p.age)} ${p.sex} presenting with ${p.chiefComplaint}. ESI level ${condition.esiLevel}. Initial observations HR ${v.hr}, BP ${v.sbp}/${v.dbp}, RR ${v.rr}, T ${v.tempC.toFixed(1)} °C, SpO2 ${v.spo2}% on room air. Allergies: ${allergyText}.`;
  const noteRng = rng.fork("nursing");
  const pain = /pain|ache|tender|colic/i.test([p.chiefComplaint, ...p.symptoms].join(" ")) ? noteRng.int(4, 9) : noteRng.int(0, 2);
  const nursingNote = `Nursing: patient settled on the trolley, cannula placed, bloods sent (CBC, BMP). Reports ${p.symptoms.slice(0, 2).join(" and ")}. Pain score ${pain}/10. ${gcs.total < 15 ? `GCS ${gcs.total}.` : "Alert and oriented."} Awaiting medical review.`;

  // The drawn labs live on in hiddenLabs (floored, with derived analytes); one copy in the chart.
  const { labs: _drawn, ...chart } = p;
  return {
    ...chart,
    mrn: `MRN${String(createRng(seed ^ 0x5bd1e995).int(1_000_000, 9_999_999))}`,
    location,
    arrival,
    background: bg,
    homeMedications,
    hiddenLabs,
    initialLabs,
    vitalsTrend,
    gcs,
    ecg,
    immunizations,
    triageNote,
    nursingNote,
  };
}

export function formatAge(age: number): string {
  if (age < 1) return `${Math.max(1, Math.round(age * 52))}-week-old`;
  if (age < 2) return `${Math.round(age * 12)}-month-old`;
  return `${Math.floor(age)}-year-old`;
}
