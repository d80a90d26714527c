/**
 * The groups of the report's pass, numbered in the order first seen: a row's group (its text,
 * its period's number, or null for none) to a small number, which indexes each question's
 * tallies. Groups are few — regions, plans, quarters — and a row's group text is a new string
 * every row, whose hash a Map would compute every time: the first few groups are found by
 * comparing with each (a Map lookup was a tenth of the report's time on 10 M rows), the rest
 * by a Map.
 *
 * @module
 */

/** A group as the pass keys it: its text as written, a period's number, or null (no group). */
export type GroupKey = string | number | null;

/** The groups found by comparison before the Map is asked. */
const COMPARED = 8;

/** Group keys to numbers 0, 1, 2, … in the order first seen. */
export class GroupNumbers {
  readonly #keys: GroupKey[] = [];
  readonly #numbers = new Map<GroupKey, number>();

  /** The groups, by number. */
  get keys(): readonly GroupKey[] {
    return this.#keys;
  }

  /** The number of a group, a new one if it was not seen before. */
  numberOf(key: GroupKey): number {
    const keys = this.#keys;
    const compared = keys.length < COMPARED ? keys.length : COMPARED;
    for (let i = 0; i < compared; i++) if (keys[i] === key) return i;
    if (keys.length > COMPARED) {
      const found = this.#numbers.get(key);
      if (found !== undefined) return found;
    }
    keys.push(key);
    this.#numbers.set(key, keys.length - 1);
    return keys.length - 1;
  }
}
