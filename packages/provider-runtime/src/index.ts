/**
 * `@authspecs/provider-runtime`: what every generated provider package does, once. A generated
 * package is data (its spec's servers, token flows, validators and security, as a
 * {@link ProviderDescriptor}) and thin typed wrappers over {@link createProviderAuth} and
 * {@link createProviderClient}.
 *
 * @packageDocumentation
 */
export { createProviderAuth } from "./create-auth.js";
export { createProviderClient } from "./create-client.js";
export type * from "./types.js";
