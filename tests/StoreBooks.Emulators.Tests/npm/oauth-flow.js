// Drives the StoreBooks emulator's Intuit OAuth 2.0 endpoints with Intuit's own Node.js client (intuit-oauth):
// authorize URL, code exchange, an API call, userinfo, refresh (rotation), reuse of the old refresh token, revoke.
// Input: STOREBOOKS_EMULATOR_URL (e.g. http://127.0.0.1:5055/). Output: one JSON object on stdout.
'use strict';
const OAuthClient = require('intuit-oauth');

const base = process.env.STOREBOOKS_EMULATOR_URL;
if (!base) {
  console.error('Set STOREBOOKS_EMULATOR_URL to the emulator base URL, e.g. http://127.0.0.1:5055/');
  process.exit(2);
}

OAuthClient.retryConfig.maxRetries = 0;

async function apiStatus(realmId, accessToken) {
  const response = await fetch(`${base}v3/company/${realmId}/companyinfo/${realmId}?minorversion=75`, {
    headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
  });
  return response.status;
}

function oauthError(e) {
  const json = e.authResponse && e.authResponse.json;
  return { status: e.authResponse && e.authResponse.response ? e.authResponse.response.status : null, error: json ? json.error : e.message };
}

async function main() {
  const client = new OAuthClient({
    clientId: 'demo-client',
    clientSecret: 'demo-secret',
    environment: 'sandbox',
    redirectUri: 'http://localhost:8000/callback',
    logging: false,
  });
  client.setAuthorizeURLs({
    authorizeEndpoint: `${base}connect/oauth2`,
    tokenEndpoint: `${base}oauth2/v1/tokens/bearer`,
    revokeEndpoint: `${base}v2/oauth2/tokens/revoke`,
    userInfoEndpoint: `${base}v1/openid_connect/userinfo`,
  });

  const authorizeUrl = client.authorizeUri({ scope: [OAuthClient.scopes.Accounting, OAuthClient.scopes.OpenId], state: 'storebooks-state' });
  const consent = await fetch(authorizeUrl, { redirect: 'manual' });
  const redirectedTo = consent.headers.get('location');

  const created = await client.createToken(redirectedTo);
  const first = created.getJson();
  const realmId = client.getToken().realmId;
  const apiWithFirstToken = await apiStatus(realmId, first.access_token);
  const userInfo = (await client.getUserInfo()).getJson();

  const refreshed = (await client.refresh()).getJson();
  let reuse = null;
  try {
    await client.refreshUsingToken(first.refresh_token);
    reuse = { status: 200, error: null };
  } catch (e) {
    reuse = oauthError(e);
  }

  // refreshUsingToken only fails on the reused token; the client still holds the newest pair from refresh().
  client.getToken().setToken(refreshed);
  const apiBeforeRevoke = await apiStatus(realmId, refreshed.access_token);
  await client.revoke({ refresh_token: refreshed.refresh_token });
  const apiAfterRevoke = await apiStatus(realmId, refreshed.access_token);

  const result = {
    authorizeStatus: consent.status,
    redirectState: new URL(redirectedTo).searchParams.get('state'),
    realmId,
    tokenType: first.token_type,
    expiresIn: first.expires_in,
    refreshExpiresIn: first.x_refresh_token_expires_in,
    apiWithFirstToken,
    userInfoSub: userInfo.sub || null,
    refreshRotated: refreshed.refresh_token !== first.refresh_token,
    accessTokenChanged: refreshed.access_token !== first.access_token,
    reuseOfOldRefreshToken: reuse,
    apiBeforeRevoke,
    apiAfterRevoke,
  };
  process.stdout.write(JSON.stringify(result));
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : e);
  process.exit(1);
});
