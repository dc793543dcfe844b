/**
 * Radiology reference material: imaging patterns rendered from the condition profiles (which
 * findings each disease shows on each modality, how often, and whether it is a critical result),
 * reference entries for the classification systems, report templates and reporting checklists.
 * The pattern index is a small in-memory knowledge source of its own, built once per process.
 */
import { loadConditions, type Condition } from "../../src/clinical/conditions/index.js";
import { modalityLabel } from "../../src/knowledge/documents.js";
import { MemoryKnowledgeSource } from "../../src/knowledge/memory-source.js";
import type { KnowledgeDocument } from "../../src/knowledge/source.js";
import { DOSE_K_FACTORS, TIRADS_FEATURES } from "./classification.js";

/** Modalities a radiology department reports (ECG, echo, endoscopy, photographs are not). */
export const RADIOLOGY_MODALITIES = ["xray", "ct", "cta", "mri", "ultrasound", "nuclear", "fluoroscopy"] as const;

export const normText = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();

export function radModalityLabel(m: string): string {
  return m === "mammography" ? "Mammography" : modalityLabel(m);
}

export function imagingPatternDocuments(conditions: readonly Condition[] = loadConditions()): KnowledgeDocument[] {
  const docs: KnowledgeDocument[] = [];
  for (const c of conditions) {
    for (const m of RADIOLOGY_MODALITIES) {
      const items = c.imaging.filter((i) => i.modality === m).sort((a, b) => b.p - a.p);
      if (items.length === 0) continue;
      const regions = [...new Set(items.map((i) => i.region))].join(", ");
      docs.push({
        id: `imaging:${c.id}:${m}`,
        source: "imaging_pattern",
        title: `${c.name} — ${modalityLabel(m)} (${regions})`,
        text: `${items.map((i) => `${i.finding} (${Math.round(i.p * 100)}%)`).join("; ")}. Critical result: ${c.emergency ? "yes, communicate directly to the responsible clinician" : "no"}.`,
      });
    }
  }
  return docs;
}

