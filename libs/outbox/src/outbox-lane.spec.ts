import { laneFor, OUTBOX_LANES } from './outbox-lane';

describe('laneFor', () => {
  it('is stable per aggregate and spreads aggregates over every lane', () => {
    expect(laneFor('product', 'p1')).toBe(laneFor('product', 'p1'));
    const lanes = new Set(Array.from({ length: 2000 }, (_, i) => laneFor('product', `p${i}`)));
    expect(lanes.size).toBe(OUTBOX_LANES);
    expect([...lanes].every((l) => l >= 0 && l < OUTBOX_LANES)).toBe(true);
  });
});
