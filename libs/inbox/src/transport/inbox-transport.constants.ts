/** The transport id of `InboxTransport`: handlers of `@InboxEvent` register with it alone. */
export const INBOX_TRANSPORT = Symbol('INBOX_TRANSPORT');
