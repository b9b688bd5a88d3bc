import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';

export interface SigningKey {
  kid: string;
  alg: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export async function makeSigningKey(kid: string, alg = 'RS256'): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, alg, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

/** A stand-in identity provider: serves a JWKS the test can change (key rotation) and signs tokens. */
export class JwksServer {
  private server: Server | undefined;
  keys: SigningKey[] = [];
  fetches = 0;

  constructor(readonly issuer: string) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/.well-known/jwks.json`;
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      if (request.url !== '/.well-known/jwks.json') {
        response.writeHead(404).end();
        return;
      }
      this.fetches += 1;
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: this.keys.map((key) => key.publicJwk) }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** A token as the provider would issue it; `claims` and `options` override the defaults for negative tests. */
  async sign(
    key: SigningKey,
    claims: JWTPayload = {},
    options: { audience?: string; issuer?: string; expiresIn?: string | number; kid?: string } = {},
  ): Promise<string> {
    return new SignJWT({ preferred_username: 'Player', ...claims })
      .setProtectedHeader({ alg: key.alg, kid: options.kid ?? key.kid, typ: 'JWT' })
      .setIssuer(options.issuer ?? this.issuer)
      .setAudience(options.audience ?? 'aether-game')
      .setSubject(typeof claims.sub === 'string' ? claims.sub : 'subject-1')
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '10m')
      .sign(key.privateKey);
  }
}
