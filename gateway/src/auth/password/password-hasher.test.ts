import { PasswordHasher } from './password-hasher.js';

// Cheap parameters keep the unit suite fast; the integration tests run the defaults.
const FAST = { logN: 10, r: 8, p: 1 };

describe('PasswordHasher', () => {
  it('stores scrypt with its parameters, salt and hash, and verifies only the right password', async () => {
    const hasher = new PasswordHasher(FAST);
    const stored = await hasher.hash('correct horse battery');
    expect(stored).toMatch(/^scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(stored).not.toContain('correct horse');
    expect(await hasher.verify('correct horse battery', stored)).toBe(true);
    expect(await hasher.verify('correct horse batterY', stored)).toBe(false);
    // A fresh salt each time.
    expect(await hasher.hash('correct horse battery')).not.toBe(stored);
  });

  it('verifies a hash made with other parameters, and says it wants a re-hash when they are weaker', async () => {
    const old = new PasswordHasher({ logN: 9, r: 8, p: 1 });
    const stored = await old.hash('an older password');
    const current = new PasswordHasher(FAST);
    expect(await current.verify('an older password', stored)).toBe(true);
    expect(current.needsRehash(stored)).toBe(true);
    expect(current.needsRehash(await current.hash('an older password'))).toBe(false);
  });

  it('treats text the same whatever its Unicode form (NFKC)', async () => {
    const hasher = new PasswordHasher(FAST);
    const stored = await hasher.hash('caf\u00e9 au lait!');
    expect(await hasher.verify('cafe\u0301 au lait!', stored)).toBe(true);
  });

  it('refuses stored values it did not make, including parameters that would exhaust the server', async () => {
    const hasher = new PasswordHasher(FAST);
    for (const stored of [
      '',
      'plain',
      'scrypt$ln=30,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$aGFzaA',
    ]) {
      expect(await hasher.verify('anything at all', stored)).toBe(false);
    }
  });

  it('verifyDummy does a real verification and never matches', async () => {
    const hasher = new PasswordHasher({ logN: 14, r: 8, p: 1 });
    const stored = await hasher.hash('the real one');
    const time = async (work: () => Promise<unknown>) => {
      const start = performance.now();
      await work();
      return performance.now() - start;
    };
    const real = await time(() => hasher.verify('a wrong password', stored));
    const dummy = await time(() => hasher.verifyDummy('a wrong password'));
    expect(await hasher.verifyDummy('the real one')).toBe(false);
    // Same parameters, same work: well within a factor of 3 either way on a busy machine.
    expect(dummy).toBeGreaterThan(real / 3);
    expect(dummy).toBeLessThan(real * 3);
  });
});
