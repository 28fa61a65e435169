import { BadRequestException, UnprocessableEntityException } from '@nestjs/common';
import { MAX_CENTS } from '@app/event-contracts';
import { StateConflictError } from '@app/lifecycle';
import type { MirroredProduct } from '@app/product-mirror';
import type { OrderLineInputDto } from './dto/place-order.dto';

/** Totals (and so line totals) are stored in `integer` columns, as the contract bounds them. */
const MAX_ORDER_TOTAL_CENTS = MAX_CENTS;

export interface PricedLine {
  lineNo: number;
  product: MirroredProduct;
  quantity: number;
  lineTotalCents: number;
}

/**
 * Checks requested lines against the product mirror and prices them: unknown products → 422,
 * decommissioned → 409, mixed currencies → 422, a product twice or a total over what the
 * order's columns hold → 400.
 */
export function priceLines(
  lines: OrderLineInputDto[],
  products: Map<string, MirroredProduct>,
): { lines: PricedLine[]; totalCents: number; currency: string } {
  const ids = lines.map((l) => l.productId);
  const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (repeated.length > 0) {
    throw new BadRequestException({
      message: [`lines: product ${repeated[0]} appears more than once`],
      fields: [{ field: 'lines', problems: ['each product may appear once'] }],
    });
  }
  const unknown = ids.filter((id) => {
    const p = products.get(id);
    return !p || p.status === 'purged';
  });
  if (unknown.length > 0)
    throw new UnprocessableEntityException(`unknown products: ${unknown.join(', ')}`);
  const retired = ids.filter((id) => products.get(id)?.status !== 'active');
  if (retired.length > 0) {
    throw new StateConflictError(
      `decommissioned products cannot be ordered: ${retired.join(', ')}`,
    );
  }
  const currencies = new Set(ids.map((id) => products.get(id)?.currency));
  if (currencies.size > 1) {
    throw new UnprocessableEntityException('all lines of an order must be in one currency');
  }
  const priced = lines.map((l, i) => {
    const product = products.get(l.productId) as MirroredProduct;
    return {
      lineNo: i + 1,
      product,
      quantity: l.quantity,
      lineTotalCents: product.priceCents * l.quantity,
    };
  });
  const totalCents = priced.reduce((sum, l) => sum + l.lineTotalCents, 0);
  if (totalCents > MAX_ORDER_TOTAL_CENTS) {
    throw new BadRequestException({
      message: [`lines: the order's total of ${totalCents} cents is over ${MAX_ORDER_TOTAL_CENTS}`],
      fields: [{ field: 'lines', problems: [`the total may be at most ${MAX_ORDER_TOTAL_CENTS}`] }],
    });
  }
  return { lines: priced, totalCents, currency: priced[0].product.currency };
}
