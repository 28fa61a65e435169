/** The services `npm start` runs, in start order; each logs the address it listens on. */
export const APPS = [{ name: 'product' }, { name: 'catalog' }, { name: 'order' }] as const;

export function appEntry(name: string): string {
  return `dist/apps/${name}/src/main.js`;
}
