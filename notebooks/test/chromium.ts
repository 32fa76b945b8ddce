// Headless Chromium for the notebook tests: the system browser (/usr/bin/chromium) driven by
// playwright-core, with every request that is not to 127.0.0.1 blocked and recorded.
import { chromium, type Browser, type Page } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** What went wrong while a page was open; every list must stay empty. */
export interface PageProblems {
  /** Requests to anything but 127.0.0.1 (blocked). */
  offHost: string[];
  consoleErrors: string[];
  pageErrors: string[];
  failedRequests: string[];
}

/** A new page whose requests may only go to 127.0.0.1, collecting every problem. */
export async function guardedPage(browser: Browser, viewport = { width: 1100, height: 900 }): Promise<{ page: Page; problems: PageProblems }> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', serviceWorkers: 'block' });
  const page = await context.newPage();
  const problems: PageProblems = { offHost: [], consoleErrors: [], pageErrors: [], failedRequests: [] };
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1') return route.continue();
    problems.offHost.push(url.href);
    return route.abort('blockedbyclient');
  });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => problems.pageErrors.push(String(error)));
  page.on('requestfailed', (request) => problems.failedRequests.push(`${request.url()} ${request.failure()?.errorText ?? ''}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.failedRequests.push(`${response.url()} HTTP ${response.status()}`);
  });
  return { page, problems };
}
