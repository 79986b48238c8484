import { legendRows } from '../../labels/palette';
import { LabelBadge } from '../../labels/LabelBadge';
import { RELATION_STYLES } from './map-style';

/** The legend of the map: each label (with how many claims carry it) and each kind of relation. */
export function MapLegend({ counts }: { counts: ReadonlyMap<string, number> }) {
  return (
    <aside className="legend" aria-label="Legend">
      <h3>Labels</h3>
      <ul>
        {legendRows(counts).map((row) => (
          <li key={row.label}>
            <LabelBadge label={row.label} /> <span className="count">{row.count}</span>
            <span className="meaning">{row.meaning}</span>
          </li>
        ))}
      </ul>
      <h3>Relations</h3>
      <ul>
        {Object.entries(RELATION_STYLES).map(([kind, style]) => (
          <li key={kind}>
            <svg width="44" height="10" aria-hidden="true">
              <line x1="2" y1="5" x2="40" y2="5" stroke={style.color} strokeWidth="2" strokeDasharray={style.line === 'dashed' ? '6 3' : style.line === 'dotted' ? '2 3' : undefined} />
            </svg>{' '}
            {style.words}
          </li>
        ))}
        <li>
          <span className="lead-swatch" aria-hidden="true" /> a lead: evidence cited but nobody has read it (dashed, hollow)
        </li>
      </ul>
      <p className="hint">Strength 0–1 and stances (▲ endorse, ▼ dispute) are written on each claim.</p>
    </aside>
  );
}
