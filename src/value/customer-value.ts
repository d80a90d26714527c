import { describeValue, guarded, MetricError } from "../errors/metric-error.js";
import { roundingError } from "../stats/sum.js";

/**
 * The four kinds of value a customer can experience, after the source texts: economic
 * (money saved or earned), functional (what the product does), emotional (how it feels) and
 * symbolic (what it signals about the customer).
 *
 * @category Value
 */
export type BenefitDimension = "economic" | "functional" | "emotional" | "symbolic";

/**
 * The benefit dimensions, in a fixed order.
 *
 * @example
 * ```ts
 * import { BENEFIT_DIMENSIONS } from "customer-metrics";
 * BENEFIT_DIMENSIONS; // => ["economic", "functional", "emotional", "symbolic"]
 * ```
 *
 * @category Value
 */
export const BENEFIT_DIMENSIONS: readonly BenefitDimension[] = Object.freeze([
  "economic",
  "functional",
  "emotional",
  "symbolic",
]);

/**
 * What a customer gives up: `monetary` (price, fees), `time`, `effort` (physical and mental),
 * `risk` (perceived risk of a bad purchase), or any custom kind named by a string.
 *
 * @category Value
 */
export type SacrificeKind = "monetary" | "time" | "effort" | "risk" | (string & {});

/**
 * An amount with an optional importance weight: its contribution is `amount × weight`.
 *
 * @category Value
 */
export interface WeightedAmount {
  /** The amount, finite and ≥ 0, in any unit shared by all benefits and sacrifices (e.g. points or euros). */
  readonly amount: number;
  /** Importance weight, finite and ≥ 0; default 1. */
  readonly weight?: number;
}

/**
 * One benefit in list form.
 *
 * @category Value
 */
export interface BenefitItem extends WeightedAmount {
  /** The benefit's dimension. */
  readonly dimension: BenefitDimension;
}

/**
 * One sacrifice in list form.
 *
 * @category Value
 */
export interface SacrificeItem extends WeightedAmount {
  /** The sacrifice's kind (`monetary`, `time`, `effort`, `risk` or a custom name). */
  readonly kind: SacrificeKind;
}

/**
 * Benefits as a record by dimension (`{ economic: 40, functional: { amount: 30, weight: 2 } }`)
 * or as a list of {@link BenefitItem} (repeated dimensions add up).
 *
 * @category Value
 */
export type Benefits =
  | Readonly<Partial<Record<BenefitDimension, number | WeightedAmount>>>
  | readonly BenefitItem[];

/**
 * Sacrifices as a record by kind (`{ monetary: 50, time: { amount: 10, weight: 0.5 } }`) or as a
 * list of {@link SacrificeItem} (repeated kinds add up).
 *
 * @category Value
 */
export type Sacrifices =
  | Readonly<Record<string, number | WeightedAmount>>
  | readonly SacrificeItem[];

/**
 * What the customer gets and what they give up.
 *
 * @category Value
 */
export interface CustomerValueInput {
  /** The benefits, by dimension. */
  readonly benefits: Benefits;
  /** The sacrifices, by kind. */
  readonly sacrifices: Sacrifices;
}

/**
 * The result of {@link customerValue}. All amounts are weighted (amount × weight).
 *
 * @category Value
 */
export interface CustomerValue {
  /** Benefits ÷ sacrifices (dimensionless); above 1 the customer gets more than they give. */
  readonly ratio: number;
  /** Benefits − sacrifices, in the unit of the amounts (Kotler's customer delivered value). */
  readonly net: number;
  /** Benefit totals. */
  readonly benefits: {
    /** Σ weighted benefits. */
    readonly total: number;
    /** Weighted benefits per dimension; every dimension is present (0 when not given). */
    readonly byDimension: Readonly<Record<BenefitDimension, number>>;
  };
  /** Sacrifice totals. */
  readonly sacrifices: {
    /** Σ weighted sacrifices. */
    readonly total: number;
    /** Weighted sacrifices per kind given, in the order first given. */
    readonly byKind: Readonly<Record<string, number>>;
  };
}

