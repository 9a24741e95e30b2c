import { afterEach, expect } from "vitest";
import type { Sandbox } from "../src/index.js";

const started: Sandbox[] = [];

/** Registers a sandbox: after each test its `violations` must be empty, then it is closed. */
export function track<T extends Sandbox>(sandbox: T): T {
  started.push(sandbox);
  return sandbox;
}

afterEach(async () => {
  const sandboxes = started.splice(0);
  await Promise.all(sandboxes.map((sandbox) => sandbox.close()));
  for (const sandbox of sandboxes) expect(sandbox.violations).toEqual([]);
});

/** `Authorization: Basic` for `user:password`. */
export const basic = (user: string, password: string): string => `Basic ${btoa(`${user}:${password}`)}`;

/** POSTs JSON and returns status, parsed body and headers. */
export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined, headers: response.headers };
}

/** POSTs a form and returns status, parsed body and headers. */
export async function postForm(url: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(form),
  });
  return { status: response.status, body: (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined, headers: response.headers };
}

/** Sends a bearer request and returns status and parsed body. */
export async function call(method: string, url: string, token: string, body?: unknown) {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as unknown };
}

/** The claims of a JWT-shaped token. */
export const claims = (token: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as Record<string, unknown>;
