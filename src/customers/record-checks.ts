/**
 * The checks of one untrusted record around zod's: keys that could alter prototypes, unknown keys
 * to strip, and zod's issues in our terms.
 *
 * @module
 */
import type * as z from "zod";

/**
 * One problem with a rejected record: where (a path into the record), what (zod's issue code,
 * or `"forbidden_key"`) and a sentence.
 *
 * @category Customers
 */
export interface RecordIssue {
  /** Path into the record, e.g. `["attributes", "demographic", "age"]`. */
  readonly path: readonly (string | number)[];
  /**
   * zod's issue code (`"invalid_type"`, `"unrecognized_keys"`, `"too_big"` …), or one of ours:
   * `"missing_field"` (a required field that is not there), `"forbidden_key"`, `"missing_record"`.
   */
  readonly code: string;
  /** What is wrong, in words. */
  readonly message: string;
}

/** Keys that could alter prototypes (compared one by one: a `Set` lookup cost the walk twice). */
function isForbiddenKey(key: string): boolean {
  return key === "__proto__" || key === "constructor" || key === "prototype";
}

/** The path of the node being visited: one stack for every walk (they never overlap). */
const PATH: (string | number)[] = [];
/** Nodes a record may have before the walk assumes shared objects and remembers each it saw. */
const TREE_BUDGET = 10_000;
let visits = 0;

/**
 * Paths of keys that could pollute prototypes, anywhere in a JSON value, or undefined when there
 * are none. Nothing is allocated on the happy path: a first walk only asks whether there may be
 * one, keeping no path. Only then does the walk that names them run: one shared path stack,
 * copied only for a key found, and no record of the objects seen — until a record has more than
 * 10,000 nodes, when the walk starts again remembering each object it visits, so a cyclic or
 * widely shared structure (possible in records built in code rather than parsed from JSON)
 * cannot make it blow up. Depth is bounded (64).
 *
 * @internal
 */
export function forbiddenKeys(value: unknown): RecordIssue[] | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  visits = 0;
  if (!mayHaveForbiddenKey(value, 0)) return undefined;
  PATH.length = 0;
  visits = 0;
  const found: RecordIssue[] = [];
  if (!walk(value, 0, found, undefined)) {
    found.length = 0;
    PATH.length = 0;
    walk(value, 0, found, new WeakSet());
  }
  return found.length === 0 ? undefined : found;
}

/**
 * The happy path's walk: whether `node` may hold a forbidden key — true when it has one, or
 * when the budget of a plain tree walk ran out — with no path kept and nothing allocated (the
 * walk that names the keys runs only then). A key is read as its own before it is followed, so
 * an inherited enumerable key is passed over, as in the walk that names them.
 */
function mayHaveForbiddenKey(node: object, depth: number): boolean {
  if (depth > 64) return false;
  if (++visits > TREE_BUDGET) return true;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const child: unknown = node[i];
      if (typeof child === "object" && child !== null && mayHaveForbiddenKey(child, depth + 1)) {
        return true;
      }
    }
    return false;
  }
  for (const key in node) {
    if (isForbiddenKey(key)) {
      if (Object.hasOwn(node, key)) return true;
      continue;
    }
    const child = (node as Record<string, unknown>)[key];
    if (
      typeof child === "object" &&
      child !== null &&
      Object.hasOwn(node, key) &&
      mayHaveForbiddenKey(child, depth + 1)
    ) {
      return true;
    }
  }
  return false;
}

/** Visit a node; false when the budget of a plain tree walk ran out (without `seen`). */
function walk(
  node: object,
  depth: number,
  found: RecordIssue[],
  seen: WeakSet<object> | undefined,
): boolean {
  if (depth > 64) return true;
  if (seen === undefined) {
    if (++visits > TREE_BUDGET) return false;
  } else if (seen.has(node)) {
    return true;
  } else {
    seen.add(node);
  }
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const child: unknown = node[i];
      if (typeof child !== "object" || child === null) continue;
      PATH.push(i);
      const done = walk(child, depth + 1, found, seen);
      PATH.pop();
      if (!done) return false;
    }
    return true;
  }
  for (const key in node) {
    if (!Object.hasOwn(node, key)) continue;
    if (isForbiddenKey(key)) {
      found.push({
        path: [...PATH, key],
        code: "forbidden_key",
        message: `the key ${JSON.stringify(key)} is not allowed (it could alter object prototypes)`,
      });
      continue;
    }
    const child = (node as Record<string, unknown>)[key];
    if (typeof child === "object" && child !== null) {
      PATH.push(key);
      const done = walk(child, depth + 1, found, seen);
      PATH.pop();
      if (!done) return false;
    }
  }
  return true;
}

/** The paths of the keys zod found unrecognised. @internal */
export function unknownKeyPaths(issues: readonly z.core.$ZodIssue[]): (string | number)[][] {
  const paths: (string | number)[][] = [];
  for (const issue of issues) {
    if (issue.code !== "unrecognized_keys") continue;
    const at = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
    for (const key of issue.keys) paths.push([...at, key]);
  }
  return paths;
}

/** A copy of the record without the given key paths (only the objects on the paths are copied). @internal */
export function withoutPaths(
  record: unknown,
  paths: readonly (readonly (string | number)[])[],
): unknown {
  const copy = (value: unknown, remaining: readonly (readonly (string | number)[])[]): unknown => {
    if (typeof value !== "object" || value === null || remaining.length === 0) return value;
    const out = (Array.isArray(value) ? [...value] : { ...value }) as Record<
      string | number,
      unknown
    >;
    const byHead = new Map<string | number, (readonly (string | number)[])[]>();
    for (const path of remaining) {
      const [head, ...rest] = path as [string | number, ...(string | number)[]];
      if (rest.length === 0) delete out[head];
      else byHead.set(head, [...(byHead.get(head) ?? []), rest]);
    }
    for (const [head, rest] of byHead) out[head] = copy(out[head], rest);
    return out;
  };
  return copy(record, paths);
}

/** A zod issue in our terms: a required field that is absent is said to be missing. @internal */
export function describeIssue(issue: z.core.$ZodIssue, record: unknown): RecordIssue {
  const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
  if (path.length > 0 && (issue.code === "invalid_type" || issue.code === "invalid_value")) {
    let parent: unknown = record;
    for (const key of path.slice(0, -1)) {
      parent =
        typeof parent === "object" && parent !== null
          ? (parent as Record<string | number, unknown>)[key]
          : undefined;
    }
    const key = path[path.length - 1] as string | number;
    if (typeof parent === "object" && parent !== null && !Object.hasOwn(parent, key)) {
      const expected = /expected (.*?)(?:, received .*)?$/.exec(issue.message)?.[1];
      return {
        path,
        code: "missing_field",
        message: `the required field ${JSON.stringify(key)} is missing${expected === undefined ? "" : ` (expected ${expected})`}`,
      };
    }
  }
  return { path, code: issue.code, message: issue.message };
}
