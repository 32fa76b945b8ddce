/**
 * Per-school means with standard errors and empirical-Bayes (shrunken) means with posterior
 * SDs, from a fitted random-intercept model (Raudenbush & Bryk 2002, §3.6; lme4 `ranef(fit,
 * condVar = TRUE)`). Small schools are pulled towards μ̂ more than large ones.
 *
 * @example
 * schoolEffects({ count: [10], mean: [520], m2: [900] }, fit)[0].shrunkenMean; // between μ̂ and 520
 */
export function schoolEffects(s, fit) {
    const out = [];
    const tau2 = fit.betweenVariance;
    const sigma2 = fit.withinVariance;
    for (let j = 0; j < s.count.length; j++) {
        const n = s.count[j];
        const mean = s.mean[j];
        const shrink = sigma2 + n * tau2 > 0 ? (n * tau2) / (sigma2 + n * tau2) : 1;
        out.push({
            students: n,
            mean,
            meanSE: n > 1 ? Math.sqrt(s.m2[j] / (n - 1) / n) : null,
            shrunkenMean: fit.intercept + shrink * (mean - fit.intercept),
            posteriorSD: sigma2 + n * tau2 > 0 ? Math.sqrt((tau2 * sigma2) / (sigma2 + n * tau2)) : 0,
        });
    }
    return out;
}
//# sourceMappingURL=schoolEffects.js.map