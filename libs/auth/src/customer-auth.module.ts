import { Module } from '@nestjs/common';
import { CUSTOMER_AUTH_OPTIONS, ConfigurableCustomerAuthModule } from './customer-auth.options';

/** How `@CustomerOnly()` routes authenticate; import once with `CustomerAuthModule.forRoot`. */
@Module({ exports: [CUSTOMER_AUTH_OPTIONS] })
export class CustomerAuthModule extends ConfigurableCustomerAuthModule {}
