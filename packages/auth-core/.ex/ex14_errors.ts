import { AuthConfigError } from "../src/index.js";
throw new AuthConfigError("clientSecret is required", { provider: "papaya" });

export {};
