import { PartialType } from '@nestjs/swagger';
import { CreateProductDto } from './create-product.dto';

/** Any subset of a product's fields, each validated exactly as on creation. */
export class UpdateProductDto extends PartialType(CreateProductDto) {}
