import { PartialType } from '@nestjs/swagger';
import { CreateProductDto } from './create-product.dto';

/**
 * Any subset of a product's fields, each validated exactly as on creation. An absent field is
 * left as it is; `null` is validated like any value (refused, 400), except for `description`,
 * optional on creation too, where it clears the description.
 */
export class UpdateProductDto extends PartialType(CreateProductDto, {
  skipNullProperties: false,
}) {}
