/**
 * The project's own proof of DESIGN.md principle 4: every public function, called with generated
 * hostile arguments, returns only finite numbers (and no holes) or throws a MetricError with a
 * documented code; it never mutates its input, never pollutes Object.prototype, and a tally
 * accounts for every row. Used by tests/fuzz/public-api.test.ts (a fixed seed, a few thousand
 * calls) and by `npm run fuzz` (FUZZ_RUNS per function, ≥ 100,000 calls in all).
 */
import fc from "fast-check";
import { MetricError, type MetricErrorCode } from "../../src/errors/metric-error.js";
import * as library from "../../src/index.js";

export const CODES: ReadonlySet<MetricErrorCode> = new Set<MetricErrorCode>([
  "EMPTY_SAMPLE",
  "SCORE_OUT_OF_SCALE",
  "SCORE_NOT_INTEGER",
  "NON_FINITE",
  "INVALID_WEIGHT",
  "INVALID_COUNT",
  "INVALID_SCALE",
  "INVALID_LEVEL",
  "INVALID_OPTION",
  "SCALE_MISMATCH",
  "INVALID_INPUT",
  "ZERO_SACRIFICE",
  "NEGATIVE_AMOUNT",
  "INVALID_RATE",
  "INVALID_PERIOD",
  "DUPLICATE_PERIOD",
  "UNKNOWN_PERIOD",
  "UNKNOWN_FIELD",
  "INVALID_RULE",
  "MISSING_VALUE",
  "NO_CONVERGENCE",
]);

// ---- hostile values ----------------------------------------------------------------------

const EXTREMES = [0, -0, 5e-324, 1e-300, 1e-160, 1e308, -1e308, 1.7976931348623157e308];
const SPECIALS = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** 53, -1];

function throwingGetters(): object {
  return Object.defineProperties(
    {},
    Object.fromEntries(
      ["counts", "scale", "n", "points", "benefits", "sacrifices", "level", "promoters", "id"].map(
        (key) => [
          key,
          {
            enumerable: true,
            get(): never {
              throw new Error(`getter ${key}`);
            },
          },
        ],
      ),
    ),
  );
}

function throwingProxy(): object {
  const fail = (): never => {
    throw new Error("proxy trap");
  };
  return new Proxy(
    {},
    { get: fail, has: fail, ownKeys: fail, getOwnPropertyDescriptor: fail, getPrototypeOf: fail },
  );
}

function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

function badPrimitiveObject(): object {
  return {
    [Symbol.toPrimitive](): never {
      throw new Error("toPrimitive");
    },
    toString(): object {
      return {};
    },
    valueOf(): object {
      return {};
    },
  };
}

/**
 * Objects that fast-check itself cannot look at (proxies, throwing getters) are generated as a
 * recipe and made just before the call, at the top level or as an element of an array argument.
 */
class Recipe {
  constructor(readonly make: () => unknown) {}
}

function materialize(value: unknown): unknown {
  if (value instanceof Recipe) return value.make();
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) if (i in value) out[i] = materialize(value[i]);
    return out;
  }
  return value;
}

const primitive: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, undefined, true, "", "5", "abc", "2024", "2024-13", "__proto__"),
  fc.constantFrom(...EXTREMES, ...SPECIALS),
  fc.integer({ min: -2, max: 12 }),
  fc.double(),
  fc.constantFrom<unknown>(10n, 5n, -1n, 2n ** 64n, BigInt(Number.MAX_SAFE_INTEGER)),
  fc.constant(Symbol("s")),
);

const SCALES = [
  { min: 0, max: 10 },
  { min: 1, max: 5 },
  { min: 1, max: 7 },
];

const scaleLike: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(...SCALES),
  fc.record({ min: primitive, max: primitive }),
  primitive,
);

const distributionLike: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...SCALES).chain((scale) =>
    fc
      .array(fc.nat({ max: 20 }), {
        minLength: scale.max - scale.min + 1,
        maxLength: scale.max - scale.min + 1,
      })
      .map((counts) => library.fromCounts(scale, counts)),
  ),
  fc.record({
    scale: scaleLike,
    counts: fc.oneof(fc.sparseArray(primitive, { maxLength: 11 }), fc.array(primitive)),
    n: primitive,
    total: primitive,
    sumOfSquaredWeights: primitive,
    effectiveN: primitive,
    skipped: primitive,
    missing: primitive,
  }),
);

const priceIndexLike: fc.Arbitrary<unknown> = fc.oneof(
  fc
    .uniqueArray(fc.integer({ min: 2000, max: 2010 }), { minLength: 1, maxLength: 6 })
    .chain((years) =>
      fc
        .array(
          fc.oneof(fc.double({ min: 1, max: 500, noNaN: true }), fc.constantFrom(...EXTREMES)),
          {
            minLength: years.length,
            maxLength: years.length,
          },
        )
        .map((values) =>
          years.map((year, i) => ({ period: String(year), value: values[i] as number })),
        ),
    )
    .map((points) => {
      try {
        return library.priceIndex(points);
      } catch {
        return { frequency: "year", points, gaps: [] };
      }
    }),
  fc.record({
    frequency: fc.constantFrom<unknown>("year", "month", "week", null),
    points: fc.sparseArray(
      fc.oneof(fc.record({ period: primitive, value: primitive }), primitive),
      { maxLength: 6 },
    ),
    gaps: fc.constant([]),
  }),
);

