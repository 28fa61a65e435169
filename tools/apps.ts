/**
 * The apps `npm start` runs, in start order (owners first, the console last, in front of the
 * others); each logs where it listens. `events`: the app publishes or consumes events, so
 * `npm run asyncapi` asks it for its event surface.
 */
export const APPS = [
  { name: 'product', events: true },
  { name: 'catalog', events: true },
  { name: 'order', events: true },
  { name: 'cart', events: true },
  { name: 'tracking', events: true },
  { name: 'recommendations', events: true },
  { name: 'console', events: false },
] as const;

export function appEntry(name: string): string {
  return `dist/apps/${name}/src/main.js`;
}
