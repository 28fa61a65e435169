import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '@app/auth';
import { DeadLetterRoutes } from '../dead-letter-routes';
import { DeadLettersService } from './dead-letters.service';

/** Consumer dead letters parked in this service's database, for operators. */
@ApiTags('dead-letters')
@AdminOnly()
@Controller('admin/dead-letters')
export class DeadLettersController extends DeadLetterRoutes {
  constructor(@Inject(DeadLettersService) deadLetters: DeadLettersService) {
    super(deadLetters);
  }
}
