/**
 * The spellings of a group: the texts of a group column that name one group — `"North"` and
 * `"North "` always, `"north"` and `"NORTH"` too when case is folded — merged, and reported.
 *
 * @module
 */

/**
 * One spelling of a group's value, as written in the data, and the rows that wrote it so.
 *
 * @category Analysis
 */
export interface GroupSpelling {
  /** The text as written, spaces and case included. */
  readonly text: string;
  /** The rows with this spelling (responses, missing answers and skipped rows). */
  readonly rows: number;
}

/** A spelling being counted. */
interface Counted {
  text: string;
  rows: number;
}

/** Where a text goes: its group's label, and its spelling's count. */
interface Seen {
  readonly label: string;
  readonly spelling: Counted;
}

/**
 * The groups of a column's values: a text is trimmed, and with `foldCase` compared ignoring
 * case; the group is labelled by its first spelling seen (trimmed). Any other value is its own
 * group. Each text is looked up once per row.
 *
 * @internal
 */
export class GroupSpellings {
  readonly #foldCase: boolean;
  /** Every text seen, as written. */
  readonly #seen = new Map<string, Seen>();
  /** Each group's label, by its folded form. */
  readonly #labels = new Map<string, string>();
  /** Each group's spellings, in the order first seen. */
  readonly #spellings = new Map<string, Counted[]>();

  constructor(foldCase: boolean) {
    this.#foldCase = foldCase;
  }

  /** The group of a value, counting `rows` rows for its spelling. */
  groupOf(value: unknown, rows = 1): unknown {
    if (typeof value !== "string") return value;
    let seen = this.#seen.get(value);
    if (seen === undefined) {
      const trimmed = value.trim();
      const folded = this.#foldCase ? trimmed.toLowerCase() : trimmed;
      let label = this.#labels.get(folded);
      if (label === undefined) {
        label = trimmed;
        this.#labels.set(folded, label);
        this.#spellings.set(label, []);
      }
      const spelling = { text: value, rows: 0 };
      (this.#spellings.get(label) as Counted[]).push(spelling);
      seen = { label, spelling };
      this.#seen.set(value, seen);
    }
    seen.spelling.rows += rows;
    return seen.label;
  }

  /** The spellings merged into a group, when there was more than one. */
  spellingsOf(group: unknown): readonly GroupSpelling[] | undefined {
    if (typeof group !== "string") return undefined;
    const spellings = this.#spellings.get(group);
    return spellings !== undefined && spellings.length > 1
      ? spellings.map(({ text, rows }) => ({ text, rows }))
      : undefined;
  }
}
