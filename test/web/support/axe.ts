import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/**
 * Runs axe-core in the page, on the whole document or under one selector, and returns its serious
 * and critical violations, described. Evaluated through the DevTools protocol, so the page's content
 * security policy (own scripts only) does not apply.
 */
export async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const result = (await page.evaluate(
    (context) =>
      (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<unknown> } }).axe.run(context ?? document, {
        runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      }),
    include ?? null,
  )) as { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}) at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}
