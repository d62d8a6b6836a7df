// Opening a snapshot in a console already on screen, timed in the page: the engineer types its
// path in Manage labs' "Open a snapshot file" and presses Open; from that press to the Overview
// painted with the snapshot's model (the model line names it, its applications are on screen, then
// two animation frames). This is what "opening a snapshot" costs once the console runs; the cold
// start (a fresh browser, the page's own code) is timed apart (first-view.mjs).
import { FIRST_VIEW_CHROMIUM_ARGS } from './first-view.mjs';
import { launchRawChromium } from './raw-chromium.mjs';

const VIEWPORT = { width: 1440, height: 900 };
/** Even a loaded machine opens a snapshot within this; longer means the console is stuck. */
const OPEN_TIMEOUT_MS = 60_000;

/**
 * Ms from pressing Open to the Overview painted, for each of `opens` ({ path, model }: the file and
 * the name its model line shows) in turn, in one page of a console that starts on the demo lab.
 */
export async function timeOpenInConsole(url, opens, extraArgs = []) {
  const browser = await launchRawChromium({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [...FIRST_VIEW_CHROMIUM_ARGS, ...extraArgs] });
  const samples = [];
  try {
    const page = await browser.newPage(VIEWPORT);
    await page.goto(url);
    await page.waitFor(() => document.querySelector('[data-application-row]') !== null, null, OPEN_TIMEOUT_MS);
    for (const { path, model } of opens) {
      // Back to the lab switcher's "Manage labs", whatever is shown.
      await page.evaluate(() => {
        const manage = [...document.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Manage labs');
        manage?.click();
      });
      await page.waitFor(() => document.querySelector('input[aria-label="Path of a snapshot file"]') !== null, null, OPEN_TIMEOUT_MS);
      const wholeBefore = await page.evaluate(() => performance.getEntriesByName('obx:inventory-whole').length);
      await page.evaluate(({ path, model }) => {
        window.__obxOpened = undefined;
        const input = document.querySelector('input[aria-label="Path of a snapshot file"]');
        input.value = path;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        const shown = () => !document.querySelector('input[aria-label="Path of a snapshot file"]') && (document.querySelector('[data-testid="model-header"]')?.textContent ?? '').includes(model) && document.querySelector('[data-application-row]') !== null;
        const observer = new MutationObserver(() => {
          if (!shown()) return;
          observer.disconnect();
          requestAnimationFrame(() => requestAnimationFrame(() => { window.__obxOpened = performance.now() - window.__obxPressed; }));
        });
        observer.observe(document, { childList: true, subtree: true, characterData: true });
        const form = document.querySelector('form[aria-label="Open a snapshot file"]');
        window.__obxPressed = performance.now();
        form.requestSubmit();
      }, { path, model });
      await page.waitFor(() => typeof window.__obxOpened === 'number', null, OPEN_TIMEOUT_MS);
      samples.push(await page.evaluate(() => window.__obxOpened));
      // The engineer looks at Overview while the whole inventory comes: the next round starts after it.
      await page.waitFor((count) => performance.getEntriesByName('obx:inventory-whole').length > count, wholeBefore, OPEN_TIMEOUT_MS);
    }
    return samples;
  } finally {
    await browser.close();
  }
}
