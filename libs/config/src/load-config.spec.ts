import { IsBoolean, IsInt, Max } from 'class-validator';
import { ConfigValidationError, loadConfig } from './load-config';

class Sample {
  @IsInt() @Max(10) COUNT = 3;
  @IsBoolean() ENABLED = true;
}

describe('loadConfig', () => {
  it('uses defaults and converts env strings to the defaults types', () => {
    expect(loadConfig(Sample, {})).toMatchObject({ COUNT: 3, ENABLED: true });
    expect(loadConfig(Sample, { COUNT: '7', ENABLED: 'false' })).toMatchObject({
      COUNT: 7,
      ENABLED: false,
    });
  });

  it('fails fast naming every bad variable', () => {
    expect(() => loadConfig(Sample, { COUNT: '99', ENABLED: 'maybe' })).toThrow(
      ConfigValidationError,
    );
    try {
      loadConfig(Sample, { COUNT: 'x', ENABLED: 'maybe' });
    } catch (err) {
      expect((err as ConfigValidationError).problems.map((p) => p.split(':')[0])).toEqual([
        'COUNT',
        'ENABLED',
      ]);
    }
  });
});
