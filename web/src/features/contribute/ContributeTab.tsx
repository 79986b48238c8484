import { useMemo, useRef, useState } from 'react';
import type { QuestionTabProps } from '../../app/features';
import { useSources } from '../reading/use-sources';
import { ApiForm } from './ApiForm';
import { questionForms } from './forms';
import { useSession } from './session-store';
import './contribute.css';

/**
 * Contributing to the question: the forms the signed-in principal may use (a moderator's actions to
 * moderators only). After a write the form closes; the page shows it once the live stream reports it.
 */
export function ContributeTab({ question, state }: QuestionTabProps) {
  const session = useSession();
  const { sources } = useSources();
  const [open, setOpen] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const openers = useRef(new Map<string, HTMLButtonElement>());
  const me = session.status === 'signed-in' ? session.me : null;
  const forms = useMemo(
    () => (me ? questionForms({ me, question, sources: [...sources.values()], selectedClaim: state.claim }) : []),
    [me, question, sources, state.claim],
  );
  const current = forms.find((f) => f.id === open);

  if (session.status === 'checking') return <p aria-live="polite">Checking your sign-in…</p>;
  if (!me) {
    return (
      <div className="contribute-tab">
        <h2>Contribute</h2>
        <p>Sign in (top right) with your bearer token to propose claims, relate them, register sources and attach evidence.</p>
      </div>
    );
  }
  const close = (id: string) => {
    setOpen(null);
    openers.current.get(id)?.focus();
  };

  return (
    <div className="contribute-tab">
      <h2>Contribute</h2>
      <p>
        As <strong>{me.name}</strong>, a {me.role}.{' '}
        {forms.length === 0 && 'Readers may read only: ask an admin for the contributor role to write.'}
      </p>
      <p role="status" className="contribute-status">
        {status}
      </p>
      {forms.length > 0 && (
        <ul className="contribute-actions" aria-label="What you can do">
          {forms.map((f) => (
            <li key={f.id}>
              <button
                type="button"
                ref={(el) => {
                  if (el) openers.current.set(f.id, el);
                }}
                aria-expanded={open === f.id}
                aria-controls={open === f.id ? 'contribute-form' : undefined}
                className={f.moderatorOnly ? 'moderator-action' : undefined}
                onClick={() => {
                  setStatus('');
                  setOpen(open === f.id ? null : f.id);
                }}
              >
                {f.title}
                {f.moderatorOnly && <span className="visually-hidden"> (moderator action)</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
      {current && (
        <div id="contribute-form">
          <ApiForm
            key={current.id}
            form={current}
            onDone={(message) => {
              close(current.id);
              setStatus(`${message} The page shows it as soon as the ledger reports it.`);
            }}
            onCancel={() => close(current.id)}
          />
        </div>
      )}
    </div>
  );
}
