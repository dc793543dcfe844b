import type { Avpu } from "./data-model.js";

/**
 * National Early Warning Score 2 (Royal College of Physicians, 2017), SpO2 scale 1.
 * Each parameter scores 0-3; the aggregate and the presence of any single 3 give the clinical risk:
 *   0-4 low (any single parameter scoring 3: low-medium), 5-6 medium, >= 7 high.
 * Example: RR 22 (2), SpO2 95 (1), air (0), SBP 105 (1), HR 105 (1), alert (0), 38.4 °C (1) -> 6, medium.
 */
export interface News2Input {
  respiratoryRate: number;
  spo2: number;
  onOxygen: boolean;
  systolicBp: number;
  heartRate: number;
  consciousness: Avpu;
  temperatureC: number;
}

export type News2Band = "low" | "low-medium" | "medium" | "high";

export interface News2Result {
  score: number;
  band: News2Band;
  parts: Record<keyof News2Input, number>;
}

export function news2(v: News2Input): News2Result {
  const rr = v.respiratoryRate <= 8 ? 3 : v.respiratoryRate <= 11 ? 1 : v.respiratoryRate <= 20 ? 0 : v.respiratoryRate <= 24 ? 2 : 3;
  const spo2 = v.spo2 <= 91 ? 3 : v.spo2 <= 93 ? 2 : v.spo2 <= 95 ? 1 : 0;
  const air = v.onOxygen ? 2 : 0;
  const sbp = v.systolicBp <= 90 ? 3 : v.systolicBp <= 100 ? 2 : v.systolicBp <= 110 ? 1 : v.systolicBp <= 219 ? 0 : 3;
  const hr = v.heartRate <= 40 ? 3 : v.heartRate <= 50 ? 1 : v.heartRate <= 90 ? 0 : v.heartRate <= 110 ? 1 : v.heartRate <= 130 ? 2 : 3;
  const cons = v.consciousness === "alert" ? 0 : 3;
  const t = v.temperatureC;
  const temp = t <= 35.0 ? 3 : t <= 36.0 ? 1 : t <= 38.0 ? 0 : t <= 39.0 ? 1 : 2;
  const parts = { respiratoryRate: rr, spo2, onOxygen: air, systolicBp: sbp, heartRate: hr, consciousness: cons, temperatureC: temp };
  const score = rr + spo2 + air + sbp + hr + cons + temp;
  const anyThree = Object.values(parts).some((p) => p === 3);
  const band: News2Band = score >= 7 ? "high" : score >= 5 ? "medium" : anyThree ? "low-medium" : "low";
  return { score, band, parts };
}

/** The response each band calls for (RCP NEWS2 chart 4). */
export const RESPONSE: Record<News2Band, { escalation: "none" | "ward_review" | "urgent_response" | "emergency_response"; text: string }> = {
  low: { escalation: "none", text: "continue routine monitoring (minimum 12-hourly; 4-6-hourly if score 1-4)" },
  "low-medium": { escalation: "ward_review", text: "urgent ward-based review by a clinician; monitoring at least hourly" },
  medium: { escalation: "urgent_response", text: "urgent review by a clinician competent in acute illness; monitoring at least hourly" },
  high: { escalation: "emergency_response", text: "emergency assessment by a critical-care team; continuous monitoring" },
};