/** Where an entry is, for a message: `benefits.functional` or `benefits[2]`. */
function whereOf(field: string, at: string | number): string {
  return typeof at === "number" ? `${field}[${at}]` : `${field}.${at}`;
}

/**
 * Accumulates weighted amounts by key, validating each; keys kept in first-seen order. Each key
 * and the total are Neumaier sums kept as they go, so nothing is stored per term.
 */
class WeightedTotals {
  // Per key: [sum, compensation]; undefined when only the total is wanted (a ratio).
  readonly #byKey: Map<string, [number, number]> | undefined;
  #total = 0;
  #compensation = 0;

  /** @param keepKeys - whether to keep the totals per key as well as the total */
  constructor(
    private readonly fn: string,
    keepKeys: boolean,
  ) {
    this.#byKey = keepKeys ? new Map() : undefined;
  }

  add(key: string, entry: unknown, field: string, at: string | number): void {
    const term = weightedAmount(entry, field, at, this.fn);
    const own = this.#byKey?.get(key);
    if (own !== undefined) {
      const next = own[0] + term;
      own[1] += roundingError(own[0], term, next);
      own[0] = next;
    } else {
      this.#byKey?.set(key, [term, 0]);
    }
    const total = this.#total + term;
    this.#compensation += roundingError(this.#total, term, total);
    this.#total = total;
  }

