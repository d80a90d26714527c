/**
 * Compile-time proof that a documented interface and the zod schema that validates it describe
 * the same object, field for field: the model is written as interfaces (for the API docs) and
 * as schemas (for parsing), and this check keeps them one definition.
 *
 * @module
 */
import type * as z from "zod";

/** T with every `readonly` removed, arrays and nested objects included. */
export type DeepMutable<T> = T extends readonly (infer E)[]
  ? DeepMutable<E>[]
  : T extends object
    ? { -readonly [K in keyof T]: DeepMutable<T[K]> }
    : T;

/**
 * `true` when A and B are the same type up to `readonly` (same keys, same optionality, same
 * value types, all the way down), else `false`.
 */
export type SameShape<A, B> =
  (<G>() => G extends DeepMutable<A> ? 1 : 2) extends <G>() => G extends DeepMutable<B> ? 1 : 2
    ? true
    : false;

/**
 * The schema, typed as validating T, accepted only when its output is exactly T (a field added
 * to one and not the other is a type error at the call).
 */
export function schemaFor<T>(): <S extends z.ZodType<T>>(
  schema: SameShape<T, z.output<S>> extends true ? S : never,
) => S {
  return (schema) => schema;
}

/**
 * The type of a strict zod object schema of T, one field schema per property (optional ones
 * wrapped in `ZodOptional`): precise enough for `.extend()`, `.pick()`, `.omit()`, `.partial()`
 * and `.shape`, and written without inference, as `isolatedDeclarations` asks.
 *
 * @typeParam T - the record type the schema validates
 * @category Customers
 */
export type ObjectSchema<T> = z.ZodObject<
  {
    -readonly [K in keyof T]-?: undefined extends T[K]
      ? z.ZodOptional<z.ZodType<Exclude<T[K], undefined>>>
      : z.ZodType<T[K]>;
  },
  z.core.$strict
>;
