import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '@app/auth';
import { DeadLetterRoutes } from '../dead-letter-routes';
import { OutboxDeadLettersService } from './outbox-dead-letters.service';

/** Outbox rows the relay could not publish, for operators: the same routes as consumer ones. */
@ApiTags('dead-letters')
@AdminOnly()
@Controller('admin/outbox/dead-letters')
export class OutboxDeadLettersController extends DeadLetterRoutes {
  constructor(@Inject(OutboxDeadLettersService) deadLetters: OutboxDeadLettersService) {
    super(deadLetters);
  }
}
