/**
 * Heart-rate corrected QT interval: Bazett, Fridericia, Framingham (Sagie 1992), Hodges and
 * Rautaharju. All take QT in ms and heart rate in beats/min; RR = 60 / HR seconds.
 */

import { z } from "zod";
import { defineCalculator, fmt, zPos } from "./types.js";
import type { EntityBag } from "./entities.js";

const qtInputs = z.object({ qtMs: zPos("measured QT interval, ms"), heartRateBpm: zPos("heart rate, beats/min") });

const fromEntities = (e: EntityBag) => ({ qtMs: e.number("QT interval", "QT"), heartRateBpm: e.number("Heart Rate or Pulse", "Heart rate") });

function qtc(id: number, name: string, slug: string, formula: string, f: (qt: number, hr: number, rr: number) => number) {
  return defineCalculator({
    id,
    name,
    slug,
    category: "physical",
    outputType: "decimal",
    inputs: qtInputs,
    compute({ qtMs, heartRateBpm }) {
      const rr = 60 / heartRateBpm;
      const v = f(qtMs, heartRateBpm, rr);
      return { value: v, unit: "ms", explanation: `RR = 60 / ${fmt(heartRateBpm)} = ${fmt(rr)} s. ${formula} with QT ${fmt(qtMs)} ms gives QTc = ${fmt(v)} ms.` };
    },
    fromMedcalc: fromEntities,
  });
}

export const qtcBazett = qtc(11, "QTc Bazett Calculator", "qtc_bazett", "QTc = QT / sqrt(RR)", (qt, _hr, rr) => qt / Math.sqrt(rr));
export const qtcFridericia = qtc(56, "QTc Fridericia Calculator", "qtc_fridericia", "QTc = QT / RR^(1/3)", (qt, _hr, rr) => qt / Math.cbrt(rr));
export const qtcFramingham = qtc(57, "QTc Framingham Calculator", "qtc_framingham", "QTc = QT + 154 x (1 - RR)", (qt, _hr, rr) => qt + 154 * (1 - rr));
export const qtcHodges = qtc(58, "QTc Hodges Calculator", "qtc_hodges", "QTc = QT + 1.75 x (HR - 60)", (qt, hr) => qt + 1.75 * (hr - 60));
export const qtcRautaharju = qtc(59, "QTc Rautaharju Calculator", "qtc_rautaharju", "QTc = QT x (120 + HR) / 180", (qt, hr) => (qt * (120 + hr)) / 180);
