// axe-core run inside a page the end-to-end tests drive: its violations, in words a test failure
// can show (rule, impact, the elements it flagged and why). One place for every view's check.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** What the project holds every view to: nothing axe rates this bad or worse. */
export const BLOCKING_IMPACTS = ['serious', 'critical'] as const;

export interface AccessibilityViolation {
  rule: string;
  impact: string;
  help: string;
  /** One line per element flagged: its selector, then axe's reason. */
  nodes: string[];
}

export interface AccessibilityScope {
  /** CSS selector of the part to check (default: the whole document). */
  include?: string;
  /** CSS selectors of parts left out, e.g. a third-party widget's own markup (say why at the call). */
  exclude?: string[];
}

/** Loads axe into the page once. Evaluated through the debugging protocol: the page's
 * Content-Security-Policy forbids inline scripts (so `addScriptTag` cannot) but does not govern this. */
async function ensureAxe(page: Page): Promise<void> {
  if (await page.evaluate(() => 'axe' in window)) return;
  await page.evaluate(await readFile(AXE_SOURCE, 'utf8'));
}

/** Every violation axe finds in the scope, whatever its impact. */
export async function accessibilityViolations(page: Page, scope: AccessibilityScope = {}): Promise<AccessibilityViolation[]> {
  await ensureAxe(page);
  return page.evaluate(async ({ include, exclude }) => {
    interface AxeNode { target: unknown[]; failureSummary?: string }
    interface AxeResult { id: string; impact: string | null; help: string; nodes: AxeNode[] }
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: AxeResult[] }> } }).axe;
    const context = { include: include ? [include] : [document.documentElement], exclude: exclude.map((selector) => [selector]) };
    const result = await axe.run(context, { resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      rule: violation.id,
      impact: violation.impact ?? 'unknown',
      help: violation.help,
      nodes: violation.nodes.map((node) => `${node.target.map(String).join(' ')} — ${(node.failureSummary ?? '').replace(/\s+/g, ' ').trim()}`),
    }));
  }, { include: scope.include ?? null, exclude: scope.exclude ?? [] });
}

/** The violations of serious or critical impact, one readable line each (empty when it passes). */
export async function blockingViolations(page: Page, scope: AccessibilityScope = {}): Promise<string[]> {
  const violations = await accessibilityViolations(page, scope);
  return violations
    .filter((violation) => (BLOCKING_IMPACTS as readonly string[]).includes(violation.impact))
    .map((violation) => `${violation.rule} (${violation.impact}): ${violation.help}\n    ${violation.nodes.join('\n    ')}`);
}
