/**
 * How findings read in the chart: which body system an exam finding belongs to, the normal
 * examination text of a system with nothing abnormal, and imaging reports (normal studies read as
 * a radiologist would write them; abnormal ones list the findings without a contradicting normal
 * template).
 */
import type { ExamSystem } from "./data-model.js";
import { norm } from "./knowledge.js";

/** Ordered rules: the first match decides, so specific phrases come before broad words. */
const SYSTEM_RULES: [RegExp, ExamSystem][] = [
  [/board.like|abdominal rigidity|lying still with shallow breathing|loss of liver dullness|hepatic bruit|suprapubic dullness/, "abdominal"],
  [/reduced perianal sensation|anal tone|cogwheel rigidity|afferent pupillary/, "neurological"],
  [/striae|xanthelasma/, "skin"],
  [/spinal|dialysis fistula|pedal pulses|distal pulses|femoral pulses|calf|unilateral leg swelling|leg edema|edema of (both|the) legs|edema of the symptomatic leg|pitting edema|deep venous system|collateral veins/, "extremities"],
  [/nuchal rigidity|neck stiffness|meningismus|goit|thyroid|neck mass|cervical lymph|supraclavicular|neck circumference|pemberton|subcutaneous emphysema in the neck|posterior cervical/, "neck"],
  [/glasgow|conscious|confus|disorient|obtund|drowsy|rousable|unresponsive|mental|mentation|aphasia|hemipar|paresis|weakness|reflex|sensory|sensation|gait|romberg|tremor|bradykinesia|ptosis|palsy|nerve|pupil|papilledema|hemianopia|neglect|asterixis|kernig|brudzinski|jerking|agitat|horner|ophthalmoplegia|bell phenomenon|hypomimia|myopathy|fatigable|vibration|proprioception|trigger zone|neck flexion|flaccid|spastic|plantar|focal deficit|neurologic|gaze|eye deviation|chvostek|trousseau|dark quiet room|blind spot|facial weakness|facial nerve|\bgag\b/, "neurological"],
  [/breath sounds|lung|crackle|wheez|rales|respirat|tachypnea|breathing|fremitus|chest expansion|barrel chest|accessory muscle|pursed.lip|silent chest|stridor|cyanosis|desaturation|hypoxemia|kussmaul|expiratory|bronchial|hamman|percussion|hyperresonan/, "respiratory"],
  [/heart|cardiac|cardiopulmonary|murmur|gallop|\bs3\b|\bs4\b|\bp2\b|\ba2\b|friction rub|pulse|pulsus|jugular|neck veins|hepatojugular|cannon|bruit|capillary refill|apical impulse|ventricular heave|blood pressure|hypotension|hypertension|bradycardia|tachycardia|pain worse supine/, "cardiovascular"],
  [/testi|scrot|epididym|cremaster|prostate|bladder|suprapubic|costovertebral|prehn|genital|tampon|post.void|oliguria/, "genitourinary"],
  [/abdom|mcburney|murphy|rovsing|psoas|quadrant|epigastri|guarding|rebound|periton|bowel sounds|ascites|hepato|spleno|liver|gallbladder|rectal|melena|umbilic|flank|tympanic|distension|scars|perianal|fistula|writhing|out of proportion|mass/, "abdominal"],
  [/eye|exophthalm|lid lag|scler|conjunctiv|retin|roth spot|fundus|oral|mouth|mucous membrane|mucos|buccal|tongue|gloss|cheilitis|pharyn|tonsil|palat|dentition|oropharynx|mallampati|gingiv|acetone breath|fetor|uveitis|ear canal|tearing|periorbital|eyelid|retrognathia|candidiasis|aphthous|facial plethora|moon face|hemorrhage.*retina|subhyaloid/, "heent"],
  [/extremit|leg|limb|foot|feet|toe|knee|joint|swelling|swollen|clubbing|koilonychia|nail|splinter|osler|janeway|track marks|injection site|spinal|spine|dialysis fistula|surgical wound|catheter site|probe.to.bone|ulcer over|myxedema|sausage|crepitus|interdigital|edema/, "extremities"],
  [/skin|rash|erythema|purpura|petechia|ecchymos|jaundice|icter|pallor|pigment|vitiligo|acanthosis|angiomat|bullae|necrosis|dermatitis|erythroderma|desquamation|lymphangitic|urticar|flushed|mottled|diaphore|hirsutism|turgor|lesion|vesic|plaque|papule|macul|wheal|scal/, "skin"],
];

export function examSystem(finding: string): ExamSystem {
  const f = finding.toLowerCase();
  for (const [re, sys] of SYSTEM_RULES) if (re.test(f)) return sys;
  return "general";
}

