/**
 * Interaction checking: an authored pair from interactions.yaml wins; otherwise class-level rules
 * are derived from the two monographs (additive QT, serotonergic load, CYP inhibition/induction,
 * additive bleeding, nephrotoxicity, CNS depression, hyperkalaemia). Everything here is a pure
 * function of its arguments; `checkInteraction` in index.ts feeds it the loaded tables.
 *
 * Results are symmetric by construction: the pair is put in id order before any text is written,
 * so (a, b) and (b, a) give identical objects.
 */
import type { CypEnzyme, Drug, Interaction, InteractionKind, Severity } from "./schema.js";

export interface InteractionResult {
  /** The two drug ids in lexicographic order. */
  a: string;
  b: string;
  severity: Severity;
  kind: InteractionKind;
  mechanism: string;
  effect: string;
  management: string;
  source: "explicit" | "derived";
  /** Which class-level rules fired (empty for authored entries). */
  rules: string[];
}

export const SEVERITY_RANK: Record<Severity, number> = { contraindicated: 4, major: 3, moderate: 2, minor: 1 };

/** Weights for a single number summarising a medication list (contraindicated dominates). */
export const SEVERITY_WEIGHT: Record<Severity, number> = { contraindicated: 10, major: 5, moderate: 2, minor: 1 };

export function maxSeverity(a: Severity, b: Severity): Severity {
  return SEVERITY_RANK[a] >= SEVERITY_RANK[b] ? a : b;
}

export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

interface Finding {
  rule: string;
  severity: Severity;
  pk: boolean;
  mechanism: string;
  effect: string;
  management: string;
}

const BLEED_RANK = { none: 0, low: 1, moderate: 2, high: 3 } as const;

function cypFindings(perp: Drug, victim: Drug): Finding[] {
  const out: Finding[] = [];
  for (const sub of victim.cyp450.substrateOf) {
    const inh = perp.cyp450.inhibits.find((i) => i.enzyme === sub.enzyme);
    if (inh) {
      const sev = inhibitionSeverity(inh.strength, !!sub.sensitive, !!sub.prodrug);
      if (sev) out.push(sub.prodrug ? prodrugInhibition(perp, victim, sub.enzyme, inh.strength, sev) : inhibition(perp, victim, sub.enzyme, inh.strength, !!sub.sensitive, sev));
    }
    const ind = perp.cyp450.induces.find((i) => i.enzyme === sub.enzyme);
    // Induction of a prodrug's activating enzyme raises active metabolite only modestly; not flagged.
    if (ind && !sub.prodrug) {
      const sev = inductionSeverity(ind.strength, !!sub.sensitive);
      if (sev) out.push(induction(perp, victim, sub.enzyme, ind.strength, !!sub.sensitive, sev));
    }
  }
  return out;
}

function inhibitionSeverity(strength: string, sensitive: boolean, prodrug: boolean): Severity | null {
  if (prodrug) return strength === "strong" ? "major" : strength === "moderate" ? "moderate" : null;
  if (sensitive) return strength === "strong" ? "major" : strength === "moderate" ? "moderate" : "minor";
  return strength === "strong" ? "moderate" : strength === "moderate" ? "minor" : null;
}

function inductionSeverity(strength: string, sensitive: boolean): Severity | null {
  if (sensitive) return strength === "strong" ? "major" : strength === "moderate" ? "moderate" : "minor";
  return strength === "strong" ? "moderate" : strength === "moderate" ? "minor" : null;
}

function inhibition(perp: Drug, victim: Drug, enzyme: CypEnzyme, strength: string, sensitive: boolean, severity: Severity): Finding {
  return {
    rule: `cyp${enzyme.toLowerCase()}_inhibition`,
    severity,
    pk: true,
    mechanism: `${perp.name} is a ${strength} CYP${enzyme} inhibitor and ${victim.name} is ${sensitive ? "a sensitive" : "a"} CYP${enzyme} substrate.`,
    effect: `Higher ${victim.name} exposure and dose-related toxicity.`,
    management:
      severity === "major"
        ? `Avoid the combination or choose a ${victim.name} alternative not cleared by CYP${enzyme}; if unavoidable, reduce the ${victim.name} dose and monitor closely.`
        : `Monitor for ${victim.name} adverse effects and reduce its dose if they appear.`,
  };
}

