import { createBitizeAuth } from "@authspecs/bitize";

const auth = createBitizeAuth({ consumerKey: process.env.BITIZE_CONSUMER_KEY!, secretKey: process.env.BITIZE_SECRET_KEY!, baseUrl: process.env.BITIZE_BASE_URL });
const token = await auth.getToken(); // or let auth.fetch(url) / createBitizeClient() attach it
console.log("token valid until", new Date(token.expiresAt!).toISOString());
