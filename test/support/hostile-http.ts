import fc from 'fast-check';
import jwt from 'jsonwebtoken';
import { adminToken, customerToken } from '@app/testing';

/** One route of an app, as its OpenAPI document states it. */
export interface Route {
  app: string;
  base: string;
  method: string;
  /** The path template, e.g. `/admin/products/{id}/purge`. */
  path: string;
  /** Declared path, query and body field names. */
  params: string[];
  query: string[];
  body: string[];
}

/** A generated request: the route it aims at and everything hostile about it. */
export interface HostileRequest {
  route: Route;
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, { properties?: Record<string, unknown> }> };
}

interface OpenApiOperation {
  parameters?: { name: string; in: string }[];
  requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
}

/** Every route an app documents, from its own `/docs/openapi.json`. */
export async function documentedRoutes(app: string, base: string): Promise<Route[]> {
  const doc = (await (await fetch(`${base}/docs/openapi.json`)).json()) as OpenApiDocument;
  const routes: Route[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      const ref = Object.values(op.requestBody?.content ?? {})[0]?.schema?.$ref;
      const schema = ref ? doc.components?.schemas?.[ref.split('/').at(-1) ?? ''] : undefined;
      routes.push({
        app,
        base,
        method: method.toUpperCase(),
        path,
        params: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
        query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        body: Object.keys(schema?.properties ?? {}),
      });
    }
  }
  return routes;
}

/** Strings a careless parser trips on: Unicode, control characters, the very long, the special. */
export function hostileString(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.constantFrom(
      '',
      ' ',
      '..',
      '../../etc/passwd',
      '%00',
      '\u0000',
      'null',
      'undefined',
      'NaN',
      '-1',
      '1e309',
      '9007199254740993',
      '00000000-0000-0000-0000-000000000000',
      "' OR 1=1 --",
      '<script>alert(1)</script>',
      '${jndi:ldap://x}',
      '__proto__',
      'constructor',
      '\r\nX-Injected: 1',
      '🚲'.repeat(300),
    ),
    fc.integer({ min: 1, max: 12_000 }).map((n) => 'x'.repeat(n)),
    fc.uuid(),
  );
}

/** JSON values of any shape, deep or wide, and values JavaScript treats specially. */
function hostileValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    hostileString(),
    fc.jsonValue({ maxDepth: 4 }),
    fc.constantFrom(
      null,
      true,
      0,
      -1,
      1.5,
      Number.MAX_SAFE_INTEGER + 2,
      1e308,
      -1e308,
      [],
      {},
      [null],
      { $gt: '' },
    ),
    fc.integer({ min: 10, max: 3_000 }).map((depth) => nested(depth)),
  );
}

/** Lone surrogate halves replaced, so the string can be percent-encoded (the rest stays). */
function wellFormed(s: string): string {
  return s.replace(/\p{Surrogate}/gu, '\uFFFD');
}

function nested(depth: number): unknown {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

/** A body: the route's own fields with hostile values, or something that is not such an object. */
function hostileBody(route: Route): fc.Arbitrary<string | undefined> {
  const fields = route.body.length > 0 ? route.body : ['id', 'name'];
  const object = fc
    .dictionary(
      fc.oneof(fc.constantFrom(...fields, '__proto__', 'constructor', 'prototype'), fc.string()),
      hostileValue(),
      { maxKeys: 8 },
    )
    .map((o) => JSON.stringify(o));
  const pollution = fc.constantFrom(
    '{"__proto__":{"roles":["admin"],"status":"active"}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
  );
  return fc.oneof(
    { weight: 5, arbitrary: object },
    { weight: 1, arbitrary: pollution },
    { weight: 1, arbitrary: hostileValue().map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
    { weight: 1, arbitrary: fc.constant('{"a":') },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 2, max: 400 }).map((kb) => `"${'x'.repeat(kb * 1024)}"`),
    },
    { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 100_000 }).map((d) => '['.repeat(d)) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

