import type { Quantile } from '../../common/measure/tick-histogram.js';

/** Milliseconds for a table: more digits for small values, "—" for none. */
export function ms(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (value < 10) return value.toFixed(1);
  return value.toFixed(0);
}

export function quantile(value: Quantile): string {
  if (value.ms !== null) return ms(value.ms);
  if (value.aboveMs !== undefined) return `>${ms(value.aboveMs)}`;
  return '—';
}

export function fixed(value: number | null | undefined, digits: number): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);
}
