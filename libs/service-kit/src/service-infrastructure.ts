import type { DynamicModule, Type } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { AmqpConnection, AmqpModule, eventsExchange } from '@app/amqp';
import { AuditModule } from '@app/audit';
import type { EventContract } from '@app/event-contracts';
import { HttpCachingModule, type CachePolicy } from '@app/http-caching';
import { OutboxModule } from '@app/outbox';
import { OutboxDeadLettersModule } from '@app/dead-letters';
import { RelayModule, type PostgresSessionSettings, type RelayOptions } from '@app/relay';
import { guardPostgresClients } from './database/guard-postgres-clients';
import { OperationsModule } from './operations.module';
import { RateLimitModule } from './rate-limits/rate-limit.module';
import type { RateLimits } from './rate-limits/rate-limits';
import type { Retention } from './retention';

interface ServiceBasics {
  /** The service name; also its producer name (`<name>.events`) and broker connection name. */
  name: string;
  database: DataSourceOptions & { url: string };
  /** Limits every session of the service's pools starts with: its own and its relay's. */
  databaseSession: PostgresSessionSettings;
  amqpUrl: string;
  cachePolicies: Record<string, CachePolicy>;
  /** Per client address: the admin routes' limit, and the customer writes' where there are any. */
  rateLimits: RateLimits;
  /** How long settled outbox dead letters and audit rows are kept (`retentionOf(config)`). */
  retention: Retention;
}

/** A service that publishes events: its outbox and relay. */
interface Publisher {
  /** Every event type it publishes, with its contract (the outbox refuses any other type). */
  publishes: readonly EventContract[];
  relay: { enabled: boolean } & Partial<
    Omit<RelayOptions, 'connection' | 'databaseUrl' | 'exchanges'>
  >;
}

/** A service that publishes no events gets no outbox and no relay. */
interface NonPublisher {
  publishes?: undefined;
  relay?: undefined;
}

export type ServiceInfrastructure = ServiceBasics & (Publisher | NonPublisher);

/**
 * The modules every service of this system stands on: its database, one broker connection,
 * its outbox and relay (with `/admin/outbox/dead-letters`), cache policies, rate limits, the
 * audit log (`/admin/audit`), and `/health/*` + `/metrics`.
 */
export function serviceInfrastructure(s: ServiceInfrastructure): (DynamicModule | Type<unknown>)[] {
  const relay = s.relay;
  const producer = relay
    ? [
        OutboxModule.forRoot({ producer: s.name, publishes: s.publishes }),
        RelayModule.forRootAsync({
          inject: [AmqpConnection],
          useFactory: (connection: AmqpConnection) => ({
            ...relay,
            databaseUrl: s.database.url,
            sessionSettings: s.databaseSession,
            connection,
            exchanges: [eventsExchange(s.name)],
          }),
        }),
        OutboxDeadLettersModule.forRoot({ retentionMs: s.retention.deadLettersMs }),
      ]
    : [];
  return [
    TypeOrmModule.forRootAsync({
      useFactory: () => withSessionSettings(s.database, s.databaseSession),
      dataSourceFactory: async (options) => {
        const dataSource = await new DataSource(options as DataSourceOptions).initialize();
        guardPostgresClients(dataSource, s.name);
        return dataSource;
      },
    }),
    AmqpModule.forRoot({ url: s.amqpUrl, connectionName: s.name }),
    ...producer,
    HttpCachingModule.forRoot({ policies: s.cachePolicies }),
    RateLimitModule.forRoot(s.rateLimits),
    AuditModule.forRoot({ retentionMs: s.retention.auditMs }),
    OperationsModule,
  ];
}

/** The pool's session settings (`extra`, handed to `pg`) with the service's limits added. */
function withSessionSettings(
  options: DataSourceOptions,
  settings: PostgresSessionSettings,
): DataSourceOptions {
  const extra = (options as { extra?: Record<string, unknown> }).extra;
  return { ...options, extra: { ...extra, ...settings } };
}
