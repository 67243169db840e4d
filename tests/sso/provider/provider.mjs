// A real OpenID Connect provider (the certified npm package `oidc-provider`) for
// the SSO acceptance tests. Started by tests/sso/conftest.py; never deployed.
//
// Reads its set-up from environment variables:
//   SSO_TEST_CLIENT      JSON: {client_id, client_secret, redirect_uris, post_logout_redirect_uris}
//   SSO_TEST_ACCOUNTS    path of a JSON file {accountId: {claims...}}, re-read on each
//                        sign-in so a test can change a person's claims between logins
//   SSO_TEST_JWKS        path of a JSON file with the private signing keys {keys: [...]}
// Listens on 127.0.0.1 on a free port and prints one JSON line {"issuer": "..."}.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

import Provider from 'oidc-provider';

const client = JSON.parse(process.env.SSO_TEST_CLIENT);
const accountsFile = process.env.SSO_TEST_ACCOUNTS;
const jwks = JSON.parse(readFileSync(process.env.SSO_TEST_JWKS, 'utf8'));

function loadAccounts() {
  return JSON.parse(readFileSync(accountsFile, 'utf8'));
}

const server = createServer();
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;

  const provider = new Provider(issuer, {
    clients: [{
      ...client,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    }],
    jwks,
    cookies: { keys: ['sso-test-cookie-key-not-secret'] },
    pkce: { required: () => true },
    // Department and groups travel with the profile scope, like Entra ID's
    // optional and group claims do in its tokens.
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'given_name', 'family_name', 'preferred_username', 'department', 'groups'],
    },
    features: {
      devInteractions: { enabled: true },
      rpInitiatedLogout: { enabled: true },
    },
    async findAccount(_ctx, id) {
      const accounts = loadAccounts();
      if (!accounts[id]) return undefined;
      return {
        accountId: id,
        async claims() {
          return { sub: id, ...loadAccounts()[id] };
        },
      };
    },
  });
  // Keep the output to the one line the test reads.
  provider.on('server_error', (_ctx, err) => { process.stderr.write(`${err.stack}\n`); });

  server.on('request', provider.callback());
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});

process.on('SIGTERM', () => server.close(() => process.exit(0)));
