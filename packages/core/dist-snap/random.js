/**
 * Seeded pseudo-random numbers (随机数) for simulation and tests: same seed, same stream,
 * on every platform (only 32-bit integer arithmetic and IEEE doubles are used).
 *
 * Generator: sfc32 (Chris Doty-Humphrey's Small Fast Counter, as in PractRand), seeded
 * through splitmix32 so that nearby seeds give unrelated streams.
 */
/**
 * Creates a seeded random source.
 *
 * @example
 * const rng = randomSource(42);
 * rng.uniform(); // => the same number on every run with seed 42
 */
export function randomSource(seed) {
    // splitmix32 to expand the seed into four state words.
    let s = seed >>> 0;
    const split = () => {
        s = (s + 0x9e3779b9) | 0;
        let z = s;
        z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
        z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
        return (z ^ (z >>> 15)) >>> 0;
    };
    let a = split();
    let b = split();
    let c = split();
    let d = split();
    const next = () => {
        const t = (((a + b) | 0) + d) | 0;
        d = (d + 1) | 0;
        a = b ^ (b >>> 9);
        b = (c + (c << 3)) | 0;
        c = (c << 21) | (c >>> 11);
        c = (c + t) | 0;
        return t >>> 0;
    };
    for (let i = 0; i < 12; i++)
        next();
    // 53-bit uniform from two 32-bit words.
    const uniform = () => ((next() >>> 5) * 67108864 + (next() >>> 6)) / 9007199254740992;
    let spare;
    const normal = () => {
        if (spare !== undefined) {
            const v = spare;
            spare = undefined;
            return v;
        }
        let u;
        let v;
        let q;
        do {
            u = 2 * uniform() - 1;
            v = 2 * uniform() - 1;
            q = u * u + v * v;
        } while (q >= 1 || q === 0);
        const f = Math.sqrt((-2 * Math.log(q)) / q);
        spare = v * f;
        return u * f;
    };
    const gamma = (shape) => {
        if (!(shape > 0))
            throw new RangeError(`gamma shape must be > 0, got ${shape}`);
        if (shape < 1) {
            // Boost: Gamma(a) = Gamma(a + 1) * U^(1/a).
            return gamma(shape + 1) * Math.pow(uniform(), 1 / shape);
        }
        const dd = shape - 1 / 3;
        const cc = 1 / Math.sqrt(9 * dd);
        for (;;) {
            let x;
            let v;
            do {
                x = normal();
                v = 1 + cc * x;
            } while (v <= 0);
            v = v * v * v;
            const u = uniform();
            if (u < 1 - 0.0331 * x * x * x * x)
                return dd * v;
            if (Math.log(u) < 0.5 * x * x + dd * (1 - v + Math.log(v)))
                return dd * v;
        }
    };
    return {
        uniform,
        normal,
        gamma,
        beta(alpha, betaParam) {
            const x = gamma(alpha);
            const y = gamma(betaParam);
            return x / (x + y);
        },
        integer(min, max) {
            return min + Math.floor(uniform() * (max - min + 1));
        },
        bernoulli(p) {
            return uniform() < p ? 1 : 0;
        },
    };
}
//# sourceMappingURL=random.js.map