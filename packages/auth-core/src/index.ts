/**
 * `@authspecs/auth-core`: the token lifecycle every authspecs provider package composes.
 *
 * @packageDocumentation
 */
export * from "./types.js";
export * from "./errors.js";
