import { readFile } from 'node:fs/promises';
import { ClientEvents } from './client.js';
import { renderProtocolDocs } from './render-docs.js';
import { ServerEvents } from './server.js';

describe('docs/protocol.md', () => {
  it('documents every client and server event', () => {
    const docs = renderProtocolDocs();
    for (const name of [...Object.keys(ClientEvents), ...Object.keys(ServerEvents)]) expect(docs).toContain(`### \`${name}\``);
  });

  it('is up to date with the schemas (run `npm run docs:protocol`)', async () => {
    const committed = await readFile(new URL('../../../docs/protocol.md', import.meta.url), 'utf8');
    expect(committed).toBe(renderProtocolDocs());
  });
});
