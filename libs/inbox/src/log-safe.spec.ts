import { logSafe } from './log-safe';

describe('logSafe', () => {
  it('keeps ordinary text as it is', () => {
    expect(logSafe("no handler for event type 'thing.other' (ünïcode ok)")).toBe(
      "no handler for event type 'thing.other' (ünïcode ok)",
    );
  });

  it('escapes newlines, carriage returns, ANSI escapes, NUL and Unicode line separators', () => {
    expect(logSafe('a\nb\r\u001b[31mc\u0000d\u2028e\u0085f\u007f')).toBe(
      'a\\u000ab\\u000d\\u001b[31mc\\u0000d\\u2028e\\u0085f\\u007f',
    );
  });

  it('cuts long text after 500 characters, saying how much was left out', () => {
    expect(logSafe('x'.repeat(800))).toBe(`${'x'.repeat(500)}… (300 more)`);
  });

  it('renders what is not a string', () => {
    expect(logSafe(undefined)).toBe('undefined');
    expect(logSafe(42)).toBe('42');
  });
});