const valueInput: fc.Arbitrary<unknown> = fc.record({
  benefits: fc.oneof(
    fc.dictionary(
      fc.constantFrom("economic", "functional", "emotional", "symbolic", "x"),
      primitive,
    ),
    fc.array(fc.record({ dimension: primitive, amount: primitive, weight: primitive })),
    primitive,
  ),
  sacrifices: fc.oneof(
    fc.dictionary(fc.constantFrom("monetary", "time", "effort", "risk", "custom"), primitive),
    fc.array(fc.record({ kind: primitive, amount: primitive, weight: primitive })),
    primitive,
  ),
});

const CUSTOMER_BASE = {
  kind: "person",
  relationship: "direct",
  side: "external",
  status: "current",
};
const customers = fc
  .array(fc.constantFrom("consumer", "business"), { maxLength: 6 })
  .map((types) => types.map((type, i) => ({ ...CUSTOMER_BASE, id: `c${i}`, type })));
const segmentsDefined = fc.constant(
  library.defineSegments([
    { id: "b2b", name: "B2B", rule: { op: "eq", field: "type", value: "business" } },
  ]),
);

const structured: fc.Arbitrary<unknown> = fc.oneof(
  fc.array(primitive, { maxLength: 30 }),
  fc.sparseArray(primitive, { maxLength: 30 }),
  fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 30 }),
  fc.uint8Array({ maxLength: 30 }),
  fc.float64Array({ maxLength: 10 }),
  fc.constantFrom<unknown>(
    { length: 1e12 },
    { length: -1 },
    { length: 3 },
    new DataView(new ArrayBuffer(4)),
    new BigInt64Array([5n, -1n]),
    new Set([1, 2, 10]),
    new Map([[1, 2]]),
  ),
  fc.constant(new Recipe(throwingGetters)),
  fc.constant(new Recipe(throwingProxy)),
  fc.constant(new Recipe(revokedProxy)),
  fc.constant(new Recipe(badPrimitiveObject)),
  fc.constant(new Recipe(() => JSON.parse('{"__proto__": {"polluted": 1}, "level": 0.9}'))),
  fc.constant(new Recipe(() => [JSON.parse('{"__proto__": {"polluted": 1}}')])),
  fc.record({ promoters: primitive, passives: primitive, detractors: primitive }),
  fc.record(
    {
      values: fc.oneof(fc.uint8Array({ maxLength: 20 }), fc.array(primitive, { maxLength: 10 })),
      validity: fc.oneof(fc.uint8Array({ maxLength: 3 }), primitive),
      // Keys a column does not have: a misspelt bitmap, an Arrow Data's own.
      valdity: fc.uint8Array({ maxLength: 3 }),
      nullBitmap: fc.uint8Array({ maxLength: 3 }),
      length: fc.nat(30),
    },
    { requiredKeys: ["values"] },
  ),
  fc.dictionary(fc.string({ maxLength: 12 }), primitive, { maxKeys: 4 }),
  distributionLike,
  priceIndexLike,
  valueInput,
  fc.constantFrom<unknown>(
    (): never => {
      throw new Error("callback");
    },
    () => 5,
  ),
);

/** Any hostile argument. */
export const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 2, arbitrary: primitive },
  { weight: 3, arbitrary: structured },
);

/** Often a plausible value for the position, else anything. */
function or(plausible: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 3, arbitrary: plausible }, { weight: 1, arbitrary: hostile });
}

/**
 * A BG/NBD model: the CDNOW fit, or parameters over many decades, a = 1 (where the closed form
 * of expected purchases is 0/0) and a just off it among them, or any value at all.
 */
const bgNbdModel: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }),
  fc.record({
    r: fc.oneof(fc.double({ min: 1e-3, max: 1e3, noNaN: true }), primitive),
    alpha: fc.double({ min: 1e-3, max: 1e4, noNaN: true }),
    a: fc.oneof(
      fc.constantFrom(1, 1 + 1e-12, 1 - 1e-9),
      fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
    ),
    b: fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
  }),
);

/**
 * A series of numbers in the shapes the series reader takes: an array with holes, typed arrays
 * (of any doubles, or of float32 roundings), a Set (re-iterable, unlike an iterator, so a
 * replayed case sees the same elements).
 */
