/**
 * The catalogue of customer fields a segment rule may name, read off {@link CustomerSchema}
 * itself, so that rules and schema cannot drift apart.
 *
 * @internal
 * @module
 */
import { CRITERION_OF_GROUP, CustomerSchema, type SegmentationCriterion } from "./customer.js";

/** What a field holds, for checking the comparisons a rule makes on it. */
export type FieldKind = "string" | "number" | "boolean" | "date" | "string[]" | "custom";

/** One field a rule may name. */
export interface FieldInfo {
  readonly path: string;
  readonly kind: FieldKind;
  /** The allowed values of an enumerated field. */
  readonly choices?: readonly string[];
  /** The segmentation criterion the field belongs to. */
  readonly criterion: SegmentationCriterion;
}

interface Def {
  type: string;
  shape?: Record<string, { _zod: { def: Def } }>;
  innerType?: { _zod: { def: Def } };
  element?: { _zod: { def: Def } };
  entries?: Record<string, string>;
  format?: string;
}

function defOf(schema: unknown): Def {
  return (schema as { _zod: { def: Def } })._zod.def;
}

function kindOf(def: Def): { kind: FieldKind; choices?: readonly string[] } | undefined {
  switch (def.type) {
    case "optional":
      return def.innerType === undefined ? undefined : kindOf(defOf(def.innerType));
    case "string":
      return { kind: def.format === "date" ? "date" : "string" };
    case "number":
      return { kind: "number" };
    case "boolean":
      return { kind: "boolean" };
    case "enum":
      return { kind: "string", choices: Object.values(def.entries ?? {}) };
    case "array":
      return def.element !== undefined && kindOf(defOf(def.element))?.kind === "string"
        ? { kind: "string[]" }
        : undefined;
    case "record":
      return { kind: "custom" };
    default:
      return undefined;
  }
}

function walk(
  def: Def,
  prefix: string,
  criterion: SegmentationCriterion,
  out: Map<string, FieldInfo>,
): void {
  const object =
    def.type === "optional" && def.innerType !== undefined ? defOf(def.innerType) : def;
  if (object.type !== "object" || object.shape === undefined) return;
  for (const [key, child] of Object.entries(object.shape)) {
    const path = prefix === "" ? key : `${prefix}.${key}`;
    const childCriterion =
      prefix === "attributes" ? (CRITERION_OF_GROUP[key] ?? criterion) : criterion;
    const childDef = defOf(child);
    const leaf = kindOf(childDef);
    if (leaf !== undefined) {
      out.set(path, { path, criterion: childCriterion, ...leaf });
    } else {
      walk(childDef, path, childCriterion, out);
    }
  }
}

let catalogue: ReadonlyMap<string, FieldInfo> | undefined;

/** Every field of a customer, by dotted path (custom attributes: `attributes.custom.<name>`). */
export function customerFields(): ReadonlyMap<string, FieldInfo> {
  if (catalogue === undefined) {
    const out = new Map<string, FieldInfo>();
    walk(defOf(CustomerSchema), "", "classification", out);
    catalogue = out;
  }
  return catalogue;
}

/** The field a path names, including `attributes.custom.<name>`; undefined if none. */
export function fieldAt(path: string): FieldInfo | undefined {
  const known = customerFields().get(path);
  if (known !== undefined && known.kind !== "custom") return known;
  const custom = /^attributes\.custom\.([A-Za-z0-9_-]{1,64})$/.exec(path);
  // A custom name that Object.prototype also has (constructor, toString …) could be read off the
  // prototype of a record that lacks it; such names are refused.
  if (custom === null || (custom[1] as string) in Object.prototype) return undefined;
  return { path, kind: "custom", criterion: "custom" };
}

/**
 * A reader of a dotted path on any value: undefined wherever the path breaks off. Paths come
 * from {@link fieldAt}, whose names never collide with Object.prototype's, so plain property
 * reads are safe; readers of up to four keys are unrolled for speed (segmenting a million
 * customers reads millions of paths).
 */
export function pathReader(path: string): (record: unknown) => unknown {
  type Bag = Record<string, unknown> | null | undefined;
  const keys = path.split(".");
  const [a, b, c, d] = keys as [string, string?, string?, string?];
  switch (keys.length) {
    case 1:
      return (r) => (r as Bag)?.[a];
    case 2:
      return (r) => ((r as Bag)?.[a] as Bag)?.[b as string];
    case 3:
      return (r) => (((r as Bag)?.[a] as Bag)?.[b as string] as Bag)?.[c as string];
    case 4:
      return (r) =>
        ((((r as Bag)?.[a] as Bag)?.[b as string] as Bag)?.[c as string] as Bag)?.[d as string];
    default:
      return (r) => {
        let value = r;
        for (const key of keys) value = (value as Bag)?.[key];
        return value;
      };
  }
}
