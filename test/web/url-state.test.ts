import { describe, expect, it } from 'vitest';
import { formatLocation, parseLocation, questionPage } from '../../web/src/app/url-state';

const Q = 'd5b41a50-95f8-8c78-ab75-d6c351d57535';
const C = '35da80e9-cd40-8e21-9611-35c8a02972ce';

describe('the page state in the URL', () => {
  it('reads a question with its claim, moment, axis and view, and writes the same link back', () => {
    const url = `/questions/${Q}?view=timeline&claim=${C}&asOf=2021-02-11&axis=occurred`;
    const state = parseLocation(`/questions/${Q}`, `?view=timeline&claim=${C}&asOf=2021-02-11&axis=occurred`);
    expect(state).toEqual({ page: 'question', questionId: Q, view: 'timeline', claim: C, asOf: '2021-02-11', axis: 'occurred' });
    expect(formatLocation(state)).toBe(url);
  });

  it('leaves defaults out of links', () => {
    expect(formatLocation(questionPage(Q))).toBe(`/questions/${Q}`);
    expect(formatLocation({ page: 'questions', search: '' })).toBe('/');
    expect(formatLocation({ page: 'questions', search: 'cruz roja' })).toBe('/?q=cruz+roja');
    expect(parseLocation('/', '?q=cruz+roja')).toEqual({ page: 'questions', search: 'cruz roja' });
  });

  it('drops malformed parts rather than guessing, and names an unknown path', () => {
    const state = parseLocation(`/questions/${Q.toUpperCase()}/`, '?claim=nope&asOf=yesterday&axis=sideways&view=<script>');
    expect(state).toEqual({ page: 'question', questionId: Q, view: 'map', claim: null, asOf: null, axis: 'recorded' });
    expect(parseLocation('/questions/not-a-uuid', '')).toEqual({ page: 'not-found', path: '/questions/not-a-uuid' });
    expect(parseLocation('/elsewhere', '')).toEqual({ page: 'not-found', path: '/elsewhere' });
  });

  it('accepts the moments the API accepts: a year, a month, a day or an instant', () => {
    for (const asOf of ['1947', '1947-02', '1947-02-10', '2021-02-10T08:02:00.000Z', '2021-02-10T08:02:00+01:00']) {
      expect((parseLocation(`/questions/${Q}`, `?asOf=${encodeURIComponent(asOf)}`) as { asOf: string }).asOf).toBe(asOf);
    }
  });
});
