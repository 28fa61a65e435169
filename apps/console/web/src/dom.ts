/** Attributes of `h`: strings set as attributes, `on<event>` functions added as listeners. */
export type Attrs = Record<string, string | number | boolean | undefined | ((e: Event) => void)>;
export type Child = Node | string | number | null | undefined | false;

/**
 * Creates an element. Text always goes in as text nodes, never as HTML: what the page shows
 * (dead-letter bodies, reasons, audit details) comes from outside and may hold markup.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(key.slice(2), value);
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

/** Appends children, skipping the empty ones, strings as text. */
export function append(parent: Element, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces an element's content. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** A labelled text input whose value the caller reads. */
export function textInput(label: string, testid: string, value = ''): HTMLInputElement {
  return h('input', {
    type: 'text',
    'aria-label': label,
    placeholder: label,
    'data-testid': testid,
    value,
  });
}

/** A button that runs `action` and stays disabled while it runs. */
export function button(
  label: string,
  testid: string,
  action: () => Promise<void> | void,
): HTMLButtonElement {
  const element = h('button', { type: 'button', 'data-testid': testid }, label);
  element.addEventListener('click', () => {
    element.disabled = true;
    void Promise.resolve(action()).finally(() => {
      element.disabled = false;
    });
  });
  return element;
}
