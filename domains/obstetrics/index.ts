import { readFileSync } from "node:fs";
import { defineDomain, type Domain } from "../../src/env/index.js";
import type { ObState } from "./data-model.js";
import { obstetricsExpert } from "./expert.js";
import { createObState } from "./state.js";
import { generateTasks } from "./tasks.js";
import { OB_TOOLS } from "./tools.js";

/**
 * obstetrics: an obstetric triage and labour unit. Patients generated from the obstetric and
 * gynaecological condition profiles carry dating, prenatal labs, fetal heart tracings, biophysical
 * profiles, cervical findings and Rh(D) status consistent with their condition; the agent
 * diagnoses, dates the pregnancy, manages by ACOG protocols, gives anti-D and plans inductions.
 */
export const obstetrics: Domain<ObState> = defineDomain<ObState>({
  name: "obstetrics",
  title: "Obstetrics and gynaecology (triage, labour and delivery)",
  description: "Diagnose obstetric and gynaecological emergencies, date pregnancies, manage hypertensive disorders, preterm labour, PPROM, haemorrhage and ectopic pregnancy, give Rh(D) immune globulin, plan inductions and choose drugs that are safe in pregnancy.",
  policy: readFileSync(new URL("./policy.md", import.meta.url), "utf8"),
  tools: OB_TOOLS,
  tasks: () => generateTasks(),
  createState: createObState,
  expert: obstetricsExpert,
});

export type { ObState } from "./data-model.js";
export { antiDDose, biophysicalProfile, bishopScore, ctgCategory, rhigVials } from "./scores.js";
