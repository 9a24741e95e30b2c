import { createQPayClient } from "@authspecs/qpay";

const qpay = createQPayClient({ environment: "sandbox", baseUrl: process.env.QPAY_BASE_URL, username: process.env.QPAY_USERNAME!, password: process.env.QPAY_PASSWORD! });
const { data: whoami } = await qpay.GET("/credentials/whoami");
console.log("tenant:", whoami?.tenant_id, whoami?.tenant_type);
