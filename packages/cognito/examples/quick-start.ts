import { createCognitoAuth } from "@authspecs/cognito";

const auth = createCognitoAuth({ clientId: process.env.COGNITO_CLIENT_ID!, clientSecret: process.env.COGNITO_CLIENT_SECRET!, domain: process.env.COGNITO_DOMAIN, region: process.env.COGNITO_REGION, tokenUrl: process.env.COGNITO_TOKEN_URL });
const token = await auth.getToken(); // then: fetch(url, { headers: { authorization: `Bearer ${token.accessToken}` } }), or auth.fetch(url)
console.log("token valid until", new Date(token.expiresAt!).toISOString());
