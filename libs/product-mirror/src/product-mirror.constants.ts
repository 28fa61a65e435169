/** The producer the mirror consumes: the product service (`product.events`). */
export const PRODUCT_PRODUCER = 'product';