/** What a system's examination reads when nothing abnormal is found (worded to contradict no finding elsewhere). */
export const NORMAL_EXAM: Record<ExamSystem, string> = {
  general: "comfortable at rest, well perfused, speaking in full sentences",
  heent: "pupils equal and reactive to light; sclerae anicteric; mucous membranes moist; oropharynx clear",
  neck: "supple; no lymphadenopathy; thyroid not enlarged",
  cardiovascular: "S1 and S2 normal; no murmurs, rubs or gallops; peripheral pulses palpable",
  respiratory: "chest clear to auscultation bilaterally; no wheeze or crackles; percussion resonant",
  abdominal: "soft, non-tender, non-distended; bowel sounds present; no organomegaly or masses",
  genitourinary: "no costovertebral angle or suprapubic tenderness; external genitalia not examined",
  extremities: "no edema; calves soft and non-tender; joints without effusion; distal pulses present",
  skin: "warm; no rash or lesions",
  neurological: "cranial nerves intact; power 5/5 and sensation normal in all limbs; reflexes symmetric",
};

export const MODALITY_LABEL: Record<string, string> = {
  xray: "Radiograph",
  ct: "CT",
  cta: "CT angiography",
  mri: "MRI",
  ultrasound: "Ultrasound",
  echo: "Transthoracic echocardiogram",
  angiography: "Catheter angiography",
  nuclear: "Nuclear medicine scan",
  endoscopy: "Endoscopy",
  eeg: "EEG",
  fluoroscopy: "Fluoroscopic contrast study",
  clinical_photo: "Clinical photograph",
  dermoscopy: "Dermoscopy",
  fundoscopy: "Dilated fundoscopy",
  ctg: "Cardiotocography",
};

/** A normal report for a study, specific where the modality and region make it so. */
export function normalReport(modality: string, region: string): string {
  const r = norm(region);
  const has = (w: string) => r.includes(w);
  switch (modality) {
    case "xray":
      if (has("chest") || has("lung")) return "Lungs clear; no consolidation, effusion or pneumothorax; cardiomediastinal silhouette within normal limits.";
      if (has("abdomen")) return "Non-obstructive bowel gas pattern; no free subdiaphragmatic air; no abnormal calcification.";
      return `No fracture, dislocation or focal bony abnormality of the ${region}.`;
    case "ct":
      if (has("head") || has("brain")) return "No acute intracranial haemorrhage, mass effect or established territorial infarct; ventricles normal size.";
      if (has("chest") || has("lung")) return "No consolidation, mass, effusion or lymphadenopathy; airways patent.";
      if (has("abdomen") || has("pelvis")) return "Liver, gallbladder, pancreas, spleen, kidneys and adrenals unremarkable; bowel of normal calibre; appendix normal; no free fluid or free gas.";
      return `No acute abnormality of the ${region}.`;
    case "cta":
      if (has("chest")) return "Pulmonary arteries opacify normally without filling defect; thoracic aorta of normal calibre without dissection flap.";
      if (has("abdomen")) return "Abdominal aorta and visceral arteries patent, normal calibre; no occlusion, aneurysm or dissection.";
      if (has("coronar")) return "No significant coronary artery stenosis; no high-risk plaque.";
      return `Arteries of the ${region} patent without stenosis, occlusion or aneurysm.`;
    case "mri":
      if (has("brain") || has("head")) return "No restricted diffusion, mass, haemorrhage or abnormal enhancement; normal brain parenchyma for age.";
      if (has("spine")) return "Normal alignment and cord signal; no disc herniation, cord compression or epidural collection.";
      return `No abnormal signal or enhancement in the ${region}.`;
    case "ultrasound":
      if (has("right upper quadrant") || has("biliary")) return "Gallbladder thin-walled without calculi; no pericholecystic fluid; common bile duct not dilated; liver echotexture normal.";
      if (has("kidney")) return "Kidneys normal size and corticomedullary differentiation; no hydronephrosis or calculi.";
      if (has("vein")) return "Deep veins fully compressible with normal flow and augmentation; no thrombus.";
      if (has("scrot") || has("testi")) return "Testes normal size and echotexture with symmetric arterial and venous flow; epididymides normal.";
      return `No sonographic abnormality of the ${region}.`;
    case "echo":
      return "Normal left ventricular size and systolic function (EF 60%); normal right ventricle; no significant valvular disease; no pericardial effusion.";
    case "endoscopy":
      return `Normal mucosa of the ${region}; no ulcer, varices, mass or bleeding source.`;
    case "angiography":
      return `No flow-limiting stenosis or occlusion in the ${region}.`;
    case "nuclear":
      return `Normal tracer distribution in the ${region}; no focal abnormality.`;
    case "eeg":
      return "Normal posterior dominant rhythm; no epileptiform discharges or focal slowing.";
    case "fluoroscopy":
      return `Normal contrast transit through the ${region}; no leak, stricture or obstruction.`;
    case "fundoscopy":
      return "Optic discs sharp; normal vessels; no haemorrhages, exudates or papilloedema.";
    case "ctg":
      return "Baseline fetal heart rate 135 bpm, normal variability, accelerations present, no decelerations; no contractions.";
    default:
      return `No abnormality detected in the ${region}.`;
  }
}
