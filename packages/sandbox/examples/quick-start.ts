import { startSqalaSandbox, sqalaDefaultCredentials as c } from "@authspecs/sandbox";

await using sqala = await startSqalaSandbox();            // http://127.0.0.1:<port>/core/v1
const res = await fetch(`${sqala.url}/access-tokens`, {
  method: "POST",
  headers: { authorization: `Basic ${btoa(`${c.appId}:${c.appSecret}`)}`, "content-type": "application/json" },
  body: JSON.stringify({ refreshToken: c.refreshToken }),
});
const { token } = await res.json();                        // { token, expiresIn: 3600, type: "Bearer" }
await fetch(`${sqala.url}/pix-qrcode-payments`, {
  method: "POST",
  headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
  body: JSON.stringify({ amount: 990 }),
});
console.log(sqala.tokenRequests, sqala.requests, sqala.violations); // 1 { createAccessToken: 1, createPixQrcodePayment: 1 } []