function series(element: fc.Arbitrary<unknown>, maxLength: number): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.sparseArray(element, { maxLength }) },
    {
      weight: 1,
      arbitrary: fc.array(fc.double(), { maxLength }).map((xs) => Float64Array.from(xs)),
    },
    {
      weight: 1,
      arbitrary: fc.array(fc.double(), { maxLength }).map((xs) => Float32Array.from(xs)),
    },
    { weight: 1, arbitrary: fc.array(element, { maxLength }).map((xs) => new Set(xs)) },
  );
}

const options: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(undefined),
  fc.record(
    {
      level: primitive,
      interval: fc.constantFrom<unknown>("wald", "score", "wilson", "jeffreys", "t", "bayes"),
      minSampleSize: primitive,
      invalid: fc.constantFrom<unknown>("skip", "throw", "ignore"),
      missing: fc.constantFrom<unknown>("skip", "throw"),
      weights: structured,
      confidence: primitive,
    },
    { requiredKeys: [] },
  ),
  hostile,
);

const scores = fc.oneof(
  fc.array(fc.oneof(fc.integer({ min: 0, max: 10 }), fc.constant(null)), { maxLength: 40 }),
  fc.uint8Array({ max: 11, maxLength: 40 }),
);
const period = fc.constantFrom<unknown>(
  "2000",
  "2001",
  "2003",
  "2010",
  "2024-05",
  "20x",
  "2024-W01",
  "2020-W53",
  "2021-W53",
  "2024-02-29",
  "2023-02-29",
  "2024-03-31T23:30:00-05:00",
  "2024-01-15 10:22",
  "2024-01-15T25:00",
  "1/15/2024",
  " 2024-Q1 ",
  new Date(Date.UTC(2024, 5, 30, 23, 59)),
  new Date(Number.NaN),
  new Date(8.64e15),
);

/** Text as survey exports write answers: labels, decimal commas, missing texts. */
const answerText = fc.constantFrom<unknown>(
  "10 - Extremely likely",
  "0 = Not at all likely",
  "5 (Very satisfied)",
  "Very satisfied",
  "very SATISFIED ",
  "Not applicable",
  "1,5",
  "1.5",
  " 9 ",
  "99",
  "-",
  "N/A",
  "1e400",
  "10 10",
  "",
);

/** The text rules of answerReader and of a table's `text` option, plausible or not. */
const textRules: fc.Arbitrary<unknown> = fc.record(
  {
    leadingNumber: fc.constantFrom<unknown>(true, false, "yes"),
    labels: fc.constantFrom<unknown>(
      { "Very satisfied": 5, Satisfied: 4 },
      { "very satisfied": 5, "Very satisfied ": 4 },
      { "5": 3 },
      { "Not applicable": 1 },
      { x: Number.NaN },
      [],
    ),
    missing: fc.constantFrom<unknown>(["Not applicable"], ["99"], "Not applicable", [1]),
    decimal: fc.constantFrom<unknown>("point", "comma", ","),
  },
  { requiredKeys: [] },
);

/** A flat survey table: a group column, a score column (sometimes text, as from a CSV), a weight. */
const table = fc.sparseArray(
  fc.record(
    {
      g: fc.oneof(fc.constantFrom("a", "b", null), primitive),
      s: fc.oneof(
        scores.map((x) => x[0]),
        primitive,
        answerText,
      ),
      w: fc.oneof(primitive, answerText),
    },
    { requiredKeys: [] },
  ),
  { maxLength: 30 },
);
const tableOptions: fc.Arbitrary<unknown> = fc.record(
  {
    by: fc.constantFrom<unknown>("g", "s", "x", "__proto__", (r: { g?: unknown }) => r?.g),
    score: fc.constantFrom<unknown>("s", "g", 5),
    weight: fc.constantFrom<unknown>("w", undefined),
    metric: fc.constantFrom<unknown>("nps", "csat", "ces", "xyz"),
    level: primitive,
    interval: fc.constantFrom<unknown>("wald", "score", "wilson", "t"),
    correction: fc.constantFrom<unknown>("holm", "none", "fdr"),
    invalid: fc.constantFrom<unknown>("skip", "throw"),
    minSampleSize: primitive,
    text: or(textRules),
    foldCase: fc.constantFrom<unknown>(true, false, 1),
  },
  { requiredKeys: ["by", "score"] },
);

const parseOptions = fc.record(
  { unknownKeys: fc.constantFrom<unknown>("strip", "reject", 1) },
  { requiredKeys: [] },
);

/** A Map of up to five keys, each to a small NPS distribution: the input of the *FromCounts analyses. */
function countsByKey(key: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc
    .array(fc.tuple(key, fc.nat({ max: 5 })), { maxLength: 5 })
    .map(
      (entries) =>
        new Map(
          entries.map(([k, point]) => [
            k,
            library.fromCounts(library.NPS_SCALE, { [point]: 2, 10: 1 }),
          ]),
        ),
    );
}

