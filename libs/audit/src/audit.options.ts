import { ConfigurableModuleBuilder } from '@nestjs/common';

export interface AuditModuleOptions {
  /** Audit rows older than this are deleted; 0 or unset: kept forever (the default). */
  retentionMs?: number;
  /** Time between two cleanups (the first runs at start); default 10 minutes. */
  cleanupIntervalMs?: number;
}

export const {
  ConfigurableModuleClass: ConfigurableAuditModule,
  MODULE_OPTIONS_TOKEN: AUDIT_OPTIONS,
} = new ConfigurableModuleBuilder<AuditModuleOptions>().setClassMethodName('forRoot').build();
