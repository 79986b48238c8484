import { describe, expect, it } from 'vitest';
import { nextLinkOf } from '../../web/src/api/client';

/** How the page follows a list's pages: the `Link: <…>; rel="next"` header (RFC 8288) the API sets until the last page. */
describe('the next page of a list', () => {
  it('is the target of the rel="next" link, among other links too; none on the last page', () => {
    expect(nextLinkOf(null)).toBeUndefined();
    expect(nextLinkOf('</api/sources?limit=2&after=abc>; rel="next"')).toBe('/api/sources?limit=2&after=abc');
    expect(nextLinkOf('</a>; rel="prev", </b>; rel="next"')).toBe('/b');
    expect(nextLinkOf('</a>; rel="prev"')).toBeUndefined();
  });
});
