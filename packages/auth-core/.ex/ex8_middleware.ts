import { createAuthMiddleware } from "../src/middleware.js";
const middleware = createAuthMiddleware(async () => ({ accessToken: "t" }));

export {};
