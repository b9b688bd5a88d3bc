import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AccountRepository, RefreshTokenRepository } from '@aether/shared/db';
import type { Logger } from '@aether/shared/observability';
import type { Registry } from 'prom-client';
import { AuthRoutes } from './auth-routes.js';
import { sendJson } from '../http/routes.js';
import type { Authenticator } from './account.js';
import { AuthMetrics } from './auth-metrics.js';
import { ASYMMETRIC_ALGORITHMS, DEFAULT_SCRYPT, type AuthMode, type AuthOptions } from './auth-settings.js';
import { clientIpResolver } from './client-ip.js';
import { DevAuthenticator } from './dev/dev-authenticator.js';
import { JwtAuthenticator } from './jwt/jwt-authenticator.js';
import { jwtKeySource } from './jwt/key-source.js';
import { AccessTokens } from './password/access-tokens.js';
import { HashingGate } from './password/hashing-gate.js';
import { PasswordAccounts } from './password/password-accounts.js';
import { PasswordAuthenticator } from './password/password-authenticator.js';
import { PasswordHasher } from './password/password-hasher.js';
import { RefreshTokens } from './password/refresh-tokens.js';
import { LoginThrottle } from './throttle/login-throttle.js';

export interface AuthDeps {
  accounts: AccountRepository;
  refreshTokens: RefreshTokenRepository;
  registry: Registry;
  logger: Logger;
  /** Called after a password-mode logout revoked a session (e.g. to revoke resume tokens). */
  onLogout?: (accountId: string) => void | Promise<void>;
  now?: () => number;
}

type Route = (request: IncomingMessage, response: ServerResponse) => Promise<boolean>;

/** Everything a gateway needs for one auth mode. */
export interface GatewayAuth {
  mode: AuthMode;
  /** For GatewayOptions.authenticator: the socket handshake. */
  authenticator: Authenticator;
  /** The client's address (LIMIT_TRUSTED_PROXY_HOPS), for the handshake and the REST routes alike. */
  clientIp: (request: IncomingMessage) => string;
  /** For GatewayOptions.routes: /api/auth/* (password mode; other modes answer there which login to use). */
  routes: Route;
  /** The password-mode service, for tests and tools; undefined in other modes. */
  passwordAccounts?: PasswordAccounts;
}

/** Builds the authenticator and routes of the configured mode (the composition roots decide whether the mode is allowed). */
export function createAuth(options: AuthOptions, deps: AuthDeps): GatewayAuth {
  const now = deps.now ?? Date.now;
  const metrics = new AuthMetrics(deps.registry, options.mode);
  const clientIp = clientIpResolver(options.trustProxyHops ?? 0);
  const log = deps.logger.child({ component: 'auth' });
  switch (options.mode) {
    case 'dev':
      return {
        mode: 'dev',
        authenticator: new DevAuthenticator(deps.accounts, metrics, now),
        clientIp,
        routes: otherLogin('dev', 'send the socket handshake token "dev:<name>"'),
      };
    case 'jwt': {
      const algorithms = options.algorithms ?? [...ASYMMETRIC_ALGORITHMS];
      const key = jwtKeySource({
        ...(options.jwksUrl ? { jwksUrl: options.jwksUrl } : {}),
        ...(options.publicKey ? { publicKey: options.publicKey } : {}),
        ...(options.jwksCooldownSeconds !== undefined ? { cooldownSeconds: options.jwksCooldownSeconds } : {}),
      });
      const authenticator = new JwtAuthenticator({
        issuer: options.issuer,
        audience: options.audience,
        algorithms,
        key,
        accounts: deps.accounts,
        metrics,
        now,
      });
      return {
        mode: 'jwt',
        authenticator,
        clientIp,
        routes: otherLogin('jwt', `log in with the identity provider (${options.issuer}) and send its token in the socket handshake`),
      };
    }
    case 'password': {
      let secret = options.tokenSecret;
      if (!secret) {
        secret = randomBytes(48).toString('base64url');
        log.warn('AUTH_MODE=password without a token secret: a random one is used, so sessions end when this process stops');
      }
      const accessTokens = new AccessTokens(secret, options.accessTokenTtlSeconds ?? 900, now);
      const refreshTokens = new RefreshTokens(deps.refreshTokens, options.refreshTokenTtlDays ?? 30, now, (error) =>
        log.warn({ err: error }, 'deleting expired refresh tokens failed'),
      );
      const passwordAccounts = new PasswordAccounts({
        accounts: deps.accounts,
        hasher: new PasswordHasher(options.scrypt ?? DEFAULT_SCRYPT),
        gate: new HashingGate(),
        accessTokens,
        refreshTokens,
        throttle: new LoginThrottle(options.loginLimits, now),
        metrics,
        logger: log,
        now,
      });
      const routes = new AuthRoutes({ accounts: passwordAccounts, clientIp, logger: log, ...(deps.onLogout ? { onLogout: deps.onLogout } : {}) });
      return {
        mode: 'password',
        authenticator: new PasswordAuthenticator(accessTokens, deps.accounts, metrics, now),
        clientIp,
        routes: routes.handle,
        passwordAccounts,
      };
    }
  }
}

/** /api/auth/* in modes without password login: a clear answer instead of a bare 404. */
function otherLogin(mode: AuthMode, how: string): Route {
  return async (request, response) => {
    if (!(request.url ?? '').startsWith('/api/auth/')) return false;
    sendJson(response, 404, { error: { code: 'not_found', message: `This server uses AUTH_MODE=${mode}: ${how}.` } });
    return true;
  };
}
