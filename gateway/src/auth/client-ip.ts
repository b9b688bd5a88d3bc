import type { IncomingMessage } from 'node:http';
import { clientAddress } from '../limits/client-address.js';

/**
 * The client's address for the login limits and the handshake's context: the
 * same key the connection limits use (gateway/src/limits/client-address.ts),
 * so X-Forwarded-For is believed for exactly LIMIT_TRUSTED_PROXY_HOPS proxies
 * and an IPv6 client counts as its /64.
 */
export function clientIpResolver(trustProxyHops: number): (request: Pick<IncomingMessage, 'headers' | 'socket'>) => string {
  return (request) => clientAddress(request, trustProxyHops);
}
