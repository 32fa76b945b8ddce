/**
 * One-dimensional minimisation by Brent's method (golden section with parabolic
 * interpolation): R. P. Brent, *Algorithms for Minimization without Derivatives* (1973),
 * ch. 5, procedure `localmin` — the algorithm behind R's `optimize()`.
 *
 * @param f function to minimise on [lower, upper]
 * @param tolerance absolute tolerance in x (plus a relative term of √ε·|x|)
 * @example
 * minimizeBrent((x) => (x - 2) ** 2, 0, 5).x; // => 2
 */
export declare function minimizeBrent(f: (x: number) => number, lower: number, upper: number, tolerance?: number, maxIterations?: number): {
    x: number;
    value: number;
    iterations: number;
};
/**
 * A root of f in [lower, upper] by bisection (f(lower) and f(upper) of opposite sign),
 * to the last representable digit or `maxIterations`.
 *
 * @example
 * bisect((x) => x * x - 2, 0, 2); // => 1.4142135623730951
 */
export declare function bisect(f: (x: number) => number, lower: number, upper: number, maxIterations?: number): number;
//# sourceMappingURL=brent.d.ts.map