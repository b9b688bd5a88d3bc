// What the single-process game (@aether/standalone) composes the gateway from;
// the gateway's own entry points are gateway-main.ts and auth/account-cli.ts.
export { GatewayServer, type GatewayOptions } from './gateway-server.js';
export { createAuth, type GatewayAuth } from './auth/create-auth.js';
export type { AuthOptions } from './auth/auth-settings.js';
export { AUTH_ENV_SHAPE, authOptionsFromEnv, checkAuthEnv } from './auth/auth-env.js';
export { loadOrCreateTokenSecret } from './auth/password/token-secret.js';
export { accountUsage, runAccountCommand, type OpenAccountDatabase } from './auth/account-command.js';
export { OpsEnv, type OpsListen } from './http/ops.js';
export { LimitsEnv, limitsFrom, type GatewayLimitsInput } from './limits/limits.js';
export { DatabaseAccountStore, DatabaseCharacterDirectory } from './persistence/database-directory.js';
