import type { Fault } from "./types.js";

/** The faults that hit one request, already consumed. */
export interface FaultPlan {
  /** Total delay before answering, ms. */
  delayMs: number;
  /** Skew of the `Date` header, ms. */
  dateSkewMs: number;
  /** The fault that replaces or alters the answer, if any. */
  outcome?: Exclude<Fault, { kind: "delay" } | { kind: "dateSkew" }>;
}

/** Active faults of one sandbox. */
export interface FaultQueue {
  /** Checks and adds a fault; throws a one-line `TypeError` naming what is wrong. */
  add(fault: Fault): void;
  /** Consumes the faults that apply to a request for `operationId`. */
  take(operationId: string): FaultPlan;
}

const STATUSES = new Set([500, 503, 429]);
const KINDS = new Set(["status", "delay", "drop", "malformed", "invalid", "unauthorized", "dateSkew"]);

function check(fault: Fault, operations: ReadonlySet<string>, tokenOperation: string | undefined): void {
  const fail = (what: string): never => {
    throw new TypeError(`@authspecs/sandbox: fault ${what}`);
  };
  if (typeof fault !== "object" || fault === null || !KINDS.has(fault.kind)) fail(`kind must be one of ${[...KINDS].join(", ")}`);
  if (fault.times !== undefined && !(fault.times === Infinity || (Number.isInteger(fault.times) && fault.times > 0))) {
    fail(`"${fault.kind}" times must be a positive integer or Infinity`);
  }
  if (fault.operation !== undefined && fault.operation !== "*" && !operations.has(fault.operation)) {
    fail(`"${fault.kind}" operation "${fault.operation}" is not an operationId of this spec (${[...operations].join(", ")})`);
  }
  if (fault.kind === "status" && !STATUSES.has(fault.status)) fail(`"status" status must be 500, 503 or 429`);
  if (fault.kind === "status" && fault.retryAfter !== undefined && !(Number.isInteger(fault.retryAfter) && fault.retryAfter >= 0)) {
    fail(`"status" retryAfter must be a whole number of seconds`);
  }
  if ((fault.kind === "delay" || fault.kind === "dateSkew") && !Number.isFinite(fault.ms)) fail(`"${fault.kind}" ms must be a finite number`);
  if (fault.kind === "delay" && fault.ms < 0) fail(`"delay" ms must not be negative`);
  if (fault.kind === "unauthorized" && fault.operation === undefined) fail(`"unauthorized" needs an operation (an operationId)`);
  if (fault.operation === undefined && tokenOperation === undefined) fail(`"${fault.kind}" needs an operation: this spec has no token operation`);
}

/**
 * Creates the fault queue of a sandbox. A fault without `operation` hits `tokenOperation` (and
 * needs one); `"*"` hits every operation. Each fault hits `times` requests (default 1; `dateSkew` defaults to all).
 * Delays and date skews add up; of the other kinds, the first added wins.
 *
 * @example
 * ```ts
 * import { createFaultQueue } from "./faults.js";
 * const faults = createFaultQueue("createToken", new Set(["createToken"]));
 * faults.add({ kind: "status", status: 503, retryAfter: 1 });
 * faults.take("createToken").outcome; // the 503 fault, once
 * ```
 */
export function createFaultQueue(tokenOperation: string | undefined, operations: ReadonlySet<string>): FaultQueue {
  const active: { fault: Fault; left: number }[] = [];
  return {
    add(fault) {
      check(fault, operations, tokenOperation);
      active.push({ fault: { ...fault }, left: fault.times ?? (fault.kind === "dateSkew" ? Infinity : 1) });
    },
    take(operationId) {
      const plan: FaultPlan = { delayMs: 0, dateSkewMs: 0 };
      for (const entry of active) {
        const { fault } = entry;
        const target = fault.operation ?? tokenOperation;
        if (entry.left <= 0 || (target !== "*" && target !== operationId)) continue;
        if (fault.kind === "delay") plan.delayMs += fault.ms;
        else if (fault.kind === "dateSkew") plan.dateSkewMs += fault.ms;
        else if (plan.outcome) continue;
        else plan.outcome = fault;
        entry.left -= 1;
      }
      for (let i = active.length - 1; i >= 0; i -= 1) if (active[i]!.left <= 0) active.splice(i, 1);
      return plan;
    },
  };
}
