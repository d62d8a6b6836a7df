// The console's first view, timed in the page: from the navigation's start (the page's time origin,
// the token URL's redirect included) to the Overview painted with a lab's Juju model (its header
// and applications on screen, then two animation frames: the frame that shows them was drawn),
// and to the whole inventory in the page (Overview paints from its first view's part; every other
// view waits for the whole).
// Chromium is driven without Playwright (raw-chromium.mjs), and each load is a fresh browser, so
// the page, its scripts and the lab all come cold, as on a first launch.
import { launchRawChromium } from './raw-chromium.mjs';

export const FIRST_VIEW_CHROMIUM_ARGS = ['--headless', '--proxy-server=http://127.0.0.1:9', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const VIEWPORT = { width: 1440, height: 900 };
/** The page marks when the whole inventory came (renderer/state/console-state.svelte.ts). */
const WHOLE_INVENTORY_MARK = 'obx:inventory-whole';
/** Even a loaded machine paints the Overview within this; longer means the page is stuck. */
const FIRST_VIEW_TIMEOUT_MS = 60_000;

/** Runs in the page before its scripts: notes when the Overview shows a model, then when it was painted. */
const MARK_FIRST_VIEW = `(() => {
  const shown = () => /Model \\S/.test(document.querySelector('[data-testid="model-header"]')?.textContent ?? '') && document.querySelector('[data-application-row]') !== null;
  const observer = new MutationObserver(() => {
    if (!shown()) return;
    observer.disconnect();
    window.__obxOverviewShown = performance.now();
    requestAnimationFrame(() => requestAnimationFrame(() => { window.__obxOverviewPainted = performance.now(); }));
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
})();`;

/**
 * One cold load of `url` in a fresh Chromium (`executablePath` may be a wrapper that runs it in a
 * network namespace): ms from navigation start to the document loaded, to the Overview painted and
 * to the whole inventory in the page.
 */
export async function timeFirstView(url, executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', extraArgs = []) {
  const browser = await launchRawChromium({ executablePath, args: [...FIRST_VIEW_CHROMIUM_ARGS, ...extraArgs] });
  try {
    const page = await browser.newPage(VIEWPORT);
    await page.addInitScript(MARK_FIRST_VIEW);
    await page.goto(url);
    await page.waitFor(() => typeof window.__obxOverviewPainted === 'number', null, FIRST_VIEW_TIMEOUT_MS);
    // Overview paints from the first view's part of the inventory; the other views wait for the whole.
    await page.waitFor((mark) => performance.getEntriesByName(mark).length > 0, WHOLE_INVENTORY_MARK, FIRST_VIEW_TIMEOUT_MS);
    return await page.evaluate((mark) => ({
      loaded: performance.getEntriesByType('navigation')[0]?.loadEventEnd ?? null,
      painted: window.__obxOverviewPainted,
      whole: performance.getEntriesByName(mark)[0].startTime,
    }), WHOLE_INVENTORY_MARK);
  } finally {
    await browser.close();
  }
}

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
export const ms = (value) => `${value.toFixed(0).padStart(6)} ms`;
