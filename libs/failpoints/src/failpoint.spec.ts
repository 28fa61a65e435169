import { parseFailpoints } from './failpoint';

describe('parseFailpoints', () => {
  it('arms a bare name for its first hit and name@N for its Nth', () => {
    expect([...parseFailpoints(' relay.after-confirm@4, consumer.after-commit ,')]).toEqual([
      ['relay.after-confirm', 4],
      ['consumer.after-commit', 1],
    ]);
  });

  it('arms nothing when unset', () => {
    expect(parseFailpoints('').size).toBe(0);
  });

  it.each(['relay.after-confirm@0', 'relay.after-confirm@', 'relay after', 'x@-1'])(
    'refuses %p instead of arming nothing',
    (spec) => {
      expect(() => parseFailpoints(spec)).toThrow(/FAILPOINTS/);
    },
  );
});
