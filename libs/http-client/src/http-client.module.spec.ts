import { Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { CachingHttpClient } from './caching-http-client';
import { HttpClientModule } from './http-client.module';

describe('HttpClientModule', () => {
  it('provides a client from forRoot', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [HttpClientModule.forRoot({ baseUrl: 'http://owner' })],
    }).compile();
    expect(moduleRef.get(CachingHttpClient)).toBeInstanceOf(CachingHttpClient);
  });

  it('provides a client from forRootAsync with injected configuration', async () => {
    const OWNER_URL = 'OWNER_URL';
    @Module({ providers: [{ provide: OWNER_URL, useValue: 'http://owner' }], exports: [OWNER_URL] })
    class ConfigModule {}
    const moduleRef = await Test.createTestingModule({
      imports: [
        HttpClientModule.forRootAsync({
          imports: [ConfigModule],
          inject: [OWNER_URL],
          useFactory: (baseUrl: string) => ({ baseUrl, timeoutMs: 500 }),
        }),
      ],
    }).compile();
    expect(moduleRef.get(CachingHttpClient).stats().entries).toBe(0);
  });
});
