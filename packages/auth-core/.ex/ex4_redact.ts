import { redactToken } from "../src/redact.js";
const t = redactToken({ accessToken: "secret", expiresAt: 0 });
JSON.stringify(t); // '{"expiresAt":0}', while t.accessToken === "secret"

export {};
