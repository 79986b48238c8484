import { api, type Moment } from '../../api/client';
import { EXPORT_FORMATS } from './formats';

/** Links to every export of the question, as of the page's moment when there is one. */
export function Downloads({ questionId, moment }: { questionId: string; moment: Moment }) {
  return (
    <section className="downloads" aria-labelledby="downloads-title">
      <h2 id="downloads-title">Downloads{moment && 'asOf' in moment ? ` (as of ${moment.asOf}, ${moment.axis})` : ''}</h2>
      <ul>
        {EXPORT_FORMATS.map((f) => (
          <li key={f.format}>
            <a href={api.exportUrl(questionId, f.format, moment)} download data-format={f.format}>
              {f.name}
            </a>{' '}
            <span className="hint">{f.what}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
