import { ValidateBy, type ValidationOptions } from 'class-validator';

/** The services the console reaches, by name: each one's base URL (origin and optional path). */
export type ConsoleServices = ReadonlyMap<string, URL>;

const NAME = /^[a-z][a-z0-9-]{0,39}$/;

/**
 * Reads `name=url,name=url` (e.g. `product=http://127.0.0.1:3001`): names kebab-case and unique,
 * URLs `http:` or `https:` without credentials, query or fragment. Throws on the first problem.
 */
export function parseConsoleServices(text: string): ConsoleServices {
  const services = new Map<string, URL>();
  for (const entry of text.split(',').map((e) => e.trim())) {
    const at = entry.indexOf('=');
    if (at < 0) throw new Error(`"${entry}" is not name=url`);
    const name = entry.slice(0, at).trim();
    if (!NAME.test(name)) throw new Error(`"${name}" is not a service name (a-z, 0-9, -)`);
    if (services.has(name)) throw new Error(`${name} is named twice`);
    services.set(name, baseUrl(name, entry.slice(at + 1).trim()));
  }
  return services;
}

function baseUrl(name: string, text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`${name}: "${text}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`${name}: only http and https URLs`);
  }
  if (url.username || url.password) throw new Error(`${name}: no credentials in the URL`);
  if (url.search || url.hash) throw new Error(`${name}: no query or fragment in the URL`);
  // One form for every base: no trailing slash, so `${base}/admin/...` has one.
  url.pathname = url.pathname.replace(/\/+$/, '');
  return url;
}

/** Validates a `CONSOLE_SERVICES` value at boot with the parser's own message. */
export function IsConsoleServices(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isConsoleServices',
      validator: {
        validate: (value) => typeof value === 'string' && problemOf(value) === undefined,
        defaultMessage: (args) =>
          `${args?.property} ${problemOf(String(args?.value)) ?? 'is invalid'}`,
      },
    },
    options,
  );
}

function problemOf(value: string): string | undefined {
  try {
    parseConsoleServices(value);
    return undefined;
  } catch (err) {
    return `must be name=url pairs separated by commas: ${(err as Error).message}`;
  }
}
