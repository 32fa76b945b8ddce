/** A timer of an engine's steps: `step(name)` records the milliseconds since the previous step. */
export interface StepTimer {
  (name: string): void;
  /** Records a duration measured elsewhere (e.g. the SQL part of a step). */
  add(name: string, ms: number): void;
  /** Milliseconds per step, in order. */
  timings: Record<string, number>;
}

/**
 * Times the steps of an analysis (where the time went, for benchmarks), calling `onTiming` as
 * each ends.
 *
 * @example
 * const step = stepTimer(); await load(); step('load'); step.timings.load; // => 812.4
 */
export function stepTimer(onTiming?: (step: string, ms: number) => void): StepTimer {
  const timings: Record<string, number> = {};
  let t0 = performance.now();
  return Object.assign(
    (name: string): void => {
      const t = performance.now();
      timings[name] = t - t0;
      onTiming?.(name, t - t0);
      t0 = t;
    },
    { add: (name: string, ms: number): void => void (timings[name] = ms), timings },
  );
}
