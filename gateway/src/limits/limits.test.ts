import { parseEnv } from '@aether/shared/config';
import { DEFAULT_LIMITS, LimitsEnv, limitsFrom, limitsFromEnv, withDefaults } from './limits.js';

describe('LimitsEnv', () => {
  it('has defaults a person playing never meets', () => {
    expect(DEFAULT_LIMITS).toEqual({
      socket: { perSecond: 30, burst: 60 },
      account: { perSecond: 60, burst: 120, idleMs: 600_000 },
      refusalsBeforeDisconnect: 100,
      queuedRequests: 32,
      connectionsPerIp: 32,
      trustedProxyHops: 0,
      charactersPerAccount: 8,
      commandLength: 500,
      outboundBufferBytes: 2 * 1024 * 1024,
    });
  });

  it('reads every knob from LIMIT_* variables', () => {
    const limits = limitsFrom(
      parseEnv(LimitsEnv, {
        LIMIT_SOCKET_RATE: '5',
        LIMIT_SOCKET_BURST: '7',
        LIMIT_ACCOUNT_RATE: '9',
        LIMIT_ACCOUNT_BURST: '11',
        LIMIT_ACCOUNT_IDLE_SECONDS: '13',
        LIMIT_REFUSALS_BEFORE_DISCONNECT: '15',
        LIMIT_QUEUED_REQUESTS: '4',
        LIMIT_CONNECTIONS_PER_IP: '3',
        LIMIT_TRUSTED_PROXY_HOPS: '1',
        LIMIT_CHARACTERS_PER_ACCOUNT: '2',
        LIMIT_COMMAND_LENGTH: '100',
        LIMIT_OUTBOUND_BUFFER_BYTES: '65536',
      }),
    );
    expect(limits).toEqual({
      socket: { perSecond: 5, burst: 7 },
      account: { perSecond: 9, burst: 11, idleMs: 13_000 },
      refusalsBeforeDisconnect: 15,
      queuedRequests: 4,
      connectionsPerIp: 3,
      trustedProxyHops: 1,
      charactersPerAccount: 2,
      commandLength: 100,
      outboundBufferBytes: 65536,
    });
  });

  it.each([
    ['LIMIT_SOCKET_RATE', '0'],
    ['LIMIT_CONNECTIONS_PER_IP', 'many'],
    ['LIMIT_COMMAND_LENGTH', '501'],
    ['LIMIT_TRUSTED_PROXY_HOPS', '-1'],
    ['LIMIT_OUTBOUND_BUFFER_BYTES', '1024'],
  ])('refuses %s=%s naming the variable', (name, value) => {
    expect(() => parseEnv(LimitsEnv, { [name]: value })).toThrow(name);
  });

  it('limitsFromEnv reads the process environment, empty values as unset', () => {
    expect(limitsFromEnv({ LIMIT_CONNECTIONS_PER_IP: '5', LIMIT_SOCKET_RATE: '' })).toEqual({ ...DEFAULT_LIMITS, connectionsPerIp: 5 });
  });

  it('fills what GatewayOptions.limits leaves out', () => {
    expect(withDefaults({ socket: { burst: 5 }, connectionsPerIp: 2 })).toEqual({
      ...DEFAULT_LIMITS,
      socket: { perSecond: 30, burst: 5 },
      connectionsPerIp: 2,
    });
  });
});
