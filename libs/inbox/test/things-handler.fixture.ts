import {
  Catch,
  Controller,
  Injectable,
  UseFilters,
  UseGuards,
  UseInterceptors,
  type ArgumentsHost,
  type CallHandler,
  type CanActivate,
  type ExceptionFilter,
  type ExecutionContext,
  type NestInterceptor,
  type PipeTransform,
} from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { IsInt, IsString, Length, Max, Min } from 'class-validator';
import { tap, throwError, type Observable } from 'rxjs';
import { InboxContext, InboxEvent, PermanentMessageError } from '@app/inbox';

/** The test's event contract: what `thing.changed` carries. */
export class ThingChanged {
  @IsString() @Length(1, 40) id!: string;
  @IsInt() @Min(0) @Max(1_000) priceCents!: number;
  @IsInt() @Min(1) version!: number;
  @IsString() label!: string;
}

/** What the guards, interceptors, pipes, filters and handlers saw. */
@Injectable()
export class Seen {
  readonly guarded: string[] = [];
  readonly intercepted: string[] = [];
  readonly filtered: { id: string; error: unknown }[] = [];
  readonly handled: { id: string; producer: string; isInstance: boolean; label: string }[] = [];
}

@Injectable()
export class RecordingGuard implements CanActivate {
  constructor(private readonly seen: Seen) {}
  canActivate(context: ExecutionContext): boolean {
    this.seen.guarded.push(context.switchToRpc().getContext<InboxContext>().envelope.id);
    return true;
  }
}

@Injectable()
export class RecordingInterceptor implements NestInterceptor {
  constructor(private readonly seen: Seen) {}
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const id = context.switchToRpc().getContext<InboxContext>().envelope.id;
    // After the handler: an interceptor's observable only runs when the transport subscribes.
    return next.handle().pipe(tap(() => this.seen.intercepted.push(id)));
  }
}

@Catch()
export class RecordingFilter implements ExceptionFilter {
  constructor(private readonly seen: Seen) {}
  catch(error: unknown, host: ArgumentsHost): Observable<never> {
    this.seen.filtered.push({
      id: host.switchToRpc().getContext<InboxContext>().envelope.id,
      error,
    });
    return throwError(() => error);
  }
}

export class ShoutPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    return value.toUpperCase();
  }
}

@Controller()
@UseGuards(RecordingGuard)
@UseInterceptors(RecordingInterceptor)
export class ThingsHandler {
  constructor(private readonly seen: Seen) {}

  @InboxEvent('thing.changed', { producer: 'thing' })
  async changed(
    @Payload() thing: ThingChanged,
    @Payload('label', ShoutPipe) label: string,
    @Ctx() ctx: InboxContext,
  ): Promise<void> {
    ctx.assertVersion(thing.version);
    await ctx.manager.query('INSERT INTO things (id, version) VALUES ($1, $2)', [
      thing.id,
      thing.version,
    ]);
    this.seen.handled.push({
      id: ctx.envelope.id,
      producer: ctx.producer,
      isInstance: thing instanceof ThingChanged,
      label,
    });
  }

  @InboxEvent('thing.failed', { producer: 'thing' })
  @UseFilters(RecordingFilter)
  failed(@Payload() thing: ThingChanged): void {
    if (thing.label === 'poison') throw new PermanentMessageError(`thing ${thing.id} is poison`);
    throw new Error(`thing ${thing.id} failed`);
  }

  @InboxEvent('thing.noted', { producerGroup: 'senders' })
  async noted(@Payload() thing: ThingChanged, @Ctx() ctx: InboxContext): Promise<void> {
    await ctx.manager.query('INSERT INTO things (id, version) VALUES ($1, $2)', [
      `${ctx.producer}:${thing.id}`,
      thing.version,
    ]);
    this.seen.handled.push({
      id: ctx.envelope.id,
      producer: ctx.producer,
      isInstance: true,
      label: '',
    });
  }
}
