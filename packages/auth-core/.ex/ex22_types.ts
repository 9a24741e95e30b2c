import type { FetchToken } from "../src/index.js";
const fetchToken: FetchToken = async ({ signal }) => {
  const res = await fetch("https://auth.example.com/token", { method: "POST", signal });
  const body = (await res.json()) as { access_token: string; expires_in: number };
  return { accessToken: body.access_token, expiresAt: Date.now() + body.expires_in * 1000 };
};

export {};
