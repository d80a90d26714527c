import { guarded } from "../errors/metric-error.js";
import {
  type BENEFIT_DIMENSIONS,
  type BenefitDimension,
  type CustomerValueInput,
  customerValue,
  entriesOf,
} from "./customer-value.js";

/**
 * Who is ahead on one benefit dimension or sacrifice kind.
 *
 * @category Value
 */
export type Leader = "ours" | "competitor" | "tie";

/**
 * One benefit dimension compared: more is better.
 *
 * @category Value
 */
export interface BenefitComparison {
  /** The dimension. */
  readonly dimension: BenefitDimension;
  /** Our weighted benefit. */
  readonly ours: number;
  /** The competitor's weighted benefit. */
  readonly competitor: number;
  /** ours − competitor. */
  readonly difference: number;
  /** Who offers more. */
  readonly leader: Leader;
}

/**
 * One sacrifice kind compared: less is better.
 *
 * @category Value
 */
export interface SacrificeComparison {
  /** The kind. */
  readonly kind: string;
  /** The sacrifice our customer makes (weighted). */
  readonly ours: number;
  /** The sacrifice the competitor's customer makes (weighted). */
  readonly competitor: number;
  /** ours − competitor (negative: we ask less). */
  readonly difference: number;
  /** Who asks less. */
  readonly leader: Leader;
  /**
   * The customer's importance weight of this kind: the larger of the weights given on the two
   * sides (1 when none was given). Sacrifices are listed from the most important down.
   */
  readonly importance: number;
}

/**
 * The result of {@link compareValue}.
 *
 * @category Value
 */
export interface ValueComparison {
  /** Our benefit/sacrifice ratio. */
  readonly ours: number;
  /** The competitor's ratio. */
  readonly competitor: number;
  /**
   * Relative value: our ratio ÷ the competitor's (above 1: we offer more value). Absent when the
   * competitor's ratio is 0 (no benefits), where it does not exist (or would exceed the range of
   * doubles).
   */
  readonly relativeValue?: number;
  /** Our net value − the competitor's, in the unit of the amounts. */
  readonly netAdvantage: number;
  /** Every benefit dimension, in the fixed order economic, functional, emotional, symbolic. */
  readonly benefits: readonly BenefitComparison[];
  /** Every sacrifice kind on either side, most important first. */
  readonly sacrifices: readonly SacrificeComparison[];
  /**
   * Whether we ask less than the competitor in every one of the sacrifices that matter most
   * (those of the highest importance) — the source texts' competitive advantage: a higher
   * benefit in the sacrifices that matter most to the customer.
   */
  readonly leadsOnMostImportantSacrifices: boolean;
}

function leader(ours: number, competitor: number, moreIsBetter: boolean): Leader {
  if (ours === competitor) return "tie";
  return ours > competitor === moreIsBetter ? "ours" : "competitor";
}

/** The importance weight given to each sacrifice kind (largest weight seen, default 1). */
function importanceByKind(input: CustomerValueInput): Map<string, number> {
  const importance = new Map<string, number>();
  for (const [kind, entry] of entriesOf(input.sacrifices, "sacrifices", "kind", "compareValue")) {
    const weight =
      typeof entry === "object" && entry !== null
        ? ((entry as { weight?: number }).weight ?? 1)
        : 1;
    importance.set(kind as string, Math.max(importance.get(kind as string) ?? 0, weight));
  }
  return importance;
}

/**
 * Compare the customer value of our offering with a competitor's, as the same customer sees
 * both: the ratio of the two benefit/sacrifice ratios (relative value), the difference of net
 * values, and for every benefit dimension and sacrifice kind who is ahead. Sacrifices are
 * ordered by the customer's importance weight, and `leadsOnMostImportantSacrifices` says
 * whether we ask less in the sacrifices that matter most.
 *
 * @param ours - our benefits and sacrifices
 * @param competitor - the competitor's, in the same units and with the same weights' meaning
 * @returns the comparison
 * @throws {@link MetricError} as {@link customerValue} does for either side (`ZERO_SACRIFICE`,
 *   `NEGATIVE_AMOUNT`, `NON_FINITE`, `INVALID_WEIGHT`, `INVALID_INPUT`).
 *
 * @example
 * ```ts
 * import { compareValue } from "customer-metrics";
 * const result = compareValue(
 *   { benefits: { functional: 60, emotional: 20 }, sacrifices: { monetary: { amount: 50, weight: 2 }, time: 10 } },
 *   { benefits: { functional: 70, emotional: 10 }, sacrifices: { monetary: { amount: 60, weight: 2 }, time: 5 } },
 * );
 * result.relativeValue; // => 80 / 110 / (80 / 125)
 * result.sacrifices[0].kind; // => "monetary"
 * result.leadsOnMostImportantSacrifices; // => true
 * ```
 *
 * @category Value
 */
export function compareValue(
  ours: CustomerValueInput,
  competitor: CustomerValueInput,
): ValueComparison {
  return guarded("compareValue", () => {
    const a = customerValue(ours);
    const b = customerValue(competitor);
    const benefits = (
      Object.keys(a.benefits.byDimension) as (typeof BENEFIT_DIMENSIONS)[number][]
    ).map((dimension) => {
      const x = a.benefits.byDimension[dimension];
      const y = b.benefits.byDimension[dimension];
      return { dimension, ours: x, competitor: y, difference: x - y, leader: leader(x, y, true) };
    });
    const importanceA = importanceByKind(ours);
    const importanceB = importanceByKind(competitor);
    const kinds = [
      ...new Set([...Object.keys(a.sacrifices.byKind), ...Object.keys(b.sacrifices.byKind)]),
    ];
    const sacrifices = kinds
      .map((kind) => {
        const x = Object.hasOwn(a.sacrifices.byKind, kind)
          ? (a.sacrifices.byKind[kind] as number)
          : 0;
        const y = Object.hasOwn(b.sacrifices.byKind, kind)
          ? (b.sacrifices.byKind[kind] as number)
          : 0;
        const importance = Math.max(importanceA.get(kind) ?? 0, importanceB.get(kind) ?? 0);
        return {
          kind,
          ours: x,
          competitor: y,
          difference: x - y,
          leader: leader(x, y, false),
          importance,
        };
      })
      .sort((p, q) => q.importance - p.importance);
    const top = sacrifices[0]?.importance ?? 0;
    const mostImportant = sacrifices.filter((s) => s.importance === top);
    const relativeValue = a.ratio / b.ratio;
    return {
      ours: a.ratio,
      competitor: b.ratio,
      ...(b.ratio > 0 && Number.isFinite(relativeValue) ? { relativeValue } : {}),
      netAdvantage: a.net - b.net,
      benefits,
      sacrifices,
      leadsOnMostImportantSacrifices:
        mostImportant.length > 0 && mostImportant.every((s) => s.leader === "ours"),
    };
  });
}
