import { conditionsByDomain, getCondition } from "../../src/clinical/conditions/index.js";
import type { Task } from "../../src/env/index.js";
import { createRng, deriveSeed } from "../../src/util/rng.js";
import type { EdState } from "./data-model.js";
import { generateEdPatient } from "./generator.js";

/** Patient id of a case: stable, derived from the case seed. */
export function edPatientId(seed: number, salt = 0): string {
  return `ED-${String(1000 + (deriveSeed(seed, "id", salt) % 9000)).padStart(4, "0")}`;
}

/**
 * A fresh department for one episode: the task's patient plus two other patients already on the
 * board (so ids matter), and the bed situation. Pure function of the task.
 */
export function createEdState(task: Task): EdState {
  const seed = task.caseSeed ?? 0;
  const condition = getCondition(String(task.meta?.condition));
  const main = generateEdPatient(condition, seed, task.caseId ?? edPatientId(seed));
  const rng = createRng(deriveSeed(seed, "department"));
  const pool = conditionsByDomain("triage_emergency");
  const patients: EdState["patients"] = {};
  const board: string[] = [];
  for (let k = 1; k <= 2; k++) {
    const other = pool[rng.int(0, pool.length - 1)];
    let id = edPatientId(seed, k);
    if (id === main.id || patients[id]) id = `ED-${String(k)}${main.id.slice(4)}`;
    const p = generateEdPatient(other, deriveSeed(seed, "other", k), id);
    patients[p.id] = p;
    board.push(p.id);
  }
  patients[main.id] = main;
  board.push(main.id);
  const total = { resuscitation: 4, acute: 18, fast_track: 8, waiting_room: 40 };
  return {
    patients,
    board,
    beds: {
      // At least one resuscitation bay is always kept clear for a new arrival.
      resuscitation: { total: total.resuscitation, occupied: rng.int(0, 3) },
      acute: { total: total.acute, occupied: rng.int(12, 17) },
      fast_track: { total: total.fast_track, occupied: rng.int(2, 7) },
      waiting_room: { total: total.waiting_room, occupied: rng.int(3, 25) },
    },
    waitingCount: rng.int(3, 25),
    boarding: rng.int(0, 9),
    orders: [],
    activations: [],
    placements: [],
  };
}
