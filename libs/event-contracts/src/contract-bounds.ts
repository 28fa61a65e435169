/**
 * Bounds every contract shares. A contract bounds what consumers must accept, so it is wider
 * than any producer's own rule (the product service takes prices up to 10^9 cents): a producer
 * may raise its limit without first redeploying every consumer. It is no wider than what the
 * consumers store: amounts in cents live in PostgreSQL `integer` columns, so a larger one is
 * refused as poison at once rather than failing its insert on every retry.
 */
export const MAX_CENTS = 2_147_483_647;
/** Most units of a product in one cart line or order line. */
export const MAX_QUANTITY = 1_000_000;
/** Versions are PostgreSQL integers. */
export const MAX_VERSION = 2_147_483_647;
/** Longest free-text field (descriptions); names and reasons are shorter. */
export const MAX_TEXT = 2_000;
/** Longest identifier that is not a UUID (a customer id, a consumer name). */
export const MAX_ID = 200;
/**
 * Lines of one order: the order service's own limit too, so an `order.placed` with more is
 * poison (consumers pair every two lines of an order; the bound keeps that work bounded).
 */
export const MAX_ORDER_LINES = 100;
