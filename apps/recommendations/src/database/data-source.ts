import type { DataSourceOptions } from 'typeorm';
import { OrderContribution } from '../recommendations/order-contribution.entity';
import { CreateRecommendations1763800000000 } from './migrations/1763800000000-create-recommendations';
import { AddOutboxAndMirrorSync1764000000000 } from './migrations/1764000000000-add-outbox-and-mirror-sync';
import { IndexErasureLookups1765000000000 } from './migrations/1765000000000-index-erasure-lookups';
import { DeadLetterAndAuditRetention1765100000000 } from './migrations/1765100000000-dead-letter-and-audit-retention';

/** The recommendations database: migrations only, never `synchronize`. */
export function recommendationsDataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [OrderContribution],
    migrations: [
      CreateRecommendations1763800000000,
      AddOutboxAndMirrorSync1764000000000,
      IndexErasureLookups1765000000000,
      DeadLetterAndAuditRetention1765100000000,
    ],
    synchronize: false,
    migrationsRun: false,
    extra: { max: 20, application_name: 'recommendations' },
  };
}
