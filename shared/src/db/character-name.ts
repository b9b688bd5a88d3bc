/**
 * The form two character names are compared in: NFKC folds look-alike
 * compatibility characters (full-width letters, ligatures) and lower-casing
 * folds case, so "Aria", "ARIA" and "Ａｒｉａ" are one name.
 */
export function characterNameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase();
}
