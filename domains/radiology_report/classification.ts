/**
 * Radiology classification systems and measurements as pure functions, each following its
 * published rule table:
 * - Fleischner Society 2017 guidelines for incidental pulmonary nodules (MacMahon et al.,
 *   Radiology 2017): size = average of long and short axis rounded to the nearest millimetre.
 * - ACR TI-RADS (Tessler et al., JACR 2017): points per feature, TR level and FNA/follow-up size
 *   thresholds. Cystic and spongiform nodules take no further points (TR1). A 1-point total,
 *   which the chart leaves out, is treated as TR1 as most implementations do.
 * - ACR BI-RADS 5th edition assessment categories, with category 4 subdivided by the lexicon
 *   descriptors' reported positive predictive values (4A 2-10%, 4B 10-50%, 4C 50-95%).
 * - LI-RADS v2018 CT/MRI diagnostic table (major features: nonrim APHE, size, nonperipheral
 *   washout, enhancing capsule, threshold growth) plus LR-TIV.
 * - Lung-RADS v2022 for solid, part-solid and ground-glass nodules at baseline and follow-up.
 * - Agatston coronary artery calcium score (area x density weight per lesion >= 130 HU, >= 1 mm2)
 *   and its conventional categories.
 * - CT effective dose = DLP x k with the adult k-factors of AAPM Report 96.
 */

// ------------------------------------------------------------------ Fleischner 2017

export type NoduleType = "solid" | "part_solid" | "ground_glass";
export type Risk = "low" | "high";

export interface FleischnerInput {
  noduleType: NoduleType;
  count: "single" | "multiple";
  /** Average of long and short axis, mm (rounded to the nearest mm by the rule). */
  sizeMm: number;
  /** Solid nodules only. */
  risk?: Risk;
  /** Part-solid nodules: size of the solid component, mm. */
  solidComponentMm?: number;
}

export interface Classification {
  system: string;
  category: string;
  recommendation: string;
  detail: string;
}

const FLEISCHNER_TEXT: Record<string, string> = {
  no_routine_follow_up: "No routine follow-up.",
  optional_ct_12_months: "Optional CT at 12 months.",
  ct_6_12_months_then_consider_18_24: "CT at 6-12 months, then consider CT at 18-24 months.",
  ct_6_12_months_then_18_24: "CT at 6-12 months, then CT at 18-24 months.",
  ct_3_months_pet_or_tissue_sampling: "Consider CT at 3 months, PET/CT, or tissue sampling.",
  ct_3_6_months_then_consider_18_24: "CT at 3-6 months, then consider CT at 18-24 months.",
  ct_3_6_months_then_18_24: "CT at 3-6 months, then CT at 18-24 months.",
  ct_6_12_months_then_every_2_years_to_5: "CT at 6-12 months to confirm persistence, then CT every 2 years until 5 years.",
  ct_3_6_months_then_annual_to_5: "CT at 3-6 months to confirm persistence; if unchanged and the solid component remains < 6 mm, annual CT for 5 years.",
  ct_3_6_months_then_2_and_4_years: "CT at 3-6 months; if stable, consider CT at 2 and 4 years.",
  ct_3_6_months_manage_most_suspicious: "CT at 3-6 months; subsequent management based on the most suspicious nodule(s).",
};

export const FLEISCHNER_CATEGORIES = Object.keys(FLEISCHNER_TEXT);

export function fleischner(input: FleischnerInput): Classification {
  const size = Math.round(input.sizeMm);
  const risk = input.risk ?? "low";
  let code: string;
  if (input.noduleType === "solid") {
    if (size < 6) code = risk === "high" ? "optional_ct_12_months" : "no_routine_follow_up";
    else if (size <= 8) {
      if (input.count === "single") code = risk === "high" ? "ct_6_12_months_then_18_24" : "ct_6_12_months_then_consider_18_24";
      else code = risk === "high" ? "ct_3_6_months_then_18_24" : "ct_3_6_months_then_consider_18_24";
    } else if (input.count === "single") code = "ct_3_months_pet_or_tissue_sampling";
    else code = risk === "high" ? "ct_3_6_months_then_18_24" : "ct_3_6_months_then_consider_18_24";
  } else if (input.count === "single") {
    if (size < 6) code = "no_routine_follow_up";
    else code = input.noduleType === "ground_glass" ? "ct_6_12_months_then_every_2_years_to_5" : "ct_3_6_months_then_annual_to_5";
  } else code = size < 6 ? "ct_3_6_months_then_2_and_4_years" : "ct_3_6_months_manage_most_suspicious";
  const solidNote = input.noduleType === "part_solid" && (input.solidComponentMm ?? 0) >= 6 ? " A solid component of 6 mm or more is highly suspicious." : "";
  return {
    system: "Fleischner 2017",
    category: code,
    recommendation: FLEISCHNER_TEXT[code]! + solidNote,
    detail: `${input.count} ${input.noduleType.replace("_", "-")} nodule, ${size} mm (average diameter, rounded)${input.noduleType === "solid" ? `, ${risk} risk` : ""}`,
  };
}

