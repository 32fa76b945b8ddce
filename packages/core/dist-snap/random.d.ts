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
 * rng.uniform(); // => the same number on every run with seed 42
 */
export declare function randomSource(seed: number): RandomSource;
//# sourceMappingURL=random.d.ts.map