/**
 * One generator run: plan every target in scope, then write or check. A spec that fails to generate
 * is reported and its files are left alone, so one broken spec does not wipe another's output.
 *
 * @module
 */
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { listProviders } from "./load-spec.mjs";
import { GENERATED_FOLDERS, SANDBOX, planProvider, planSandbox } from "./plan.mjs";
import { apply, compare } from "./sync.mjs";

/**
 * @typedef {object} RunOptions
 * @property {string} root Repository root (holds `specs/` and `packages/`).
 * @property {string} [only] One provider, or `sandbox`; everything when absent.
 * @property {boolean} [check] Compare only; write nothing.
 */

/**
 * @typedef {object} RunResult
 * @property {import("./sync.mjs").Difference[]} differences Before writing (what a check reports).
 * @property {string[]} errors Specs that could not be generated, one message each.
 */

/**
 * @param {RunOptions} options
 * @returns {Promise<RunResult>}
 */
export async function run({ root, only, check = false }) {
  const providers = await listProviders(root);
  /** @type {string[]} */
  const errors = [];
  const plan = new Map();
  /** @type {string[]} */
  let folders;
  /** @type {string[]} */
  let targets;

  if (only === undefined) {
    const packages = (await readdir(join(root, "packages"), { withFileTypes: true }).catch(() => []))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    targets = [...providers, SANDBOX];
    folders = [...new Set([...packages, ...targets])].sort().flatMap((p) => GENERATED_FOLDERS.map((f) => `packages/${p}/${f}`));
  } else if (only === SANDBOX || providers.includes(only)) {
    targets = [only];
    folders = GENERATED_FOLDERS.map((f) => `packages/${only}/${f}`);
  } else {
    return { differences: [], errors: [`--only ${only}: no specs/${only}.yaml (known: ${[...providers, SANDBOX].join(", ")})`] };
  }

  /** Paths and folders of targets that failed: neither compared nor touched. */
  const skipped = new Set();
  for (const target of targets) {
    try {
      const files = target === SANDBOX ? await planSandbox(root, providers) : await planProvider(root, target);
      for (const [path, content] of files) plan.set(path, content);
    } catch (error) {
      errors.push(/** @type {Error} */ (error).message);
      GENERATED_FOLDERS.forEach((f) => skipped.add(`packages/${target}/${f}/`));
    }
  }
  const inScope = folders.filter((folder) => !skipped.has(`${folder}/`));
  const differences = await compare(root, inScope, plan);
  if (!check) await apply(root, differences, plan);
  return { differences, errors };
}
