// A Keycloak-shaped OpenID Connect issuer for tests and the demo: panva's oidc-provider behind
// Keycloak's URL layout (/realms/<realm>/protocol/openid-connect/...), with a real login form,
// realm roles and groups in the ID token, short-lived access tokens and refresh tokens.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { URLSearchParams } from 'node:url';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { Faults } from '../faults';
import { simTls, type ServerTls } from '../tls';
import type { SimServer } from '../types';
import { loginPage, logoutPage } from './pages';
import { SIM_USERS, type SimUser } from './users';

export interface OidcSimOptions {
  port?: number;
  realm?: string;
  clientId?: string;
  clientSecret?: string;
  /** Base URLs of the panels allowed to sign in (redirect URIs are derived from them). */
  panelUrls?: string[];
  accessTokenTtlSeconds?: number;
  users?: SimUser[];
  faults?: Faults;
  /** Server certificate; default one signed by the simulator's "keycloak" CA (a private CA, as at home). */
  tls?: ServerTls;
}

export interface OidcSim extends SimServer {
  issuer: string;
  clientId: string;
  clientSecret: string;
  users: SimUser[];
  faults: Faults;
  /** Accounts with a live IdP session (by username), to check RP-initiated logout. */
  activeSessions(): Promise<string[]>;
  /** Token endpoint grants served, by grant type (tests check that refresh really happens). */
  grants: Record<string, number>;
}

const PREFIX = '/protocol/openid-connect';

function readBody(req: http.IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      data += c;
      if (data.length > 10_000) req.destroy();
    });
    req.on('end', () => resolve(new URLSearchParams(data)));
    req.on('error', reject);
  });
}

