/** The services `npm start` runs, in start order (owners first); each logs where it listens. */
export const APPS = [
  { name: 'product' },
  { name: 'catalog' },
  { name: 'order' },
  { name: 'cart' },
  { name: 'tracking' },
  { name: 'recommendations' },
] as const;

export function appEntry(name: string): string {
  return `dist/apps/${name}/src/main.js`;
}
