import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messages } from '@jiance/core';
import { put, resultsOf, run, tempDir } from './helpers.js';

const province = new URL('../../../fixtures/province.csv', import.meta.url).pathname;

describe('analyze with "levels" in the config', () => {
  it('the province fixture shows the levels, the 中等及以上 trend and the 优质均衡 check, in Chinese and in English', async () => {
    const dir = tempDir();
    const config = put(dir, 'jiance.json', JSON.stringify({ levels: { math: { '4': [420, 500, 580], '8': [420, 500, 580] } } }));
    for (const lang of ['zh', 'en'] as const) {
      const out = join(dir, lang);
      expect((await run([province, '-c', config, '--lang', lang, '--out', out])).code).toBe(0);
      const html = readFileSync(join(out, 'report.html'), 'utf8');
      if (lang === 'zh') {
        expect(html).toContain('三、学业水平');
        expect(html).toContain('达到中等及以上趋势');
        expect(html).toContain('优质均衡核查');
      } else {
        expect(html).toContain('3. Performance levels');
        expect(html).toContain('Trend of 中等 or above');
        expect(html).toContain('Check against the 优质均衡 criterion');
      }
      for (const id of ['levels-math', 'level-trends-math', 'balanced-math', 'level-comparison-math'])
        expect(existsSync(join(out, 'tables', `${id}.csv`))).toBe(true);
      expect(existsSync(join(out, 'charts', 'levels-math-4.svg'))).toBe(true);
    }
    const results = resultsOf(join(dir, 'zh'));
    expect(results.levels.subjects[0].cuts).toEqual({ '4': [420, 500, 580], '8': [420, 500, 580] });
    expect(results.levels.balanced).toHaveLength(40);
    const runInfo = JSON.parse(readFileSync(join(dir, 'zh', 'run.json'), 'utf8'));
    expect(runInfo.options.levels.cuts.math['4']).toEqual([420, 500, 580]);
  });

  it('one list of cuts for every grade, names, the 中等及以上 line and the check’s definition are read from the config', async () => {
    const dir = tempDir();
    const config = put(
      dir,
      'jiance.json',
      JSON.stringify({
        levels: {
          数学: [430, 510, 590],
          names: ['Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ'],
          passFrom: 'Ⅲ',
          balanced: { level: 'Ⅲ', definition: 'share', shareLine: 0.6, iccLine: 0.2 },
        },
      }),
    );
    const r = await run([province, '-c', config, '--out', join(dir, 'out')]);
    expect(r.err).toBe(`错误：${messages.badConfig(config, messages.configReasons.notSubject('数学')).zh}\n`);
    put(
      dir,
      'jiance.json',
      JSON.stringify({
        levels: {
          math: [430, 510, 590],
          names: ['Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ'],
          passFrom: 'Ⅲ',
          balanced: { level: 'Ⅲ', definition: 'share', shareLine: 0.6, iccLine: 0.2 },
        },
      }),
    );
    expect((await run([province, '-c', config, '--out', join(dir, 'out')])).code).toBe(0);
    const results = resultsOf(join(dir, 'out'));
    expect(results.levels.subjects[0]).toMatchObject({ names: ['Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ'], passFrom: 2, upperFrom: 2, cuts: { '*': [430, 510, 590] } });
    expect(results.levels.balancedDefinition).toEqual({ definition: 'share', level: 2, shareLine: 0.6, iccLine: 0.2 });
  });

  it('cut scores that cannot be used stop with one message naming the key (exit 2)', async () => {
    const dir = tempDir();
    const { configReasons: R, configShapes: S } = messages;
    const cases: [unknown, messages.Reason][] = [
      [{ math: { '4': [500, 420, 580] } }, R.mustBe('"levels"."math"."4"', S.cutScores)],
      [{ math: { 十三年级: [420, 500, 580] } }, R.notGrade('"levels"."math"', '十三年级')],
      [{ math: [420, 500] }, R.mustBe('"levels"."math"', S.cutScores)],
      [{ math: [420, 500, 580], passFrom: '及格' }, R.levelName('"levels"."passFrom"', ['中等', '良好', '优秀'])],
      [{ names: ['a', 'b', 'c'] }, R.mustBe('"levels"."names"', S.levelNames)],
    ];
    for (const [levels, reason] of cases) {
      const config = put(dir, 'jiance.json', JSON.stringify({ levels }));
      const r = await run([province, '-c', config, '--out', join(dir, 'out')]);
      expect(r.code).toBe(2);
      expect(r.err).toBe(`错误：${messages.badConfig(config, reason).zh}\n`);
      // The reason is in Chinese too: no English sentence inside the Chinese message.
      expect(r.err).not.toMatch(/\b(must|which|cut scores|ascending)\b/);
    }
  });
});
