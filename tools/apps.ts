/** The services `npm start` runs, in start order, with their default ports. */
export const APPS = [
  { name: 'product', port: 3001 },
  { name: 'catalog', port: 3002 },
  { name: 'order', port: 3003 },
] as const;

export function appEntry(name: string): string {
  return `dist/apps/${name}/src/main.js`;
}
