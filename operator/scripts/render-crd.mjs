// Writes operator/crd/zoneassignments.aether.dev.yaml from the compiled zod schemas (run after a build).
import { writeFile } from 'node:fs/promises';
import { CRD_FILE, renderCrdYaml } from '../dist/api/crd.js';

await writeFile(new URL(`../../${CRD_FILE}`, import.meta.url), renderCrdYaml());
console.log(`wrote ${CRD_FILE}`);
