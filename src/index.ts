/**
 * customer-metrics: customer-metric primitives for TypeScript — NPS, CSAT and CES from one
 * distribution, with standard errors, confidence intervals and tests; customer value and
 * purchasing power; customer and segment models.
 *
 * @packageDocumentation
 */

export * from "./core.js";
export * from "./customers/index.js";
