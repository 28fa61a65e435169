import type { INestApplicationContext, InjectionToken } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';

/**
 * The instance of `token` in whichever module provides it, or undefined when none does. Looked
 * up in the modules rather than with `app.get`, whose miss ends the process on an app created
 * with `abortOnError` (the default): for providers an app may or may not have (an outbox, an
 * inbox transport).
 */
export function findProvider<T>(
  app: INestApplicationContext,
  token: InjectionToken,
): T | undefined {
  for (const module of app.get(ModulesContainer).values()) {
    const instance: unknown = module.providers.get(token)?.instance;
    if (instance) return instance as T;
  }
  return undefined;
}