export async function startOidcSim(opts: OidcSimOptions = {}): Promise<OidcSim> {
  const realm = opts.realm ?? 'homelab';
  const clientId = opts.clientId ?? 'homelab-panel';
  const clientSecret = opts.clientSecret ?? randomBytes(24).toString('base64url');
  const users = opts.users ?? SIM_USERS;
  const faults = opts.faults ?? new Faults();
  const panelUrls = opts.panelUrls ?? ['http://localhost:3000'];
  const grants: Record<string, number> = {};

  const tls = opts.tls ?? simTls('keycloak');
  const server = https.createServer({ key: tls.key, cert: tls.cert });
  await new Promise<void>((r) => server.listen(opts.port ?? 0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const mount = `/realms/${realm}`;
  const issuer = `https://127.0.0.1:${port}${mount}`;

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'sim-rs256', use: 'sig', alg: 'RS256' };
  const byId = new Map(users.map((u) => [u.username, u]));
  const sessions = new Map<string, string>(); // session uid -> username (for activeSessions)

  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: panelUrls.map((u) => `${u}/api/auth/callback/keycloak`),
        post_logout_redirect_uris: panelUrls.flatMap((u) => [`${u}/signin`, `${u}/`]),
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [jwk as never] },
    // Keycloak puts profile, email, roles and groups into the ID token; Auth.js reads them from there.
    conformIdTokenClaims: false,
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username', 'given_name', 'family_name', 'realm_access', 'groups'],
      email: ['email', 'email_verified'],
    },
    scopes: ['openid', 'profile', 'email', 'offline_access'],
    cookies: { keys: [randomBytes(32).toString('hex')] },
    ttl: {
      AccessToken: opts.accessTokenTtlSeconds ?? 60,
      IdToken: opts.accessTokenTtlSeconds ?? 60,
      AuthorizationCode: 60,
      RefreshToken: 8 * 3600,
      Session: 8 * 3600,
      Grant: 8 * 3600,
      Interaction: 3600,
    },
    // Keycloak always issues refresh tokens to confidential clients, not only for offline_access.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    // Keycloak's default ("Revoke Refresh Token" off): a refresh token may be used more than once.
    rotateRefreshToken: false,
    pkce: { required: () => false },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: KoaContextWithOIDC, form: string) => {
          ctx.body = logoutPage(form);
        },
      },
      revocation: { enabled: true },
      introspection: { enabled: true },
    },
    routes: {
      authorization: `${PREFIX}/auth`,
      token: `${PREFIX}/token`,
      userinfo: `${PREFIX}/userinfo`,
      jwks: `${PREFIX}/certs`,
      end_session: `${PREFIX}/logout`,
      revocation: `${PREFIX}/revoke`,
      introspection: `${PREFIX}/token/introspect`,
    },
    interactions: { url: (_ctx, interaction) => `${mount}/login-actions/${interaction.uid}` },
    // First-party client: no consent screen (Keycloak's "consent required: off").
    loadExistingGrant: async (ctx) => {
      const session = ctx.oidc.session!;
      const existing = session.grantIdFor(ctx.oidc.client!.clientId);
      if (existing) return ctx.oidc.provider.Grant.find(existing);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: session.accountId! });
      grant.addOIDCScope('openid profile email offline_access');
      await grant.save();
      return grant;
    },
    findAccount: async (_ctx, sub) => {
      const user = byId.get(sub);
      if (!user) return undefined;
      return {
        accountId: sub,
        claims: async () => {
          const [given, ...family] = user.name.split(' ');
          return {
            sub,
            name: user.name,
            preferred_username: user.username,
            given_name: given,
            family_name: family.join(' '),
            email: user.email,
            email_verified: true,
            realm_access: { roles: user.realmRoles },
            groups: user.groups,
          };
        },
      };
    },
  };

  const provider = new Provider(issuer, configuration);
  provider.on('grant.success', (ctx: KoaContextWithOIDC) => {
    const type = String(ctx.oidc.params?.grant_type ?? 'unknown');
    grants[type] = (grants[type] ?? 0) + 1;
  });
  provider.on('session.saved', (session: { uid: string; accountId?: string }) => {
    if (session.accountId) sessions.set(session.uid, session.accountId);
  });
  provider.on('session.destroyed', (session: { uid: string }) => sessions.delete(session.uid));
  provider.on('end_session.success', (ctx: KoaContextWithOIDC) => {
    const uid = ctx.oidc.session?.uid;
    if (uid) sessions.delete(uid);
  });
  const oidcCallback = provider.callback();

  async function interaction(req: http.IncomingMessage, res: http.ServerResponse, uid: string) {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error('interaction mismatch');
    const action = `${mount}/login-actions/${uid}`;
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(loginPage({ action, clientName: 'Homelab panel' }));
      return;
    }
    const body = await readBody(req);
    const username = (body.get('username') ?? '').trim().toLowerCase();
    const user = users.find((u) => u.username === username || u.email === username);
    if (!user || user.password !== body.get('password')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(loginPage({ action, clientName: 'Homelab panel', username, error: 'Invalid username or password.' }));
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId: user.username } }, { mergeWithLastSubmission: false });
  }

  server.on('request', async (req, res) => {
    if (!(await faults.apply(req, res))) return;
    const url = req.url ?? '/';
    try {
      const m = url.match(new RegExp(`^${mount}/login-actions/([\\w-]+)`));
      if (m) return await interaction(req, res, m[1]);
      if (url === mount || url.startsWith(`${mount}/`)) {
        // Mounted like express would: the provider sees paths relative to the issuer.
        req.url = url.slice(mount.length) || '/';
        (req as http.IncomingMessage & { originalUrl?: string }).originalUrl = url;
        return oidcCallback(req, res);
      }
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'Realm does not exist' }));
    } catch (e) {
      if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain' });
      res.end(`Sign-in request failed: ${(e as Error).message}`);
    }
  });

  return {
    url: `https://127.0.0.1:${port}`,
    caFile: tls.ca.file,
    issuer,
    clientId,
    clientSecret,
    users,
    faults,
    grants,
    activeSessions: async () => [...new Set(sessions.values())],
    close: async () => {
      faults.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
