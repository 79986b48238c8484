import { lazy, Suspense, useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { atLeast } from './roles';
import { signIn, signOut, useSession } from './session-store';
import './contribute.css';

// The forms are loaded when first opened, not with the page: most readers never write.
const OpenQuestionPanel = lazy(() => import('./OpenQuestionPanel').then((m) => ({ default: m.OpenQuestionPanel })));

/**
 * The header's sign-in: a bearer token pasted in (kept in this tab's session storage only), who it
 * belongs to once the ledger has said so, sign-out, and, for contributors, opening a question.
 */
export function SignIn() {
  const session = useSession();
  const [open, setOpen] = useState<'sign-in' | 'open-question' | null>(null);
  const [status, setStatus] = useState('');
  const opener = useRef<HTMLButtonElement>(null);

  const close = () => {
    setOpen(null);
    opener.current?.focus();
  };

  // One status region for the whole control, always there, so that screen readers announce its changes.
  const announce = (
    <span role="status" className="visually-hidden">
      {status}
    </span>
  );

  if (session.status !== 'signed-in') {
    return (
      <div className="session">
        {announce}
        {session.status === 'checking' ? (
          <span>Checking your sign-in…</span>
        ) : (
          <button type="button" ref={opener} aria-expanded={open === 'sign-in'} aria-controls="sign-in-panel" onClick={() => setOpen(open === 'sign-in' ? null : 'sign-in')}>
            Sign in
          </button>
        )}
        {open === 'sign-in' && session.status === 'signed-out' && (
          <SignInPanel
            onDone={(name) => {
              setOpen(null);
              setStatus(`Signed in as ${name}.`);
            }}
            onCancel={close}
          />
        )}
      </div>
    );
  }

  const { me } = session;
  return (
    <div className="session">
      {announce}
      <span className="who" data-role={me.role}>
        Signed in as <strong>{me.name}</strong> ({me.role})
      </span>
      {atLeast(me, 'contributor') && (
        <button type="button" ref={opener} aria-expanded={open === 'open-question'} aria-controls="open-question-panel" onClick={() => setOpen(open === 'open-question' ? null : 'open-question')}>
          Open a question
        </button>
      )}
      <button
        type="button"
        onClick={() => {
          setOpen(null);
          signOut();
          setStatus('Signed out.');
        }}
      >
        Sign out
      </button>
      {open === 'open-question' && (
        <Suspense fallback={<span className="header-panel">Loading the form…</span>}>
          <OpenQuestionPanel
            onDone={(message, id) => {
              setOpen(null);
              setStatus(message);
              if (id) goTo(`/questions/${id}`);
            }}
            onCancel={close}
          />
        </Suspense>
      )}
    </div>
  );
}

/** Moves the page to a path through the shell's own history handling (it listens to popstate). */
function goTo(path: string) {
  history.pushState(null, '', path);
  dispatchEvent(new PopStateEvent('popstate'));
}

function SignInPanel({ onDone, onCancel }: { onDone: (name: string) => void; onCancel: () => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  useEffect(() => {
    if (error) input.current?.focus();
  }, [error]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      const me = await signIn(token);
      onDone(me.name);
    } catch (e) {
      // The API names the Authorization header; next to the token field is where that belongs.
      setError(e instanceof ApiError ? (e.fieldErrors('Authorization')[0] ?? e.problem.detail ?? `refused (${e.status})`) : `the ledger could not be reached: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section id="sign-in-panel" className="header-panel" aria-labelledby="sign-in-title" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <h2 id="sign-in-title">Sign in</h2>
      <form onSubmit={submit} noValidate>
        <div className={error ? 'field has-error' : 'field'}>
          <label htmlFor="sign-in-token">Bearer token</label>
          <p id="sign-in-token-hint" className="hint">
            Kept in this tab only: closing the tab signs you out. An admin creates one with <code>claims token create</code>.
          </p>
          {error && (
            <p id="sign-in-token-error" className="field-error">
              <span className="visually-hidden">Error: </span>Not signed in: {error}
            </p>
          )}
          <input
            ref={input}
            id="sign-in-token"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={token}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'sign-in-token-hint sign-in-token-error' : 'sign-in-token-hint'}
            onChange={(e) => setToken(e.target.value)}
          />
        </div>
        <div className="form-actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Checking…' : 'Sign in'}
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
