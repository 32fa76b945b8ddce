/**
 * A one-line progress indicator for the terminal (进度提示): steps and counts rewritten in
 * place on a TTY; silent when the stream is not a terminal (CI logs, pipes), so logs keep
 * only the final summary.
 */
export interface Progress {
  /** Starts a step, e.g. step('绘制图表', 48). */
  step(label: string, total?: number): void;
  /** Advances the current step by n. */
  tick(n?: number): void;
  /** Clears the line. */
  done(): void;
}

/**
 * A progress indicator on `stream` when it is a TTY, else a no-op.
 *
 * @example
 * const p = progress(process.stderr); p.step('读取数据'); p.done();
 */
export function progress(stream: { isTTY?: boolean; write(s: string): unknown; columns?: number }): Progress {
  if (!stream.isTTY) return { step() {}, tick() {}, done() {} };
  const started = Date.now();
  let label = '';
  let total = 0;
  let count = 0;
  let stepNo = 0;
  let last = 0;
  const draw = (force = false): void => {
    const now = Date.now();
    if (!force && now - last < 80) return;
    last = now;
    const seconds = ((now - started) / 1000).toFixed(1);
    const bar = total ? ` ${'█'.repeat(Math.round((20 * count) / total)).padEnd(20, '░')} ${count}/${total}` : '';
    stream.write(`\r\x1b[2K[${stepNo}] ${label}${bar}  ${seconds}s`);
  };
  return {
    step(next, n = 0) {
      stepNo++;
      label = next;
      total = n;
      count = 0;
      draw(true);
    },
    tick(n = 1) {
      count += n;
      draw(count === total);
    },
    done() {
      stream.write('\r\x1b[2K');
    },
  };
}