/** A small purchase log: a few customers, dates good and bad, amounts of every kind. */
const purchaseLog = fc.array(
  fc.record({
    customerId: fc.constantFrom("a", "b", ""),
    date: fc.oneof(period, fc.constantFrom("2024-01-05", "2024-01-05", "2024-01-06", "2024-02-30")),
    amount: fc.oneof(primitive, fc.constantFrom(0, 1e-9, 1e12)),
  }),
  { maxLength: 6 },
);

// ---- the public functions and their argument generators ----------------------------------

type Call = (args: unknown[]) => unknown;
interface Target {
  readonly name: string;
  readonly args: fc.Arbitrary<unknown[]>;
  readonly call: Call;
}

const lib = library as unknown as Record<string, (...args: unknown[]) => unknown>;
const direct = (name: string, ...positions: fc.Arbitrary<unknown>[]): Target => ({
  name,
  args: fc.tuple(...positions),
  call: (args) => (lib[name] as (...a: unknown[]) => unknown)(...args),
});

/** The async functions, fuzzed apart (their outcome is a promise): arguments and a call. */
export const ASYNC_TARGETS: readonly {
  readonly name: string;
  readonly args: fc.Arbitrary<unknown[]>;
}[] = [
  {
    name: "tallyAsync",
    args: fc.tuple(
      or(fc.oneof(scores, fc.array(fc.record({ nps: primitive }), { maxLength: 8 }))),
      or(fc.constantFrom(...SCALES)),
      or(
        fc.record(
          {
            score: fc.constant((r: { nps?: unknown }) => r?.nps),
            invalid: fc.constantFrom<unknown>("skip", "throw"),
          },
          { requiredKeys: [] },
        ),
      ),
    ),
  },
];

/** Purchase records, some of them bad. */
const purchaseRows = fc.array(
  fc.record(
    {
      customerId: fc.constantFrom<unknown>("a", "b", ""),
      date: fc.oneof(period, fc.constantFrom("2024-01-05", "2024-02-30", "2024-03-09")),
      amount: primitive,
      items: fc.constantFrom<unknown>(["n"], ["o", "n"], "n", [1]),
      outcome: fc.constantFrom<unknown>("completed", "returned", "lost"),
    },
    { requiredKeys: ["customerId", "date"] },
  ),
  { maxLength: 6 },
);

