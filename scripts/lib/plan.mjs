/**
 * What each target's generated folders must contain: a map from repository-relative path to file
 * content. Targets are the provider packages (one per spec) and the sandbox (all specs).
 *
 * @module
 */
import { emitDocument, emitDocumentIndex } from "./emit-document.mjs";
import { emitSchemas } from "./emit-schemas.mjs";
import { emitTypeTest, emitValidatorTest } from "./emit-tests.mjs";
import { emitToken } from "./emit-token.mjs";
import { emitTypes } from "./emit-types.mjs";
import { loadSpec } from "./load-spec.mjs";
import { readTokenOperations } from "./token-mapping.mjs";

/** The folders a target owns, relative to its package. */
export const GENERATED_FOLDERS = ["src/generated", "test/generated"];

/** The package that receives every spec as a document. */
export const SANDBOX = "sandbox";

/**
 * The generated files of one provider package.
 * @param {string} root
 * @param {string} provider
 * @returns {Promise<Map<string, string>>}
 */
export async function planProvider(root, provider) {
  const spec = await loadSpec(root, provider);
  const tokenOperations = readTokenOperations(spec.doc, `specs/${provider}.yaml`);
  const { source: schemas, entries } = emitSchemas(provider, spec.doc, tokenOperations);
  const base = `packages/${provider}`;
  /** @type {[string, string | undefined][]} */
  const files = [
    [`${base}/src/generated/openapi.ts`, await emitTypes(spec)],
    [`${base}/src/generated/schemas.ts`, schemas],
    [`${base}/src/generated/token.ts`, emitToken(provider, spec.doc, tokenOperations)],
    [`${base}/test/generated/schemas.test-d.ts`, emitTypeTest(provider, entries)],
    [`${base}/test/generated/validators.test.ts`, emitValidatorTest(provider, spec.doc, tokenOperations)],
  ];
  return new Map(/** @type {[string, string][]} */ (files.filter(([, content]) => content !== undefined)));
}

/**
 * The sandbox's generated documents, one per spec, plus their index.
 * @param {string} root
 * @param {string[]} providers
 * @returns {Promise<Map<string, string>>}
 */
export async function planSandbox(root, providers) {
  const files = new Map();
  for (const provider of providers) {
    const spec = await loadSpec(root, provider);
    files.set(`packages/${SANDBOX}/src/generated/${provider}.openapi.ts`, emitDocument(provider, spec.doc));
  }
  files.set(`packages/${SANDBOX}/src/generated/index.ts`, emitDocumentIndex(providers));
  return files;
}
