import { DiagnosticSeverity, Parser, type AsyncAPIDocumentInterface } from '@asyncapi/parser';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ASYNCAPI_FILE, ROOT, systemAsyncApiYaml } from '../tools/system-asyncapi';

/** Where two texts part: the first line that differs, with its number. */
function firstDifference(committed: string, generated: string): string {
  const [a, b] = [committed.split('\n'), generated.split('\n')];
  const line = a.findIndex((text, i) => text !== b[i]);
  const at = line === -1 ? a.length : line;
  return `line ${at + 1}: committed ${JSON.stringify(a[at])}, generated ${JSON.stringify(b[at])}`;
}

/**
 * docs/asyncapi.yaml is what the built apps state about their events (read with each app's
 * `--event-surface`, which needs neither database nor broker): editing a contract, a declared
 * publication or a handler without regenerating it fails here. The official parser accepts it,
 * and every channel has a publisher and a consumer.
 */
describe('docs/asyncapi.yaml', () => {
  let committed: string;
  let document: AsyncAPIDocumentInterface;

  beforeAll(async () => {
    committed = readFileSync(join(ROOT, ASYNCAPI_FILE), 'utf8');
    const parsed = await new Parser().parse(committed);
    const isError = (severity: unknown) => severity === (DiagnosticSeverity.Error as number);
    const errors = parsed.diagnostics.filter((d) => isError(d.severity));
    expect(errors).toEqual([]);
    if (!parsed.document) throw new Error('the parser gave no document');
    document = parsed.document;
  });

  it('is what the code generates (else: `npm run asyncapi` and commit it)', async () => {
    const generated = await systemAsyncApiYaml();
    if (committed !== generated) {
      throw new Error(
        `${ASYNCAPI_FILE} is stale: run \`npm run asyncapi\` and commit it ` +
          `(${firstDifference(committed, generated)})`,
      );
    }
  });

  it('is an AsyncAPI 3.0 document of every service', () => {
    expect(document.version()).toBe('3.0.0');
    const services = new Set(
      document
        .operations()
        .all()
        .map((o) => o.id()?.split('--')[0]),
    );
    expect([...services].sort()).toEqual([
      'cart',
      'catalog',
      'order',
      'product',
      'recommendations',
      'tracking',
    ]);
  });

  it('has a publisher and a consumer on every channel (publishes are mandatory)', () => {
    const lonely = document
      .channels()
      .all()
      .filter((channel) => {
        const actions = channel
          .operations()
          .all()
          .map((o) => o.action());
        return !actions.includes('send') || !actions.includes('receive');
      })
      .map((channel) => channel.id());
    expect(lonely).toEqual([]);
  });

  it("states the product's purge ledger receiving a receipt from every mirror", () => {
    const receipts = document
      .operations()
      .all()
      .map((o) => o.id() ?? '')
      .filter((id) => id.endsWith('purge-receipt-issued'))
      .sort();
    expect(receipts).toEqual([
      'cart--sends--purge-receipt-issued',
      'catalog--sends--purge-receipt-issued',
      'order--sends--purge-receipt-issued',
      'product--receives--cart--purge-receipt-issued',
      'product--receives--catalog--purge-receipt-issued',
      'product--receives--order--purge-receipt-issued',
      'product--receives--recommendations--purge-receipt-issued',
      'recommendations--sends--purge-receipt-issued',
    ]);
  });
});