/** Who the caller claims to be: nobody, an admin, a customer, or a token that must not pass. */
function authorization(): fc.Arbitrary<string | undefined> {
  const forged = (claims: object, secret = 'not-the-secret-of-this-system-at-all') =>
    `Bearer ${jwt.sign(claims, secret, { expiresIn: 60 })}`;
  // Valid tokens weigh most, so that most requests get past authentication into validation.
  return fc.oneof(
    fc.constant(undefined),
    { weight: 6, arbitrary: fc.constant(undefined).map(() => `Bearer ${adminToken()}`) },
    { weight: 2, arbitrary: fc.uuid().map((id) => `Bearer ${customerToken(id)}`) },
    fc.constant(undefined).map(() => forged({ sub: 'mallory', roles: ['admin'] })),
    fc.constant(
      // alg none, admin role: refused whatever the secret.
      `Bearer ${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(
        '{"sub":"mallory","roles":["admin"],"exp":9999999999}',
      ).toString('base64url')}.`,
    ),
    hostileString()
      .filter((s) => /^[\t\x20-\x7e]*$/.test(s))
      .map((s) => `Bearer ${s}`),
    fc.constantFrom('Basic YWRtaW46YWRtaW4=', 'Bearer', 'bearer x.y.z', 'Bearer a.b'),
  );
}

/** Header values that HTTP allows on the wire but that mean nothing good. */
function headerValue(): fc.Arbitrary<string> {
  return hostileString()
    .filter((s) => /^[\t\x20-\x7e]*$/.test(s))
    .map((s) => s.slice(0, 4000));
}

/** A request aimed at one of `routes`, hostile in its path, query, body and headers. */
export function hostileRequest(routes: Route[]): fc.Arbitrary<HostileRequest> {
  return fc.constantFrom(...routes).chain((route) =>
    fc
      .record({
        params: fc.array(hostileString(), {
          minLength: route.params.length,
          maxLength: route.params.length,
        }),
        query: fc.dictionary(
          fc.oneof(fc.constantFrom(...route.query, 'limit', 'after', '__proto__'), fc.string()),
          fc.oneof(hostileString(), fc.array(hostileString(), { maxLength: 3 })),
          { maxKeys: 4 },
        ),
        body: hostileBody(route),
        authorization: authorization(),
        contentType: fc.constantFrom(
          'application/json',
          'application/json; charset=utf-16',
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/xml',
          undefined,
        ),
        extra: fc.dictionary(
          fc.constantFrom('if-none-match', 'if-match', 'accept', 'x-request-id', 'traceparent'),
          headerValue(),
          { maxKeys: 3 },
        ),
      })
      .map(({ params, query, body, authorization: auth, contentType, extra }) => {
        let path = route.path;
        route.params.forEach((name, i) => {
          path = path.replace(`{${name}}`, encodeURIComponent(wellFormed(params[i])));
        });
        const search = new URLSearchParams();
        for (const [key, value] of Object.entries(query)) {
          for (const v of Array.isArray(value) ? value : [value]) search.append(key, v);
        }
        const headers: Record<string, string> = { ...extra };
        if (auth) headers.authorization = auth;
        const withBody = !['GET', 'HEAD'].includes(route.method) && body !== undefined;
        if (withBody && contentType) headers['content-type'] = contentType;
        const qs = search.toString();
        return {
          route,
          url: `${route.base}${path}${qs ? `?${qs}` : ''}`,
          method: route.method,
          headers,
          body: withBody ? body : undefined,
        };
      }),
  );
}

/** Sends it; the status, or the network error's text when the server dropped the connection. */
export async function send(req: HostileRequest): Promise<number | string> {
  try {
    const res = await fetch(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      signal: AbortSignal.timeout(30_000),
    });
    await res.arrayBuffer();
    return res.status;
  } catch (err) {
    const cause = (err as { cause?: unknown }).cause;
    return `${String(err)} ${cause instanceof Error ? cause.message : ''}`;
  }
}
