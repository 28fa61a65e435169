import { listServices } from './api.js';
import { h, replace } from './dom.js';
import { TIME_ZONE, formatTime } from './format.js';
import { clearErrors, reportError } from './notices.js';
import type { ConsoleContext, Screen } from './screen.js';
import { auditScreen } from './screens/audit.js';
import { deadLetterInspectScreen } from './screens/dead-letter-inspect.js';
import { deadLettersScreen } from './screens/dead-letters.js';
import { mirrorsScreen } from './screens/mirrors.js';
import { purgesScreen } from './screens/purges.js';
import { servicesScreen } from './screens/services.js';
import { signInScreen } from './screens/sign-in.js';
import { session } from './session.js';

/** Hash routes: `#/<screen>`, and `#/dead-letters/<service>/<kind>/<id>` for one letter. */
const ROUTES: { pattern: RegExp; screen: Screen; name: string; tab: string }[] = [
  { pattern: /^#\/services$/, screen: servicesScreen, name: 'services', tab: 'services' },
  {
    pattern: /^#\/dead-letters$/,
    screen: deadLettersScreen,
    name: 'dead-letters',
    tab: 'dead-letters',
  },
  {
    pattern: /^#\/dead-letters\/([a-z][a-z0-9-]*)\/(consumer|outbox)\/(\d+)$/,
    screen: deadLetterInspectScreen,
    name: 'dead-letter',
    tab: 'dead-letters',
  },
  { pattern: /^#\/purges$/, screen: purgesScreen, name: 'purges', tab: 'purges' },
  { pattern: /^#\/mirrors$/, screen: mirrorsScreen, name: 'mirrors', tab: 'mirrors' },
  { pattern: /^#\/audit$/, screen: auditScreen, name: 'audit', tab: 'audit' },
  { pattern: /^#\/sign-in$/, screen: signInScreen, name: 'sign-in', tab: 'sign-in' },
];

const TABS = [
  ['services', 'Services'],
  ['dead-letters', 'Dead letters'],
  ['purges', 'Purges'],
  ['mirrors', 'Mirrors'],
  ['audit', 'Audit'],
] as const;

async function show(context: ConsoleContext): Promise<void> {
  clearErrors();
  if (!session.token() && location.hash !== '#/sign-in') {
    location.hash = '#/sign-in';
    return;
  }
  const hash = location.hash || '#/services';
  const route = ROUTES.find(({ pattern }) => pattern.test(hash));
  if (!route) {
    location.hash = '#/services';
    return;
  }
  drawHeader(route.tab);
  // A fresh view per visit: a slow answer for the screen left behind lands in a detached node.
  const view = h('div', { class: 'view', 'data-screen': route.name, 'data-state': 'loading' });
  replace(document.getElementById('view') as HTMLElement, view);
  await route.screen(view, (route.pattern.exec(hash) ?? []).slice(1), context);
}

function drawHeader(active: string): void {
  const nav = document.getElementById('tabs') as HTMLElement;
  const signedIn = session.token() !== null;
  replace(
    nav,
    ...(signedIn ? TABS : []).map(([tab, label]) =>
      h(
        'a',
        {
          href: `#/${tab}`,
          class: tab === active ? 'active' : undefined,
          'data-testid': `tab-${tab}`,
        },
        label,
      ),
    ),
  );
  const claims = session.claims();
  const who = claims?.sub
    ? `${claims.sub}${claims.exp ? `, token expires ${formatTime(new Date(claims.exp * 1000).toISOString())}` : ''}`
    : '';
  replace(
    document.getElementById('identity') as HTMLElement,
    h('span', { 'data-testid': 'time-zone' }, `Times in ${TIME_ZONE}`),
    signedIn ? h('span', {}, ` · signed in as ${who} `) : null,
    signedIn
      ? h(
          'button',
          {
            type: 'button',
            'data-testid': 'sign-out',
            onclick: () => {
              session.signOut();
              location.hash = '#/sign-in';
            },
          },
          'Sign out',
        )
      : null,
  );
}

async function start(): Promise<void> {
  const context: ConsoleContext = { services: await listServices() };
  const render = (): void => void show(context).catch(reportError);
  window.addEventListener('hashchange', render);
  render();
}

start().catch(reportError);
