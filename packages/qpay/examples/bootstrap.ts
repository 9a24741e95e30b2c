import { createQPayAuth, createQPayClient, createQPayUserAuth } from "@authspecs/qpay";

const target = { environment: "sandbox", baseUrl: process.env.QPAY_BASE_URL } as const;
// 1. Sign in as your console user (password grant, client `qpay-console`).
const user = createQPayUserAuth({ ...target, username: process.env.QPAY_USERNAME!, password: process.env.QPAY_PASSWORD! });
const admin = createQPayClient({ ...target, auth: user });
// 2. Find your tenant.
const { data: me } = await admin.GET("/credentials/whoami");
if (!me) throw new Error("whoami failed");
// 3. Create a client. Its secret is returned only this once: store it in your secret manager now.
const { data: created } = await admin.POST("/credentials/clients", { body: { tenant_id: me.tenant_id, name: "my-integration-client", roles: [me.tenant_type] } });
if (!created) throw new Error("creating the client failed");
await user.close();
// 4. From now on the application authenticates as that client (`client_credentials`): use
//    app.fetch(url) for QPay's API, or app.getToken() for the bearer token itself.
export const app = createQPayAuth({ ...target, clientId: created.client_id, clientSecret: created.client_secret });
const { expiresAt } = await app.getToken();
console.log("client token valid until", new Date(expiresAt!).toISOString());
