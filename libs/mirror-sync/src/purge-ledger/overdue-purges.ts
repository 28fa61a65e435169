/** Purges of one aggregate type older than their receipt deadline that still lack a receipt. */
export interface OverduePurges {
  aggregateType: string;
  count: number;
}

const watched = new Set<() => Promise<OverduePurges>>();

/** Registers a ledger for `overduePurges()`; returns the function that unregisters it. */
export function watchOverduePurges(read: () => Promise<OverduePurges>): () => void {
  watched.add(read);
  return () => watched.delete(read);
}

/** Every ledger of this process, counted now (for `/metrics`, at scrape time). */
export async function overduePurges(): Promise<OverduePurges[]> {
  return Promise.all([...watched].map((read) => read()));
}
