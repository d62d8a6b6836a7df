// Recordings in Chromium through the built browser host: a terminal recorded to a path the
// engineer chose outside the recordings folder is listed and plays; a .cast file opened by path,
// chosen from this computer or dropped on the view plays too; a damaged one says why; a
// recording whose file was deleted is listed as missing. A local shell is recorded: what is
// tested here is where recordings go and come from, not the lab (terminals.test.ts records there).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, SCREENSHOT_DIR } from '../support/chromium';
import { startWebHostProcess, type WebHostProcess } from '../support/web-host-process';

/** A local shell starts and echoes well within this. */
const SHELL_MS = 15_000;
/** The player loads (its WebAssembly terminal) and shows a short recording's text within this. */
const PLAYBACK_MS = 20_000;

let home: string;
let host: WebHostProcess;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];
const mark = randomBytes(3).toString('hex');
/** Where the engineer chooses to save: not the recordings folder of the settings (~/orangebox-recordings). */
let chosenPath: string;

const castOf = (title: string, text: string) =>
  `${JSON.stringify({ version: 2, width: 80, height: 10, timestamp: 1767268800, title })}\n[0.1, "o", "$ "]\n[0.4, "o", ${JSON.stringify(`${text}\r\n`)}]\n`;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'obx-e2e-recordings-'));
  chosenPath = join(home, 'visits', 'acme', `controller-check-${mark}.cast`);
  host = await startWebHostProcess(['--state', join(home, 'state.json')], { ...process.env, HOME: home, SSH_AUTH_SOCK: '' });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' });
  page = await context.newPage();
  page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.goto(host.urlWithToken);
});

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') await page?.screenshot({ path: join(SCREENSHOT_DIR, `recordings-failed-${task.name.slice(0, 40).replace(/\W+/g, '-')}.png`) });
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await rm(home, { recursive: true, force: true });
});

const view = () => page.locator('main');
const listItem = (key: string) => view().locator(`li[data-recording="${key}"]`);
const player = () => page.getByTestId('recording-player');

/** Starts the player and waits until its screen shows `text`. */
async function expectPlayed(text: string): Promise<void> {
  await expect.poll(() => player().locator('.ap-player').count(), { timeout: PLAYBACK_MS, message: 'the player never appeared' }).toBe(1);
  await player().locator('.ap-player').click();
  await expect
    .poll(() => player().locator('.ap-player').innerText(), { timeout: PLAYBACK_MS, message: `the player never showed "${text}"` })
    .toContain(text);
}

