/*
 * The customer and segment models (zod schemas and the types they produce), parsing of
 * untrusted records, segmentation and per-segment metrics, exported by the package root. Built
 * as its own entry so that a bundle importing only the numeric functions drops this part, and
 * zod with it.
 */

export {
  type B2bAttributes,
  BUYING_ROLES,
  type BuyingRole,
  CUSTOMER_KINDS,
  CUSTOMER_RELATIONSHIPS,
  CUSTOMER_SIDES,
  CUSTOMER_STATUSES,
  CUSTOMER_TYPES,
  type CustomAttributeValue,
  type Customer,
  type CustomerAttributes,
  type CustomerKind,
  type CustomerRelationship,
  CustomerSchema,
  type CustomerSide,
  type CustomerStatus,
  type CustomerType,
  type DemographicAttributes,
  type PsychographicAttributes,
  type PurchaseBehaviourAttributes,
  type RegionalAttributes,
  type RelationshipDepthAttributes,
  SEGMENTATION_CRITERIA,
  type SegmentationCriterion,
  type SocialAttributes,
  type UsageAttributes,
  type ValuesAttributes,
} from "./customer.js";
export {
  type ParseOptions,
  type ParseResult,
  parseCustomers,
  parsePurchases,
  parseRecords,
  parseSurveyResponses,
  type RejectedRecord,
  type StrippedRecord,
  type SurveyResponseParseOptions,
} from "./parse.js";
export type { RecordIssue } from "./record-checks.js";
export {
  type Purchase,
  type PurchaseRole,
  PurchaseSchema,
  type SurveyResponse,
  SurveyResponseSchema,
  surveyResponseSchema,
} from "./records.js";
export { RFM_SEGMENTS, withRfmScores } from "./rfm-segments.js";
export type { ObjectSchema } from "./schema-shape.js";
export { defineSegments, inSegment } from "./segment.js";
export {
  type SegmentMetricRow,
  type SegmentMetricsOptions,
  type SegmentMetricsReport,
  segmentMetrics,
} from "./segment-metrics.js";
export {
  type AllRule,
  type AnyRule,
  type EqRule,
  type ExistsRule,
  type IncludesRule,
  type InRule,
  type NotRule,
  type RangeRule,
  type RuleValue,
  type Segment,
  type SegmentRule,
  SegmentRuleSchema,
  SegmentSchema,
} from "./segment-rule.js";
export { type SegmentValueReport, type SegmentValueRow, segmentValues } from "./segment-value.js";
export {
  type AttributeSpread,
  type Homogeneity,
  type SegmentationMode,
  type SegmentationOptions,
  type SegmentReport,
  type SegmentSummary,
  segmentCustomers,
} from "./segmentation.js";
