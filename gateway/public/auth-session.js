// Password and JWT login for the web client (docs/clients.md, "Logging in").
// Password mode: the REST API answers an access token (minutes) and a refresh
// token (days). The refresh token is kept in localStorage when "Stay logged in"
// is ticked (sessionStorage otherwise: gone with the tab), and traded for a new
// pair before the access token runs out and whenever the socket reconnects.

const SESSION_KEY = 'aether.session';
const JWT_KEY = 'aether.jwt';
/** Refresh this long before the access token expires. */
const EARLY_MS = 60_000;

class AuthError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

async function post(path, body) {
  const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) throw new AuthError(answer.error?.code ?? 'internal', answer.error?.message ?? `The server answered ${response.status}.`);
  return answer;
}

export class PasswordSession {
  constructor() {
    this.accessToken = null;
    this.expiresAt = 0;
    this.account = null;
    this.timer = null;
    /** Called when a background refresh finds the session over. */
    this.onEnded = () => {};
  }

  /** A refresh token from an earlier visit, in either storage. */
  stored() {
    for (const storage of [localStorage, sessionStorage]) {
      const text = storage.getItem(SESSION_KEY);
      if (!text) continue;
      try {
        const value = JSON.parse(text);
        if (typeof value.refreshToken === 'string') return { ...value, storage };
      } catch {
        storage.removeItem(SESSION_KEY);
      }
    }
    return null;
  }

  async register(username, password, remember) {
    this.adopt(await post('/api/auth/register', { username, password }), remember ? localStorage : sessionStorage);
    return this.account;
  }

  async login(username, password, remember) {
    this.adopt(await post('/api/auth/login', { username, password }), remember ? localStorage : sessionStorage);
    return this.account;
  }

  /** Trades the stored refresh token for a new pair (on load, before expiry, on reconnect). */
  async refresh() {
    const run = async () => {
      // Read inside the lock: another tab may have rotated the token a moment ago.
      const stored = this.stored();
      if (!stored) throw new AuthError('unauthorized', 'You are not logged in.');
      try {
        this.adopt(await post('/api/auth/refresh', { refreshToken: stored.refreshToken }), stored.storage);
      } catch (error) {
        if (error.code === 'unauthorized' || error.code === 'banned') this.forget();
        throw error;
      }
      return this.account;
    };
    // Tabs of one browser share localStorage: the lock keeps two of them from spending the same
    // token at once, which the server would take for theft and answer by ending the session.
    return navigator.locks ? navigator.locks.request('aether-auth-refresh', run) : run();
  }

  /** A valid access token, refreshed first when it expires within a minute. */
  async token() {
    if (!this.accessToken || Date.now() > this.expiresAt - EARLY_MS) await this.refresh();
    return this.accessToken;
  }

  async logout() {
    const stored = this.stored();
    this.forget();
    if (stored) await post('/api/auth/logout', { refreshToken: stored.refreshToken }).catch(() => {});
  }

  adopt(answer, storage) {
    this.accessToken = answer.accessToken;
    this.expiresAt = Date.now() + answer.expiresIn * 1000;
    this.account = answer.account;
    for (const other of [localStorage, sessionStorage]) if (other !== storage) other.removeItem(SESSION_KEY);
    storage.setItem(SESSION_KEY, JSON.stringify({ refreshToken: answer.refreshToken, username: answer.account.username }));
    clearTimeout(this.timer);
    this.timer = setTimeout(
      () => {
        this.refresh().catch((error) => {
          if (error.code === 'unauthorized' || error.code === 'banned') this.onEnded(error.message);
        });
      },
      Math.max(1_000, answer.expiresIn * 1000 - EARLY_MS),
    );
  }

  forget() {
    clearTimeout(this.timer);
    this.accessToken = null;
    this.account = null;
    localStorage.removeItem(SESSION_KEY);
    sessionStorage.removeItem(SESSION_KEY);
  }
}

/**
 * JWT mode: a token from the game's identity provider, pasted in or handed over
 * in the address as #access_token=… (the provider's implicit or a login page's
 * redirect). Kept for the tab only; it cannot be renewed here.
 */
export class ProviderToken {
  constructor() {
    this.value = sessionStorage.getItem(JWT_KEY);
  }

  /** Takes #access_token=… out of the address (so it is not bookmarked or shared) and keeps it. */
  takeFromAddress() {
    const params = new URLSearchParams(location.hash.slice(1));
    const token = params.get('access_token');
    if (!token) return false;
    history.replaceState(null, '', location.pathname + location.search);
    this.set(token);
    return true;
  }

  set(token) {
    this.value = token.trim();
    sessionStorage.setItem(JWT_KEY, this.value);
  }

  forget() {
    this.value = null;
    sessionStorage.removeItem(JWT_KEY);
  }

  /** A name to show, read from the token without trusting it (the server checks the token). */
  displayName() {
    try {
      const bytes = Uint8Array.from(atob(this.value.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
      const claims = JSON.parse(new TextDecoder().decode(bytes));
      return claims.preferred_username ?? claims.name ?? claims.email ?? claims.sub ?? 'player';
    } catch {
      return 'player';
    }
  }
}
