/**
 * Seeded obstetric and gynaecological patients. The shared generator draws the presentation,
 * history, vitals, labs and imaging from the condition profile; this module adds what obstetric
 * care reveals and keeps it consistent with the condition: true gestational age with an LMP and a
 * first-trimester dating scan (sometimes discordant enough to redate), obstetric history (G/TPAL),
 * prenatal labs (blood group, Rh(D), antibodies, GBS, glucose screening), the fetal heart tracing,
 * biophysical profile, cervix, cervical length and fibronectin, placental site and the size of any
 * feto-maternal haemorrhage.
 */
import type { Condition } from "../../src/clinical/conditions/index.js";
import { BASELINE_PANEL, generatePatient } from "../../src/clinical/patients/index.js";
import { createRng, type Rng } from "../../src/util/rng.js";
import type { Biophysical, Cervix, Ctg, ObPatient } from "./data-model.js";
import { obCategory, type ObCategory } from "./rules.js";
import { bishopScore, CARPENTER_COUSTAN, ctgCategory, GCT_THRESHOLD } from "./scores.js";

export interface ObCaseOptions {
  rhNegative?: boolean;
  antiD?: boolean;
  bishop?: "favourable" | "unfavourable";
  glucoseTargetsMet?: boolean;
}

const PANEL = [...BASELINE_PANEL, "ast", "alt", "ldh", "uric_acid", "total_bilirubin", "inr", "ptt", "fibrinogen", "magnesium", "albumin"];
/** 2025-01-01 as a day number. */
const EPOCH_2025 = Date.UTC(2025, 0, 1) / 86_400_000;

const HYPERTENSIVE: ReadonlySet<ObCategory> = new Set(["severe_preeclampsia", "hellp", "eclampsia"]);

function drawCtg(cat: ObCategory, finding: string | undefined, rng: Rng): Ctg {
  const contractions = ["preterm_labor", "abruption"].includes(cat) ? rng.int(3, 6) : cat === "chorioamnionitis" || cat === "cord_prolapse" ? rng.int(2, 4) : rng.int(0, 1);
  const normal: Ctg = { baselineFhr: rng.int(120, 155), variability: "moderate", accelerations: rng.chance(0.85), decelerations: rng.chance(0.15) ? "early" : "none", sinusoidal: false, contractionsPer10Min: contractions };
  if (!finding) return normal;
  const f = finding.toLowerCase();
  if (/reassuring/.test(f)) return normal;
  if (/late decelerations/.test(f)) {
    const absent = rng.chance(0.5);
    return { baselineFhr: rng.int(115, 150), variability: absent ? "absent" : "minimal", accelerations: false, decelerations: "late_recurrent", sinusoidal: false, contractionsPer10Min: Math.max(contractions, 6) };
  }
  if (/prolonged fetal bradycardia|sudden prolonged/.test(f)) {
    const absent = cat === "cord_prolapse" ? rng.chance(0.7) : rng.chance(0.3);
    return { baselineFhr: rng.int(80, 100), variability: absent ? "absent" : "minimal", accelerations: false, decelerations: "prolonged", sinusoidal: false, contractionsPer10Min: contractions };
  }
  if (/tachycardia/.test(f)) {
    const reduced = /reduced variability/.test(f);
    return { baselineFhr: rng.int(165, 180), variability: reduced ? "minimal" : "moderate", accelerations: false, decelerations: "none", sinusoidal: false, contractionsPer10Min: contractions };
  }
  if (/reduced variability|minimal variability/.test(f)) return { ...normal, variability: "minimal", accelerations: false };
  return normal;
}

function drawCervix(cat: ObCategory, weeks: number, exam: string[], opts: ObCaseOptions, rng: Rng): Cervix {
  if (opts.bishop) {
    for (let k = 0; k < 50; k++) {
      const c: Cervix =
        opts.bishop === "favourable"
          ? { dilationCm: rng.int(3, 6), effacementPct: rng.pick([60, 70, 80, 90]), station: rng.int(-1, 1), consistency: rng.pick(["medium", "soft"] as const), position: rng.pick(["mid", "anterior"] as const) }
          : { dilationCm: rng.int(0, 2), effacementPct: rng.pick([0, 20, 30, 40, 50]), station: rng.int(-3, -2), consistency: rng.pick(["firm", "medium"] as const), position: rng.pick(["posterior", "mid"] as const) };
      const s = bishopScore(c).total;
      if (opts.bishop === "favourable" ? s >= 8 : s <= 6) return c;
    }
  }
  if (cat === "preterm_labor") {
    const dilated = exam.some((e) => /dilation of 2 cm/.test(e));
    return { dilationCm: dilated ? rng.int(2, 4) : 1, effacementPct: dilated ? rng.pick([60, 70, 80]) : rng.pick([40, 50]), station: rng.int(-2, -1), consistency: "soft", position: "mid" };
  }
  if (cat === "cord_prolapse") return { dilationCm: rng.int(5, 8), effacementPct: 90, station: -2, consistency: "soft", position: "anterior" };
  const term = weeks >= 39;
  return {
    dilationCm: term ? rng.int(1, 3) : rng.int(0, 1),
    effacementPct: term ? rng.pick([40, 50, 60, 70]) : rng.pick([0, 20, 30]),
    station: term ? rng.int(-3, -1) : -3,
    consistency: term ? rng.pick(["medium", "soft"] as const) : rng.pick(["firm", "medium"] as const),
    position: term ? rng.pick(["mid", "anterior"] as const) : "posterior",
  };
}

