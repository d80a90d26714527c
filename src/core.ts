/*
 * The numeric part of customer-metrics (distributions, survey metrics, table analysis,
 * planning, value, inflation): no zod. Published as the subpath `customer-metrics/core` for
 * pipelines that do not want the zod peer loaded at all; the package root re-exports it with
 * the zod-based customer models.
 */

export {
  acquisitionCost,
  type Payback,
  paybackPeriod,
} from "./acquisition/acquisition-cost.js";
export { type Funnel, type FunnelStage, type FunnelStep, funnel } from "./acquisition/funnel.js";
export {
  adjustPValues,
  type PValueAdjustment,
} from "./analysis/adjust-p-values.js";
export {
  type Breakdown,
  type BreakdownFromCountsOptions,
  type BreakdownGroup,
  type BreakdownOptions,
  breakdown,
  breakdownFromCounts,
} from "./analysis/breakdown.js";
export type { GroupResult } from "./analysis/group-report.js";
export type { GroupSpelling } from "./analysis/group-spelling.js";
export type {
  MetricGroupTest,
  MetricOptions,
  MetricResult,
  MetricTest,
  SurveyMetric,
} from "./analysis/metric.js";
export type { TrendFrequency } from "./analysis/period-reader.js";
export type { TableOptions } from "./analysis/table.js";
export {
  type Trend,
  type TrendFromCountsOptions,
  type TrendOptions,
  type TrendPeriod,
  trend,
  trendFromCounts,
} from "./analysis/trend.js";
export type { PeriodFrequency } from "./common/period.js";
export type {
  ConfidenceInterval,
  ProportionIntervalMethod,
  SampleSize,
  SurveyOptions,
} from "./common/results.js";
export {
  type AnswerReader,
  type AnswerTextOptions,
  answerReader,
} from "./distribution/answer-text.js";
export { useWebAssembly } from "./distribution/byte-kernel.js";
export type { Column } from "./distribution/columns.js";
export { type CountRowsOptions, fromCountRows } from "./distribution/count-rows.js";
export {
  type Distribution,
  distributionFromJSON,
  type FromCountsOptions,
  fromCounts,
} from "./distribution/distribution.js";
export type {
  InvalidPolicy,
  MaskedColumn,
  MissingPolicy,
  ScoreInput,
} from "./distribution/input.js";
export { mergeDistributions } from "./distribution/merge.js";
export { CES_SCALE, CSAT_SCALE, NPS_SCALE, type Scale } from "./distribution/scale.js";
export {
  createTally,
  Tally,
  type TallyAccumulatorOptions,
  type TallyOptions,
  tally,
} from "./distribution/tally.js";
export { tallyAsync } from "./distribution/tally-async.js";
export { type TallyByOptions, tallyBy } from "./distribution/tally-by.js";
export {
  MetricError,
  type MetricErrorCode,
  type MetricErrorDetails,
} from "./errors/metric-error.js";
export {
  convertAmount,
  deflateSeries,
  type IndexPoint,
  inflationBetween,
  type PriceIndex,
  priceIndex,
  rebaseIndex,
  unitPurchasingPower,
} from "./inflation/price-index.js";
export {
  annualToMonthly,
  averageInflation,
  convertRate,
  cumulativeInflation,
  monthlyToAnnual,
  type PurchasingPowerOptions,
  purchasingPower,
  type RateFrequency,
  realChange,
} from "./inflation/rates.js";
export {
  type BgNbdModel,
  expectedPurchases,
  fitBgNbd,
  type PurchaseHistory,
  probabilityAlive,
} from "./loyalty/bg-nbd.js";
export {
  type CalibrationAndHoldout,
  type CalibrationHistory,
  calibrationAndHoldout,
  compareHoldout,
  type HoldoutComparison,
  type HoldoutGroup,
} from "./loyalty/calibration-holdout.js";
export { type Cohort, type CohortTable, cohortRetention } from "./loyalty/cohorts.js";
export {
  type BuyerGroup,
  type ExistingCustomerLift,
  existingCustomerLift,
} from "./loyalty/existing-customers.js";
export { expectedLifetimeValue } from "./loyalty/expected-value.js";
export {
  expectedAverageValue,
  fitGammaGamma,
  type GammaGammaModel,
  type SpendHistory,
} from "./loyalty/gamma-gamma.js";
export { type LifetimeValueInput, lifetimeValue } from "./loyalty/lifetime-value.js";
export {
  type Lift,
  type SpendLift,
  spendLift,
  type TrialCounts,
  trialLift,
} from "./loyalty/lift.js";
export { type PurchaseBehaviour, purchaseBehaviour } from "./loyalty/purchase-behaviour.js";
export {
  type CustomerHistory,
  type PurchaseSummary,
  summarizePurchases,
} from "./loyalty/purchase-history.js";
export type { PurchaseCount, PurchaseRecord } from "./loyalty/purchase-records.js";
export {
  expectedRepeatPurchases,
  repeatPurchaseProbability,
} from "./loyalty/repeat-purchases.js";
export { type Retention, retention } from "./loyalty/retention.js";
export { type RfmInput, type RfmScore, rfmScores } from "./loyalty/rfm.js";
export { type RfmSegmentId, rfmSegment } from "./loyalty/rfm-segment.js";
export { fitSpendModel, type SpendModelFit } from "./loyalty/spend-model.js";
export {
  type CsatPlanningOptions,
  csatMarginOfError,
  csatSampleSize,
  type NpsPlanningOptions,
  npsMarginOfError,
  npsSampleSize,
} from "./planning/margin-of-error.js";
export {
  type CesDirection,
  type CesIntervalMethod,
  type CesOptions,
  type CesResult,
  ces,
} from "./survey/ces.js";
export {
  type ComparedSample,
  type Comparison,
  compareCes,
  compareCsat,
  compareNps,
} from "./survey/compare.js";
export { type CsatIntervalMethod, type CsatOptions, type CsatResult, csat } from "./survey/csat.js";
export {
  type CesGroupTests,
  compareCesGroups,
  compareCsatGroups,
  compareNpsGroups,
  type GroupSamples,
  type GroupTest,
  type NpsGroupTests,
} from "./survey/group-tests.js";
export {
  type NpsCategory,
  type NpsCounts,
  type NpsInput,
  type NpsIntervalMethod,
  type NpsOptions,
  type NpsResult,
  nps,
  npsCategory,
} from "./survey/nps.js";
export {
  BENEFIT_DIMENSIONS,
  type BenefitDimension,
  type BenefitItem,
  type Benefits,
  type CustomerValue,
  type CustomerValueInput,
  customerValue,
  type SacrificeItem,
  type SacrificeKind,
  type Sacrifices,
  type WeightedAmount,
} from "./value/customer-value.js";
export {
  type BenefitComparison,
  compareValue,
  type Leader,
  type SacrificeComparison,
  type ValueComparison,
} from "./value/relative-value.js";
export {
  summarizeValue,
  type ValueSummary,
  type ValueSummaryOptions,
} from "./value/value-summary.js";
