import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';

/**
 * The client's address as a limit key. Without trusted proxies it is the
 * TCP peer; behind `trustedHops` proxies that each append the address they
 * saw to X-Forwarded-For, it is the entry that many places from the right
 * (anything further left was written by the client and proves nothing).
 * IPv4-mapped IPv6 becomes plain IPv4; an IPv6 address counts as its /64,
 * since one subscriber usually holds a whole /64.
 */
export function clientAddress(request: Pick<IncomingMessage, 'headers' | 'socket'>, trustedHops: number): string {
  const peer = request.socket?.remoteAddress ?? 'unknown';
  if (trustedHops <= 0) return limitKey(peer);
  const header = request.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  // The chain as the gateway sees it: client, proxies…, then the peer itself.
  const chain = [...forwarded, peer];
  const index = Math.max(0, chain.length - 1 - trustedHops);
  return limitKey(chain[index]!);
}

export function limitKey(address: string): string {
  let text = address.trim();
  // "[::1]:1234" or "1.2.3.4:5678" as some proxies write it.
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) text = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(text)) text = text.slice(0, text.lastIndexOf(':'));
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(text);
  if (mapped) return mapped[1]!;
  if (isIP(text) === 4) return text;
  if (isIP(text) === 6) return `${expandIpv6(text).slice(0, 4).join(':')}::/64`;
  return text.slice(0, 64);
}

/** The eight 16-bit groups of an IPv6 address, as lowercase hex without leading zeros. */
function expandIpv6(address: string): string[] {
  let text = address.toLowerCase();
  // A trailing dotted quad (::ffff:1.2.3.4 was handled above; others like 64:ff9b::1.2.3.4).
  const quad = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array.from({ length: missing }, () => '0'), ...right].map((group) => parseInt(group || '0', 16).toString(16));
}
