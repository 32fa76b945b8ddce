/** Rounds a number for a chart's inline data (stable snapshots, smaller specs). */
export function round(value: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
