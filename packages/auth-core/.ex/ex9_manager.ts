import { createTokenManager } from "../src/index.js";
const auth = createTokenManager({
  key: "example:client-id",
  fetchToken: async ({ signal }) => {
    const res = await fetch("https://auth.example.com/token", { method: "POST", signal });
    const body = (await res.json()) as { access_token: string; expires_in: number };
    return { accessToken: body.access_token, expiresAt: Date.now() + body.expires_in * 1000 };
  },
});
const res = await auth.fetch("https://api.example.com/me");
await auth.close();

export {};