export const TARGETS: readonly Target[] = [
  direct("tally", or(scores), or(fc.constantFrom(...SCALES)), options),
  direct(
    "tallyBy",
    or(scores),
    or(fc.constant((x: unknown) => (typeof x === "number" ? x % 2 : 0))),
    or(fc.constantFrom(...SCALES)),
    or(fc.constant({ score: (x: unknown) => x })),
  ),
  direct("fromCounts", or(fc.constantFrom(...SCALES)), hostile, options),
  {
    // As arguments, or as one array (holes included).
    name: "mergeDistributions",
    args: fc.oneof(
      fc.tuple(or(distributionLike), or(distributionLike)),
      fc.tuple(fc.sparseArray(or(distributionLike), { maxLength: 4 })),
    ),
    call: (args) => (lib.mergeDistributions as (...a: unknown[]) => unknown)(...args),
  },
  direct("distributionFromJSON", or(distributionLike)),
  direct("createTally", or(fc.constantFrom(...SCALES)), options),
  {
    name: "Tally",
    args: fc.tuple(or(fc.constantFrom(...SCALES)), hostile, hostile, or(distributionLike)),
    call: ([scale, a, b, other]) => {
      const acc = new library.Tally(scale as library.Scale);
      acc.add(a as number, b as number);
      acc.addAll(a as number[], b as library.TallyOptions<number>);
      acc.merge(other as library.Distribution);
      return library.Tally.fromJSON(JSON.parse(JSON.stringify(acc)));
    },
  },
  direct("nps", or(scores), options),
  direct("csat", or(scores), options),
  direct("ces", or(scores), options),
  direct("npsCategory", hostile),
  direct("compareNps", or(scores), or(scores), options),
  direct("compareCsat", or(scores), or(scores), options),
  direct("compareCes", or(scores), or(scores), options),
  direct("compareNpsGroups", or(fc.array(or(scores), { maxLength: 4 })), options),
  direct("compareCsatGroups", or(fc.array(or(scores), { maxLength: 4 })), options),
  direct("compareCesGroups", or(fc.array(or(scores), { maxLength: 4 })), options),
  direct(
    "adjustPValues",
    or(series(fc.oneof(fc.double({ min: 0, max: 1 }), primitive), 8)),
    or(fc.constantFrom("holm", "hochberg", "benjamini-yekutieli", "BH")),
  ),
  direct("breakdown", or(table), or(tableOptions)),
  {
    // The reader is made from the rules, then called on cells: both must keep the contract.
    name: "answerReader",
    args: fc.tuple(or(textRules), fc.array(fc.oneof(answerText, primitive), { maxLength: 6 })),
    call: ([rules, cells]) => {
      const read = library.answerReader(rules as never);
      return (cells as unknown[]).map((cell, i) => read(cell, i));
    },
  },
  direct(
    "breakdownFromCounts",
    or(countsByKey(fc.oneof(fc.constantFrom("a", "A ", " a", "b", "", "  "), primitive))),
    fc.oneof(
      options,
      fc.record({ foldCase: fc.constantFrom<unknown>(true, false, "yes") }, { requiredKeys: [] }),
    ),
  ),
  direct(
    "trendFromCounts",
    or(countsByKey(period)),
    fc.oneof(
      options,
      fc.record(
        {
          every: fc.constantFrom<unknown>("week", "month", "quarter", "year", "day"),
          correction: fc.constantFrom<unknown>("none", "holm"),
        },
        { requiredKeys: [] },
      ),
    ),
  ),
  direct(
    "fromCountRows",
    or(
      fc.array(fc.record({ s: primitive, n: primitive, g: fc.constantFrom("a", null) }), {
        maxLength: 6,
      }),
    ),
    or(fc.constantFrom(...SCALES)),
    or(
      fc.record(
        {
          score: fc.constantFrom<unknown>("s", "n", 1),
          count: fc.constantFrom<unknown>("n", "s"),
          group: fc.constantFrom<unknown>("g", undefined),
          weight: fc.constantFrom<unknown>("n", undefined),
          sumOfSquaredWeights: fc.constantFrom<unknown>("n", undefined),
        },
        { requiredKeys: ["score", "count"] },
      ),
    ),
  ),
  direct(
    "trend",
    or(
      fc.sparseArray(fc.record({ p: fc.oneof(period, primitive), s: scores.map((x) => x[0]) }), {
        maxLength: 20,
      }),
    ),
    or(
      fc.record(
        {
          period: fc.constantFrom<unknown>("p", "s", "q"),
          score: fc.constantFrom<unknown>("s", "p"),
          metric: fc.constantFrom<unknown>("nps", "ces", "csat"),
          correction: fc.constantFrom<unknown>("none", "hochberg"),
          level: primitive,
          every: fc.constantFrom<unknown>("week", "month", "quarter", "year", "day"),
          text: or(textRules),
        },
        { requiredKeys: ["period", "score"] },
      ),
    ),
  ),
  direct(
    "lifetimeValue",
    or(
      fc.record(
        {
          margin: primitive,
          retention: or(fc.double({ min: 0, max: 1 })),
          discountRate: primitive,
          periods: primitive,
        },
        { requiredKeys: [] },
      ),
    ),
  ),
  direct(
    "retention",
    or(fc.record({ start: primitive, end: primitive, acquired: primitive }, { requiredKeys: [] })),
    options,
  ),
  direct(
    "funnel",
    or(
      fc.array(fc.record({ name: fc.constantFrom("a", "b", ""), count: primitive }), {
        maxLength: 5,
      }),
    ),
    options,
  ),
  direct(
    "fitBgNbd",
    or(
      fc.array(
        fc.record({
          frequency: fc.oneof(fc.integer({ min: 0, max: 5 }), primitive),
          recency: primitive,
          age: primitive,
        }),
        { maxLength: 4 },
      ),
    ),
  ),
  direct(
    "probabilityAlive",
    or(bgNbdModel),
    or(fc.record({ frequency: primitive, recency: primitive, age: primitive })),
  ),
  direct(
    "expectedPurchases",
    or(bgNbdModel),
    or(
      fc.record({
        frequency: fc.integer({ min: 0, max: 50 }),
        recency: fc.constant(0),
        age: fc.double({ min: 0.1, max: 1e3 }),
      }),
    ),
    primitive,
  ),
  direct(
    "fitGammaGamma",
    or(fc.array(fc.record({ frequency: primitive, monetary: primitive }), { maxLength: 4 })),
  ),
  direct(
    "expectedAverageValue",
    or(fc.constant({ p: 6.25, q: 3.74, gamma: 15.44 })),
    or(fc.record({ frequency: primitive, monetary: primitive })),
  ),
  direct(
    "summarizePurchases",
    or(purchaseLog),
    or(
      fc.record(
        {
          asOf: fc.constantFrom<unknown>("2024-06-01", "2023-01-01", "2024-01-06", 5),
          unit: fc.constantFrom<unknown>("day", "week", "year"),
          countBy: fc.constantFrom<unknown>("day", "row", "order"),
          allowFutureAsOf: fc.constantFrom<unknown>(true, false, 1),
        },
        { requiredKeys: [] },
      ),
    ),
  ),
  direct(
    "fitSpendModel",
    or(
      fc.array(
        fc.record({
          customerId: fc.constantFrom<unknown>("a", "b", "c", "d", "", 1),
          frequency: fc.oneof(fc.integer({ min: 0, max: 3 }), primitive),
          recency: fc.constant(1),
          age: fc.constant(2),
          monetary: fc.oneof(fc.constantFrom(0, 1e-9, 12.5, 1e12, -1), primitive),
        }),
        { maxLength: 6 },
      ),
    ),
  ),
  direct(
    "calibrationAndHoldout",
    or(purchaseLog),
    or(
      fc.record(
        {
          calibrationEnd: fc.constantFrom<unknown>("2024-01-05", "2024-01-01", "2024-02-30", 5),
          observationEnd: fc.constantFrom<unknown>(
            undefined,
            "2024-01-06",
            "2024-06-01",
            "2023-01-01",
          ),
          unit: fc.constantFrom<unknown>("day", "week", "year"),
          countBy: fc.constantFrom<unknown>("day", "row", "order"),
          allowFutureAsOf: fc.constantFrom<unknown>(true, false, 1),
        },
        { requiredKeys: [] },
      ),
    ),
  ),
  {
    // The split is made from a log, then compared with a model: both must keep the contract.
    name: "compareHoldout",
    args: fc.tuple(
      or(bgNbdModel),
      purchaseLog,
      or(fc.record({ groups: primitive }, { requiredKeys: [] })),
    ),
    call: ([model, log, options]) => {
      let data: unknown;
      try {
        data = library.calibrationAndHoldout(log as never, {
          calibrationEnd: "2024-01-05",
          allowFutureAsOf: true,
        });
      } catch {
        data = log;
      }
      return library.compareHoldout(model as never, data as never, options as never);
    },
  },
  direct(
    "cohortRetention",
    or(purchaseRows),
    or(
      fc.record(
        {
          period: fc.constantFrom<unknown>("month", "quarter", "year", "week"),
          asOf: fc.constantFrom<unknown>("2024-06-01", "2023-01-01", 5),
        },
        { requiredKeys: [] },
      ),
    ),
  ),
  direct("purchaseBehaviour", or(purchaseRows), options),
  direct(
    "existingCustomerLift",
    or(purchaseRows),
    or(
      fc.record(
        {
          since: fc.constantFrom<unknown>("2024-01-01", "2024-02-30", undefined),
          asOf: fc.constantFrom<unknown>("2024-06-01", "2023-01-01"),
          newProducts: fc.constantFrom<unknown>(["n"], [], "n", [""]),
          level: primitive,
        },
        { requiredKeys: [] },
      ),
    ),
  ),
  direct(
    "trialLift",
    or(fc.record({ tried: primitive, customers: primitive }, { requiredKeys: [] })),
    or(fc.record({ tried: primitive, customers: primitive }, { requiredKeys: [] })),
    options,
  ),
  direct("spendLift", or(series(primitive, 5)), or(series(primitive, 5)), options),
  direct("repeatPurchaseProbability", or(bgNbdModel), primitive, primitive),
  direct("expectedRepeatPurchases", or(bgNbdModel), primitive),
  direct(
    "expectedLifetimeValue",
    or(bgNbdModel),
    or(fc.constant({ p: 6.25, q: 3.74, gamma: 15.44 })),
    or(
      fc.record({
        frequency: fc.integer({ min: 0, max: 20 }),
        recency: fc.constant(0),
        age: fc.double({ min: 0.1, max: 100 }),
        monetary: primitive,
      }),
    ),
    options,
  ),
  direct(
    "rfmScores",
    or(
      fc.array(
        fc.record({
          customerId: fc.constant("c"),
          recency: primitive,
          frequency: primitive,
          monetary: primitive,
        }),
        { maxLength: 6 },
      ),
    ),
    or(fc.record({ bins: primitive }, { requiredKeys: [] })),
  ),
  direct("useWebAssembly", fc.oneof(fc.boolean(), primitive)),
  direct(
    "rfmSegment",
    or(fc.record({ recency: primitive, frequency: primitive }, { requiredKeys: [] })),
  ),
  direct(
    "withRfmScores",
    or(customers),
    or(
      fc.array(
        fc.record({
          customerId: fc.constantFrom("c0", "c1", "zz"),
          recency: primitive,
          frequency: primitive,
          monetary: primitive,
        }),
        { maxLength: 3 },
      ),
    ),
  ),
  direct(
    "acquisitionCost",
    or(fc.record({ spend: primitive, customers: primitive }, { requiredKeys: [] })),
  ),
  direct(
    "paybackPeriod",
    or(
      fc.record(
        {
          cost: primitive,
          margin: primitive,
          horizon: primitive,
          margins: series(primitive, 6),
        },
        { requiredKeys: [] },
      ),
    ),
  ),
  direct("npsMarginOfError", or(fc.integer({ min: 0, max: 1000 })), options),
  direct("npsSampleSize", or(fc.double({ min: 0, max: 300 })), options),
  direct("csatMarginOfError", or(fc.integer({ min: 0, max: 1000 })), options),
  direct("csatSampleSize", or(fc.double({ min: 0, max: 150 })), options),
  direct("customerValue", or(valueInput)),
  direct("compareValue", or(valueInput), or(valueInput)),
  direct("summarizeValue", or(fc.sparseArray(valueInput, { maxLength: 6 })), options),
  direct("purchasingPower", primitive, or(fc.oneof(primitive, series(primitive, 6))), options),
  direct("realChange", primitive, primitive),
  direct("cumulativeInflation", or(series(primitive, 6))),
  direct("averageInflation", or(series(primitive, 6))),
  direct(
    "convertRate",
    primitive,
    or(fc.constantFrom("year", "month", "quarter")),
    or(fc.constantFrom("year", "month", "quarter")),
  ),
  direct("monthlyToAnnual", primitive),
  direct("annualToMonthly", primitive),
  direct(
    "priceIndex",
    or(fc.sparseArray(fc.record({ period, value: primitive }), { maxLength: 6 })),
  ),
  direct("inflationBetween", or(priceIndexLike), or(period), or(period)),
  direct("convertAmount", or(priceIndexLike), primitive, or(period), or(period)),
  direct("unitPurchasingPower", or(priceIndexLike), or(period), or(period)),
  direct("rebaseIndex", or(priceIndexLike), or(period), primitive),
  direct(
    "deflateSeries",
    or(priceIndexLike),
    or(fc.sparseArray(fc.record({ period, value: primitive }), { maxLength: 5 })),
    or(period),
  ),
  direct(
    "parseCustomers",
    or(
      fc.sparseArray(
        fc.oneof(
          customers.map((c) => c[0]),
          customers.map((c) => ({
            ...c[0],
            email: "x@example.com",
            attributes: { demographic: { age: 3, shoe: 9 } },
          })),
          hostile,
        ),
        { maxLength: 5 },
      ),
    ),
    or(parseOptions),
  ),
  direct("parsePurchases", or(fc.sparseArray(hostile, { maxLength: 5 })), or(parseOptions)),
  direct(
    "parseSurveyResponses",
    or(fc.sparseArray(hostile, { maxLength: 5 })),
    or(
      fc.record(
        {
          unknownKeys: fc.constantFrom<unknown>("strip", "reject", "drop"),
          scales: or(fc.record({ csat: or(fc.constantFrom(...SCALES)) })),
        },
        { requiredKeys: [] },
      ),
    ),
  ),
  direct(
    "surveyResponseSchema",
    or(fc.record({ csat: or(fc.constantFrom(...SCALES)), ces: hostile }, { requiredKeys: [] })),
  ),
  direct("parseRecords", hostile, or(fc.array(hostile, { maxLength: 4 }))),
  direct(
    "defineSegments",
    or(fc.array(fc.record({ id: primitive, name: primitive, rule: hostile }), { maxLength: 3 })),
  ),
  direct("inSegment", hostile, hostile),
  direct("segmentCustomers", or(customers), or(segmentsDefined), options),
  {
    name: "segmentMetrics",
    args: fc.tuple(
      customers,
      hostile,
      or(
        fc.sparseArray(
          fc.record({ customerId: fc.constantFrom("c0", "c1", "zz"), nps: primitive }),
          { maxLength: 8 },
        ),
      ),
      options,
      fc.boolean(),
    ),
    call: ([base, other, responses, opts, reversed]) => {
      const list = Array.isArray(base) ? base : [];
      const report = library.segmentCustomers(
        list as library.Customer[],
        library.defineSegments([
          { id: "b2b", name: "B2B", rule: { op: "eq", field: "type", value: "business" } },
        ]),
      );
      const given = reversed ? [...list].reverse() : Array.isArray(base) ? list : other;
      return library.segmentMetrics(
        report,
        given as library.Customer[],
        responses as library.SurveyResponse[],
        opts as library.SegmentMetricsOptions,
      );
    },
  },
  {
    name: "segmentValues",
    args: fc.tuple(customers, or(valueInput), options),
    call: ([base, value, opts]) => {
      const list = (Array.isArray(base) ? base : []) as library.Customer[];
      const report = library.segmentCustomers(
        list,
        library.defineSegments([
          { id: "b2b", name: "B2B", rule: { op: "eq", field: "type", value: "business" } },
        ]),
      );
      return library.segmentValues(
        report,
        [...list].reverse(),
        () => value as library.CustomerValueInput,
        opts as library.ValueSummaryOptions,
      );
    },
  },
];

