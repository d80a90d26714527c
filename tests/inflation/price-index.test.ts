import { describe, expect, it } from "vitest";
import {
  convertAmount,
  deflateSeries,
  type IndexPoint,
  inflationBetween,
  type PriceIndex,
  priceIndex,
  rebaseIndex,
  unitPurchasingPower,
} from "../../src/inflation/price-index.js";
import { codeOf } from "../codes.js";
import { expectClose } from "../helpers.js";

// U.S. CPI-U, U.S. city average, all items, annual averages (BLS series CUUR0000SA0, 1982–84 = 100).
const CPI_U = [
  { period: "2019", value: 255.657 },
  { period: "2020", value: 258.811 },
  { period: "2021", value: 270.97 },
  { period: "2022", value: 292.655 },
  { period: "2023", value: 304.702 },
  { period: "2024", value: 313.689 },
];

describe("priceIndex", () => {
  it("orders points, reports gaps and freezes the result", () => {
    const index = priceIndex([
      { period: "2024-03", value: 103 },
      { period: "2023-12", value: 100 },
    ]);
    expect(index.frequency).toBe("month");
    expect(index.points.map((p) => p.period)).toEqual(["2023-12", "2024-03"]);
    expect(index.gaps).toEqual(["2024-01", "2024-02"]);
    expect(
      Object.isFrozen(index) && Object.isFrozen(index.points) && Object.isFrozen(index.points[0]),
    ).toBe(true);
    expect(
      priceIndex([
        { period: "2023-Q4", value: 1 },
        { period: "2024-Q2", value: 2 },
      ]).gaps,
    ).toEqual(["2024-Q1"]);
  });

  it("round-trips through JSON and is checked again when it comes back", () => {
    const index = priceIndex(CPI_U);
    const revived = JSON.parse(JSON.stringify(index)) as PriceIndex;
    expect(inflationBetween(revived, "2021", "2022")).toBe(inflationBetween(index, "2021", "2022"));
    const forged = { ...revived, points: [...revived.points, { period: "2022", value: 1 }] };
    expect(codeOf(() => inflationBetween(forged, "2021", "2022"))).toBe("DUPLICATE_PERIOD");
    expect(codeOf(() => inflationBetween(null as unknown as PriceIndex, "2021", "2022"))).toBe(
      "INVALID_INPUT",
    );
  });

  it("refuses malformed series with a code naming the point", () => {
    expect(codeOf(() => priceIndex([]))).toBe("INVALID_INPUT");
    expect(codeOf(() => priceIndex([{ period: "2024", value: 0 }]))).toBe("INVALID_INPUT");
    expect(codeOf(() => priceIndex([{ period: "2024", value: Number.NaN }]))).toBe("INVALID_INPUT");
    for (const period of [
      "24",
      "2024-1",
      "2024-00",
      "2024-13",
      "2024-Q5",
      "2024Q1",
      " 2024",
      2024,
    ]) {
      expect(codeOf(() => priceIndex([{ period: period as string, value: 1 }]))).toBe(
        "INVALID_PERIOD",
      );
    }
    expect(
      codeOf(() =>
        priceIndex([
          { period: "2024", value: 1 },
          { period: "2024-01", value: 1 },
        ]),
      ),
    ).toBe("INVALID_PERIOD");
    try {
      priceIndex([
        { period: "2024", value: 1 },
        { period: "2023", value: 1 },
        { period: "2024", value: 2 },
      ]);
      expect.fail("should throw");
    } catch (error) {
      expect((error as { code: string }).code).toBe("DUPLICATE_PERIOD");
      expect((error as Error).message).toContain("points[2] repeats the period 2024 of points[0]");
    }
  });
});

