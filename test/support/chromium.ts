// Debian's Chromium driven by playwright-core, started the way these machines allow: headless,
// no sandbox (root), no GPU, no background network traffic.
import { chromium, type Browser } from 'playwright-core';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

/**
 * Debian's Chromium looks up update and autofill hosts (update.googleapis.com, content-autofill…)
 * despite the flags below. Tests may reach loopback and the lab only: every other request goes to
 * this proxy, where nothing listens (Chromium never sends loopback through a proxy), so no name is
 * even resolved.
 */
export const NO_OUTSIDE_PROXY = 'http://127.0.0.1:9';

export const CHROMIUM_ARGS = [
  `--proxy-server=${NO_OUTSIDE_PROXY}`,
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  // playwright-core gives every launch a fresh, temporary user-data-dir.
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}
