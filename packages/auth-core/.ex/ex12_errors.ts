import { AuthConfigError, type AuthErrorContext } from "../src/index.js";
const where: AuthErrorContext = { provider: "cognito", operation: "createToken" };
const error = new AuthConfigError("clientId is required", where); // "cognito createToken: clientId is required"

export {};
