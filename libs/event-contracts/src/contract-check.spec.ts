import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CartItemEventData } from './cart-events.contract';
import { fastContractCheck } from './contract-check';
import type { ContractClass } from './event-contract';
import { OrderSnapshot } from './order-events.contract';
import { ProductPurged, ProductSnapshot } from './product-events.contract';
import { PurgeReceipt } from './purge-receipt.contract';

type Sample = Record<string, unknown>;

function classValidatorAccepts(contract: ContractClass, value: Sample): boolean {
  const instance = plainToInstance(contract as new () => object, value);
  return validateSync(instance, { whitelist: true, forbidUnknownValues: true }).length === 0;
}

const id = '4f0d8c6e-2b1a-4c3d-9e8f-1a2b3c4d5e6f';
const at = '2026-12-02T10:00:00.000Z';

const valid: [ContractClass, Sample][] = [
  [
    ProductSnapshot,
    {
      id,
      sku: 'SKU-1',
      name: 'Cat food',
      description: null,
      priceCents: 1299,
      currency: 'EUR',
      status: 'active',
      version: 3,
      decommissionReason: null,
      createdAt: at,
      updatedAt: at,
    },
  ],
  [ProductPurged, { id }],
  [
    PurgeReceipt,
    { aggregateType: 'product', aggregateId: id, version: 4, mirror: 'catalog', appliedAt: at },
  ],
];

/** Every way to spoil one field: wrong types, bounds, formats, null, absence. */
const spoilers: unknown[] = [
  undefined,
  null,
  '',
  'x'.repeat(3000),
  -1,
  1.5,
  1e16,
  '12',
  true,
  {},
  [],
  'not-a-uuid',
  'yesterday',
  'eur',
  'archived',
  0,
];

describe('fastContractCheck', () => {
  it.each(valid.map(([c, v]) => [c.name, c, v] as const))(
    'accepts a valid %s, as class-validator does',
    (_name, contract, value) => {
      expect(classValidatorAccepts(contract, value)).toBe(true);
      expect(fastContractCheck(contract)(value)).toBe(true);
    },
  );

  it.each(valid.map(([c, v]) => [c.name, c, v] as const))(
    'refuses every spoilt %s that class-validator refuses',
    (_name, contract, value) => {
      const lenient: string[] = [];
      for (const field of Object.keys(value)) {
        for (const bad of spoilers) {
          const spoilt = { ...value, [field]: bad };
          if (bad === undefined) delete spoilt[field];
          if (!classValidatorAccepts(contract, spoilt) && fastContractCheck(contract)(spoilt)) {
            lenient.push(`${field}=${JSON.stringify(bad)}`);
          }
        }
      }
      expect(lenient).toEqual([]);
    },
  );

  it('refuses what is not an object at all', () => {
    for (const value of [null, undefined, 'x', 1, []]) {
      expect(fastContractCheck(ProductSnapshot)(value)).toBe(false);
    }
  });

  it('compiles the nested classes of a contract too', () => {
    const check = fastContractCheck(OrderSnapshot);
    expect(check({})).toBe(false);
    expect(fastContractCheck(CartItemEventData)({})).toBe(false);
  });
});
