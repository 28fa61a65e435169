import { servicePermissions } from './permissions';

describe('servicePermissions', () => {
  const catalog = servicePermissions('catalog', ['product']);
  const matches = (regex: string, names: string[]) =>
    names.filter((n) => new RegExp(regex).test(n));

  it('gives the regexes for rabbitmqctl set_permissions', () => {
    expect(catalog).toEqual({
      configure: '^catalog\\.',
      write: '^catalog\\.',
      read: '^(catalog\\..*|product\\.events)$',
    });
    expect(servicePermissions('tracking', ['cart']).read).toBe('^(tracking\\..*|cart\\.events)$');
    expect(servicePermissions('order', []).read).toBe('^order\\.');
  });

  const names = [
    'catalog.events',
    'catalog.queues',
    'catalog.product',
    'catalog.product.retry.quorum',
    'catalog.product.dlq',
    'product.events',
    'product.queues',
    'product.catalog',
    'order.product',
    'amq.default',
    'catalogx.events',
  ];

  it('lets a service declare and publish to only what is named after it', () => {
    const own = [
      'catalog.events',
      'catalog.queues',
      'catalog.product',
      'catalog.product.retry.quorum',
      'catalog.product.dlq',
    ];
    expect(matches(catalog.configure, names)).toEqual(own);
    expect(matches(catalog.write, names)).toEqual(own);
  });

  it('lets it read its own queues and bind to the exchange of each producer it consumes', () => {
    expect(matches(catalog.read, names)).toEqual([
      'catalog.events',
      'catalog.queues',
      'catalog.product',
      'catalog.product.retry.quorum',
      'catalog.product.dlq',
      'product.events',
    ]);
  });
});
