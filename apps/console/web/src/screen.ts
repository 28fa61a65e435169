import { button, h, replace, type Child } from './dom.js';
import { clearErrors, reportError } from './notices.js';

/** What every screen knows: the services the console fronts, in configured order. */
export interface ConsoleContext {
  services: string[];
}

/** A screen draws itself into `view`; `params` are the route's captures. */
export type Screen = (
  view: HTMLElement,
  params: string[],
  context: ConsoleContext,
) => Promise<void>;

/**
 * A screen's frame: its title, its tools and a Refresh button above the content that `load`
 * fills. The view's `data-state` is `loading` while it loads and `ready` after, errors or not.
 */
export async function frame(
  view: HTMLElement,
  title: string,
  load: (content: HTMLElement) => Promise<void>,
  ...tools: Child[]
): Promise<void> {
  const content = h('div', { class: 'content' });
  const reload = async (): Promise<void> => {
    clearErrors();
    view.dataset.state = 'loading';
    try {
      await load(content);
    } catch (err) {
      reportError(err);
    } finally {
      view.dataset.state = 'ready';
    }
  };
  replace(
    view,
    h(
      'header',
      { class: 'screen-header' },
      h('h2', {}, title),
      ...tools,
      button('Refresh', 'refresh', reload),
    ),
    content,
  );
  await reload();
}

/** A titled part of a screen. */
export function section(title: string, ...children: Child[]): HTMLElement {
  return h('section', {}, h('h3', {}, title), ...children);
}

/** A line of explanation under a table. */
export function note(text: string, testid?: string): HTMLElement {
  return h('p', { class: 'note', 'data-testid': testid }, text);
}
