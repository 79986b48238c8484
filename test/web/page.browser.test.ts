import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAVE_CHROMIUM, launchChromium, NO_CHROMIUM_REASON, pageErrors, screenshot } from './support/browser';
import { startReferenceServer, type ReferenceServer } from './support/reference-server';
import { ensureWebBuild, ROOT } from './support/web-build';

if (!HAVE_CHROMIUM) console.warn(NO_CHROMIUM_REASON);

interface ConsensusClaim {
  id: string;
  label: string;
  author: string;
  text: string;
}

/**
 * The page in a real browser (Debian's Chromium, headless) against the real server on the reference
 * debate: the questions, the map with every live claim and its label, a claim's explanation, the
 * replay back to 11 February 2021, live updates, downloads, and an accessibility check (axe-core).
 */
describe.skipIf(!HAVE_CHROMIUM)('the web page in Chromium', () => {
  let server: ReferenceServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let claims: ConsensusClaim[];

  beforeAll(async () => {
    await ensureWebBuild();
    server = await startReferenceServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    errors = pageErrors(page);
    claims = ((await (await fetch(`${server.baseUrl}/api/questions/${server.questionId}/consensus`)).json()) as { claims: ConsensusClaim[] }).claims;
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const mapNodes = (p: Page) =>
    p.evaluate(() => {
      const cy = (window as unknown as { __ledgerMap?: { nodes(): { map<T>(f: (n: { id(): string; hasClass(c: string): boolean; data(k: string): unknown }) => T): T[] } } }).__ledgerMap;
      return cy ? cy.nodes().map((n) => ({ id: n.id(), absent: n.hasClass('absent'), label: n.data('label') as string | undefined, kind: n.data('kind') as string })) : null;
    });

  it('lists the questions with their sub-questions nested, and searches through the API', async () => {
    await page.goto(`${server.baseUrl}/`);
    await page.getByRole('heading', { name: 'Questions' }).waitFor();
    const top = page.locator('.question-tree > li');
    await expect.poll(() => top.count()).toBe(1);
    // The reference question's two sub-questions are nested under it, one with a sub-question of its own.
    expect(await page.locator('.question-tree > li > ul > li').count()).toBe(2);
    expect(await page.locator('.question-tree li[data-question-id]').count()).toBe(4);
    await page.getByLabel('Search questions').fill('ARCHIVES moscow');
    await page.waitForURL(/\?q=ARCHIVES/);
    await expect.poll(() => page.locator('.question-tree li[data-question-id]').count()).toBe(1);
    expect(await page.locator('.question-tree').textContent()).toContain('Can the archives of the Soviet Red Cross in Moscow be consulted?');
    await screenshot(page, 'questions');
  });

  it('draws every live claim on the map with its label, and lists them', async () => {
    await page.goto(`${server.baseUrl}/questions/${server.questionId}`);
    await page.locator('.claim-list li').first().waitFor();
    const live = claims.filter((c) => c.label !== 'retracted');
    expect(live.length).toBeGreaterThan(40);
    await expect.poll(async () => (await mapNodes(page))?.filter((n) => n.kind === 'claim').length).toBe(live.length);
    const nodes = (await mapNodes(page))!;
    for (const claim of live) expect(nodes.find((n) => n.id === claim.id)?.label, claim.text).toBe(claim.label);
    for (const claim of live) expect(await page.locator(`.claim-list li[data-claim-id="${claim.id}"] [data-label]`).getAttribute('data-label')).toBe(claim.label);
    // The legend counts each label.
    const legend = await page.getByRole('complementary', { name: 'Legend' }).textContent();
    for (const label of ['corroborated', 'unverified', 'contested', 'refuted', 'open']) expect(legend).toContain(label);
    await screenshot(page, 'map');
  });

  it('opens a claim and reads its explanation: contributions that add up to its strength', async () => {
    const covert = claims.find((c) => c.id.startsWith('35da80e9'))!;
    await page.locator(`.claim-list li[data-claim-id="${covert.id}"] button`).click();
    await page.waitForURL(new RegExp(`claim=${covert.id}`));
    const panel = page.locator('.claim-panel');
    await panel.getByRole('table').waitFor();
    const text = await panel.textContent();
    expect(text).toContain('contested');
    expect(text).toContain('What would change the label');
    expect(text).toContain('More examined evidence for it');
    const explanation = (await (await fetch(`${server.baseUrl}/api/questions/${server.questionId}/consensus/claims/${covert.id}`)).json()) as {
      base: number;
      strength: number;
      contributions: { effect: number }[];
    };
    expect(await panel.locator('tr.total td').last().textContent()).toBe(explanation.strength.toFixed(3));
    const sum = explanation.base + explanation.contributions.reduce((a, c) => a + c.effect, 0);
    expect(sum).toBeCloseTo(explanation.strength, 6);
    // Its events, each with its hash.
    await panel.locator('.events li').first().waitFor();
    expect(await panel.locator('.events li').first().textContent()).toMatch(/ClaimProposed.*hash [0-9a-f]{16}/s);
    await screenshot(page, 'claim-panel');
  });

  it('steps the replay slider back to 11 February 2021 on the occurred axis: Volodarsky’s claims disappear', async () => {
    const volodarsky = claims.filter((c) => c.author === 'Boris Volodarsky');
    expect(volodarsky.length).toBeGreaterThan(3);
    await page.getByLabel('Axis').selectOption('occurred');
    const slider = page.getByRole('slider');
    // The steps come with the timeline, which follows the map.
    await expect.poll(async () => Number(await slider.getAttribute('max'))).toBeGreaterThan(50);
    await slider.focus();
    await page.keyboard.press('Home');
    // Step forward while the next step is still on or before 11 February 2021.
    for (let i = 0; i < 200; i++) {
      const max = Number(await slider.getAttribute('max'));
      const value = Number(await slider.inputValue());
      if (value >= max) break;
      await page.keyboard.press('ArrowRight');
      const text = (await slider.getAttribute('aria-valuetext')) ?? '';
      if (!/^2021-02-(0\d|1[01])/.test(text)) {
        await page.keyboard.press('ArrowLeft');
        break;
      }
    }
    expect(await slider.getAttribute('aria-valuetext')).toMatch(/^2021-02-(10|11)/);
    await page.waitForURL(/axis=occurred/);
    await expect.poll(async () => (await mapNodes(page))!.filter((n) => volodarsky.some((v) => v.id === n.id) && !n.absent).length).toBe(0);
    for (const claim of volodarsky) expect(await page.locator(`.claim-list li[data-claim-id="${claim.id}"]`).count()).toBe(0);
    // Claims said before then are still there.
    const preston = claims.find((c) => c.author === 'Paul Preston')!;
    expect((await mapNodes(page))!.find((n) => n.id === preston.id)?.absent).toBe(false);
    await screenshot(page, 'map-as-of-2021-02-11');
    // The link carries the moment: a colleague opening it sees the same.
    const other = await browser.newPage();
    await other.goto(page.url());
    await other.locator('.claim-list li').first().waitFor();
    await expect.poll(async () => (await mapNodes(other))!.filter((n) => volodarsky.some((v) => v.id === n.id) && !n.absent).length).toBe(0);
    await other.close();
  });

  it('shows the timeline plot', async () => {
    await page.getByRole('tab', { name: 'Timeline' }).click();
    await page.waitForURL(/view=timeline/);
    await page.locator('.timeline-plot canvas').waitFor();
    expect(await page.locator('.timeline-tab').textContent()).toContain("The question's status over time");
    await screenshot(page, 'timeline');
  });

  it('updates an open page live when someone writes through the API, without a reload', async () => {
    const second = await browser.newPage();
    await second.goto(`${server.baseUrl}/questions/${server.questionId}`);
    await second.locator('.claim-list li').first().waitFor();
    await second.locator('.live.on').waitFor();
    const text = 'A claim written while the page was open (live update test).';
    const written = await server.t.http.post(`/api/questions/${server.questionId}/claims`).send({ kind: 'hypothesis', text });
    expect(written.status).toBe(201);
    await second.getByText(text).first().waitFor({ timeout: 15_000 });
    await expect.poll(async () => (await mapNodes(second))!.some((n) => n.id === written.body.id && !n.absent)).toBe(true);
    await second.close();
  });

  it('links every export format, each answered as a download', async () => {
    await page.goto(`${server.baseUrl}/questions/${server.questionId}`);
    const links = page.locator('.downloads a[data-format]');
    await links.first().waitFor();
    const hrefs = await links.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(hrefs).toHaveLength(8);
    for (const href of hrefs) {
      const answer = await fetch(href);
      expect(answer.status, href).toBe(200);
      expect(answer.headers.get('content-disposition'), href).toMatch(/^attachment; filename=/);
      expect((await answer.text()).length, href).toBeGreaterThan(100);
    }
  });

  it('passes an accessibility check (axe-core): no serious or critical violations', async () => {
    const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    const check = async (url: string, ready: string) => {
      await page.goto(url);
      await page.locator(ready).first().waitFor();
      // Evaluated through the DevTools protocol, so the page's content security policy does not apply.
      await page.evaluate(axeSource);
      const result = (await page.evaluate(() =>
        (window as unknown as { axe: { run(o: unknown): Promise<unknown> } }).axe.run({ runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }),
      )) as { passes: unknown[]; violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };
      expect(result.passes.length, 'axe ran its rules').toBeGreaterThan(20);
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${url}: ${v.id} (${v.impact}) at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
    };
    const covert = claims.find((c) => c.id.startsWith('35da80e9'))!;
    const violations = [
      ...(await check(`${server.baseUrl}/`, '.question-tree')),
      ...(await check(`${server.baseUrl}/questions/${server.questionId}?claim=${covert.id}`, '.claim-panel table')),
      ...(await check(`${server.baseUrl}/questions/${server.questionId}?view=timeline&axis=occurred&asOf=2021-02-11`, '.timeline-plot canvas')),
    ];
    expect(violations).toEqual([]);
  });

  it('stays usable at 200 % zoom: nothing wider than the window', async () => {
    const narrow = await browser.newPage({ viewport: { width: 640, height: 900 }, deviceScaleFactor: 2 });
    await narrow.goto(`${server.baseUrl}/questions/${server.questionId}`);
    await narrow.locator('.claim-list li').first().waitFor();
    const overflow = await narrow.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(narrow, 'map-200-percent');
    await narrow.close();
  });

  it('takes the README’s pictures (WEB_SCREENSHOTS_TO_DOCS=1 writes them to docs/images)', async () => {
    const toDocs = process.env.WEB_SCREENSHOTS_TO_DOCS === '1';
    const covert = claims.find((c) => c.id.startsWith('35da80e9'))!;
    const shot = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await shot.goto(`${server.baseUrl}/questions/${server.questionId}?claim=${covert.id}`);
    await shot.locator('.claim-panel table').waitFor();
    await shot.locator('.map').scrollIntoViewIfNeeded();
    const map = await screenshot(shot, 'readme-map', toDocs ? join(ROOT, 'docs/images/map.png') : undefined);
    await shot.goto(`${server.baseUrl}/questions/${server.questionId}?view=timeline&axis=occurred&claim=${covert.id}`);
    await shot.locator('.timeline-plot canvas').waitFor();
    await shot.locator('.tabs').scrollIntoViewIfNeeded();
    const timeline = await screenshot(shot, 'readme-timeline', toDocs ? join(ROOT, 'docs/images/timeline.png') : undefined);
    expect(statSync(map).size).toBeGreaterThan(10_000);
    expect(statSync(timeline).size).toBeGreaterThan(10_000);
    await shot.close();
  });

  it('raised no script errors and no content security policy refusals', () => {
    expect(errors).toEqual([]);
  });
});
