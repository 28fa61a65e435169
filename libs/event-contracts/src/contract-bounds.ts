/**
 * Bounds every contract shares. A contract bounds what consumers must accept, so it is wider
 * than any producer's own rule (the product service takes prices up to 10^9 cents): a producer
 * may raise its limit without first redeploying every consumer.
 */
export const MAX_CENTS = 1_000_000_000_000;
/** Most units of a product in one cart line or order line. */
export const MAX_QUANTITY = 1_000_000;
/** Versions are PostgreSQL integers. */
export const MAX_VERSION = 2_147_483_647;
/** Longest free-text field (descriptions); names and reasons are shorter. */
export const MAX_TEXT = 2_000;
/** Longest identifier that is not a UUID (a customer id, a consumer name). */
export const MAX_ID = 200;
/** Lines of one order. */
export const MAX_ORDER_LINES = 1_000;
