/** Number formatting for the report: fixed decimals, thousands grouping, '—' for none. */

/**
 * Formats a number with fixed decimals; null/NaN as an em dash.
 *
 * @example
 * formatNumber(512.345, 1); // => '512.3'
 */
export function formatNumber(value: number | null | undefined, decimals = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value.toFixed(decimals);
}

/**
 * Formats a count with thousands separators.
 *
 * @example
 * formatCount(12345); // => '12,345'
 */
export function formatCount(value: number): string {
  return Math.round(value)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * A proportion as a percentage with one decimal.
 *
 * @example
 * percent(0.3854); // => '38.5%'
 */
export function percent(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

/**
 * Percentage points with a sign; a change that rounds to 0.0 shows no sign.
 *
 * @example
 * pp(-0.0123); // => '−1.2'
 */
export function pp(x: number): string {
  const text = Math.abs(100 * x).toFixed(1);
  return text === '0.0' ? text : `${x > 0 ? '+' : '−'}${text}`;
}
