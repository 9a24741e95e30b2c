import { createPapayaAuth } from "@authspecs/papaya";

const auth = createPapayaAuth({ environment: "staging", baseUrl: process.env.PAPAYA_BASE_URL, apiKey: process.env.PAPAYA_API_KEY!, clientSecret: process.env.PAPAYA_CLIENT_SECRET! });
const token = await auth.getToken(); // or let auth.fetch(url) / createPapayaClient() attach it
console.log("token valid until", new Date(token.expiresAt!).toISOString());
