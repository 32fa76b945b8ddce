/**
 * A root of f in [a, b] (f(a), f(b) of opposite sign) by the Illinois variant of regula falsi:
 * the secant through the bracket, halving the retained end's value when the same end is kept
 * twice, so convergence is superlinear (order ≈ 1.44) yet never leaves the bracket
 * (Dowell & Jarratt 1971, "A modified regula falsi method for computing the root of an
 * equation", BIT 11). Stops when the bracket no longer shrinks or |f| = 0.
 *
 * @example
 * findRootIllinois((x) => x * x - 2, 0, 2); // => 1.414213562373095
 */
export declare function findRootIllinois(f: (x: number) => number, a: number, b: number, fa?: number, fb?: number, maxIterations?: number): number;
//# sourceMappingURL=illinois.d.ts.map