import { ApiError } from './api.js';
import { h, replace } from './dom.js';
import { session } from './session.js';

/**
 * The page's error area: every failed call is listed here, none is swallowed. A refused token
 * (401, 403) gets a banner of its own with a way to sign in again.
 */
export function reportError(err: unknown): void {
  const list = document.getElementById('errors');
  if (!list) return;
  const text = err instanceof Error ? err.message : String(err);
  list.append(h('li', {}, text));
  list.hidden = false;
  if (err instanceof ApiError && err.isAuth) showAuthProblem(err);
}

/** Clears the error area and the banner; each screen starts afresh. */
export function clearErrors(): void {
  const list = document.getElementById('errors');
  if (list) {
    list.replaceChildren();
    list.hidden = true;
  }
  const banner = document.getElementById('auth-problem');
  if (banner) banner.hidden = true;
}

function showAuthProblem(err: ApiError): void {
  const banner = document.getElementById('auth-problem');
  if (!banner) return;
  const meaning =
    err.status === 401
      ? 'the token is missing, invalid or expired'
      : 'the token is valid but not an admin’s';
  replace(
    banner,
    h('strong', {}, `${err.service} answered ${err.status}: ${meaning}.`),
    ` (${err.message}) `,
    h(
      'button',
      {
        type: 'button',
        'data-testid': 'auth-sign-out',
        onclick: () => {
          session.signOut();
          location.hash = '#/sign-in';
        },
      },
      'Sign out and use another token',
    ),
  );
  banner.hidden = false;
}

/** Runs every call, reports each failure, and returns the answers that came (undefined else). */
export async function settle<T>(calls: Promise<T>[]): Promise<(T | undefined)[]> {
  const results = await Promise.allSettled(calls);
  return results.map((r) => {
    if (r.status === 'fulfilled') return r.value;
    reportError(r.reason);
    return undefined;
  });
}