function prodrugInhibition(perp: Drug, victim: Drug, enzyme: CypEnzyme, strength: string, severity: Severity): Finding {
  return {
    rule: `cyp${enzyme.toLowerCase()}_prodrug_inhibition`,
    severity,
    pk: true,
    mechanism: `${victim.name} is a prodrug activated by CYP${enzyme}, which ${perp.name} inhibits (${strength}).`,
    effect: `Less active ${victim.name} metabolite and reduced therapeutic effect.`,
    management: `Prefer an alternative to ${perp.name} that does not inhibit CYP${enzyme}, or a ${victim.name} alternative that needs no CYP${enzyme} activation.`,
  };
}

function induction(perp: Drug, victim: Drug, enzyme: CypEnzyme, strength: string, sensitive: boolean, severity: Severity): Finding {
  return {
    rule: `cyp${enzyme.toLowerCase()}_induction`,
    severity,
    pk: true,
    mechanism: `${perp.name} is a ${strength} CYP${enzyme} inducer and ${victim.name} is ${sensitive ? "a sensitive" : "a"} CYP${enzyme} substrate.`,
    effect: `Lower ${victim.name} exposure and possible loss of efficacy; levels rebound when the inducer stops (induction takes 1-2 weeks to wax and wane).`,
    management:
      severity === "major"
        ? `Avoid the combination or use a ${victim.name} alternative not cleared by CYP${enzyme}; if unavoidable, raise the dose under level or response monitoring.`
        : `Monitor ${victim.name} response (or level) and adjust the dose when the inducer starts or stops.`,
  };
}

/**
 * Class-level interaction between two monographs, or null when no rule applies. The pair is
 * ordered by id first so the text does not depend on argument order.
 */
