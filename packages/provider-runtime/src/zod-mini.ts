/**
 * `@authspecs/provider-runtime/zod-mini`: the zod/mini functions generated validators use, built into
 * one file (zod's code and its MIT licence notice inside). Generated provider packages import
 * `zod/mini` in their source; their build writes that import as this entry, so every provider a
 * project installs loads this one copy, one file, instead of zod/mini's module graph (about ninety
 * files, every locale included). Types are zod's own.
 *
 * The list is everything the generator's zod emitter (`packages/generator/src/emit-zod.mjs`) can
 * write; a generator test keeps the two in step.
 *
 * @example
 * ```ts
 * import * as z from "@authspecs/provider-runtime/zod-mini";
 * const token = z.looseObject({ access_token: z.string(), expires_in: z.optional(z.int()) });
 * const valid = token.safeParse({ access_token: "t" }).success;
 * ```
 *
 * @module
 */
export {
  array,
  boolean,
  catchall,
  enum,
  gt,
  gte,
  int,
  intersection,
  literal,
  looseObject,
  lt,
  lte,
  maxLength,
  minLength,
  multipleOf,
  never,
  null,
  nullable,
  number,
  object,
  optional,
  regex,
  strictObject,
  string,
  union,
  unknown,
} from "zod/mini";
