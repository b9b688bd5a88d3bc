import type { ClusterNode, RedisOptions } from 'ioredis';

/**
 * Where the bus connects: one Redis server, or a Redis Cluster reached
 * through one or more seed nodes. The rule (docs/design.md §2): `REDIS_CLUSTER=1`
 * selects a cluster, and `REDIS_URL` then lists its seed nodes separated by
 * commas (one is enough; the client learns the others from CLUSTER SLOTS).
 * Without it `REDIS_URL` must name exactly one server, so a list is never
 * half-understood as its first entry.
 */
export type RedisTarget = { kind: 'single'; url: string } | { kind: 'cluster'; seeds: ClusterNode[]; nodeOptions: RedisOptions };

export function redisTarget(url: string, cluster = false): RedisTarget {
  const urls = url
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (urls.length === 0) throw new Error('REDIS_URL names no Redis node');
  for (const entry of urls) {
    if (!/^rediss?:\/\/[^/]/.test(entry))
      throw new Error(`REDIS_URL: every node must start with redis:// or rediss:// (got an entry of ${entry.length} characters)`);
  }
  if (!cluster) {
    if (urls.length > 1) throw new Error(`REDIS_URL lists ${urls.length} nodes; set REDIS_CLUSTER=1 to use them as Redis Cluster seeds, or name one server`);
    return { kind: 'single', url: urls[0]! };
  }
  const parsed = urls.map((entry) => new URL(entry));
  const first = parsed[0]!;
  if (parsed.some((node) => node.protocol !== first.protocol)) throw new Error('REDIS_URL: cluster seeds must all use redis:// or all rediss://');
  if (parsed.some((node) => node.pathname.length > 1 && node.pathname !== '/0')) {
    throw new Error('REDIS_URL: a Redis Cluster has only database 0; drop the /<db> from the seed URLs');
  }
  // Credentials and TLS come from the first seed and apply to every node,
  // including those discovered later; ACL users are cluster-wide anyway.
  const nodeOptions: RedisOptions = {};
  if (first.username) nodeOptions.username = decodeURIComponent(first.username);
  if (first.password) nodeOptions.password = decodeURIComponent(first.password);
  if (first.protocol === 'rediss:') nodeOptions.tls = {};
  return {
    kind: 'cluster',
    seeds: parsed.map((node) => ({ host: node.hostname.replace(/^\[|\]$/g, ''), port: Number(node.port || 6379) })),
    nodeOptions,
  };
}
