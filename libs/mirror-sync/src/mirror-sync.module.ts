import { Module } from '@nestjs/common';
import { MirrorReconcileController } from './mirror-reconcile.controller';
import { ConfigurableMirrorSyncModule } from './mirror-sync.options';
import { MirrorSync } from './mirror-sync.service';

/**
 * Seeds and reconciles one mirror against its owner and serves `POST /admin/mirror/reconcile`.
 * Configure it with `forRoot({ source, target, ... })` or `forRootAsync`.
 */
@Module({
  controllers: [MirrorReconcileController],
  providers: [MirrorSync],
  exports: [MirrorSync],
})
export class MirrorSyncModule extends ConfigurableMirrorSyncModule {}