function obstetricHistory(pmh: string[], pregnant: boolean, postpartum: boolean, age: number, rng: Rng) {
  const h = pmh.join("; ").toLowerCase();
  let term = 0;
  let preterm = 0;
  let abortions = 0;
  if (/nulliparity/.test(h)) term = 0;
  else if (/multiparity|prior cesarean|prior macrosomic|prior postpartum hemorrhage|prior abruption/.test(h)) term = rng.int(1, 3);
  else term = age >= 24 && rng.chance(0.55) ? rng.int(1, 2) : 0;
  if (/prior preterm|prior pprom/.test(h)) preterm = 1;
  if (/prior miscarriage|prior ectopic|molar pregnancy/.test(h)) abortions = rng.int(1, 2);
  else if (rng.chance(0.15)) abortions = 1;
  if (postpartum) term += 1;
  const living = term + preterm;
  const gravida = term + preterm + abortions + (pregnant ? 1 : 0);
  const priorCesarean = /prior cesarean|cesarean delivery/.test(h) || (term > 0 && rng.chance(0.2));
  return { gravida: Math.max(gravida, pregnant || postpartum ? 1 : 0), para: { term, preterm, abortions, living }, priorCesarean };
}

export function generateObPatient(condition: Condition, seed: number, id: string, opts: ObCaseOptions = {}): ObPatient {
  const rng = createRng(seed);
  const base = generatePatient(condition, rng.fork("patient"), { id, baselinePanel: PANEL });
  const r = rng.fork("obstetric");
  const cat = obCategory(condition);
  const pregnant = !!base.pregnancy;
  const postpartum = !!base.postpartum;
  const labs: Record<string, number> = {};
  for (const [k, v] of Object.entries(base.labs)) if (v !== undefined) labs[k] = v;
  labs.urine_protein_creatinine_ratio = HYPERTENSIVE.has(cat) ? Math.round((0.4 + r.next() * 3) * 100) / 100 : Math.round((0.06 + r.next() * 0.13) * 100) / 100;

  let gaDays: number | undefined;
  let dating: ObPatient["dating"];
  if (pregnant) {
    gaDays = base.pregnancy!.gestationalWeeks * 7 + r.int(0, 6);
    const today = EPOCH_2025 + r.int(0, 500);
    const trueLmp = today - gaDays;
    if (gaDays >= 49) {
      // A first-trimester dating scan; about a quarter of women misremember the LMP by more than the redating margin.
      const scanGa = r.int(49, Math.min(gaDays, 97));
      const discordant = r.chance(0.28);
      const lmpError = discordant ? r.pick([-1, 1]) * r.int(9, 20) : r.int(-3, 3);
      dating = { today, lmp: trueLmp + lmpError, lmpCertain: r.chance(0.92), ultrasound: { date: today - (gaDays - scanGa), gaDays: scanGa + r.int(-2, 2) } };
    } else {
      dating = { today, lmp: trueLmp + r.int(-2, 2), lmpCertain: true };
    }
  }
  const weeks = gaDays === undefined ? 0 : Math.floor(gaDays / 7);
  const hist = obstetricHistory(base.history.pmh, pregnant, postpartum, base.age, r);
  const rhNegative = opts.rhNegative ?? r.chance(0.15);
  const antiD = opts.antiD ?? (rhNegative && r.chance(0.03));
  const social = base.history.pmh.join("; ").toLowerCase();
  const gbs: ObPatient["prenatal"]["gbs"] = pregnant && weeks >= 36 ? (/group b streptococcus/.test(social) || r.chance(0.25) ? "positive" : "negative") : "not done";
  let gct: number | undefined;
  let ogtt: [number, number, number, number] | undefined;
  let smbg: ObPatient["prenatal"]["smbg"];
  if (pregnant && weeks >= 26) {
    if (cat === "gdm") {
      gct = r.int(150, 205);
      const abnormal = r.int(2, 4);
      const which = r.shuffle([0, 1, 2, 3]).slice(0, abnormal);
      ogtt = CARPENTER_COUSTAN.map((t, i) => (which.includes(i) ? t + r.int(2, 35) : t - r.int(3, 20))) as [number, number, number, number];
      const met = opts.glucoseTargetsMet ?? r.chance(0.5);
      smbg = met
        ? { readings: 7, fastingMean: r.int(82, 91), fastingAboveTarget: r.int(0, 1), postprandialMean: r.int(118, 132), postprandialAboveTarget: r.int(0, 1) }
        : { readings: 7, fastingMean: r.int(98, 112), fastingAboveTarget: r.int(4, 6), postprandialMean: r.int(142, 160), postprandialAboveTarget: r.int(3, 6) };
    } else {
      gct = r.chance(0.1) ? r.int(140, 160) : r.int(88, 135);
      if (gct >= GCT_THRESHOLD) {
        const k = r.int(0, 1);
        ogtt = CARPENTER_COUSTAN.map((t, i) => (i === k && r.chance(0.5) ? t + r.int(1, 10) : t - r.int(5, 30))) as [number, number, number, number];
      }
    }
  }
  const kb = cat === "abruption" ? Math.round((0.3 + r.next() * 1.3) * 100) / 100 : cat === "previa" ? Math.round((0.02 + r.next() * 0.45) * 100) / 100 : Math.round(r.next() * 0.08 * 100) / 100;
  const ctgFinding = base.imaging.find((i) => i.modality === "ctg")?.finding;
  const ctg = pregnant && weeks >= 24 ? drawCtg(cat, ctgFinding, r) : undefined;
  const decreasedMovement = base.symptoms.some((s) => /decreased fetal movement/i.test(s));
  let bpp: Biophysical | undefined;
  if (pregnant && weeks >= 26) {
    const oligo = base.imaging.some((i) => /oligohydramnios/i.test(i.finding));
    const poly = base.imaging.some((i) => /polyhydramnios/i.test(i.finding));
    const cat3 = ctg ? ctgCategory(ctg) === 3 : false;
    const afi = oligo ? Math.round((2 + r.next() * 2.8) * 10) / 10 : poly ? Math.round((25 + r.next() * 6) * 10) / 10 : Math.round((8 + r.next() * 10) * 10) / 10;
    bpp = {
      nstReactive: !!ctg && ctgCategory(ctg) === 1 && ctg.accelerations,
      breathing: cat3 ? r.chance(0.3) : r.chance(0.95),
      movements: !decreasedMovement && !cat3,
      tone: !cat3 || r.chance(0.5),
      deepestPocketCm: oligo ? Math.round((0.8 + r.next()) * 10) / 10 : Math.round((3 + r.next() * 4) * 10) / 10,
      afiCm: afi,
    };
  }
  const ruptured = cat === "pprom" || cat === "cord_prolapse" || (cat === "chorioamnionitis" && r.chance(0.8));
  const p: ObPatient = {
    id,
    name: base.name,
    age: base.age,
    weightKg: base.weightKg,
    heightCm: base.heightCm,
    conditionId: condition.id,
    pregnant,
    postpartum,
    ...(gaDays !== undefined ? { gaDays } : {}),
    ...(dating ? { dating } : {}),
    ...hist,
    chiefComplaint: base.chiefComplaint,
    symptoms: base.symptoms,
    exam: base.exam,
    history: base.history,
    allergies: base.allergies,
    vitals: base.vitals,
    labs,
    imaging: base.imaging,
    prenatal: {
      abo: r.weighted(["O", "A", "B", "AB"] as const, [45, 40, 11, 4]),
      rhNegative,
      antiD,
      ...(antiD ? { antiDTiter: r.pick(["1:8", "1:16", "1:32"]) } : {}),
      rubellaImmune: r.chance(0.92),
      hbsag: false,
      hiv: false,
      syphilis: false,
      gbs,
      ...(gct !== undefined ? { gct } : {}),
      ...(ogtt ? { ogtt } : {}),
      ...(smbg ? { smbg } : {}),
      antiDGivenThisPregnancy: false,
    },
    kleihauerBetkePct: kb,
    membranesRuptured: ruptured,
    placenta: cat === "previa" ? "complete placenta previa covering the internal cervical os" : r.pick(["posterior, clear of the os", "anterior, clear of the os", "fundal"]),
    presentation: cat === "cord_prolapse" && r.chance(0.5) ? r.pick(["breech", "transverse"] as const) : r.chance(0.92) ? "cephalic" : "breech",
  };
  if (ctg) p.ctg = ctg;
  if (bpp) p.bpp = bpp;
  if (pregnant && weeks >= 20) p.cervix = drawCervix(cat, weeks, base.exam, opts, r);
  if (pregnant && weeks >= 20) {
    const big = base.imaging.some((i) => /90th percentile/i.test(i.finding));
    const small = base.imaging.some((i) => /growth restriction/i.test(i.finding));
    p.efwPercentile = big ? r.int(91, 98) : small ? r.int(2, 9) : r.int(15, 85);
  }
  if (pregnant && weeks >= 16 && weeks <= 34) {
    const short = base.imaging.some((i) => /cervical length under 20/i.test(i.finding));
    p.cervicalLengthMm = short ? r.int(8, 19) : cat === "preterm_labor" ? r.int(21, 28) : r.int(28, 45);
    p.fetalFibronectin = ruptured || /bleeding/i.test(base.symptoms.join(" ")) ? "not valid" : weeks >= 22 && cat === "preterm_labor" ? (r.chance(0.8) ? "positive" : "negative") : weeks >= 22 ? "negative" : "not valid";
  }
  if (cat === "ectopic") p.fetalCardiacActivity = r.chance(0.1);
  else if (pregnant) p.fetalCardiacActivity = !["incomplete_abortion", "molar"].includes(cat) && !base.imaging.some((i) => /without fetal cardiac activity|no fetus/i.test(i.finding));
  return p;
}
