import { labelStyle, statusStyle } from './palette';

/** A label as a badge: its glyph and word on its colour, so it reads without colour too. */
export function LabelBadge({ label }: { label: string }) {
  const style = labelStyle(label);
  return (
    <span className={`badge badge-${style.border}`} style={{ background: style.fill, color: style.text }} data-label={label}>
      <span aria-hidden="true">{style.glyph} </span>
      {label}
    </span>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const style = statusStyle(status);
  return (
    <span className="badge" style={{ background: style.fill, color: style.text }} data-status={status}>
      <span aria-hidden="true">{style.glyph} </span>
      {status}
    </span>
  );
}