  /** Totals per key (compensated), as an object with own properties only. */
  byKey(): Record<string, number> {
    return Object.fromEntries([...(this.#byKey ?? [])].map(([key, [sum, c]]) => [key, sum + c]));
  }

  total(): number {
    return this.#total + this.#compensation;
  }
}

/** amount × weight of one entry (a number, or `{ amount, weight }`), checked. */
function weightedAmount(entry: unknown, field: string, at: string | number, fn: string): number {
  const isObject = typeof entry === "object" && entry !== null;
  const amount = isObject ? (entry as { amount?: unknown }).amount : entry;
  const weight = isObject ? ((entry as { weight?: unknown }).weight ?? 1) : 1;
  if (
    typeof amount === "number" &&
    Number.isFinite(amount) &&
    amount >= 0 &&
    typeof weight === "number" &&
    Number.isFinite(weight) &&
    weight >= 0
  ) {
    return amount * weight;
  }
  // The message names the entry; its path is built only here.
  const where = whereOf(field, at);
  if (typeof amount !== "number") {
    throw new MetricError(
      "INVALID_INPUT",
      `${where}: the amount is not a number: ${describeValue(amount)}`,
      { fn, value: amount, field: where },
    );
  }
  if (!Number.isFinite(amount)) {
    throw new MetricError("NON_FINITE", `${where}: the amount is not finite: ${amount}`, {
      fn,
      value: amount,
      field: where,
    });
  }
  if (amount < 0) {
    throw new MetricError(
      "NEGATIVE_AMOUNT",
      `${where}: the amount is negative: ${amount} (a benefit or sacrifice is a size; put costs under sacrifices)`,
      { fn, value: amount, field: where },
    );
  }
  throw new MetricError(
    "INVALID_WEIGHT",
    `${where}: the weight must be a finite number ≥ 0: ${describeValue(weight)}`,
    { fn, value: weight, field: where },
  );
}

function isBenefitDimension(value: unknown): value is BenefitDimension {
  return typeof value === "string" && (BENEFIT_DIMENSIONS as readonly string[]).includes(value);
}

function requireObject(value: unknown, field: string, fn: string): object {
  if (typeof value !== "object" || value === null) {
    throw new MetricError(
      "INVALID_INPUT",
      `${field} must be a record or a list; got ${describeValue(value)}`,
      {
        fn,
        value,
        field,
      },
    );
  }
  return value;
}

/**
 * Visit the entries of benefits or sacrifices in either form — a record keyed by dimension or
 * kind, or a list whose items name theirs in `keyName` — with each one's key, entry and place
 * (its key in a record, its index in a list).
 *
 * @internal
 */
export function forEachEntry(
  input: unknown,
  field: "benefits" | "sacrifices",
  keyName: "dimension" | "kind",
  fn: string,
  each: (key: unknown, entry: unknown, at: string | number) => void,
): void {
  const checked = requireObject(input, field, fn);
  if (Array.isArray(checked)) {
    for (let i = 0; i < checked.length; i++) {
      const item: unknown = checked[i];
      const key =
        typeof item === "object" && item !== null
          ? (item as Record<string, unknown>)[keyName]
          : undefined;
      each(key, item, i);
    }
    return;
  }
  for (const key of Object.keys(checked)) each(key, (checked as Record<string, unknown>)[key], key);
}

/**
 * The (key, entry, where) triples of benefits or sacrifices (see {@link forEachEntry}).
 *
 * @internal
 */
export function entriesOf(
  input: unknown,
  field: "benefits" | "sacrifices",
  keyName: "dimension" | "kind",
  fn: string,
): [key: unknown, entry: unknown, where: string][] {
  const triples: [unknown, unknown, string][] = [];
  forEachEntry(input, field, keyName, fn, (key, entry, at) => {
    triples.push([key, entry, whereOf(field, at)]);
  });
  return triples;
}

function benefitTotals(benefits: unknown, fn: string, byKey = true): WeightedTotals {
  const totals = new WeightedTotals(fn, byKey);
  forEachEntry(benefits, "benefits", "dimension", fn, (dimension, entry, at) => {
    if (!isBenefitDimension(dimension)) {
      const where = whereOf("benefits", at);
      throw new MetricError(
        "INVALID_INPUT",
        `${where}: ${describeValue(dimension)} is not a benefit dimension (${BENEFIT_DIMENSIONS.join(", ")})`,
        { fn, value: dimension, field: where },
      );
    }
    totals.add(dimension, entry, "benefits", at);
  });
  return totals;
}

function sacrificeTotals(sacrifices: unknown, fn: string, byKey = true): WeightedTotals {
  const totals = new WeightedTotals(fn, byKey);
  forEachEntry(sacrifices, "sacrifices", "kind", fn, (kind, entry, at) => {
    if (typeof kind !== "string" || kind.trim() === "") {
      const where = whereOf("sacrifices", at);
      throw new MetricError(
        "INVALID_INPUT",
        `${where}: a sacrifice needs a kind name; got ${describeValue(kind)}`,
        { fn, value: kind, field: where },
      );
    }
    totals.add(kind, entry, "sacrifices", at);
  });
  return totals;
}

/**
 * Benefits, sacrifices and their totals without the ratio (which may not exist). @internal
 */
export function valueTotals(input: CustomerValueInput, fn: string): Omit<CustomerValue, "ratio"> {
  const checked = requireObject(input, "input", fn) as Partial<CustomerValueInput>;
  const benefits = benefitTotals(checked.benefits, fn);
  const sacrifices = sacrificeTotals(checked.sacrifices, fn);
  const byDimension = benefits.byKey();
  const [benefitTotal, sacrificeTotal] = finiteTotals(benefits, sacrifices, fn);
  return {
    net: benefitTotal - sacrificeTotal,
    benefits: {
      total: benefitTotal,
      byDimension: Object.fromEntries(
        BENEFIT_DIMENSIONS.map((d) => [d, byDimension[d] ?? 0]),
      ) as Record<BenefitDimension, number>,
    },
    sacrifices: { total: sacrificeTotal, byKind: sacrifices.byKey() },
  };
}

/** The two totals, refused when they passed the range of doubles. */
function finiteTotals(
  benefits: WeightedTotals,
  sacrifices: WeightedTotals,
  fn: string,
): [number, number] {
  const benefitTotal = benefits.total();
  const sacrificeTotal = sacrifices.total();
  if (!Number.isFinite(benefitTotal) || !Number.isFinite(sacrificeTotal)) {
    throw new MetricError(
      "NON_FINITE",
      "the weighted amounts are too large to add up; rescale them",
      { fn, value: { benefits: benefitTotal, sacrifices: sacrificeTotal } },
    );
  }
  return [benefitTotal, sacrificeTotal];
}

/** benefits ÷ sacrifices, refused when it does not exist or is not a double. */
function ratioOf(benefitTotal: number, sacrificeTotal: number, fn: string): number {
  if (!(sacrificeTotal > 0)) {
    throw new MetricError(
      "ZERO_SACRIFICE",
      "the sacrifices total 0, so benefits ÷ sacrifices has no value (the net value is benefits.total)",
      { fn, value: sacrificeTotal, field: "sacrifices" },
    );
  }
  const ratio = benefitTotal / sacrificeTotal;
  if (!Number.isFinite(ratio)) {
    throw new MetricError(
      "NON_FINITE",
      "benefits ÷ sacrifices is beyond the range of doubles; rescale the amounts",
      { fn, value: { benefits: benefitTotal, sacrifices: sacrificeTotal } },
    );
  }
  return ratio;
}

/**
 * The ratio and net value alone, with every check of {@link customerValue} but none of its
 * breakdowns: what a summary over many customers needs. @internal
 */
export function valueRatioAs(
  input: CustomerValueInput,
  fn: string,
): { ratio: number; net: number } {
  const checked = requireObject(input, "input", fn) as Partial<CustomerValueInput>;
  const [benefitTotal, sacrificeTotal] = finiteTotals(
    benefitTotals(checked.benefits, fn, false),
    sacrificeTotals(checked.sacrifices, fn, false),
    fn,
  );
  return { ratio: ratioOf(benefitTotal, sacrificeTotal, fn), net: benefitTotal - sacrificeTotal };
}

/**
 * Customer value as the customer perceives it: the ratio of the benefits they experience to
 * the sacrifices they make (Zeithaml 1988, "Consumer Perceptions of Price, Quality, and Value",
 * Journal of Marketing 52(3): perceived value as what is received against what is given), and
 * the net value, benefits − sacrifices (Kotler's customer delivered value: total customer value
 * minus total customer cost).
 *
 * Benefits are given by the source texts' four dimensions (economic, functional, emotional,
 * symbolic); sacrifices by kind (monetary, time, effort, risk, or custom). Each amount may carry
 * an importance weight; its contribution is amount × weight. All amounts must share one unit
 * (points of a rating, or money). Totals use compensated summation, so the order of the inputs
 * changes nothing beyond the last bits.
 *
 * @param input - `{ benefits, sacrifices }`, each a record or a list
 * @returns ratio, net value, and totals by dimension and by kind
 * @throws {@link MetricError} `ZERO_SACRIFICE` when the sacrifices total 0 (no ratio exists);
 *   `NEGATIVE_AMOUNT`; `NON_FINITE` for a non-finite amount, or totals or a ratio beyond the
 *   range of doubles; `INVALID_WEIGHT`; `INVALID_INPUT` for an unknown dimension, a missing
 *   kind or a non-number.
 *
 * @example
 * ```ts
 * import { customerValue } from "customer-metrics";
 * const value = customerValue({
 *   benefits: { economic: 40, functional: 30, emotional: { amount: 10, weight: 2 } },
 *   sacrifices: { monetary: 50, time: 10 },
 * });
 * value.ratio; // => 1.5
 * value.net; // => 30
 * value.benefits.byDimension.symbolic; // => 0
 * ```
 *
 * @category Value
 */
export function customerValue(input: CustomerValueInput): CustomerValue {
  return guarded("customerValue", () => customerValueAs(input, "customerValue"));
}

/** {@link customerValue} under the name of the function the user called. @internal */
export function customerValueAs(input: CustomerValueInput, fn: string): CustomerValue {
  const totals = valueTotals(input, fn);
  return { ratio: ratioOf(totals.benefits.total, totals.sacrifices.total, fn), ...totals };
}
