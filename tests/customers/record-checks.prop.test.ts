import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { forbiddenKeys } from "../../src/customers/record-checks.js";

/** A JSON text's tree: a leaf, an array, or an object's entries (keys may repeat). */
type Tree = { leaf: string } | { items: Tree[] } | { entries: [string, Tree][] };

const KEYS = ["a", "b", "0", "12", "__proto__", "constructor", "prototype", "proto"] as const;
const FORBIDDEN: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

const { tree } = fc.letrec<{ tree: Tree }>((t) => ({
  tree: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom("1", '"x"', "null", "true").map((leaf) => ({ leaf })),
    fc.array(t("tree"), { maxLength: 4 }).map((items) => ({ items })),
    fc
      .array(fc.tuple(fc.constantFrom(...KEYS), t("tree")), { maxLength: 5 })
      .map((entries) => ({ entries })),
  ),
}));

/** The JSON text of a tree (written by hand: JSON.parse makes `__proto__` an own key). */
function text(node: Tree): string {
  if ("leaf" in node) return node.leaf;
  if ("items" in node) return `[${node.items.map(text).join(",")}]`;
  return `{${node.entries.map(([key, value]) => `${JSON.stringify(key)}:${text(value)}`).join(",")}}`;
}

/** The paths of every own forbidden key, parents before children, in key order. */
function reference(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== "object" || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => reference(item, [...path, i]));
  return Object.keys(value).flatMap((key) =>
    FORBIDDEN.has(key)
      ? [[...path, key]]
      : reference((value as Record<string, unknown>)[key], [...path, key]),
  );
}

describe("forbiddenKeys", () => {
  test.prop([tree])(
    "names every own key that could alter prototypes, at any depth, and nothing else",
    (node) => {
      const value: unknown = JSON.parse(text(node));
      const expected = reference(value);
      const found = forbiddenKeys(value);
      if (expected.length === 0) expect(found).toBeUndefined();
      else expect(found?.map((issue) => issue.path)).toEqual(expected);
      for (const issue of found ?? []) expect(issue.code).toBe("forbidden_key");
    },
  );

  test.prop([tree])("passes over inherited keys, however they are named", (node) => {
    const inherited = JSON.parse(`{"constructor": ${text(node)}, "x": {"__proto__": 1}}`);
    expect(forbiddenKeys(Object.create(inherited))).toBeUndefined();
  });
});