describe('Recordings, wherever they are', () => {
  it('records a terminal to a path chosen outside the recordings folder', async () => {
    await page.keyboard.press('Alt+7');
    await page.getByRole('heading', { name: 'No terminals open' }).waitFor({ timeout: SHELL_MS });
    await view().getByRole('button', { name: 'Local shell' }).first().click();
    const terminal = page.locator('[data-terminal]').first();
    await expect.poll(() => terminal.getAttribute('data-state'), { timeout: SHELL_MS, message: 'the local shell never ran' }).toBe('running');
    await terminal.getByRole('button', { name: 'Record' }).click();
    const file = terminal.getByRole('textbox', { name: 'Recording file' });
    expect(await file.inputValue()).toMatch(/^~\/orangebox-recordings\//);
    await file.fill(chosenPath);
    await terminal.getByRole('button', { name: 'Start recording' }).click();
    await terminal.getByTestId('recording').waitFor({ timeout: SHELL_MS });
    await terminal.locator('.xterm-helper-textarea').focus();
    await page.keyboard.type(`echo chosen-$((6*7))-${mark}\n`);
    await expect.poll(() => terminal.locator('.xterm-rows').innerText(), { timeout: SHELL_MS, message: 'the shell never echoed' }).toContain(`chosen-42-${mark}`);
    await terminal.getByRole('button', { name: 'Stop recording' }).click();
    await expect.poll(() => terminal.getByTestId('recording').count(), { timeout: SHELL_MS, message: 'the recording never stopped' }).toBe(0);
    expect(await readFile(chosenPath, 'utf8')).toContain(`chosen-42-${mark}`);
  });

  it('lists that recording in Recordings, with its folder, and plays it', async () => {
    await page.keyboard.press('Alt+8');
    const item = listItem(chosenPath);
    await expect.poll(() => item.isVisible(), { timeout: SHELL_MS, message: `${chosenPath} was never listed` }).toBe(true);
    expect(await item.innerText()).toContain(join(home, 'visits', 'acme'));
    await item.getByRole('button').first().click();
    // The terminal's label names what was recorded, wherever the file is.
    await expect.poll(() => view().getByRole('heading', { level: 2 }).innerText(), { timeout: SHELL_MS }).toMatch(/^local shell on /);
    await expectPlayed(`chosen-42-${mark}`);
  });

  it('opens a .cast file by its path: it plays, and stays listed', async () => {
    const path = join(home, 'from-a-colleague', `gateway-${mark}.cast`);
    await mkdir(join(home, 'from-a-colleague'));
    await writeFile(path, castOf('gateway namespaces, as a colleague recorded them', `by-path-${mark}`));
    await view().getByRole('textbox', { name: 'Path of a .cast file' }).fill(path);
    await view().getByRole('button', { name: 'Open', exact: true }).click();
    await expect.poll(() => listItem(path).isVisible(), { timeout: SHELL_MS, message: 'the opened file was never listed' }).toBe(true);
    expect(await listItem(path).innerText()).toContain('OPENED');
    await expectPlayed(`by-path-${mark}`);
    // The core remembers it: a fresh page lists it too.
    await page.goto(host.urlWithToken);
    await page.keyboard.press('Alt+8');
    await expect.poll(() => listItem(path).isVisible(), { timeout: SHELL_MS, message: 'the opened file was not listed after a reload' }).toBe(true);
  });

  it('says why a damaged file will not open, and does not list it', async () => {
    const path = join(home, `damaged-${mark}.cast`);
    await writeFile(path, `${JSON.stringify({ version: 2, width: 80, height: 24 })}\n[0.1, "o", "ok"]\n[0.2, "o", "brok\n[0.3, "o", "x"]\n`);
    await view().getByRole('textbox', { name: 'Path of a .cast file' }).fill(path);
    await view().getByRole('button', { name: 'Open', exact: true }).click();
    const alert = view().getByRole('form', { name: 'Open a recording' }).getByRole('alert');
    await expect.poll(() => alert.innerText(), { timeout: SHELL_MS, message: 'no message about the damaged file' }).toContain('line 3 is not an asciicast event');
    expect(await listItem(path).count()).toBe(0);
  });

  it('opens a .cast file chosen from this computer, and one dropped on the view', async () => {
    await view().getByLabel('Choose a .cast file from this computer').setInputFiles({
      name: `chosen-${mark}.cast`,
      mimeType: 'application/x-asciicast',
      buffer: Buffer.from(castOf('chosen from this computer', `from-file-${mark}`)),
    });
    await expectPlayed(`from-file-${mark}`);
    expect(await listItem(`chosen-${mark}.cast`).innerText()).toContain('OPENED');

    // A drop as the browser delivers it: a DataTransfer carrying a File.
    await page.evaluate(
      ({ name, text }) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([text], name, { type: 'application/x-asciicast' }));
        const section = document.querySelector('section.recordings')!;
        section.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
        section.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      },
      { name: `dropped-${mark}.cast`, text: castOf('dropped on the view', `dropped-${mark}`) },
    );
    await expect.poll(() => listItem(`dropped-${mark}.cast`).isVisible(), { timeout: SHELL_MS, message: 'the dropped file was never listed' }).toBe(true);
    await expectPlayed(`dropped-${mark}`);
  });

  it('lists a recording whose file was deleted as missing, and plays the others still', async () => {
    const gone = join(home, 'from-a-colleague', `gateway-${mark}.cast`);
    await rm(gone);
    await view().getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => listItem(gone).getAttribute('data-missing'), { timeout: SHELL_MS, message: 'the deleted file was not marked missing' }).toBe('true');
    expect(await listItem(gone).innerText()).toContain('MISSING');
    await listItem(chosenPath).getByRole('button').first().click();
    await expectPlayed(`chosen-42-${mark}`);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'recordings-anywhere-dark.png') });

    await listItem(gone).getByRole('button', { name: /^Forget / }).click();
    await expect.poll(() => listItem(gone).count(), { timeout: SHELL_MS, message: 'the forgotten recording stayed listed' }).toBe(0);
    await page.goto(host.urlWithToken);
    await page.keyboard.press('Alt+8');
    await expect.poll(() => listItem(chosenPath).isVisible(), { timeout: SHELL_MS, message: 'the recording was not listed after a reload' }).toBe(true);
    expect(await listItem(gone).count()).toBe(0);
    expect(consoleErrors).toEqual([]);
  });
});
