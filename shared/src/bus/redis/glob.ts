/**
 * Escapes Redis glob metacharacters (`* ? [ ] \`) so a key prefix such as
 * `zone:[x]*` matches itself literally in SCAN MATCH. `^` and `-` only mean
 * something inside brackets, which escaping `[` already rules out.
 */
export function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
