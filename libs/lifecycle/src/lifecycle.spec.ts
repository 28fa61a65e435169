import { Lifecycle } from './lifecycle';
import { InvalidTransitionError, StaleVersionError } from './lifecycle.errors';
import { assertVersion, bumpVersion } from './versioning';

type S = 'active' | 'decommissioned' | 'archived';

const lifecycle = new Lifecycle<S>({
  entity: 'thing',
  transitions: { active: ['decommissioned'], decommissioned: ['active', 'archived'], archived: [] },
  visible: ['active'],
});

describe('Lifecycle', () => {
  it('moves along allowed transitions and reports a repeat as no change', () => {
    const thing = { status: 'active' as S };
    expect(lifecycle.transition(thing, 'decommissioned')).toBe(true);
    expect(thing.status).toBe('decommissioned');
    expect(lifecycle.transition(thing, 'decommissioned')).toBe(false);
  });

  it('refuses a transition that is not allowed, leaving the state as it was', () => {
    const thing = { status: 'archived' as S };
    expect(() => lifecycle.transition(thing, 'active')).toThrow(InvalidTransitionError);
    expect(thing.status).toBe('archived');
  });

  it('writes partial unique indexes over visible rows only', () => {
    expect(lifecycle.partialUniqueIndexSql('things', ['sku'])).toBe(
      `CREATE UNIQUE INDEX "uq_things_sku_visible" ON "things" ("sku") WHERE "status" IN ('active')`,
    );
  });

  it('checks and bumps versions', () => {
    const thing = { version: 3 };
    expect(() => assertVersion(thing, 2)).toThrow(StaleVersionError);
    expect(() => assertVersion(thing, undefined)).not.toThrow();
    expect(bumpVersion(thing)).toBe(4);
  });
});
