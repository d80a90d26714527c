/**
 * Checking a purchase model the way its users do: summarise a calibration period, keep the
 * purchases of a holdout period after it, fit on the first and compare the predictions with the
 * second (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way", §4; the lifetimes
 * package's `calibration_and_holdout_data`).
 *
 * @module
 */

import { checkNumber, readOptions } from "../common/options.js";
import { describeValue, guarded, MetricError, onBehalfOf } from "../errors/metric-error.js";
import { type BgNbdModel, expectedPurchases } from "./bg-nbd.js";
import { type CustomerHistory, checkUnit, histories, refuseLateEnd } from "./purchase-history.js";
import {
  checkCountBy,
  dateOption,
  isoDate,
  latestPurchase,
  type PurchaseCount,
  type PurchaseRecord,
  purchasesByCustomer,
  type ReadPurchase,
  readPurchases,
} from "./purchase-records.js";

/**
 * A customer's calibration summary ({@link CustomerHistory}, as of the calibration's end) and
 * purchases in the holdout.
 *
 * @category Loyalty
 */
export interface CalibrationHistory extends CustomerHistory {
  /** Purchases after the calibration's end, up to the observation's end (by `countBy`). */
  readonly holdoutPurchases: number;
  /** Their mean amount; 0 without one. */
  readonly holdoutMonetary: number;
}

/**
 * The result of {@link calibrationAndHoldout}.
 *
 * @category Loyalty
 */
export interface CalibrationAndHoldout {
  /** The last day of the calibration period. */
  readonly calibrationEnd: string;
  /** The last day of the holdout period. */
  readonly observationEnd: string;
  /** The time unit of recency, age and `holdoutDuration`. */
  readonly unit: "week" | "day";
  /** What one purchase is. */
  readonly countBy: PurchaseCount;
  /** The holdout's length, in `unit`s. */
  readonly holdoutDuration: number;
  /** Every customer whose first purchase is in the calibration period, in the order first seen. */
  readonly customers: readonly CalibrationHistory[];
  /** Customers whose first purchase is in the holdout: no calibration history, so left out, named. */
  readonly firstPurchaseInHoldout: readonly string[];
  /** Completed records after `observationEnd`: left out, counted. */
  readonly afterObservationEnd: number;
  /** Purchases left out because they were cancelled or returned: counted, not used. */
  readonly notCompleted: number;
}

/**
 * Split purchase records at `calibrationEnd`: per customer, the calibration summary of
 * {@link summarizePurchases} as of that day (frequency, recency, age and mean repeat spend), and
 * the purchases (and their mean amount) after it, up to `observationEnd` — the data a BG/NBD
 * model is checked on: fit it on the calibration summaries, then compare its expected holdout
 * purchases with the actual ones ({@link compareHoldout}). As in the lifetimes package's
 * `calibration_and_holdout_data`, customers whose first purchase is in the holdout have no
 * calibration history and are left out (named here), and records after `observationEnd` are
 * left out (counted). A purchase is a customer's records on one day, as everywhere in the
 * loyalty summaries (`countBy: "row"` to count records).
 *
 * @param purchases - the records, in any order
 * @param options - `calibrationEnd` (ISO date, required), `observationEnd` (ISO date after it;
 *   default the last purchase's date), `unit` (`"week"`, the default, or `"day"`), `countBy`,
 *   `allowFutureAsOf` (an `observationEnd` more than a week after the last purchase is refused
 *   without it)
 * @returns the customers' calibration summaries and holdout purchases, and what was left out
 * @throws {@link MetricError} `INVALID_OPTION` for a missing or malformed date, an
 *   `observationEnd` not after `calibrationEnd`, or a bad `unit` or `countBy`; `INVALID_PERIOD`
 *   for an `observationEnd` more than one week (or day) after the last purchase;
 *   `EMPTY_SAMPLE` when no customer bought in the calibration period; the record errors of
 *   {@link summarizePurchases}.
 *
 * @example
 * ```ts
 * import { calibrationAndHoldout } from "customer-metrics";
 * const data = calibrationAndHoldout(
 *   [
 *     { customerId: "a", date: "2024-01-01", amount: 20 }, { customerId: "a", date: "2024-01-15", amount: 30 },
 *     { customerId: "a", date: "2024-02-12", amount: 25 }, { customerId: "a", date: "2024-02-19", amount: 15 },
 *     { customerId: "b", date: "2024-01-08", amount: 10 }, { customerId: "c", date: "2024-02-05", amount: 40 },
 *   ],
 *   { calibrationEnd: "2024-01-28", observationEnd: "2024-02-25" },
 * );
 * data.customers.map((c) => [c.customerId, c.frequency, c.holdoutPurchases]); // => [["a", 1, 2], ["b", 0, 0]]
 * data.customers[0].holdoutMonetary; // => 20
 * data.holdoutDuration; // => 4
 * data.firstPurchaseInHoldout; // => ["c"]
 * ```
 *
 * @category Loyalty
 */
