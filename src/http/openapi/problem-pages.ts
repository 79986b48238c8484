import type { INestApplication } from '@nestjs/common';
import type { Request, Response } from 'express';
import { problem, PROBLEM_CONTENT_TYPE } from '../problem-details';
import { PROBLEM_TYPES, PROBLEM_TYPES_PATH, problemTypeFor, problemTypeUri, type ProblemType } from './problem-types';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** `code` spans for the backticked words of the table's prose; everything else escaped. */
const prose = (text: string) =>
  text
    .split('`')
    .map((part, i) => (i % 2 === 1 ? `<code>${escapeHtml(part)}</code>` : escapeHtml(part)))
    .join('');

const page = (title: string, body: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · claims-ledger</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#222}code{background:#f3f3f3;padding:0 .2em}dt{font-weight:600;margin-top:.8em}table{border-collapse:collapse}td,th{text-align:left;padding:.2em .6em;border-bottom:1px solid #ddd}</style>
</head>
<body>
${body}
</body>
</html>
`;

/** The page of one problem type: what the API means by it, its status, what to do. */
export function problemTypePage(slug: string, type: ProblemType): string {
  return page(
    type.title,
    `<p><a href="${PROBLEM_TYPES_PATH}">Problem types</a> · <a href="/docs">API</a></p>
<h1>${escapeHtml(type.title)}</h1>
<dl>
<dt>type</dt><dd><code>${escapeHtml(problemTypeUri(slug))}</code></dd>
<dt>status</dt><dd>${type.status}</dd>
<dt>what happened</dt><dd>${prose(type.description)}</dd>
<dt>what to do</dt><dd>${prose(type.advice)}</dd>
</dl>
<p>Every error of this API is an RFC 9457 problem (<code>${PROBLEM_CONTENT_TYPE}</code>) with <code>type</code>, <code>title</code>, <code>status</code>, <code>detail</code> and <code>errors</code> (one <code>{field, message}</code> per field at fault), and sometimes more members that the description above names.</p>`,
  );
}

/** Every problem type, by status. */
export function problemIndexPage(): string {
  const rows = Object.entries(PROBLEM_TYPES)
    .sort(([a, x], [b, y]) => x.status - y.status || a.localeCompare(b))
    .map(([slug, type]) => `<tr><td>${type.status}</td><td><a href="${escapeHtml(problemTypeUri(slug))}"><code>${escapeHtml(slug)}</code></a></td><td>${escapeHtml(type.title)}</td></tr>`)
    .join('\n');
  return page(
    'Problem types',
    `<p><a href="/docs">API</a></p>
<h1>Problem types</h1>
<p>The <code>type</code> of every problem (<code>${PROBLEM_CONTENT_TYPE}</code>, RFC 9457) the API answers with links to one of these pages. Clients may branch on the type; it does not change meaning.</p>
<table>
<thead><tr><th>status</th><th>type</th><th>title</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`,
  );
}

/**
 * Serves the problem-type pages, GET /problems and GET /problems/<slug>, as HTML: documentation like
 * /docs, so open whatever LEDGER_PUBLIC_READ says. An unknown slug is a 404 problem.
 */
export function useProblemPages(app: INestApplication): void {
  const http = app.getHttpAdapter();
  http.get(PROBLEM_TYPES_PATH, (_req: Request, res: Response) => {
    res.type('html').send(problemIndexPage());
  });
  http.get(`${PROBLEM_TYPES_PATH}/:slug`, (req: Request, res: Response) => {
    const slug = String(req.params.slug);
    const type = problemTypeFor(slug);
    if (!type) {
      const body = problem(404, 'not-found', `No problem type is called ${slug.slice(0, 80)}; GET ${PROBLEM_TYPES_PATH} lists them`, [{ field: 'slug', message: 'unknown problem type' }]);
      res.status(404).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
      return;
    }
    res.type('html').send(problemTypePage(slug, type));
  });
}
