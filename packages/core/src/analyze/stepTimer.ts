/** A timer of the steps of a run: `step(name)` records the milliseconds since the previous step. */
export interface StepTimer<Name extends string = string> {
  (name: Name): void;
  /** Records a duration measured elsewhere (e.g. the SQL part of a step). */
  add(name: Name, ms: number): void;
  /** Milliseconds per step name (a name timed twice keeps its last time). */
  timings: Record<string, number>;
  /** Every step in order, a name timed twice included (a run that fell back and began again). */
  steps: { step: Name; ms: number }[];
}

/**
 * Times the steps of a run (where the time went: the engines' steps, analyzeFrom's phases,
 * run.json's phases), calling `onTiming` as each ends.
 *
 * @example
 * const step = stepTimer(); step('read'); step('check'); step.steps.map((s) => s.step); // => ['read', 'check']
 */
export function stepTimer<Name extends string = string>(onTiming?: (step: Name, ms: number) => void): StepTimer<Name> {
  const timings: Record<string, number> = {};
  const steps: { step: Name; ms: number }[] = [];
  const add = (name: Name, ms: number): void => {
    timings[name] = ms;
    steps.push({ step: name, ms });
  };
  let t0 = performance.now();
  return Object.assign(
    (name: Name): void => {
      const t = performance.now();
      add(name, t - t0);
      onTiming?.(name, t - t0);
      t0 = t;
    },
    { add, timings, steps },
  );
}
