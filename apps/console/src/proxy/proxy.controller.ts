import {
  Controller,
  Get,
  Inject,
  NotFoundException,
  Post,
  Req,
  Res,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { PROXY_OPTIONS, type ProxyOptions } from './proxy.options';
import { upstreamUrl } from './proxy-target';
import { Upstream, type UpstreamRequest } from './upstream';

/** `/api/<service>/<rest>`: the service's name, and the rest still encoded, query included. */
const PROXIED = /^\/api\/([^/?#]+)\/(.*)$/s;

/**
 * The console's same-origin door to the services' own admin APIs: `GET` and `POST` under
 * `admin/`, `health/` and `metrics` of a configured service, with the caller's
 * `Authorization` as is. Anything else is a 404; answers are never cached.
 */
@ApiExcludeController()
@Controller('api')
export class ProxyController {
  constructor(
    @Inject(PROXY_OPTIONS) private readonly options: ProxyOptions,
    private readonly upstream: Upstream,
  ) {}

  /** The names of the services the console fronts, in configured order. */
  @Get('services')
  services(@Res({ passthrough: true }) res: Response): { services: string[] } {
    res.setHeader('Cache-Control', 'no-store');
    return { services: [...this.options.services.keys()] };
  }

  @Get(':service/*rest')
  async get(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.pass(req, res, { method: 'GET' });
  }

  @Post(':service/*rest')
  async post(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.pass(req, res, { method: 'POST', body: jsonBodyOf(req) });
  }

  private async pass(req: Request, res: Response, request: UpstreamRequest): Promise<void> {
    // Errors too: an answer about a service's admin API is never worth keeping.
    res.setHeader('Cache-Control', 'no-store');
    const [, service, rest] = PROXIED.exec(req.originalUrl) ?? [];
    const base = service === undefined ? undefined : this.options.services.get(service);
    if (!base) throw new NotFoundException(`no service named ${service ?? '(none)'}`);
    const url = upstreamUrl(base, rest);
    if (!url) {
      throw new NotFoundException('the console passes on only admin/, health/ and metrics');
    }
    const answer = await this.upstream.call(service, url, {
      ...request,
      authorization: req.headers.authorization,
      requestId: res.getHeader('X-Request-Id')?.toString(),
    });
    res.status(answer.status);
    if (answer.contentType) res.setHeader('Content-Type', answer.contentType);
    if (answer.retryAfter) res.setHeader('Retry-After', answer.retryAfter);
    res.end(answer.body);
  }
}

/** A POST's JSON body as text; a body of another type is refused, no body passes as none. */
function jsonBodyOf(req: Request): string | undefined {
  if (req.is('application/json')) return JSON.stringify(req.body);
  const length = Number(req.headers['content-length'] ?? 0);
  if (length > 0 || req.headers['transfer-encoding']) {
    throw new UnsupportedMediaTypeException('the console passes on JSON bodies only');
  }
  return undefined;
}
