import { Parser, DiagnosticSeverity } from '@asyncapi/parser';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsInt,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { MAX_TEXT } from '../contract-bounds';
import { ProductSnapshot } from '../product-events.contract';
import { buildAsyncApiDocument } from './asyncapi-document';
import type { ServiceEventSurface } from './event-surface';

class SampleLine {
  @IsUUID() productId!: string;
  @IsInt() @Min(1) quantity!: number;
}

class SampleOrder {
  @IsUUID() id!: string;
  @IsString() @MaxLength(3) currency!: string;
  @ValidateNested({ each: true })
  @Type(() => SampleLine)
  @ArrayMinSize(1)
  lines!: SampleLine[];
}

class SampleReceipt {
  @IsUUID() aggregateId!: string;
  @IsInt() @Min(1) version!: number;
}

const services: ServiceEventSurface[] = [
  {
    service: 'shop',
    publishes: [{ type: 'order.placed', data: SampleOrder, summary: 'an order was placed' }],
    subscribes: [
      {
        producer: 'ledger',
        queue: 'shop.ledger',
        events: [{ type: 'receipt.issued', data: SampleReceipt }],
      },
    ],
  },
  {
    service: 'ledger',
    publishes: [{ type: 'receipt.issued', data: SampleReceipt }],
    subscribes: [
      {
        producer: 'shop',
        queue: 'ledger.shop',
        events: [{ type: 'order.placed', data: SampleOrder }],
      },
    ],
  },
];

const info = { title: 'Sample events', version: '1.0.0' };

describe('buildAsyncApiDocument', () => {
  it('builds an AsyncAPI 3 document that the official parser accepts without errors', async () => {
    const doc = buildAsyncApiDocument(info, services);
    const { document, diagnostics } = await new Parser().parse(JSON.stringify(doc));
    const isError = (severity: unknown) => severity === (DiagnosticSeverity.Error as number);
    expect(diagnostics.filter((d) => isError(d.severity))).toEqual([]);
    expect(document?.version()).toBe('3.0.0');
    expect(
      document
        ?.channels()
        .all()
        .map((c) => c.address())
        .sort(),
    ).toEqual(['order.placed', 'receipt.issued']);
    const actions = document
      ?.operations()
      .all()
      .map((o) => `${o.id()} ${o.action()}`)
      .sort();
    expect(actions).toEqual([
      'ledger--receives--shop--order-placed receive',
      'ledger--sends--receipt-issued send',
      'shop--receives--ledger--receipt-issued receive',
      'shop--sends--order-placed send',
    ]);
  });

  it('is checked for real: the parser reports a document whose operations lost their channel', async () => {
    const doc = buildAsyncApiDocument(info, services);
    const { diagnostics } = await new Parser().parse(JSON.stringify({ ...doc, channels: {} }));
    const isError = (severity: unknown) => severity === (DiagnosticSeverity.Error as number);
    expect(diagnostics.filter((d) => isError(d.severity)).length).toBeGreaterThan(0);
  });

  it('states each event as the CloudEvents envelope with its data schema from the validators', () => {
    const doc = buildAsyncApiDocument(info, services) as {
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
      channels: Record<string, { bindings: { amqp: { exchange: { name: string } } } }>;
    };
    const { schemas } = doc.components;
    expect(Object.keys(schemas).sort()).toEqual([
      'CloudEvent',
      'SampleLine',
      'SampleOrder',
      'SampleReceipt',
    ]);
    expect(schemas.SampleOrder.properties?.lines).toMatchObject({
      type: 'array',
      items: { $ref: '#/components/schemas/SampleLine' },
      minItems: 1,
    });
    expect(schemas.SampleLine.properties?.quantity).toMatchObject({ type: 'integer', minimum: 1 });
    expect(schemas.SampleOrder.properties?.currency).toMatchObject({ maxLength: 3 });
    expect(doc.channels['shop-events--order-placed'].bindings.amqp.exchange.name).toBe(
      'shop.events',
    );
  });

  it("states a nullable field as its validators' type or null, as the validators accept", () => {
    const { schemas } = (
      buildAsyncApiDocument(info, [
        {
          service: 'product',
          publishes: [{ type: 'product.created', data: ProductSnapshot }],
          subscribes: [],
        },
      ]) as { components: { schemas: Record<string, { properties: Record<string, unknown> }> } }
    ).components;
    expect(schemas.ProductSnapshot.properties.description).toMatchObject({
      type: ['string', 'null'],
      maxLength: MAX_TEXT,
    });
    expect(schemas.ProductSnapshot.properties.name).toMatchObject({ type: 'string' });
  });

  it('gives the same document for the same services, whatever their order', () => {
    const a = JSON.stringify(buildAsyncApiDocument(info, services));
    const b = JSON.stringify(buildAsyncApiDocument(info, [...services].reverse()));
    expect(b).toBe(a);
  });

  it('refuses an event type stated with two different contracts', () => {
    const clash: ServiceEventSurface = {
      service: 'other',
      publishes: [{ type: 'order.placed', data: SampleReceipt }],
      subscribes: [],
    };
    expect(() => buildAsyncApiDocument(info, [...services, clash])).toThrow(
      'order.placed has two contracts',
    );
  });

  it('refuses a contract class without validation metadata', () => {
    class Bare {
      id!: string;
    }
    expect(() =>
      buildAsyncApiDocument(info, [
        { service: 'x', publishes: [{ type: 'x.done', data: Bare }], subscribes: [] },
      ]),
    ).toThrow('no class-validator metadata for the contract class Bare');
  });
});