// ------------------------------------------------------------------ ACR TI-RADS

export const TIRADS_FEATURES = {
  composition: { cystic: 0, spongiform: 0, mixed_cystic_solid: 1, solid: 2 },
  echogenicity: { anechoic: 0, hyperechoic: 1, isoechoic: 1, hypoechoic: 2, very_hypoechoic: 3 },
  shape: { wider_than_tall: 0, taller_than_wide: 3 },
  margin: { smooth: 0, ill_defined: 0, lobulated: 2, irregular: 2, extrathyroidal_extension: 3 },
  echogenic_foci: { none: 0, comet_tail: 0, macrocalcifications: 1, peripheral_rim: 2, punctate: 3 },
} as const;

export interface TiradsInput {
  composition: keyof typeof TIRADS_FEATURES.composition;
  echogenicity: keyof typeof TIRADS_FEATURES.echogenicity;
  shape: keyof typeof TIRADS_FEATURES.shape;
  margin: keyof typeof TIRADS_FEATURES.margin;
  echogenicFoci: (keyof typeof TIRADS_FEATURES.echogenic_foci)[];
  /** Maximum dimension, cm. */
  sizeCm: number;
}

export function tiradsPoints(i: TiradsInput): number {
  if (i.composition === "cystic" || i.composition === "spongiform") return 0;
  const f = TIRADS_FEATURES;
  const foci = [...new Set(i.echogenicFoci)].reduce((s, k) => s + f.echogenic_foci[k], 0);
  return f.composition[i.composition] + f.echogenicity[i.echogenicity] + f.shape[i.shape] + f.margin[i.margin] + foci;
}

export function tirads(i: TiradsInput): Classification {
  const pts = tiradsPoints(i);
  const level = pts <= 1 ? 1 : pts === 2 ? 2 : pts === 3 ? 3 : pts <= 6 ? 4 : 5;
  const thresholds: Record<number, [number, number] | null> = { 1: null, 2: null, 3: [2.5, 1.5], 4: [1.5, 1.0], 5: [1.0, 0.5] };
  const t = thresholds[level];
  let rec: string;
  if (!t) rec = "No FNA; no follow-up.";
  else if (i.sizeCm >= t[0]) rec = `FNA (size ${i.sizeCm} cm >= ${t[0]} cm).`;
  else if (i.sizeCm >= t[1]) rec = `Ultrasound follow-up (size ${i.sizeCm} cm >= ${t[1]} cm, below the FNA threshold of ${t[0]} cm).`;
  else rec = `No FNA or follow-up (size ${i.sizeCm} cm below ${t[1]} cm).`;
  const names = ["", "benign", "not suspicious", "mildly suspicious", "moderately suspicious", "highly suspicious"];
  return { system: "ACR TI-RADS", category: `TR${level}`, recommendation: rec, detail: `${pts} point(s): TR${level} (${names[level]})` };
}

// ------------------------------------------------------------------ BI-RADS

export interface BiradsInput {
  finding: "none" | "benign" | "mass" | "calcifications" | "asymmetry_incomplete" | "known_cancer";
  massShape?: "oval" | "round" | "irregular";
  massMargin?: "circumscribed" | "obscured" | "microlobulated" | "indistinct" | "spiculated";
  calcMorphology?: "punctate" | "amorphous" | "coarse_heterogeneous" | "fine_pleomorphic" | "fine_linear_branching";
}

