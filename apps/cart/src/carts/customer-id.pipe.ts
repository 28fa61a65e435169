import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';

/** Customer ids come from a gateway: 1–100 characters of letters, digits, `.`, `_`, `-`, `:`. */
@Injectable()
export class CustomerIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^[A-Za-z0-9._:-]{1,100}$/.test(value)) {
      throw new BadRequestException({
        message: ['customerId: 1-100 letters, digits, ".", "_", "-" or ":"'],
        fields: [{ field: 'customerId', problems: ['invalid customer id'] }],
      });
    }
    return value;
  }
}
