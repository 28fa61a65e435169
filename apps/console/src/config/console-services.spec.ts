import { loadConfig } from '@app/config';
import { ConsoleConfig } from './console.config';
import { parseConsoleServices } from './console-services';

describe('parseConsoleServices', () => {
  it('reads name=url pairs into base URLs without a trailing slash', () => {
    const services = parseConsoleServices(
      'product=http://127.0.0.1:3001/, catalog=https://catalog.internal/api//',
    );
    expect([...services.keys()]).toEqual(['product', 'catalog']);
    expect(services.get('product')?.href).toBe('http://127.0.0.1:3001/');
    expect(services.get('catalog')?.href).toBe('https://catalog.internal/api');
  });

  it.each([
    ['product', 'is not name=url'],
    ['Product=http://a', 'is not a service name'],
    ['product=http://a,product=http://b', 'named twice'],
    ['product=ftp://a', 'only http and https'],
    ['product=http://u:p@a', 'no credentials'],
    ['product=http://a/?x=1', 'no query or fragment'],
    ['product=not a url', 'is not a URL'],
    ['', 'is not name=url'],
  ])('refuses %j', (text, problem) => {
    expect(() => parseConsoleServices(text)).toThrow(problem);
  });

  it('fails the boot with the problem named', () => {
    expect(() => loadConfig(ConsoleConfig, { CONSOLE_SERVICES: 'product=ftp://a' })).toThrow(
      /CONSOLE_SERVICES must be name=url pairs separated by commas: product: only http/,
    );
  });

  it('defaults to the services npm start runs', () => {
    const services = parseConsoleServices(loadConfig(ConsoleConfig, {}).CONSOLE_SERVICES);
    expect([...services.keys()]).toEqual([
      'product',
      'catalog',
      'order',
      'cart',
      'tracking',
      'recommendations',
    ]);
  });
});
