/**
 * Seeded pseudo-random numbers (随机数) for simulation and tests: same seed, same stream,
 * on every platform (only 32-bit integer arithmetic and IEEE doubles are used).
 *
 * Generator: sfc32 (Chris Doty-Humphrey's Small Fast Counter, as in PractRand), seeded
 * through splitmix32 so that nearby seeds give unrelated streams.
 */

/** A seeded random source. All draws advance one shared stream. */
export interface RandomSource {
  /** Uniform on [0, 1). */
  uniform(): number;
  /** Standard normal N(0, 1) (Marsaglia polar method). */
  normal(): number;
  /** Fills `out[start..end)` with standard normals: the numbers `normal()` returns, in order. */
  fillNormal(out: Float64Array, start?: number, end?: number): void;
  /** Gamma(shape, scale = 1) by Marsaglia & Tsang (2000); shape > 0. */
  gamma(shape: number): number;
  /** Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
  beta(a: number, b: number): number;
  /** Integer uniform on [min, max] (inclusive). */
  integer(min: number, max: number): number;
  /** 1 with probability p, else 0. */
  bernoulli(p: number): number;
}

/**
 * Creates a seeded random source.
 *
 * @example
 * const rng = randomSource(42);
 * rng.uniform(); // => 0.890780191354953 (the same number on every run with seed 42)
 */
export function randomSource(seed: number): RandomSource {
  // splitmix32 to expand the seed into four state words.
  let s = seed >>> 0;
  const split = (): number => {
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
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) next();

  // 53-bit uniform from two 32-bit words.
  const uniform = (): number => ((next() >>> 5) * 67108864 + (next() >>> 6)) / 9007199254740992;

  let spare: number | undefined;
  const normal = (): number => {
    if (spare !== undefined) {
      const v = spare;
      spare = undefined;
      return v;
    }
    let u: number;
    let v: number;
    let q: number;
    do {
      u = 2 * uniform() - 1;
      v = 2 * uniform() - 1;
      q = u * u + v * v;
    } while (q >= 1 || q === 0);
    const f = Math.sqrt((-2 * Math.log(q)) / q);
    spare = v * f;
    return u * f;
  };

  const fillNormal = (out: Float64Array, start = 0, end = out.length): void => {
    for (let i = start; i < end; i++) out[i] = normal();
  };

  const gamma = (shape: number): number => {
    if (!(shape > 0)) throw new RangeError(`gamma shape must be > 0, got ${shape}`);
    if (shape < 1) {
      // Boost: Gamma(a) = Gamma(a + 1) * U^(1/a).
      return gamma(shape + 1) * Math.pow(uniform(), 1 / shape);
    }
    const dd = shape - 1 / 3;
    const cc = 1 / Math.sqrt(9 * dd);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = normal();
        v = 1 + cc * x;
      } while (v <= 0);
      v = v * v * v;
      const u = uniform();
      if (u < 1 - 0.0331 * x * x * x * x) return dd * v;
      if (Math.log(u) < 0.5 * x * x + dd * (1 - v + Math.log(v))) return dd * v;
    }
  };

  return {
    uniform,
    normal,
    fillNormal,
    gamma,
    beta(alpha: number, betaParam: number): number {
      const x = gamma(alpha);
      const y = gamma(betaParam);
      return x / (x + y);
    },
    integer(min: number, max: number): number {
      return min + Math.floor(uniform() * (max - min + 1));
    },
    bernoulli(p: number): number {
      return uniform() < p ? 1 : 0;
    },
  };
}
