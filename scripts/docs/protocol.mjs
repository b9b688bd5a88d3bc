// Writes docs/protocol.md from the compiled protocol schemas (run after a build).
import { writeFile } from 'node:fs/promises';
import { renderProtocolDocs } from '../../shared/dist/protocol/render-docs.js';

await writeFile(new URL('../../docs/protocol.md', import.meta.url), renderProtocolDocs());
console.log('wrote docs/protocol.md');