export function calibrationAndHoldout(
  purchases: readonly PurchaseRecord[],
  options: {
    readonly calibrationEnd: string;
    readonly observationEnd?: string;
    readonly unit?: "week" | "day";
    readonly countBy?: PurchaseCount;
    readonly allowFutureAsOf?: boolean;
  },
): CalibrationAndHoldout {
  return guarded("calibrationAndHoldout", () => {
    const fn = "calibrationAndHoldout";
    const read = readOptions(
      options,
      ["calibrationEnd", "observationEnd", "unit", "countBy", "allowFutureAsOf"],
      fn,
    );
    const calibrationEnd = dateOption(read.calibrationEnd, "calibrationEnd", fn);
    const { unit, perUnit } = checkUnit(read.unit, fn);
    const countBy = checkCountBy(read.countBy, fn);
    const { purchases: completed, notCompleted } = readPurchases(purchases, fn);
    const latest = latestPurchase(completed);
    const observationEnd =
      read.observationEnd === undefined
        ? {
            day: latest?.day ?? calibrationEnd.day,
            date: isoDate(latest?.day ?? calibrationEnd.day),
          }
        : dateOption(read.observationEnd, "observationEnd", fn);
    if (observationEnd.day <= calibrationEnd.day) {
      throw new MetricError(
        "INVALID_OPTION",
        `observationEnd ${observationEnd.date} must be after calibrationEnd ${calibrationEnd.date}: the holdout is the time between them`,
        { fn, value: observationEnd.date, field: "observationEnd" },
      );
    }
    refuseLateEnd(observationEnd, "observationEnd", completed, unit, read.allowFutureAsOf, fn);
    const observed = completed.filter((p) => p.day <= observationEnd.day);
    const customers = purchasesByCustomer(observed, countBy);
    const calibration = new Map<string, ReadPurchase[]>();
    const holdout = new Map<string, ReadPurchase[]>();
    const firstPurchaseInHoldout: string[] = [];
    for (const [id, own] of customers) {
      const split = own.findIndex((p) => p.day > calibrationEnd.day);
      if (split === 0) firstPurchaseInHoldout.push(id);
      else {
        calibration.set(id, split < 0 ? own : own.slice(0, split));
        holdout.set(id, split < 0 ? [] : own.slice(split));
      }
    }
    if (calibration.size === 0) {
      throw new MetricError(
        "EMPTY_SAMPLE",
        `no customer bought on or before calibrationEnd ${calibrationEnd.date}: there is no calibration period`,
        { fn, value: calibrationEnd.date, field: "calibrationEnd" },
      );
    }
    const summaries = histories(calibration, calibrationEnd.day, perUnit);
    return {
      calibrationEnd: calibrationEnd.date,
      observationEnd: observationEnd.date,
      unit,
      countBy,
      holdoutDuration: (observationEnd.day - calibrationEnd.day) / perUnit,
      customers: summaries.map((h) => {
        const later = holdout.get(h.customerId) as ReadPurchase[];
        const spent = later.reduce((sum, p) => sum + p.amount, 0);
        return {
          ...h,
          holdoutPurchases: later.length,
          holdoutMonetary: later.length === 0 ? 0 : spent / later.length,
        };
      }),
      firstPurchaseInHoldout,
      afterObservationEnd: completed.length - observed.length,
      notCompleted,
    };
  });
}

/**
 * One group of customers in a {@link HoldoutComparison}: those with the same number of
 * calibration purchases (the last group holds that number and more).
 *
 * @category Loyalty
 */
export interface HoldoutGroup {
  /** The calibration purchases (repeat purchases): `"0"`, `"1"`, …, or `"7+"` for the last. */
  readonly frequency: string;
  /** Customers in the group. */
  readonly customers: number;
  /** Their mean actual holdout purchases. */
  readonly actual: number;
  /** Their mean expected holdout purchases. */
  readonly predicted: number;
}

/**
 * The result of {@link compareHoldout}.
 *
 * @category Loyalty
 */