export function birads(i: BiradsInput): Classification {
  const R = (category: string, recommendation: string, detail: string): Classification => ({ system: "ACR BI-RADS", category: `BI-RADS ${category}`, recommendation, detail });
  switch (i.finding) {
    case "none":
      return R("1", "Routine screening.", "negative");
    case "benign":
      return R("2", "Routine screening.", "benign finding");
    case "asymmetry_incomplete":
      return R("0", "Additional imaging evaluation (diagnostic mammographic views and/or ultrasound).", "incomplete: needs additional imaging");
    case "known_cancer":
      return R("6", "Surgical excision when clinically appropriate.", "known biopsy-proven malignancy");
    case "mass": {
      const shape = i.massShape ?? "oval";
      const margin = i.massMargin ?? "circumscribed";
      if (shape === "irregular" && margin === "spiculated") return R("5", "Tissue diagnosis (biopsy).", "irregular spiculated mass: highly suggestive of malignancy");
      if (shape !== "irregular" && margin === "circumscribed") return R("3", "Short-interval (6-month) follow-up.", "oval/round circumscribed mass: probably benign");
      if (shape === "irregular" || margin === "spiculated") return R("4C", "Tissue diagnosis (biopsy).", `${shape} ${margin} mass: high suspicion`);
      if (margin === "indistinct" || margin === "microlobulated") return R("4B", "Tissue diagnosis (biopsy).", `${shape} ${margin} mass: moderate suspicion`);
      return R("4A", "Tissue diagnosis (biopsy).", `${shape} ${margin} mass: low suspicion`);
    }
    case "calcifications": {
      const m = i.calcMorphology ?? "punctate";
      if (m === "punctate") return R("3", "Short-interval (6-month) follow-up.", "grouped punctate calcifications: probably benign");
      if (m === "fine_linear_branching") return R("5", "Tissue diagnosis (biopsy).", "fine linear or fine-linear branching calcifications: highly suggestive of malignancy");
      if (m === "fine_pleomorphic") return R("4C", "Tissue diagnosis (biopsy).", "fine pleomorphic calcifications: high suspicion");
      return R("4B", "Tissue diagnosis (biopsy).", `${m.replace("_", " ")} calcifications: moderate suspicion`);
    }
  }
}

// ------------------------------------------------------------------ LI-RADS v2018

export interface LiradsInput {
  sizeMm: number;
  aphe: "none" | "nonrim" | "rim";
  washout: boolean;
  capsule: boolean;
  thresholdGrowth: boolean;
  tumorInVein?: boolean;
}

export function lirads(i: LiradsInput): Classification {
  const R = (cat: string, rec: string, detail: string): Classification => ({ system: "LI-RADS v2018", category: cat, recommendation: rec, detail });
  if (i.tumorInVein) return R("LR-TIV", "Multidisciplinary discussion; tissue sampling may be needed.", "enhancing soft tissue in vein");
  if (i.aphe === "rim") return R("LR-M", "Multidisciplinary discussion; biopsy often needed.", "rim APHE: probably or definitely malignant, not HCC-specific");
  const features = [i.washout, i.capsule, i.thresholdGrowth].filter(Boolean).length;
  let cat: string;
  if (i.aphe === "none") cat = i.sizeMm < 20 ? (features >= 2 ? "LR-4" : "LR-3") : features >= 1 ? "LR-4" : "LR-3";
  else if (i.sizeMm < 10) cat = features >= 1 ? "LR-4" : "LR-3";
  else if (i.sizeMm < 20) {
    if (features === 0) cat = "LR-3";
    else if (features >= 2) cat = "LR-5";
    else cat = i.washout || i.thresholdGrowth ? "LR-5" : "LR-4";
  } else cat = features >= 1 ? "LR-5" : "LR-4";
  const rec: Record<string, string> = {
    "LR-3": "Repeat or alternative diagnostic imaging in 3-6 months.",
    "LR-4": "Multidisciplinary discussion; repeat or alternative imaging in 3 months or biopsy.",
    "LR-5": "Definitely HCC: multidisciplinary discussion for consensus management; no biopsy needed.",
  };
  const feats = [i.washout && "washout", i.capsule && "capsule", i.thresholdGrowth && "threshold growth"].filter(Boolean).join(", ") || "no additional major features";
  return R(cat, rec[cat]!, `${i.aphe === "nonrim" ? "nonrim APHE" : "no APHE"}, ${i.sizeMm} mm, ${feats}`);
}

// ------------------------------------------------------------------ Lung-RADS v2022

export interface LungradsInput {
  exam: "baseline" | "follow_up";
  noduleType: NoduleType;
  /** Mean diameter, mm, to one decimal. */
  sizeMm: number;
  solidComponentMm?: number;
  /** Follow-up only. */
  change?: "new" | "growing" | "stable";
}

