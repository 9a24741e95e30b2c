import { createSqalaClient } from "@authspecs/sqala";

const sqala = createSqalaClient({ appId: process.env.SQALA_APP_ID!, appSecret: process.env.SQALA_APP_SECRET!, refreshToken: process.env.SQALA_REFRESH_TOKEN!, baseUrl: process.env.SQALA_BASE_URL });
const { response } = await sqala.POST("/pix-qrcode-payments", { body: { amount: 990 } });
console.log("pix-qrcode-payments:", response.status);
