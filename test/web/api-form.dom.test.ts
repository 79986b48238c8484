// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { QuestionDetail } from '../../web/src/api/types';
import { ApiForm } from '../../web/src/features/contribute/ApiForm';
import { openQuestionForm, proposeClaimForm, resolveForm } from '../../web/src/features/contribute/forms';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const question = { id: 'q-1', claims: [], evidence: [], relations: [], evidenceRelations: [] } as unknown as QuestionDetail;
const form = proposeClaimForm({ me: { id: 'c', name: 'Carla', role: 'contributor' }, question, sources: [], selectedClaim: null });

function answer(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });
}

/** The form component in a DOM without a browser: where the API's errors land, and what success does. */
describe('a contribution form in the DOM', () => {
  let container: HTMLDivElement;
  let root: Root;
  const fetchMock = vi.fn<typeof fetch>();

  beforeEach(() => {
    vi.stubGlobal('fetch', fetchMock);
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });
  afterEach(() => {
    act(() => root.unmount());
    container.remove();
    fetchMock.mockReset();
    vi.unstubAllGlobals();
  });

  const input = (name: string) => container.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[name="${name}"]`)!;
  const type = (name: string, value: string) => {
    const element = input(name);
    // React listens to the native setter's input event.
    const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(element), 'value')!.set!;
    setter.call(element, value);
    element.dispatchEvent(new Event('input', { bubbles: true }));
  };
  const submit = async () => {
    await act(async () => {
      container.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
  };

  it('shows each problem next to its field, a summary at the top, and focuses the first field at fault', async () => {
    const onDone = vi.fn();
    await act(async () => root.render(createElement(ApiForm, { form, onDone, onCancel: () => undefined })));
    // Opening moves the focus into the form.
    expect(document.activeElement).toBe(input('text'));
    // Every field is labelled by its own label: no id is used twice (a field called "title" or "summary" included).
    const ids = [...container.querySelectorAll('[id]')].map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const label of container.querySelectorAll('label')) expect(document.getElementById(label.htmlFor)?.tagName).toMatch(/^(INPUT|TEXTAREA|SELECT)$/);
    act(() => type('provenance.occurredAt', '2021-02-12T03:13'));
    fetchMock.mockResolvedValueOnce(
      answer(400, {
        type: '/problems/validation',
        title: 'Invalid request',
        status: 400,
        detail: 'Invalid request: provenance.occurredAt, text',
        errors: [
          { field: 'provenance.occurredAt', message: 'occurredAt a time needs a zone' },
          { field: 'text', message: 'text must not be blank' },
          { field: 'Idempotency-Key', message: 'invalid header' },
        ],
      }),
    );
    act(() => input('passage').focus());
    await submit();

    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/questions/q-1/claims');
    expect(JSON.parse(String(init!.body))).toEqual({ text: '', kind: 'answer', provenance: { occurredAt: '2021-02-12T03:13' } });
    const summary = container.querySelector('.error-summary')!;
    expect(summary.getAttribute('role')).toBe('alert');
    expect(summary.querySelector('h4')!.textContent).toBe('Not recorded: Invalid request: provenance.occurredAt, text');
    // In the order of the form, each linking to its field; the header's message is kept too.
    expect([...summary.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'Claim: text must not be blank',
      'Said on: occurredAt a time needs a zone',
      'Idempotency-Key: invalid header',
    ]);
    const textError = container.querySelector('[data-field="text"] .field-error')!;
    expect(textError.textContent).toBe('Error: text must not be blank');
    expect(input('text').getAttribute('aria-invalid')).toBe('true');
    expect(input('text').getAttribute('aria-describedby')).toContain(textError.id);
    expect(container.querySelector('[data-field="provenance.occurredAt"] .field-error')!.textContent).toContain('needs a zone');
    expect(input('passage').getAttribute('aria-invalid')).toBeNull();
    // The first field at fault in the form's order, not in the answer's.
    expect(document.activeElement).toBe(input('text'));
    expect(onDone).not.toHaveBeenCalled();
  });

  it('gives every field its own id, even fields named like the form’s parts ("title", "summary")', async () => {
    const me = { id: 'm', name: 'Moe', role: 'moderator' } as const;
    for (const f of [openQuestionForm({ sources: [] }), resolveForm({ me, question, sources: [], selectedClaim: null })]) {
      await act(async () => root.render(createElement(ApiForm, { key: f.id, form: f, onDone: () => undefined, onCancel: () => undefined })));
      const ids = [...container.querySelectorAll('[id]')].map((e) => e.id);
      expect(new Set(ids).size, f.id).toBe(ids.length);
      for (const label of container.querySelectorAll('label')) expect(document.getElementById(label.htmlFor)?.tagName, `${f.id}: ${label.textContent}`).toMatch(/^(INPUT|TEXTAREA|SELECT)$/);
    }
  });

  it('on success hands back what was written and its message, and sends the session’s token', async () => {
    sessionStorage.setItem('claims-ledger.token', 'clt_token');
    const onDone = vi.fn();
    await act(async () => root.render(createElement(ApiForm, { form, onDone, onCancel: () => undefined })));
    act(() => type('text', 'A claim.'));
    fetchMock.mockResolvedValueOnce(answer(201, { id: 'new-claim', revision: '3', position: '99', eventIds: ['e'] }));
    await submit();
    expect(onDone).toHaveBeenCalledWith('Claim proposed.', { id: 'new-claim', revision: '3', position: '99', eventIds: ['e'] });
    expect(new Headers(fetchMock.mock.calls[0]![1]!.headers).get('Authorization')).toBe('Bearer clt_token');
    sessionStorage.clear();
  });

  it('says so when the ledger cannot be reached, and Escape cancels', async () => {
    const onCancel = vi.fn();
    await act(async () => root.render(createElement(ApiForm, { form, onDone: () => undefined, onCancel })));
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await submit();
    expect(container.querySelector('.error-summary h4')!.textContent).toBe('Not recorded: The ledger could not be reached: Failed to fetch');
    expect(document.activeElement).toBe(container.querySelector('.error-summary'));
    act(() => {
      input('text').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(onCancel).toHaveBeenCalledOnce();
  });
});
