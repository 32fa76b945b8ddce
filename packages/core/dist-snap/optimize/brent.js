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
export function minimizeBrent(f, lower, upper, tolerance = 1e-12, maxIterations = 500) {
    const golden = 0.3819660112501051; // (3 − √5)/2
    const eps = Math.sqrt(Number.EPSILON);
    let a = lower;
    let b = upper;
    let x = a + golden * (b - a);
    let w = x;
    let v = x;
    let fx = f(x);
    let fw = fx;
    let fv = fx;
    let d = 0;
    let e = 0;
    let iterations = 0;
    for (; iterations < maxIterations; iterations++) {
        const m = 0.5 * (a + b);
        const tol = eps * Math.abs(x) + tolerance / 3;
        const t2 = 2 * tol;
        if (Math.abs(x - m) <= t2 - 0.5 * (b - a))
            break;
        let p = 0;
        let q = 0;
        let r = 0;
        if (Math.abs(e) > tol) {
            r = (x - w) * (fx - fv);
            q = (x - v) * (fx - fw);
            p = (x - v) * q - (x - w) * r;
            q = 2 * (q - r);
            if (q > 0)
                p = -p;
            else
                q = -q;
            r = e;
            e = d;
        }
        if (Math.abs(p) < Math.abs(0.5 * q * r) && p > q * (a - x) && p < q * (b - x)) {
            d = p / q;
            const u = x + d;
            if (u - a < t2 || b - u < t2)
                d = x < m ? tol : -tol;
        }
        else {
            e = (x < m ? b : a) - x;
            d = golden * e;
        }
        const u = x + (Math.abs(d) >= tol ? d : d > 0 ? tol : -tol);
        const fu = f(u);
        if (fu <= fx) {
            if (u < x)
                b = x;
            else
                a = x;
            v = w;
            fv = fw;
            w = x;
            fw = fx;
            x = u;
            fx = fu;
        }
        else {
            if (u < x)
                a = u;
            else
                b = u;
            if (fu <= fw || w === x) {
                v = w;
                fv = fw;
                w = u;
                fw = fu;
            }
            else if (fu <= fv || v === x || v === w) {
                v = u;
                fv = fu;
            }
        }
    }
    // Brent's method never evaluates the end points; a maximum on the boundary (e.g. a
    // between-school variance of 0) is checked explicitly.
    for (const end of [lower, upper]) {
        const fe = f(end);
        if (fe <= fx) {
            x = end;
            fx = fe;
        }
    }
    return { x, value: fx, iterations };
}
/**
 * A root of f in [lower, upper] by bisection (f(lower) and f(upper) of opposite sign),
 * to the last representable digit or `maxIterations`.
 *
 * @example
 * bisect((x) => x * x - 2, 0, 2); // => 1.4142135623730951
 */
export function bisect(f, lower, upper, maxIterations = 200) {
    let a = lower;
    let b = upper;
    let fa = f(a);
    for (let i = 0; i < maxIterations; i++) {
        const m = 0.5 * (a + b);
        if (m === a || m === b)
            return m;
        const fm = f(m);
        if (fm === 0)
            return m;
        if (fa < 0 === fm < 0) {
            a = m;
            fa = fm;
        }
        else
            b = m;
    }
    return 0.5 * (a + b);
}
//# sourceMappingURL=brent.js.map