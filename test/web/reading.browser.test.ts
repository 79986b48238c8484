import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { occurredStart } from '../../projections/dates/occurred';
import { seriousViolations } from './support/axe';
import { HAVE_CHROMIUM, launchChromium, NO_CHROMIUM_REASON, pageErrors, screenshot } from './support/browser';
import { startReferenceServer, type ReferenceServer } from './support/reference-server';
import { ensureWebBuild } from './support/web-build';

if (!HAVE_CHROMIUM) console.warn(NO_CHROMIUM_REASON);

interface Claim {
  id: string;
  text: string;
  passage: string | null;
  provenance: { attributedTo: { name: string }; occurredAt: string; saidIn: string | null };
}

/**
 * The reading view in Chromium on the reference debate: the claims in the order they were said,
 * each beside its verbatim passage with author, date and source; relations in words; the sources
 * with their archive references (guide entries as such) and appraisals; keyboard use; axe-core.
 */
describe.skipIf(!HAVE_CHROMIUM)('the reading view in Chromium', () => {
  let server: ReferenceServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let claims: Claim[];

  beforeAll(async () => {
    await ensureWebBuild();
    server = await startReferenceServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    errors = pageErrors(page);
    claims = ((await (await fetch(`${server.baseUrl}/api/questions/${server.questionId}`)).json()) as { claims: Claim[] }).claims;
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows each claim beside the verbatim passage it paraphrases, with its author, date and source', async () => {
    await page.goto(`${server.baseUrl}/questions/${server.questionId}?view=reading`);
    await page.locator('.reading-entry').first().waitFor();
    expect(await page.getByRole('tab', { name: 'Reading' }).getAttribute('aria-selected')).toBe('true');
    const quoted = claims.find((c) => c.passage && c.provenance.saidIn && c.provenance.attributedTo.name === 'Silvia Ribelles de la Vega')!;
    const entry = page.locator(`li[data-claim-id="${quoted.id}"] article`);
    expect(await entry.locator('button.claim-text').textContent()).toBe(quoted.text);
    expect(await entry.locator('figure blockquote').textContent()).toBe(quoted.passage);
    const caption = await entry.locator('figcaption').textContent();
    expect(caption).toContain('Silvia Ribelles de la Vega');
    const source = (await (await fetch(`${server.baseUrl}/api/sources/${quoted.provenance.saidIn}`)).json()) as { title: string };
    expect(await entry.locator('figcaption cite').textContent()).toBe(source.title);
    expect(await entry.locator('h3').textContent()).toContain('2021-02-10 08:02 UTC');
    // Its label badge, from the consensus.
    expect(await entry.locator('h3 [data-label]').getAttribute('data-label')).toMatch(/^(corroborated|unverified|contested|refuted|open|retracted)$/);
    await screenshot(page, 'reading');
  });

  it('lists every claim once, in the order it was said', async () => {
    const ids = await page.locator('.reading-list > li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-claim-id')));
    expect(new Set(ids)).toEqual(new Set(claims.map((c) => c.id)));
    const dates = await page.locator('.reading-list > li h3 time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')!));
    const starts = dates.map(occurredStart);
    for (let i = 1; i < starts.length; i++) expect(starts[i]!, `${dates[i - 1]} then ${dates[i]}`).toBeGreaterThanOrEqual(starts[i - 1]!);
    const refs = await page.locator('.reading-list > li .ref').allTextContents();
    expect(refs.slice(0, 3)).toEqual(['C1', 'C2', 'C3']);
  });

  it('says relations in words, linking the other claim by its number', async () => {
    const relations = await page.locator('.reading-entry .relations li').allTextContents();
    expect(relations.some((r) => /^C\d+ rebuts C\d+ \(“/.test(r))).toBe(true);
    expect(relations.some((r) => /^C\d+ is rebutted by C\d+/.test(r))).toBe(true);
    expect(relations.some((r) => /^C\d+ undercuts the evidence from /.test(r))).toBe(true);
    const link = page.locator('.reading-entry .relations a[href^="#reading-"]').first();
    const target = (await link.getAttribute('href'))!.slice('#reading-'.length);
    expect(claims.some((c) => c.id === target)).toBe(true);
  });

  it('lists the sources with their archive references, a guide entry said to be one, and their reliability and appraisals', async () => {
    const sources = page.locator('.reading-sources');
    await sources.locator('[data-source-id] .finding-aid').first().waitFor();
    const text = (await sources.textContent())!;
    // GARF's guide entry: its counts as counts, never as a file (d.).
    expect(text).toContain('GARF, f. R-9501, op. 5, 13, 16 (guide entry: 1,629 storage units, 1925–1988)');
    expect(text).toContain('GARF: State Archive of the Russian Federation');
    expect(text).not.toMatch(/d\. 1629/);
    expect(text).toContain('ICRC Archives, B AG 121 218-015');
    expect(text).toContain('B (usually reliable)');
    // The CIA report's appraisal: its letter in words, who appraised it and when.
    const cia = sources.locator('li', { hasText: 'Soviet Relations with Foreign Communist Parties' }).first();
    expect(await cia.locator('.appraisals').textContent()).toMatch(/^F \(reliability cannot be judged\) by admin, \d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})? UTC: /);
    await sources.scrollIntoViewIfNeeded();
    await screenshot(page, 'reading-sources');
  });

  it('opens a claim in the claim panel from the keyboard', async () => {
    const first = claims.find((c) => c.passage)!;
    const button = page.locator(`li[data-claim-id="${first.id}"] button.claim-text`);
    await button.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`claim=${first.id}`));
    await page.locator('.claim-panel').waitFor();
    expect(await button.getAttribute('aria-current')).toBe('true');
    expect(new URL(page.url()).searchParams.get('view')).toBe('reading');
  });

  it('at a replay moment shows only what had been said by then: before Volodarsky answered', async () => {
    await page.goto(`${server.baseUrl}/questions/${server.questionId}?view=reading&axis=occurred&asOf=2021-02-11`);
    const volodarsky = claims.filter((c) => c.provenance.attributedTo.name === 'Boris Volodarsky');
    expect(volodarsky.length).toBeGreaterThan(3);
    await page.locator('.reading-list > li').first().waitFor();
    // Until the moment's consensus arrives, the page shows the one it has: wait for the moment's.
    await expect.poll(() => page.locator(volodarsky.map((c) => `li[data-claim-id="${c.id}"]`).join(', ')).count()).toBe(0);
    const shown = await page.locator('.reading-list > li').count();
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(claims.length);
  });

  it('passes an accessibility check (axe-core): no serious or critical violations', async () => {
    await page.goto(`${server.baseUrl}/questions/${server.questionId}?view=reading`);
    await page.locator('.reading-sources [data-source-id] .finding-aid').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('stays readable at 200 % zoom: the claim and its passage stack, nothing wider than the window', async () => {
    const narrow = await browser.newPage({ viewport: { width: 640, height: 900 }, deviceScaleFactor: 2 });
    await narrow.goto(`${server.baseUrl}/questions/${server.questionId}?view=reading`);
    await narrow.locator('.reading-entry figure').first().waitFor();
    expect(await narrow.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    const quoted = narrow.locator('.reading-entry:has(figure)').first();
    const [claimBox, passageBox] = await Promise.all([quoted.locator('.claim-text').boundingBox(), quoted.locator('figure').boundingBox()]);
    expect(passageBox!.y).toBeGreaterThan(claimBox!.y + claimBox!.height - 1);
    await screenshot(narrow, 'reading-200-percent');
    await narrow.close();
  });

  it('raised no script errors and no content security policy refusals', () => {
    expect(errors).toEqual([]);
  });
});
