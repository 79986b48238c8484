import type { ClaimExplanation } from '../../api/types';
import { waterfall } from './waterfall';

const W = 520;
const ROW = 26;
const LEFT = 190;
const x = (v: number) => LEFT + Math.max(0, Math.min(1, v)) * (W - LEFT - 10);
const signed = (v: number) => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(3)}`;

/** The contributions chart: base, one bar per contributor (up or down), strength; with a table of the same numbers. */
export function ContributionChart({ explanation }: { explanation: ClaimExplanation }) {
  const { bars, end, residual } = waterfall(explanation.base, explanation.strength, explanation.contributions);
  const height = (bars.length + 2) * ROW + 20;
  return (
    <figure className="contributions">
      <svg width="100%" viewBox={`0 0 ${W} ${height}`} role="img" aria-label={`From the base score ${explanation.base} to the strength ${explanation.strength}; the contributions are in the table below.`}>
        {[0, 0.25, 0.5, 0.75, 1].map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={0} y2={height - 18} stroke="#CCCCCC" />
            <text x={x(t)} y={height - 4} fontSize="10" textAnchor="middle" fill="#333333">{t}</text>
          </g>
        ))}
        <text x={4} y={ROW * 0.7} fontSize="11" fill="#000000">base</text>
        <rect x={x(0)} y={4} width={x(explanation.base) - x(0)} height={ROW - 10} fill="#999999" />
        {bars.map((bar, i) => {
          const y = (i + 1) * ROW + 4;
          const up = bar.effect >= 0;
          return (
            <g key={bar.id}>
              <text x={4} y={y + ROW * 0.55} fontSize="11" fill="#000000">{`${bar.name.slice(0, 28)}${bar.name.length > 28 ? '…' : ''}`}</text>
              <rect
                x={x(Math.min(bar.from, bar.to))}
                y={y}
                width={Math.max(1, Math.abs(x(bar.to) - x(bar.from)))}
                height={ROW - 10}
                fill={up ? '#0072B2' : '#B84A00'}
                // Not by colour alone: attacks are hatched by a dashed outline.
                stroke="#000000"
                strokeDasharray={up ? undefined : '3 2'}
              />
              <text x={x(Math.max(bar.from, bar.to)) + 4} y={y + ROW * 0.5} fontSize="10" fill="#000000">{signed(bar.effect)}</text>
            </g>
          );
        })}
        <text x={4} y={(bars.length + 1) * ROW + ROW * 0.7} fontSize="11" fontWeight="bold" fill="#000000">strength</text>
        <rect x={x(0)} y={(bars.length + 1) * ROW + 4} width={x(end + residual) - x(0)} height={ROW - 10} fill="#000000" />
      </svg>
      <figcaption>
        <table>
          <caption className="visually-hidden">Contributions to the claim's strength</caption>
          <thead>
            <tr><th scope="col">contributor</th><th scope="col">role</th><th scope="col">its strength</th><th scope="col">share</th></tr>
          </thead>
          <tbody>
            <tr><td>base score</td><td></td><td></td><td>{explanation.base.toFixed(3)}</td></tr>
            {bars.map((bar) => (
              <tr key={bar.id}>
                <td>{bar.name}</td>
                <td>{bar.role} ({bar.kind})</td>
                <td>{explanation.contributions.find((c) => c.id === bar.id)?.strength?.toFixed(3) ?? '–'}</td>
                <td>{signed(bar.effect)}</td>
              </tr>
            ))}
            <tr className="total">
              <td>= strength</td><td></td><td></td><td>{explanation.strength === null ? '–' : explanation.strength.toFixed(3)}</td>
            </tr>
          </tbody>
        </table>
        <p className="hint">
          Shapley shares ({explanation.method}
          {explanation.method !== 'exact' && explanation.samples ? `, ${explanation.samples} samples, within ±${explanation.bound}` : ''}): they add up from
          the base to the strength{residual !== 0 ? `, up to ${residual.toFixed(3)} the sampling leaves over` : ''}.
        </p>
      </figcaption>
    </figure>
  );
}