export function deriveInteraction(x: Drug, y: Drug): InteractionResult | null {
  if (x.id === y.id) return null;
  const [a, b] = x.id < y.id ? [x, y] : [y, x];
  const findings: Finding[] = [];

  if (a.qtProlonging && b.qtProlonging) {
    findings.push({
      rule: "qt_prolongation",
      severity: "major",
      pk: false,
      mechanism: `${a.name} and ${b.name} both prolong the QT interval.`,
      effect: "Additive QTc prolongation with risk of torsades de pointes, higher with hypokalaemia, hypomagnesaemia, bradycardia, female sex or a baseline QTc above 500 ms.",
      management: "Avoid the pair when an alternative exists; otherwise take a baseline ECG, correct potassium and magnesium, and repeat the ECG after starting.",
    });
  }

  if (a.serotonergic && b.serotonergic) {
    const maoi = a.maoInhibitor || b.maoInhibitor;
    findings.push({
      rule: maoi ? "serotonin_syndrome_maoi" : "serotonin_syndrome",
      severity: maoi ? "contraindicated" : "moderate",
      pk: false,
      mechanism: maoi
        ? `${(a.maoInhibitor ? a : b).name} inhibits monoamine oxidase while ${(a.maoInhibitor ? b : a).name} raises synaptic serotonin.`
        : `${a.name} and ${b.name} both increase serotonergic activity.`,
      effect: maoi
        ? "High risk of severe serotonin syndrome (hyperthermia, clonus, rigidity, autonomic instability); fatalities reported."
        : "Additive serotonergic effect; serotonin syndrome is possible, especially at high doses or with a third agent.",
      management: maoi
        ? "Do not combine. Observe washout intervals (at least 14 days after an MAOI; 5 weeks after fluoxetine before an MAOI)."
        : "Use the lowest effective doses, counsel on symptoms (agitation, tremor, diarrhoea, clonus), and stop both if serotonin toxicity appears.",
    });
  }

  findings.push(...cypFindings(a, b), ...cypFindings(b, a));

  const bleed = BLEED_RANK[a.bleedingRisk] && BLEED_RANK[b.bleedingRisk] ? BLEED_RANK[a.bleedingRisk] + BLEED_RANK[b.bleedingRisk] : 0;
  if (bleed > 0) {
    const severity: Severity = bleed >= 5 ? "major" : bleed >= 3 ? "moderate" : "minor";
    findings.push({
      rule: "additive_bleeding",
      severity,
      pk: false,
      mechanism: `${a.name} and ${b.name} both impair haemostasis (anticoagulant, antiplatelet or mucosal effects).`,
      effect: "Additive bleeding risk, notably gastrointestinal and intracranial.",
      management:
        severity === "major"
          ? "Combine only with a clear indication and a defined duration; use gastroprotection and watch for bleeding and falling haemoglobin."
          : "Check the indication for both; consider gastroprotection and counsel on bleeding signs.",
    });
  }

  if (a.nephrotoxic && b.nephrotoxic) {
    findings.push({
      rule: "additive_nephrotoxicity",
      severity: "moderate",
      pk: false,
      mechanism: `${a.name} and ${b.name} are both nephrotoxic.`,
      effect: "Higher risk of acute kidney injury, and of accumulation of any renally cleared drug in the regimen.",
      management: "Avoid the pair if possible; otherwise ensure euvolaemia, check creatinine at least every 2-3 days, and dose by measured levels where available.",
    });
  }

  if (a.cnsDepressant && b.cnsDepressant) {
    findings.push({
      rule: "cns_depression",
      severity: "moderate",
      pk: false,
      mechanism: `${a.name} and ${b.name} are both CNS depressants.`,
      effect: "Additive sedation, psychomotor impairment and respiratory depression, worse in the elderly and with alcohol.",
      management: "Use the lowest doses, avoid in patients with respiratory compromise, and counsel against driving and alcohol.",
    });
  }

  if (a.raisesPotassium && b.raisesPotassium) {
    findings.push({
      rule: "hyperkalemia",
      severity: "moderate",
      pk: false,
      mechanism: `${a.name} and ${b.name} both raise serum potassium.`,
      effect: "Hyperkalaemia, particularly with CKD, diabetes, volume depletion or advanced age.",
      management: "Check potassium and creatinine within 1 week of starting and after dose changes; avoid potassium supplements unless hypokalaemic.",
    });
  }

  if (findings.length === 0) return null;
  findings.sort((p, q) => SEVERITY_RANK[q.severity] - SEVERITY_RANK[p.severity] || p.rule.localeCompare(q.rule));
  const pk = findings.some((f) => f.pk);
  const pd = findings.some((f) => !f.pk);
  return {
    a: a.id,
    b: b.id,
    severity: findings.map((f) => f.severity).reduce(maxSeverity),
    kind: pk && pd ? "mixed" : pk ? "pharmacokinetic" : "pharmacodynamic",
    mechanism: findings.map((f) => f.mechanism).join(" "),
    effect: unique(findings.map((f) => f.effect)).join(" "),
    management: unique(findings.map((f) => f.management)).join(" "),
    source: "derived",
    rules: unique(findings.map((f) => f.rule)),
  };
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

/** An authored entry as a result, with the pair in id order. */
export function explicitResult(entry: Interaction): InteractionResult {
  const [a, b] = entry.a < entry.b ? [entry.a, entry.b] : [entry.b, entry.a];
  return {
    a,
    b,
    severity: entry.severity,
    kind: entry.kind,
    mechanism: entry.mechanism,
    effect: entry.effect,
    management: entry.management,
    source: "explicit",
    rules: [],
  };
}

/** Sum of severity weights: one number to rank medication lists by interaction burden. */
export function interactionSeverityScore(results: readonly Pick<InteractionResult, "severity">[]): number {
  return results.reduce((s, r) => s + SEVERITY_WEIGHT[r.severity], 0);
}
