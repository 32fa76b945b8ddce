import { JianceError } from '../errors.js';
import { badTarget } from '../messages.js';
/**
 * Parses a target as written in the config file (目标表述):
 * "-1pp per year from 2024" (每年降低 1 个百分点以上), ">= 95%", "<= 10%", "decreasing",
 * "increasing". Throws a JianceError quoting the text otherwise.
 *
 * @example
 * parseTarget('fitness_pass', '>= 95%'); // => { indicator: 'fitness_pass', kind: 'atLeast', value: 0.95, text: '>= 95%' }
 */
export function parseTarget(indicator, text) {
    const s = text.trim().toLowerCase().normalize('NFKC');
    let m = /^([+-]?\d+(?:\.\d+)?)\s*pp\s*(?:per|\/)\s*year(?:\s+from\s+(\d{4}))?$/.exec(s);
    if (m)
        return { indicator, kind: 'annualChange', perYear: Number(m[1]) / 100, from: m[2] ? Number(m[2]) : null, text };
    m = /^(>=|≥|<=|≤)\s*(\d+(?:\.\d+)?)\s*%$/.exec(s);
    if (m)
        return { indicator, kind: m[1] === '>=' || m[1] === '≥' ? 'atLeast' : 'atMost', value: Number(m[2]) / 100, text };
    if (s === 'decreasing' || s === 'increasing')
        return { indicator, kind: s, text };
    throw new JianceError(badTarget(indicator, text));
}
/**
 * Evaluates a target for one county × grade (目标达成判断): a level target against the latest
 * rate (and whether its CI clears the line), an annual-change target against the average
 * change per year from the baseline year (or the first year) to the latest, a direction target
 * against the trend's direction.
 *
 * @example
 * evaluateTarget(parseTarget('fitness_pass', '>= 95%'), cells, trend).status; // => 'not-met'
 */
export function evaluateTarget(target, cells, trend, yearKey = 'year') {
    const usable = [...cells].filter((c) => c.rate !== null).sort((a, b) => Number(a.keys[yearKey]) - Number(b.keys[yearKey]));
    const latest = usable.at(-1);
    const latestYear = latest ? Number(latest.keys[yearKey]) : null;
    const none = (status) => ({ target, status, observed: null, beyondUncertainty: null, latestYear });
    if (!latest)
        return none('not-assessable');
    switch (target.kind) {
        case 'atLeast':
        case 'atMost': {
            const ok = target.kind === 'atLeast' ? latest.rate >= target.value : latest.rate <= target.value;
            const beyond = target.kind === 'atLeast' ? latest.lower >= target.value : latest.upper <= target.value;
            return { target, status: ok ? 'met' : 'not-met', observed: latest.rate, beyondUncertainty: ok ? beyond : target.kind === 'atLeast' ? latest.upper < target.value : latest.lower > target.value, latestYear };
        }
        case 'annualChange': {
            const base = target.from === null ? usable[0] : usable.find((c) => Number(c.keys[yearKey]) === target.from);
            if (!base || base === latest)
                return none('not-assessable');
            const years = latestYear - Number(base.keys[yearKey]);
            const perYear = (latest.rate - base.rate) / years;
            const ok = target.perYear < 0 ? perYear <= target.perYear : perYear >= target.perYear;
            return { target, status: ok ? 'met' : 'not-met', observed: perYear, beyondUncertainty: null, latestYear };
        }
        case 'decreasing':
        case 'increasing': {
            const ok = target.kind === 'decreasing' ? trend.direction === 'falling' : trend.direction === 'rising';
            return { target, status: ok ? 'met' : 'not-met', observed: trend.annualChange?.slope ?? null, beyondUncertainty: null, latestYear };
        }
    }
}
//# sourceMappingURL=targets.js.map