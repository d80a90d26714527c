import type { Customer } from "../../src/customers/customer.js";

/** A small deterministic customer base for the tests. */
export function makeCustomers(count: number, seed = 7): Customer[] {
  let state = seed;
  const next = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;
  return Array.from({ length: count }, (_, i) => {
    const business = next() < 0.3;
    return {
      id: `c-${i}`,
      kind: business ? "organisation" : "person",
      type: business
        ? pick(["business", "reseller", "public"] as const)
        : pick(["consumer", "group"] as const),
      relationship: pick(["direct", "indirect"] as const),
      side: "external",
      status: pick(["potential", "current", "current", "former"] as const),
      attributes: {
        demographic: business ? undefined : { age: 18 + Math.floor(next() * 60) },
        usage: { usageRate: pick(["non-user", "light", "medium", "heavy"] as const) },
        regional: {
          country: pick(["FI", "SE", "EE"]),
          urbanity: pick(["urban", "suburban", "rural"] as const),
        },
        purchaseBehaviour: next() < 0.9 ? { totalSpend: Math.round(next() * 5000) } : undefined,
        benefitSought: next() < 0.5 ? ["price"] : ["quality", "service"],
        custom: { tier: pick(["gold", "silver", "bronze"]), score: Math.round(next() * 100) },
      },
    } satisfies Customer;
  });
}
