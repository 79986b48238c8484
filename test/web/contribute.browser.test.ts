import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe';
import { HAVE_CHROMIUM, launchChromium, NO_CHROMIUM_REASON, pageErrors, screenshot } from './support/browser';
import { startReferenceServer, type ReferenceServer } from './support/reference-server';
import { ensureWebBuild } from './support/web-build';

if (!HAVE_CHROMIUM) console.warn(NO_CHROMIUM_REASON);

/**
 * Contributing in Chromium: signing in with a pasted bearer token, a contributor's forms (and no
 * moderator's), a bad form answered with the API's field errors next to the fields, a claim proposed
 * in one browser appearing live in another, a moderator's appraisal shown in the reading view, and
 * an accessibility check of a form showing its errors.
 */
describe.skipIf(!HAVE_CHROMIUM)('contributing in Chromium', () => {
  let server: ReferenceServer;
  let browser: Browser;
  let contexts: BrowserContext[] = [];
  let page: Page;
  let errors: string[];
  let carla: { id: string; name: string; token: string };
  let moe: { id: string; name: string; token: string };

  const question = () => `${server.baseUrl}/questions/${server.questionId}`;
  /** A separate browser context: its own session storage, as another person's browser. */
  const newPage = async () => {
    const context = await browser.newContext({ viewport: { width: 1300, height: 1000 } });
    contexts.push(context);
    return context.newPage();
  };
  const signIn = async (p: Page, token: string) => {
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.getByLabel('Bearer token').fill(token);
    await p.locator('#sign-in-panel').getByRole('button', { name: 'Sign in' }).click();
    await p.locator('.session .who').waitFor();
  };

  beforeAll(async () => {
    await ensureWebBuild();
    server = await startReferenceServer();
    carla = await server.t.principal('Carla Contributor', 'contributor');
    moe = await server.t.principal('Moe Moderator', 'moderator');
    browser = await launchChromium();
    page = await newPage();
    errors = pageErrors(page);
  }, 240_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    contexts = [];
    await browser?.close();
    await server?.close();
  });

  it('refuses an unknown token next to the field, then signs in with a real one and says who it is', async () => {
    await page.goto(question());
    await page.getByRole('button', { name: 'Sign in' }).click();
    const token = page.getByLabel('Bearer token');
    expect(await token.getAttribute('type')).toBe('password');
    await token.fill(`clt_${'x'.repeat(43)}`);
    await page.locator('#sign-in-panel').getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#sign-in-token-error').waitFor();
    expect(await page.locator('#sign-in-token-error').textContent()).toMatch(/Not signed in: (unknown|malformed)/);
    expect(await token.getAttribute('aria-invalid')).toBe('true');
    expect(await token.getAttribute('aria-describedby')).toContain('sign-in-token-error');
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);

    await token.fill(carla.token);
    await page.locator('#sign-in-panel').getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.session .who').waitFor();
    expect(await page.locator('.session .who').textContent()).toBe('Signed in as Carla Contributor (contributor)');
    // Kept in this tab's session storage only.
    expect(await page.evaluate(() => Object.values(sessionStorage))).toEqual([carla.token]);
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    // A reload keeps the tab signed in.
    await page.reload();
    await page.locator('.session .who').waitFor();
  });

  it('offers a contributor the contributor forms and no moderator action', async () => {
    await page.getByRole('tab', { name: 'Contribute' }).click();
    await page.waitForURL(/view=contribute/);
    const actions = page.getByRole('list', { name: 'What you can do' });
    await actions.waitFor();
    const labels = await actions.getByRole('button').allTextContents();
    expect(labels).toEqual(expect.arrayContaining(['Propose a claim', 'Relate a claim to a claim or to evidence', 'Register a source', 'Attach evidence', 'Record a stance']));
    expect(await page.locator('.moderator-action').count()).toBe(0);
    // Carla owns no claim yet: nothing of anyone else's to revise or retract.
    expect(labels).not.toContain('Revise a claim');
  });

  it('shows the API’s field errors next to the fields of a bad form, with a summary, and moves the focus to the first', async () => {
    await page.getByRole('button', { name: 'Propose a claim' }).click();
    await page.getByLabel('Said on').fill('2021-02-12T03:13');
    await page.getByRole('button', { name: 'Propose the claim' }).click();
    const summary = page.locator('.error-summary[role="alert"]');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Not recorded');
    const textError = page.locator('.field[data-field="text"] .field-error');
    const dateError = page.locator('.field[data-field="provenance.occurredAt"] .field-error');
    expect(await textError.textContent()).toMatch(/must not be blank/);
    expect(await dateError.textContent()).toMatch(/zone/);
    const text = page.getByRole('textbox', { name: 'Claim', exact: true });
    expect(await text.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => (document.activeElement as HTMLTextAreaElement | null)?.name)).toBe('text');
    // The summary links to the field.
    await summary.getByRole('link', { name: /Said on/ }).click();
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('provenance.occurredAt');
    await screenshot(page, 'contribute-form-errors');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.locator('.api-form').count()).toBe(0);
  });

  it('proposes a claim with its passage and provenance, and a second browser sees it live, without a reload', async () => {
    const second = await newPage();
    const secondErrors = pageErrors(second);
    await second.goto(`${question()}?view=reading`);
    await second.locator('.reading-entry').first().waitFor();
    await second.locator('.live.on').waitFor();
    const before = await second.locator('.reading-list > li').count();

    const text = 'The 600 roubles came from the NKVD budget (proposed in the browser).';
    const passage = 'I have seen the ledger; the money was NKVD money.';
    await page.getByRole('button', { name: 'Propose a claim' }).click();
    await page.getByRole('textbox', { name: 'Claim', exact: true }).fill(text);
    await page.getByLabel('Passage, verbatim').fill(passage);
    await page.getByLabel('Kind').selectOption('hypothesis');
    await page.getByLabel('Said by').fill('A. Witness');
    await page.getByLabel('Said on').fill('1947-02');
    await page.getByRole('button', { name: 'Propose the claim' }).click();
    // Success closes the form and says so.
    await expect.poll(() => page.locator('.api-form').count()).toBe(0);
    expect(await page.locator('.contribute-status').textContent()).toContain('Claim proposed.');

    const entry = second.locator('.reading-entry', { hasText: text });
    await entry.waitFor({ timeout: 15_000 });
    expect(await entry.locator('blockquote').textContent()).toBe(passage);
    // A partial date is shown as given, and sorts at the start of its month: first in this debate of 2021.
    expect(await entry.locator('time').textContent()).toBe('1947-02');
    expect(await second.locator('.reading-list > li').count()).toBe(before + 1);
    expect(await second.locator('.reading-list > li').first().textContent()).toContain(text);
    expect(await entry.locator('h3').textContent()).toContain('A. Witness');
    await screenshot(second, 'contribute-live-in-second-browser');
    expect(secondErrors).toEqual([]);

    // Recorded by Carla (from the token), attributed to the historical author (from the form).
    const claims = ((await (await fetch(`${server.baseUrl}/api/questions/${server.questionId}`)).json()) as {
      claims: { text: string; owner: { name: string }; provenance: { attributedTo: { name: string }; occurredAt: string } }[];
    }).claims;
    const written = claims.find((c) => c.text === text)!;
    expect(written.owner.name).toBe('Carla Contributor');
    expect(written.provenance).toMatchObject({ attributedTo: { name: 'A. Witness' }, occurredAt: '1947-02' });
    // Now Carla owns a claim, she may revise or retract it.
    await expect.poll(() => page.getByRole('button', { name: 'Revise a claim' }).count()).toBe(1);
  }, 60_000);

  it('offers a moderator the moderator actions; an appraisal shows in the reading view with who and when', async () => {
    const mod = await newPage();
    await mod.goto(`${question()}?view=contribute`);
    await signIn(mod, moe.token);
    expect(await mod.locator('.session .who').textContent()).toBe('Signed in as Moe Moderator (moderator)');
    const actions = mod.getByRole('list', { name: 'What you can do' });
    await actions.waitFor();
    const labels = await actions.getByRole('button').allTextContents();
    expect(labels).toEqual(expect.arrayContaining(['Change the proof standard (moderator action)', 'Resolve the question (moderator action)', 'Appraise a source (moderator action)', 'Revise a claim']));
    await mod.getByRole('button', { name: 'Appraise a source' }).click();
    await mod.getByRole('combobox', { name: 'Source', exact: true }).selectOption({ label: 'Office (Department) of External Relations' });
    await mod.getByRole('combobox', { name: 'Reliability', exact: true }).selectOption('C');
    await mod.getByRole('textbox', { name: 'Why', exact: true }).fill('A guide heading: what the files hold is not known until they are read');
    await mod.getByRole('button', { name: 'Appraise', exact: true }).click();
    await expect.poll(() => mod.locator('.api-form').count()).toBe(0);
    await mod.getByRole('tab', { name: 'Reading' }).click();
    const source = mod.locator('.reading-sources li[data-source-id]', { hasText: 'Office (Department) of External Relations' });
    await expect.poll(async () => (await source.locator('.appraisals').textContent()) ?? '').toMatch(/C \(fairly reliable\) by Moe Moderator, \d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})? UTC: A guide heading/);
    expect(await source.locator('.appraisals li').first().textContent()).toMatch(/^B \(usually reliable\) when registered by admin/);
    await source.scrollIntoViewIfNeeded();
    await screenshot(mod, 'reading-appraisal');
  });

  it('opens a question from the header and goes to it', async () => {
    await page.getByRole('button', { name: 'Open a question' }).click();
    const panel = page.locator('#open-question-panel');
    await panel.getByRole('heading', { name: 'Open a question' }).waitFor();
    expect(await seriousViolations(page, '#open-question-panel')).toEqual([]);
    await panel.getByRole('textbox', { name: 'Title', exact: true }).fill('Who paid the 600 roubles?');
    await panel.getByRole('textbox', { name: 'Tags', exact: true }).fill('allowance, nkvd');
    await panel.getByRole('button', { name: 'Open the question' }).click();
    await page.waitForURL(/\/questions\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: 'Who paid the 600 roubles?' }).waitFor();
    const id = new URL(page.url()).pathname.split('/').pop()!;
    const opened = (await (await fetch(`${server.baseUrl}/api/questions/${id}`)).json()) as { tags: string[]; provenance: { recordedBy: { name: string } } };
    expect(opened).toMatchObject({ tags: ['allowance', 'nkvd'], provenance: { recordedBy: { name: 'Carla Contributor' } } });
    await page.goto(`${question()}?view=contribute`);
  });

  it('signs out: the token leaves the tab, and the forms with it', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    expect(await page.getByRole('list', { name: 'What you can do' }).count()).toBe(0);
    expect(await page.locator('.contribute-tab').textContent()).toContain('Sign in');
  });

  it('raised no script errors beyond the refusals it asked for', () => {
    // The unknown token (401) and the bad form (400) were sent on purpose; anything else is a fault.
    const expected = (e: string) =>
      /^HTTP 401: GET .*\/api\/me$/.test(e) || /^HTTP 400: POST .*\/claims$/.test(e) || /Failed to load resource: the server responded with a status of 40[01]/.test(e);
    expect(errors.filter((e) => !expected(e))).toEqual([]);
  });
});
