import { fileURLToPath } from 'node:url';

// Resolved from this file so it works the same from shared/src (Jest) and
// shared/dist (compiled): both sit three levels below the repository root.
// Images must therefore ship prisma/ beside shared/.
const prismaDir = new URL('../../../prisma/', import.meta.url);

export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL('migrations', prismaDir));
export const DEFAULT_SCHEMA_PATH = fileURLToPath(new URL('schema.prisma', prismaDir));
