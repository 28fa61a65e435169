import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import type { DataSource } from 'typeorm';
import type { Versioned, VersionPrecheck } from '@app/http-caching';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `GET /products/:id` with `If-None-Match`: one indexed read of the version, no entity load.
 * A purged product has no row here, so the handler runs and answers 410 Gone, never 304.
 */
@Injectable()
export class ProductVersionPrecheck implements VersionPrecheck {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async currentVersions(req: Request): Promise<Versioned | undefined> {
    const id = req.params.id;
    if (typeof id !== 'string' || !UUID.test(id)) return undefined;
    const rows: Versioned[] = await this.dataSource.query(
      'SELECT "id", "version" FROM "products" WHERE "id" = $1',
      [id],
    );
    return rows[0];
  }
}
