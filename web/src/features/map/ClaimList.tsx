import type { ConsensusClaim } from '../../api/types';
import { LabelBadge } from '../../labels/LabelBadge';

/**
 * The map's claims as a list: what a keyboard or screen-reader user selects from (the map itself is a
 * canvas), and what anyone can scan for a label. Selecting one selects it on the map.
 */
export function ClaimList({ claims, selected, onSelect }: { claims: ConsensusClaim[]; selected: string | null; onSelect: (id: string) => void }) {
  const live = claims.filter((c) => c.label !== 'retracted');
  return (
    <nav className="claim-list" aria-label="Claims on the map">
      <h3>Claims ({live.length})</h3>
      <ol>
        {live.map((claim) => (
          <li key={claim.id} data-claim-id={claim.id}>
            <button type="button" aria-current={selected === claim.id ? 'true' : undefined} onClick={() => onSelect(claim.id)}>
              <LabelBadge label={claim.label} /> <span className="strength">{claim.strength === null ? '–' : claim.strength.toFixed(2)}</span>{' '}
              <span className="claim-text">{claim.text}</span> <span className="author">({claim.author})</span>
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
