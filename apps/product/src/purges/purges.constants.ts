/** Stable consumer name of the product service: keys its inbox, names `product.<mirror>`. */
export const PRODUCT_CONSUMER = 'product';

/** The aggregate type of products in events, receipts and the purge ledger. */
export const PRODUCT_AGGREGATE = 'product';

/** The producer group of the mirrors expected to confirm purges (`PRODUCT_PURGE_MIRRORS`). */
export const PURGE_MIRRORS = 'purge-mirrors';