export function lungrads(i: LungradsInput): Classification {
  const rec: Record<string, string> = {
    "2": "Continue annual screening with LDCT in 12 months.",
    "3": "LDCT in 6 months.",
    "4A": "LDCT in 3 months; PET/CT may be considered if there is a solid component of 8 mm or more.",
    "4B": "Diagnostic chest CT with or without contrast; PET/CT and/or tissue sampling depending on probability of malignancy.",
  };
  const s = i.sizeMm;
  let cat: string;
  if (i.noduleType === "ground_glass") cat = s < 30 ? "2" : "3";
  else if (i.noduleType === "part_solid") {
    const solid = i.solidComponentMm ?? 0;
    if (i.exam === "baseline") cat = s < 6 ? "2" : solid < 6 ? "3" : solid < 8 ? "4A" : "4B";
    else if (i.change === "stable") cat = "2";
    else if (i.change === "new" && s < 6) cat = "3";
    else cat = solid < 4 ? "4A" : "4B";
  } else if (i.exam === "baseline") cat = s < 6 ? "2" : s < 8 ? "3" : s < 15 ? "4A" : "4B";
  else if (i.change === "stable") cat = "2";
  else if (i.change === "growing") cat = s < 8 ? "4A" : "4B";
  else cat = s < 4 ? "2" : s < 6 ? "3" : s < 8 ? "4A" : "4B";
  return { system: "Lung-RADS v2022", category: `Lung-RADS ${cat}`, recommendation: rec[cat]!, detail: `${i.exam.replace("_", "-")} ${i.noduleType.replace("_", "-")} nodule ${s.toFixed(1)} mm${i.change ? `, ${i.change}` : ""}` };
}

// ------------------------------------------------------------------ coronary calcium

export interface CalcifiedLesion {
  artery: string;
  areaMm2: number;
  peakHu: number;
}

export function densityWeight(peakHu: number): number {
  if (peakHu < 130) return 0;
  if (peakHu < 200) return 1;
  if (peakHu < 300) return 2;
  if (peakHu < 400) return 3;
  return 4;
}

export function agatston(lesions: readonly CalcifiedLesion[]): { total: number; perArtery: Record<string, number>; counted: number } {
  const perArtery: Record<string, number> = {};
  let total = 0;
  let counted = 0;
  for (const l of lesions) {
    const w = l.areaMm2 >= 1 ? densityWeight(l.peakHu) : 0;
    const s = l.areaMm2 * w;
    if (w > 0) counted++;
    perArtery[l.artery] = Math.round(((perArtery[l.artery] ?? 0) + s) * 10) / 10;
    total += s;
  }
  return { total: Math.round(total * 10) / 10, perArtery, counted };
}

export function cacCategory(score: number): Classification {
  const [cat, rec] =
    score === 0
      ? ["CAC 0 (no identifiable calcium)", "Very low risk; statin generally not needed unless other strong risk factors."]
      : score <= 10
        ? ["CAC 1-10 (minimal)", "Minimal plaque; favour risk-factor modification."]
        : score <= 100
          ? ["CAC 11-100 (mild)", "Mild plaque; statin reasonable, particularly age 55 or older."]
          : score <= 400
            ? ["CAC 101-400 (moderate)", "Moderate plaque; statin indicated."]
            : ["CAC >400 (severe)", "Extensive plaque; high-intensity statin and aspirin may be considered."];
  return { system: "Agatston CAC", category: cat, recommendation: rec, detail: `Agatston score ${score}` };
}

// ------------------------------------------------------------------ dose and measurements

/** AAPM Report 96 adult effective-dose conversion factors, mSv per mGy·cm. */
export const DOSE_K_FACTORS: Record<string, number> = {
  head: 0.0021,
  neck: 0.0059,
  chest: 0.014,
  abdomen_pelvis: 0.015,
  chest_abdomen_pelvis: 0.015,
};

export function effectiveDose(dlpMGyCm: number, region: string): number {
  const k = DOSE_K_FACTORS[region];
  if (k === undefined) throw new RangeError(`no k-factor for region "${region}" (have ${Object.keys(DOSE_K_FACTORS).join(", ")})`);
  return dlpMGyCm * k;
}

/** Ellipsoid volume (mm3) from three orthogonal diameters (mm): pi/6 * a * b * c. */
export function ellipsoidVolume(a: number, b: number, c: number): number {
  return (Math.PI / 6) * a * b * c;
}

/** Volume doubling time in days: t * ln 2 / ln(V2 / V1). Infinite when the volume did not grow. */
export function volumeDoublingTime(v1: number, v2: number, days: number): number {
  if (!(v1 > 0 && v2 > 0 && days > 0)) throw new RangeError("volumes and interval must be positive");
  if (v2 <= v1) return Infinity;
  return (days * Math.LN2) / Math.log(v2 / v1);
}

export const round1 = (x: number) => Math.round(x * 10) / 10;
