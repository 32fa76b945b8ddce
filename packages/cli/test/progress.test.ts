import { describe, expect, it } from 'vitest';
import { progress } from '../src/progress.js';

describe('progress', () => {
  it('writes nothing when the stream is not a terminal (CI logs, pipes)', () => {
    const written: string[] = [];
    const p = progress({ isTTY: false, write: (s) => written.push(s) });
    p.step('绘制图表', 3);
    p.tick();
    p.done();
    expect(written).toEqual([]);
  });

  it('rewrites one line on a terminal: step number, label, bar and count, then clears it', () => {
    const written: string[] = [];
    const p = progress({ isTTY: true, write: (s) => written.push(s) });
    p.step('读取数据');
    p.step('绘制图表', 4);
    for (let i = 0; i < 4; i++) p.tick();
    p.done();
    expect(written[0]).toMatch(/^\r\x1b\[2K\[1\] 读取数据 {2}\d+\.\ds$/);
    expect(written.at(-2)).toMatch(/\[2\] 绘制图表 █{20} 4\/4/);
    expect(written.at(-1)).toBe('\r\x1b[2K');
  });
});