describe("hand-built indexes (issue 9, item 4)", () => {
  it("answers from the current points, never from a stale check", () => {
    const points = [
      { period: "2020", value: 100 },
      { period: "2021", value: 110 },
    ];
    const index = { frequency: "year", points, gaps: [] } as PriceIndex;
    expect(inflationBetween(index, "2020", "2021")).toBeCloseTo(0.1, 15);
    (points[1] as { value: number }).value = 150;
    expect(inflationBetween(index, "2020", "2021")).toBeCloseTo(0.5, 15);
    points.push({ period: "2022", value: -1 });
    expect(codeOf(() => inflationBetween(index, "2020", "2021"))).toBe("INVALID_INPUT");
  });

  it("refuses holes, and results that overflow or underflow", () => {
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point of the test
    const holey = { frequency: "year", points: [{ period: "2020", value: 1 }, ,], gaps: [] };
    expect(codeOf(() => inflationBetween(holey as never, "2020", "2020"))).not.toBeUndefined();
    const extreme = priceIndex([
      { period: "2020", value: 5e-324 },
      { period: "2021", value: 1e308 },
    ]);
    expect(codeOf(() => inflationBetween(extreme, "2020", "2021"))).toBe("NON_FINITE");
    expect(codeOf(() => unitPurchasingPower(extreme, "2020", "2021"))).toBe("NON_FINITE");
    expect(codeOf(() => convertAmount(extreme, 1, "2021", "2020"))).toBe("NON_FINITE");
    expect(codeOf(() => rebaseIndex(extreme, "2020"))).toBe("NON_FINITE");
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point of the test
    const series = [{ period: "2020", value: 1 }, , { period: "2021", value: 1 }] as IndexPoint[];
    expect(codeOf(() => deflateSeries(extreme, series, "2020"))).toBe("INVALID_INPUT");
  });
});

describe("worked example: U.S. CPI-U annual averages", () => {
  const cpi = priceIndex(CPI_U);

  it("gives the annual inflation rates BLS publishes (1.2, 4.7, 8.0, 4.1, 2.9 %)", () => {
    const rates = ["2020", "2021", "2022", "2023", "2024"].map(
      (year) => Math.round(inflationBetween(cpi, String(Number(year) - 1), year) * 1000) / 10,
    );
    expect(rates).toEqual([1.2, 4.7, 8, 4.1, 2.9]);
  });

  it("converts money between years and back", () => {
    expectClose(convertAmount(cpi, 1000, "2019", "2024"), (1000 * 313.689) / 255.657, 1e-15);
    expectClose(unitPurchasingPower(cpi, "2019", "2024"), 255.657 / 313.689, 1e-15);
    const there = convertAmount(cpi, 1234.56, "2020", "2023");
    expectClose(convertAmount(cpi, there, "2023", "2020"), 1234.56, 1e-15);
  });

  it("rebases without changing any inflation figure", () => {
    const rebased = rebaseIndex(cpi, "2020");
    expect(rebased.points[1]).toEqual({ period: "2020", value: 100 });
    expectClose(
      inflationBetween(rebased, "2021", "2022"),
      inflationBetween(cpi, "2021", "2022"),
      1e-14,
    );
    expect(rebaseIndex(cpi, "2024", 1).points[5]?.value).toBe(1);
    expect(codeOf(() => rebaseIndex(cpi, "2018"))).toBe("UNKNOWN_PERIOD");
    expect(codeOf(() => rebaseIndex(cpi, "2020", 0))).toBe("INVALID_INPUT");
  });

  it("deflates a nominal series to real terms", () => {
    const revenue = [
      { period: "2022", value: 1_000_000 },
      { period: "2024", value: 1_080_000 },
    ];
    const real = deflateSeries(cpi, revenue, "2022");
    expect(real[0]).toEqual({ period: "2022", value: 1_000_000 });
    expectClose(real[1]?.value as number, (1_080_000 * 292.655) / 313.689, 1e-15);
    expect(codeOf(() => deflateSeries(cpi, [{ period: "2025", value: 1 }], "2022"))).toBe(
      "UNKNOWN_PERIOD",
    );
    expect(codeOf(() => deflateSeries(cpi, [{ period: "2024", value: Number.NaN }], "2022"))).toBe(
      "NON_FINITE",
    );
    expect(codeOf(() => deflateSeries(cpi, [{ period: "2024-01", value: 1 }], "2022"))).toBe(
      "INVALID_PERIOD",
    );
    expect(codeOf(() => deflateSeries(cpi, {} as never, "2022"))).toBe("INVALID_INPUT");
    expect(codeOf(() => deflateSeries(cpi, [{ period: "2019", value: 1.7e308 }], "2024"))).toBe(
      "NON_FINITE",
    );
  });

  it("refuses unknown and malformed periods and amounts", () => {
    expect(codeOf(() => inflationBetween(cpi, "2010", "2024"))).toBe("UNKNOWN_PERIOD");
    expect(codeOf(() => inflationBetween(cpi, "2019-01", "2024"))).toBe("INVALID_PERIOD");
    expect(codeOf(() => convertAmount(cpi, Number.NaN, "2019", "2024"))).toBe("NON_FINITE");
    expect(codeOf(() => convertAmount(cpi, 1.7e308, "2019", "2024"))).toBe("NON_FINITE");
  });
});
