import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { CustomerAuthMode } from './customer-caller';

export interface CustomerAuthOptions {
  /** `gateway` (trust the customer id given) or `token` (a customer token must match it). */
  mode: CustomerAuthMode;
}

export const {
  ConfigurableModuleClass: ConfigurableCustomerAuthModule,
  MODULE_OPTIONS_TOKEN: CUSTOMER_AUTH_OPTIONS,
} = new ConfigurableModuleBuilder<CustomerAuthOptions>()
  .setClassMethodName('forRoot')
  .setExtras({ isGlobal: true }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal,
  }))
  .build();
