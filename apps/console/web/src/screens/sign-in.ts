import { ApiError, call } from '../api.js';
import { h, replace } from '../dom.js';
import { reportError } from '../notices.js';
import type { Screen } from '../screen.js';
import { session } from '../session.js';

/**
 * Paste an admin token (`npm run -s token -- admin`). It is tried on the first service's
 * `/admin/health`: a 401 or 403 is shown and the token forgotten; a service that does not
 * answer does not keep the admin out.
 */
export const signInScreen: Screen = (view, _params, { services }) => {
  const token = h('textarea', {
    rows: 4,
    'aria-label': 'admin token',
    placeholder: 'eyJhbGciOi…',
    'data-testid': 'token-input',
    autocomplete: 'off',
  });
  const status = h('p', { class: 'note', 'data-testid': 'sign-in-status' });
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (!token.value.trim()) return void replace(status, 'Paste a token first.');
    session.signIn(token.value);
    replace(status, `Checking the token with ${services[0]}…`);
    try {
      await call(services[0], 'admin/health', { accept: [503] });
      location.hash = '#/services';
    } catch (err) {
      reportError(err);
      if (err instanceof ApiError && err.isAuth) {
        session.signOut();
        replace(status, 'The token was refused; see the message above.');
      } else {
        // A service that is down is what the console is for: go on, the screens show it.
        location.hash = '#/services';
      }
    } finally {
      view.dataset.state = 'ready';
    }
  };
  replace(
    view,
    h('h2', {}, 'Sign in'),
    h(
      'form',
      { class: 'sign-in', onsubmit: (e) => void submit(e) },
      h('label', {}, 'Admin token (', h('code', {}, 'npm run -s token -- admin'), ')'),
      token,
      h('button', { type: 'submit', 'data-testid': 'sign-in' }, 'Sign in'),
    ),
    status,
    h(
      'p',
      { class: 'note' },
      'The token stays in this tab (sessionStorage) and goes, as is, to the services’ own admin APIs through this console; the console keeps no token of its own.',
    ),
  );
  view.dataset.state = 'ready';
  return Promise.resolve();
};