// ---- the checks ------------------------------------------------------------------------

/** Why a result breaks the contract (a non-finite number, a hole), or undefined. */
export function resultProblem(value: unknown, path: string, seen: Set<object>): string | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? undefined : `${path} is ${value}`;
  if (typeof value !== "object" || value === null) return undefined;
  if (seen.has(value)) return undefined;
  seen.add(value);
  if (value instanceof library.Tally)
    return resultProblem(value.snapshot(), `${path}.snapshot()`, seen);
  if (value instanceof Map) {
    for (const [key, item] of value) {
      const problem = resultProblem(item, `${path}.get(${String(key)})`, seen);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) return `${path}[${i}] is a hole`;
      const problem = resultProblem(value[i], `${path}[${i}]`, seen);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    const problem = resultProblem(item, `${path}.${key}`, seen);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/** A fingerprint of an argument's plain data (holes marked), or undefined if it cannot be read. */
function fingerprint(value: unknown): string | undefined {
  const seen = new Set<object>();
  const walk = (v: unknown): unknown => {
    if (typeof v === "bigint") return `${v}n`;
    if (typeof v === "number") return Object.is(v, -0) ? "-0" : Number.isNaN(v) ? "NaN" : v;
    if (typeof v === "symbol" || typeof v === "function") return String(v);
    if (typeof v !== "object" || v === null) return v;
    if (seen.has(v)) return "[cycle]";
    seen.add(v);
    if (ArrayBuffer.isView(v))
      return Array.from(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
    if (Array.isArray(v))
      return Array.from({ length: v.length }, (_, i) => (i in v ? walk(v[i]) : "[hole]"));
    if (v instanceof Map || v instanceof Set) return [...v].map(walk);
    return Object.fromEntries(
      Object.keys(v).map((k) => [k, walk((v as Record<string, unknown>)[k])]),
    );
  };
  try {
    return JSON.stringify(walk(value));
  } catch {
    return undefined;
  }
}

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).join();

/** One broken promise: which function, what it was given, what happened. */
export interface Escape {
  readonly fn: string;
  readonly what: string;
  readonly args: string;
}

function describeArgs(args: readonly unknown[]): string {
  return fc.stringify(args).slice(0, 300);
}

/** Call one target with one argument list and return what broke, if anything. */
/** Whether a generated argument holds something that may throw when read (a recipe, a callback). */
function mayThrow(value: unknown, depth = 0): boolean {
  if (value instanceof Recipe || typeof value === "function") return true;
  if (depth > 3 || typeof value !== "object" || value === null) return false;
  return Object.values(value).some((item) => mayThrow(item, depth + 1));
}

/** The arguments as a call receives them (recipes built). */
export function materialized(generated: readonly unknown[]): unknown[] {
  return generated.map(materialize);
}

export function check(target: Target, generated: unknown[]): string | undefined {
  const args = generated.map(materialize);
  const before = args.map(fingerprint);
  let result: unknown;
  let problem: string | undefined;
  try {
    result = target.call(args);
    problem = resultProblem(result, "result", new Set());
  } catch (error) {
    if (!(error instanceof MetricError)) {
      problem = `threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
    } else if (!CODES.has(error.code)) {
      problem = `undocumented code ${error.code}`;
    } else if (
      error.cause !== undefined &&
      !(error.cause instanceof MetricError) &&
      !generated.some((arg) => mayThrow(arg))
    ) {
      // guarded() turned an exception into INVALID_INPUT although nothing given could throw:
      // that is a bug of ours, masked. (A MetricError as the cause is the same error relabelled:
      // inArgument naming its argument, onBehalfOf naming the function called.)
      problem = `masked an internal error: ${String(error.cause)}`;
    }
  }
  if (problem === undefined) {
    const after = args.map(fingerprint);
    args.forEach((_, i) => {
      if (problem === undefined && before[i] !== undefined && before[i] !== after[i]) {
        problem = `mutated argument ${i}`;
      }
    });
  }
  if (
    problem === undefined &&
    Object.getOwnPropertyNames(Object.prototype).join() !== PROTOTYPE_KEYS
  ) {
    problem = "polluted Object.prototype";
  }
  if (problem === undefined && ({} as { polluted?: unknown }).polluted !== undefined) {
    problem = "polluted Object.prototype";
  }
  // Every row accounted for: a tally of an array counts each row as counted, skipped or missing.
  if (problem === undefined && target.name === "tally" && result && Array.isArray(generated[0])) {
    const d = result as library.Distribution;
    if (d.n + d.skipped + d.missing !== (generated[0] as unknown[]).length)
      problem = "lost rows without a count";
  }
  // …and a parse accounts for every record as valid or rejected, holes included.
  const records = target.name === "parseRecords" ? generated[1] : generated[0];
  if (
    problem === undefined &&
    target.name.startsWith("parse") &&
    result &&
    Array.isArray(records)
  ) {
    const parsed = result as { valid: unknown[]; rejected: unknown[] };
    if (parsed.valid.length + parsed.rejected.length !== records.length) {
      problem = "lost records without a count";
    }
  }
  return problem;
}

/** Run every target `runs` times from `seed`; returns the number of calls and every escape. */
export function fuzz(runs: number, seed: number): { calls: number; escapes: Escape[] } {
  let calls = 0;
  const escapes: Escape[] = [];
  TARGETS.forEach((target, t) => {
    for (const args of fc.sample(target.args, { numRuns: runs, seed: seed + t })) {
      calls++;
      const what = check(target, args);
      if (what !== undefined) escapes.push({ fn: target.name, what, args: describeArgs(args) });
    }
  });
  return { calls, escapes };
}