export interface HoldoutComparison {
  /** Customers compared. */
  readonly customers: number;
  /** The holdout's length, in the model's unit. */
  readonly duration: number;
  /** Purchases in the holdout, every customer's. */
  readonly actual: number;
  /** Expected purchases in the holdout: Σ E[Y(duration) | x, tₓ, T]. */
  readonly predicted: number;
  /** The mean over customers of |expected − actual| holdout purchases. */
  readonly meanAbsoluteError: number;
  /** The comparison by calibration purchases, 0 to `groups − 1` and `groups`+ (Fader, Hardie & Lee 2005, Figure 4). */
  readonly byFrequency: readonly HoldoutGroup[];
}

/**
 * Compare a BG/NBD model fitted on the calibration period with the holdout: each customer's
 * expected purchases in the holdout given their calibration history, E[Y(t) | x, tₓ, T]
 * ({@link expectedPurchases}, with t the holdout's length), against the purchases they made —
 * in total, as the mean absolute error per customer, and by number of calibration purchases, 0
 * to 6 and 7+ by default, as Fader, Hardie & Lee (2005, Figure 4) plot the conditional
 * expectations.
 *
 * @param model - a BG/NBD model fitted on the calibration summaries (in the same unit)
 * @param data - the result of {@link calibrationAndHoldout}
 * @param options - `groups`: the last frequency group, holding it and more (whole, 1–100; default 7)
 * @returns the totals, the mean absolute error and the groups
 * @throws {@link MetricError} `INVALID_INPUT` for data that is not a calibration and holdout split
 *   (naming the customer); the errors of {@link expectedPurchases}; `INVALID_OPTION`.
 *
 * @example
 * ```ts
 * import { calibrationAndHoldout, compareHoldout } from "customer-metrics";
 * const data = calibrationAndHoldout(
 *   [
 *     { customerId: "a", date: "2024-01-01" }, { customerId: "a", date: "2024-01-15" },
 *     { customerId: "a", date: "2024-02-12" }, { customerId: "b", date: "2024-01-08" },
 *   ],
 *   { calibrationEnd: "2024-01-28", observationEnd: "2024-02-18" },
 * );
 * const cdnow = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, logLikelihood: 0, customers: 2357, iterations: 0 };
 * const check = compareHoldout(cdnow, data);
 * check.actual; // => 1
 * check.byFrequency.map((g) => [g.frequency, g.customers]); // => [["0", 1], ["1", 1], ["2", 0], ["3", 0], ["4", 0], ["5", 0], ["6", 0], ["7+", 0]]
 * check.predicted > 0; // => true
 * ```
 *
 * @category Loyalty
 */
export function compareHoldout(
  model: BgNbdModel,
  data: CalibrationAndHoldout,
  options: { readonly groups?: number } = {},
): HoldoutComparison {
  return guarded("compareHoldout", () => {
    const fn = "compareHoldout";
    const read = readOptions(options, ["groups"], fn);
    const groups = checkNumber(read.groups, { min: 1, max: 100, integer: true }, 7, fn, "groups");
    const d = data as Partial<CalibrationAndHoldout> | null;
    if (
      typeof d !== "object" ||
      d === null ||
      !Array.isArray(d.customers) ||
      typeof d.holdoutDuration !== "number" ||
      !(d.holdoutDuration > 0)
    ) {
      throw new MetricError(
        "INVALID_INPUT",
        `data must be the result of calibrationAndHoldout; got ${describeValue(data)}`,
        { fn, value: data },
      );
    }
    const t = d.holdoutDuration;
    const sums = Array.from({ length: groups + 1 }, () => ({ n: 0, actual: 0, predicted: 0 }));
    let actual = 0;
    let predicted = 0;
    let error = 0;
    d.customers.forEach((c, i) => {
      const x = c?.holdoutPurchases;
      if (typeof x !== "number" || !Number.isSafeInteger(x) || x < 0) {
        throw new MetricError(
          "INVALID_INPUT",
          `customers[${i}] (customer ${JSON.stringify(c?.customerId)}) holdoutPurchases must be a whole number ≥ 0; got ${describeValue(x)}`,
          { fn, index: i, value: c },
        );
      }
      const expected = onBehalfOf(fn, () => expectedPurchases(model, c, t));
      const group = sums[Math.min(c.frequency, groups)] as (typeof sums)[number];
      group.n++;
      group.actual += x;
      group.predicted += expected;
      actual += x;
      predicted += expected;
      error += Math.abs(expected - x);
    });
    const n = d.customers.length;
    return {
      customers: n,
      duration: t,
      actual,
      predicted,
      meanAbsoluteError: n === 0 ? 0 : error / n,
      byFrequency: sums.map((s, k) => ({
        frequency: k === groups ? `${groups}+` : String(k),
        customers: s.n,
        actual: s.n === 0 ? 0 : s.actual / s.n,
        predicted: s.n === 0 ? 0 : s.predicted / s.n,
      })),
    };
  });
}
