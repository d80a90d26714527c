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

/** Where a text goes: its group's key, and its spelling's count. */
interface Seen {
  readonly key: string;
  readonly spelling: Counted;
}

/**
 * The groups of a column's values: a text is trimmed, and with `foldCase` compared ignoring
 * case; the group is labelled by its most frequent spelling (trimmed; the first seen of those
 * as frequent). Any other value is its own group. Each text is looked up once per row.
 *
 * @internal
 */
export class GroupSpellings {
  readonly #foldCase: boolean;
  /** Every text seen, as written. */
  readonly #seen = new Map<string, Seen>();
  /** Each group's spellings, by its key (the trimmed, perhaps folded, text), in the order first seen. */
  readonly #spellings = new Map<string, Counted[]>();

  constructor(foldCase: boolean) {
    this.#foldCase = foldCase;
  }

  /** The key of a value's group, counting `rows` rows for its spelling (see {@link labelOf}). */
  groupOf(value: unknown, rows = 1): unknown {
    if (typeof value !== "string") return value;
    let seen = this.#seen.get(value);
    if (seen === undefined) {
      const trimmed = value.trim();
      const key = this.#foldCase ? trimmed.toLowerCase() : trimmed;
      let spellings = this.#spellings.get(key);
      if (spellings === undefined) {
        spellings = [];
        this.#spellings.set(key, spellings);
      }
      const spelling = { text: value, rows: 0 };
      spellings.push(spelling);
      seen = { key, spelling };
      this.#seen.set(value, seen);
    }
    seen.spelling.rows += rows;
    return seen.key;
  }

  /** A group's label, from its key: its most frequent spelling, trimmed; any other value as it is. */
  labelOf(key: unknown): unknown {
    const spellings = typeof key === "string" ? this.#spellings.get(key) : undefined;
    if (spellings === undefined) return key;
    let best = spellings[0] as Counted;
    for (const spelling of spellings) if (spelling.rows > best.rows) best = spelling;
    return best.text.trim();
  }

  /** The spellings merged into a group, from its key, when there was more than one. */
  spellingsOf(key: unknown): readonly GroupSpelling[] | undefined {
    const spellings = typeof key === "string" ? this.#spellings.get(key) : undefined;
    return spellings !== undefined && spellings.length > 1
      ? spellings.map(({ text, rows }) => ({ text, rows }))
      : undefined;
  }
}
