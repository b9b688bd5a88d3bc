import { describe, expect, it } from '@jest/globals';
import { redisTarget } from './redis-target.js';

describe('redisTarget (REDIS_URL and REDIS_CLUSTER)', () => {
  it('takes one URL as one server, as it is', () => {
    expect(redisTarget('redis://127.0.0.1:6379/7')).toEqual({ kind: 'single', url: 'redis://127.0.0.1:6379/7' });
  });

  it('refuses a list of nodes without cluster mode, and a database number with it', () => {
    expect(() => redisTarget('redis://a:1,redis://b:2')).toThrow(/REDIS_CLUSTER=1/);
    expect(() => redisTarget('redis://a:1/3', true)).toThrow(/database 0/);
    expect(() => redisTarget('redis://a:1,http://b:2', true)).toThrow(/redis:\/\/ or rediss:\/\//);
    expect(() => redisTarget('redis://a:1,rediss://b:2', true)).toThrow(/all use/);
  });

  it('reads cluster seeds, with the credentials and TLS of the first for every node', () => {
    expect(redisTarget('rediss://user:p%40ss@a:7000, rediss://b:7001', true)).toEqual({
      kind: 'cluster',
      seeds: [
        { host: 'a', port: 7000 },
        { host: 'b', port: 7001 },
      ],
      nodeOptions: { username: 'user', password: 'p@ss', tls: {} },
    });
    expect(redisTarget('redis://10.0.0.5', true)).toEqual({ kind: 'cluster', seeds: [{ host: '10.0.0.5', port: 6379 }], nodeOptions: {} });
  });
});
