import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { DEFAULT_SCRYPT, type ScryptParams } from '../auth-settings.js';

const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** `scrypt$ln=15,r=8,p=3$<salt>$<hash>`, salt and hash in unpadded base64. */
const STORED = /^scrypt\$ln=(\d{1,2}),r=(\d{1,3}),p=(\d{1,3})\$([A-Za-z0-9+/]{16,})\$([A-Za-z0-9+/]{32,})$/;
/** Refuse to verify against parameters that would take the server down (a corrupted or hostile row). */
const LIMITS = { logN: 22, r: 32, p: 16 };

function scryptAsync(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const N = 2 ** params.logN;
  // Node refuses above 32 MiB by default; this allows what the parameters need (128·N·r bytes) with room to spare.
  const options: ScryptOptions = { N, r: params.r, p: params.p, maxmem: 256 * N * params.r };
  return new Promise((resolve, reject) => scrypt(password, salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key))));
}

/**
 * Password hashing with scrypt (memory-hard; node:crypto, run on libuv's
 * thread pool so the event loop keeps going). The stored string carries its
 * parameters, so raising DEFAULT_SCRYPT later leaves old hashes verifiable,
 * and needsRehash tells login to upgrade them. Passwords are NFKC-normalised
 * first (NIST SP 800-63B), so the same password typed on another keyboard
 * layout or OS still matches.
 */
export class PasswordHasher {
  /** Parameters as now, random salt and key: verifying against it costs a real verification and never matches. */
  private readonly dummy: string;

  constructor(private readonly params: ScryptParams = DEFAULT_SCRYPT) {
    const { logN, r, p } = params;
    this.dummy = `scrypt$ln=${logN},r=${r},p=${p}$${unpadded(randomBytes(SALT_BYTES))}$${unpadded(randomBytes(KEY_BYTES))}`;
  }

  async hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_BYTES);
    const key = await scryptAsync(password.normalize('NFKC'), salt, this.params);
    const { logN, r, p } = this.params;
    return `scrypt$ln=${logN},r=${r},p=${p}$${unpadded(salt)}$${unpadded(key)}`;
  }

  /** False for a wrong password and for a stored value that is not a hash this class made. */
  async verify(password: string, stored: string): Promise<boolean> {
    const parsed = parseStored(stored);
    if (!parsed) return false;
    const key = await scryptAsync(password.normalize('NFKC'), parsed.salt, parsed.params);
    return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
  }

  /**
   * The same work as verify, against a hash of nothing anyone knows: login
   * calls it for unknown usernames so that a wrong username costs as long as
   * a wrong password and the timing tells nothing.
   */
  async verifyDummy(password: string): Promise<false> {
    await this.verify(password, this.dummy);
    return false;
  }

  /** Stored with weaker parameters than the current ones. */
  needsRehash(stored: string): boolean {
    const parsed = parseStored(stored);
    if (!parsed) return false;
    const { logN, r, p } = parsed.params;
    return logN < this.params.logN || r < this.params.r || p < this.params.p;
  }
}

function parseStored(stored: string): { params: ScryptParams; salt: Buffer; key: Buffer } | undefined {
  const match = STORED.exec(stored);
  if (!match) return undefined;
  const params = { logN: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
  if (params.logN < 1 || params.r < 1 || params.p < 1 || params.logN > LIMITS.logN || params.r > LIMITS.r || params.p > LIMITS.p) return undefined;
  return { params, salt: Buffer.from(match[4]!, 'base64'), key: Buffer.from(match[5]!, 'base64') };
}

function unpadded(bytes: Buffer): string {
  return bytes.toString('base64').replace(/=+$/, '');
}
