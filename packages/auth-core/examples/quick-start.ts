import { createTokenManager, TokenRequestError } from "@authspecs/auth-core";

const tokenUrl = process.env.TOKEN_URL!; // e.g. https://auth.example.com/oauth2/token
const auth = createTokenManager({
  key: `example|${tokenUrl}|my-client`, // non-secret identity of the credential
  fetchToken: async ({ signal }) => {
    const body = new URLSearchParams({ grant_type: "client_credentials", client_id: "my-client", client_secret: process.env.CLIENT_SECRET! });
    const res = await fetch(tokenUrl, { method: "POST", body, signal });
    // 429 and 5xx are retried with backoff; other statuses fail at once.
    if (!res.ok) throw new TokenRequestError(`HTTP ${res.status}`, { status: res.status });
    const json = (await res.json()) as { access_token: string; expires_in: number };
    return { accessToken: json.access_token, expiresAt: Date.now() + json.expires_in * 1000 };
  },
});

// Sends `Authorization: Bearer …`; on a 401 it refreshes once and replays the request once.
const res = await auth.fetch(process.env.API_URL!);
console.log("API answered", res.status);
await auth.close();
