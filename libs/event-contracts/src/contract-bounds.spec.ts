import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { MAX_CENTS, MAX_ORDER_LINES } from './contract-bounds';
import { OrderSnapshot } from './order-events.contract';
import { ProductSnapshot } from './product-events.contract';

function problems(contract: new () => object, value: object): string[] {
  const errors = validateSync(plainToInstance(contract, value), { whitelist: true });
  return errors.map((e) => e.property);
}

const at = '2026-12-02T10:00:00.000Z';

function order(lines: number, totalCents = 100 * lines): object {
  return {
    id: '4f0d8c6e-2b1a-4c3d-9e8f-1a2b3c4d5e6f',
    customerId: 'customer-1',
    status: 'placed',
    totalCents,
    currency: 'EUR',
    version: 1,
    cancelReason: null,
    placedAt: at,
    updatedAt: at,
    lines: Array.from({ length: lines }, (_, i) => ({
      lineNo: i + 1,
      productId: `4f0d8c6e-2b1a-4c3d-9e8f-${String(i).padStart(12, '0')}`,
      productSku: `SKU-${i}`,
      productName: `product ${i}`,
      unitPriceCents: 100,
      currency: 'EUR',
      quantity: 1,
      lineTotalCents: 100,
    })),
  };
}

describe('the bounds every contract shares', () => {
  it('takes as many order lines as the order service accepts (100), and no more', () => {
    expect(MAX_ORDER_LINES).toBe(100);
    expect(problems(OrderSnapshot, order(100))).toEqual([]);
    expect(problems(OrderSnapshot, order(101))).toEqual(['lines']);
  });

  it('bounds amounts by what the consumers’ integer columns hold', () => {
    expect(MAX_CENTS).toBe(2 ** 31 - 1);
    expect(problems(OrderSnapshot, order(1, MAX_CENTS))).toEqual([]);
    expect(problems(OrderSnapshot, order(1, MAX_CENTS + 1))).toEqual(['totalCents']);
    const product = {
      id: '4f0d8c6e-2b1a-4c3d-9e8f-1a2b3c4d5e6f',
      sku: 'SKU-1',
      name: 'Cat food',
      description: null,
      priceCents: MAX_CENTS + 1,
      currency: 'EUR',
      status: 'active',
      version: 1,
      decommissionReason: null,
      createdAt: at,
      updatedAt: at,
    };
    expect(problems(ProductSnapshot, product)).toEqual(['priceCents']);
  });
});
