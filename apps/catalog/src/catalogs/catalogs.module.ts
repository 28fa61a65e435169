import { Module } from '@nestjs/common';
import { ProductMirrorModule } from '@app/product-mirror';
import { CatalogsController } from './catalogs.controller';
import { CatalogsService } from './catalogs.service';

@Module({
  imports: [ProductMirrorModule.forRoot({ consumer: 'catalog' })],
  controllers: [CatalogsController],
  providers: [CatalogsService],
})
export class CatalogsModule {}