export const SYSTEM_DOCUMENTS: KnowledgeDocument[] = [
  {
    id: "system:fleischner",
    source: "radiology_system",
    title: "Fleischner Society 2017: incidental pulmonary nodules",
    text:
      "Applies to incidental nodules in adults 35 or older; not to lung cancer screening, known cancer or immunosuppression. Size is the average of long and short axis, rounded to the nearest millimetre. " +
      "Solid single: <6 mm no routine follow-up (high risk: optional CT at 12 months); 6-8 mm CT at 6-12 months then consider (high risk: then) CT at 18-24 months; >8 mm consider CT at 3 months, PET/CT or tissue sampling. " +
      "Solid multiple: <6 mm as single; 6-8 mm CT at 3-6 months then consider (high risk: then) CT at 18-24 months; >8 mm CT at 3-6 months then consider (high risk: then) CT at 18-24 months. " +
      "Ground glass single: <6 mm no routine follow-up; >=6 mm CT at 6-12 months then every 2 years until 5 years. Part-solid single: <6 mm no routine follow-up; >=6 mm CT at 3-6 months, then annual CT for 5 years if unchanged and solid component <6 mm. " +
      "High risk: heavy smoking, asbestos, radon or uranium exposure, family history of lung cancer, emphysema or pulmonary fibrosis, upper-lobe location, older age.",
  },
  {
    id: "system:ti_rads",
    source: "radiology_system",
    title: "ACR TI-RADS: thyroid nodules on ultrasound",
    text:
      `Points: composition ${JSON.stringify(TIRADS_FEATURES.composition)}; echogenicity ${JSON.stringify(TIRADS_FEATURES.echogenicity)}; shape ${JSON.stringify(TIRADS_FEATURES.shape)}; margin ${JSON.stringify(TIRADS_FEATURES.margin)}; echogenic foci (add all present) ${JSON.stringify(TIRADS_FEATURES.echogenic_foci)}. `.replace(/"/g, "") +
      "Cystic and spongiform nodules take no further points. TR1 0-1 points benign; TR2 2 not suspicious; TR3 3 mildly suspicious (FNA >=2.5 cm, follow-up >=1.5 cm); TR4 4-6 moderately suspicious (FNA >=1.5 cm, follow-up >=1.0 cm); TR5 >=7 highly suspicious (FNA >=1.0 cm, follow-up >=0.5 cm).",
  },
  {
    id: "system:bi_rads",
    source: "radiology_system",
    title: "ACR BI-RADS assessment categories",
    text:
      "0 incomplete, needs additional imaging; 1 negative; 2 benign (simple cyst, intramammary node, fat-containing lesion, benign calcifications); 3 probably benign (<=2% malignancy: oval circumscribed mass, grouped punctate calcifications), 6-month follow-up; " +
      "4A low suspicion (2-10%), 4B moderate (10-50%: indistinct or microlobulated margins, amorphous or coarse heterogeneous calcifications), 4C high (50-95%: irregular mass, fine pleomorphic calcifications), biopsy; 5 highly suggestive (>=95%: irregular spiculated mass, fine linear branching calcifications), biopsy; 6 known biopsy-proven malignancy.",
  },
  {
    id: "system:li_rads",
    source: "radiology_system",
    title: "LI-RADS v2018 CT/MRI diagnostic table",
    text:
      "For patients at risk of HCC (cirrhosis, chronic hepatitis B). Major features: nonrim arterial phase hyperenhancement (APHE), size, nonperipheral washout, enhancing capsule, threshold growth (size increase of 50% or more in 6 months or less). " +
      "No APHE: <20 mm LR-3 (LR-4 with 2 or more features), >=20 mm LR-3 (LR-4 with 1 or more). Nonrim APHE: <10 mm LR-3 (LR-4 with 1 or more); 10-19 mm LR-3 with none, LR-4 with capsule only, LR-5 with washout or threshold growth or 2 or more features; >=20 mm LR-4 with none, LR-5 with 1 or more. Rim APHE: LR-M. Tumour in vein: LR-TIV.",
  },
  {
    id: "system:lung_rads",
    source: "radiology_system",
    title: "Lung-RADS v2022: lung cancer screening CT",
    text:
      "Mean diameter to one decimal place. Baseline solid: <6 mm category 2, 6 to <8 mm 3, 8 to <15 mm 4A, >=15 mm 4B. Part-solid baseline: total <6 mm 2; >=6 mm with solid component <6 mm 3; solid 6 to <8 mm 4A; solid >=8 mm 4B. Ground glass: <30 mm 2, >=30 mm 3. " +
      "Follow-up new solid: <4 mm 2, 4 to <6 mm 3, 6 to <8 mm 4A, >=8 mm 4B; growing solid (>1.5 mm in 12 months): <8 mm 4A, >=8 mm 4B. Management: 2 annual LDCT; 3 LDCT in 6 months; 4A LDCT in 3 months; 4B diagnostic CT, PET/CT and/or tissue sampling.",
  },
  {
    id: "system:cac",
    source: "radiology_system",
    title: "Agatston coronary artery calcium score",
    text:
      "Per calcified lesion of at least 1 mm2 and 130 HU: area (mm2) x density weight (130-199 HU 1, 200-299 HU 2, 300-399 HU 3, >=400 HU 4); the score is the sum over all lesions and arteries (LM, LAD, LCx, RCA). Categories: 0 none; 1-10 minimal; 11-100 mild; 101-400 moderate; >400 severe.",
  },
  {
    id: "system:dose",
    source: "radiology_system",
    title: "CT effective dose estimation (AAPM Report 96)",
    text: `Effective dose (mSv) = total DLP (mGy·cm, all series) x k. Adult k-factors: ${Object.entries(DOSE_K_FACTORS)
      .map(([r, k]) => `${r.replace(/_/g, "-")} ${k}`)
      .join(", ")}.`,
  },
];

let index: MemoryKnowledgeSource | undefined;

export function radiologyKnowledge(): MemoryKnowledgeSource {
  index ??= new MemoryKnowledgeSource([...imagingPatternDocuments(), ...SYSTEM_DOCUMENTS], { name: "radiology" });
  return index;
}

/** Findings (normalised text) that occur in exactly one condition profile on a given modality. */
export function uniqueFindings(conditions: readonly Condition[] = loadConditions()): Map<string, Set<string>> {
  const owners = new Map<string, Set<string>>();
  for (const c of conditions) for (const i of c.imaging) {
    const k = normText(i.finding);
    owners.set(k, (owners.get(k) ?? new Set()).add(c.id));
  }
  return owners;
}

// ------------------------------------------------------------------ templates and checklists

const ORGANS: [RegExp, string[]][] = [
  [/brain|head|skull|intracranial|cerebr/i, ["Brain parenchyma", "Ventricles and extra-axial spaces", "Vessels", "Skull and scalp", "Paranasal sinuses and mastoids"]],
  [/spine|spinal|vertebr/i, ["Alignment", "Vertebral bodies and discs", "Spinal canal and cord", "Paraspinal soft tissues"]],
  [/thyroid|neck/i, ["Thyroid gland (size, echotexture)", "Nodules (location, size, TI-RADS features)", "Cervical lymph nodes"]],
  [/breast/i, ["Breast composition", "Masses", "Calcifications", "Asymmetries and architectural distortion", "Axillae"]],
  [/coronar|heart|cardiac/i, ["Coronary arteries (LM, LAD, LCx, RCA)", "Cardiac chambers and pericardium", "Aorta", "Visualized lungs"]],
  [/chest|lung|thora|pleura|mediast/i, ["Lungs and airways", "Pleura", "Heart and pericardium", "Mediastinum and hila", "Chest wall and bones", "Upper abdomen"]],
  [/liver|hepat/i, ["Liver (morphology, observations with LI-RADS features)", "Portal and hepatic veins", "Spleen", "Ascites", "Other abdominal organs"]],
  [/abdom|pelvi|kidney|renal|bowel|append|gallbladder|pancrea/i, ["Liver", "Gallbladder and bile ducts", "Pancreas", "Spleen", "Adrenal glands", "Kidneys and ureters", "Bowel and appendix", "Peritoneum and mesentery", "Vessels and lymph nodes", "Bones"]],
  [/extremit|leg|arm|vein|arter|limb/i, ["Arteries", "Veins (compressibility, flow)", "Soft tissues", "Bones and joints"]],
];

export function reportTemplate(modality: string, region: string): string {
  const organs = ORGANS.find(([re]) => re.test(region))?.[1] ?? ["Organs in the field of view", "Soft tissues", "Bones"];
  return [
    `Template: ${modalityLabel(modality)} ${region}`,
    "EXAMINATION: modality, region, date",
    "CLINICAL HISTORY: indication as given by the referrer",
    `TECHNIQUE: ${modality === "ct" || modality === "cta" ? "protocol, contrast and phase, dose report (CTDIvol, DLP)" : modality === "mri" ? "sequences, contrast" : "views/technique"}`,
    "COMPARISON: prior studies with dates, or 'None.'",
    `FINDINGS: ${organs.join("; ")}`,
    "IMPRESSION: the primary diagnosis first, then classification category and recommendation; critical results and who they were communicated to.",
  ].join("\n");
}

export const CHECKLIST_TOPICS = ["general", "critical_results", "fleischner", "ti_rads", "bi_rads", "li_rads", "lung_rads", "cac", "dose"] as const;
export type ChecklistTopic = (typeof CHECKLIST_TOPICS)[number];

export const CHECKLISTS: Record<ChecklistTopic, string> = {
  general: "Report checklist: indication answered; technique and contrast stated; comparison named; every organ in the template reviewed; measurements with units and image numbers; impression leads with the diagnosis; recommendations specific; critical results communicated and documented.",
  critical_results:
    "Critical results (e.g. aortic dissection, pulmonary embolism, tension pneumothorax, intracranial haemorrhage, free intraperitoneal air, ruptured aneurysm, acute stroke, torsion, ectopic pregnancy): call the responsible clinician directly (generate_critical_finding_alert, urgency immediate) before finalising; document name and time.",
  fleischner:
    "Fleischner features for apply_classification_system: nodule_type (solid | part_solid | ground_glass), count (single | multiple), size_mm (average of long and short axis), risk (low | high; solid nodules), solid_component_mm (part-solid). Exclusions: age < 35, known cancer, immunosuppression, screening CT.",
  ti_rads:
    "TI-RADS features: composition (cystic | spongiform | mixed_cystic_solid | solid), echogenicity (anechoic | hyperechoic | isoechoic | hypoechoic | very_hypoechoic), shape (wider_than_tall | taller_than_wide), margin (smooth | ill_defined | lobulated | irregular | extrathyroidal_extension), echogenic_foci (list of none | comet_tail | macrocalcifications | peripheral_rim | punctate), size_cm (maximum dimension).",
  bi_rads:
    "BI-RADS features: finding (none | benign | mass | calcifications | asymmetry_incomplete | known_cancer); for a mass mass_shape (oval | round | irregular) and mass_margin (circumscribed | obscured | microlobulated | indistinct | spiculated); for calcifications calc_morphology (punctate | amorphous | coarse_heterogeneous | fine_pleomorphic | fine_linear_branching).",
  li_rads:
    "LI-RADS features: size_mm, aphe (none | nonrim | rim), washout (true/false), capsule (true/false), threshold_growth (true/false: >= 50% size increase in <= 6 months, from compare_with_prior_study), tumor_in_vein (true/false). Only for patients at risk of HCC.",
  lung_rads:
    "Lung-RADS features: exam (baseline | follow_up), nodule_type (solid | part_solid | ground_glass), size_mm (mean diameter, one decimal), solid_component_mm (part-solid), change (new | growing | stable; follow-up only, from the prior).",
  cac: "Calcium score: list every calcified lesion (artery, area mm2, peak HU) and run calculate_coronary_calcium_score; then apply_classification_system with system cac and agatston_score.",
  dose: "Dose: total DLP of all series (get_radiation_dose); effective dose = DLP x k for the scanned region (calculate_effective_dose).",
};
