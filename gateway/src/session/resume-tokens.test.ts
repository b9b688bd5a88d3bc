import { createHash } from 'node:crypto';
import { InMemoryBroker, InMemoryBus } from '@aether/shared';
import { ResumeTokens } from './resume-tokens.js';

describe('ResumeTokens', () => {
  let broker: InMemoryBroker;
  let gatewayA: ResumeTokens;
  let gatewayB: ResumeTokens;

  beforeEach(() => {
    broker = new InMemoryBroker();
    // Two gateways sharing one registry, as two processes share Redis.
    gatewayA = new ResumeTokens(new InMemoryBus({ source: 'a' }, broker));
    gatewayB = new ResumeTokens(new InMemoryBus({ source: 'b' }, broker));
  });

  it('stores only the SHA-256 of the token, never the token', async () => {
    const token = await gatewayA.issue('account-1', 'character-1');
    const keys = [...broker.store.keys()];
    const values = [...broker.store.values()].map((entry) => entry.value);
    expect(keys.some((key) => key.includes(token)) || values.some((value) => value.includes(token))).toBe(false);
    expect(keys).toContain(`session:resume:${createHash('sha256').update(token).digest('hex')}`);
  });

  it('is single-use, on whichever gateway it is shown', async () => {
    const token = await gatewayA.issue('account-1', 'character-1');
    expect(await gatewayB.redeem(token, 'account-1')).toEqual({ ok: true, characterId: 'character-1' });
    expect(await gatewayA.redeem(token, 'account-1')).toEqual({ ok: false, reason: 'unknown' });
  });

  it('lets exactly one of two gateways racing with the same token win', async () => {
    for (let i = 0; i < 20; i += 1) {
      const token = await gatewayA.issue('account-1', `character-${i}`);
      const answers = await Promise.all([gatewayA.redeem(token, 'account-1'), gatewayB.redeem(token, 'account-1')]);
      expect(answers.filter((answer) => answer.ok)).toHaveLength(1);
    }
  });

  it('keeps one live token per account: a new one replaces the old', async () => {
    const first = await gatewayA.issue('account-1', 'character-1');
    const second = await gatewayB.issue('account-1', 'character-2');
    const other = await gatewayA.issue('account-2', 'character-3');
    expect(await gatewayA.redeem(first, 'account-1')).toEqual({ ok: false, reason: 'unknown' });
    expect(await gatewayA.redeem(second, 'account-1')).toEqual({ ok: true, characterId: 'character-2' });
    expect(await gatewayA.redeem(other, 'account-2')).toEqual({ ok: true, characterId: 'character-3' });
  });

  it('refuses a token issued at the same moment as a newer one for the account (only the current one is redeemable)', async () => {
    const tokens = await Promise.all(Array.from({ length: 5 }, (_, i) => (i % 2 ? gatewayA : gatewayB).issue('account-1', `character-${i}`)));
    const answers = await Promise.all(tokens.map((token) => gatewayA.redeem(token, 'account-1')));
    expect(answers.filter((answer) => answer.ok)).toHaveLength(1);
  });

  it("refuses another account's token, which is spent by the attempt", async () => {
    const token = await gatewayA.issue('account-1', 'character-1');
    expect(await gatewayB.redeem(token, 'account-2')).toEqual({ ok: false, reason: 'other_account' });
    expect(await gatewayB.redeem(token, 'account-1')).toEqual({ ok: false, reason: 'unknown' });
  });

  it("revokes the account's token on logout", async () => {
    const token = await gatewayA.issue('account-1', 'character-1');
    await gatewayB.revokeAccount('account-1');
    expect(await gatewayA.redeem(token, 'account-1')).toEqual({ ok: false, reason: 'unknown' });
    expect(broker.store.size).toBe(0);
    await expect(gatewayB.revokeAccount('account-1')).resolves.toBeUndefined();
  });

  it.each(['', 'short', 'x'.repeat(200), 'has spaces and is long enough to look like a token!!', '../../etc/passwd'])(
    'refuses the malformed token %j without a lookup',
    async (token) => {
      expect(await gatewayA.redeem(token, 'account-1')).toEqual({ ok: false, reason: 'malformed' });
    },
  );

  it('expires unused tokens (and the in-process registry forgets them)', async () => {
    let now = 0;
    const bus = new InMemoryBus({ source: 'c', now: () => now }, broker);
    const tokens = new ResumeTokens(bus, 60_000);
    const token = await tokens.issue('account-1', 'character-1');
    now = 60_000;
    expect(await tokens.redeem(token, 'account-1')).toEqual({ ok: false, reason: 'unknown' });
    now = 200_000;
    await tokens.issue('account-2', 'character-2');
    expect([...broker.store.keys()].filter((key) => key.includes('account-1'))).toEqual([]);
  });
});
