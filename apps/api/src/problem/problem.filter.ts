import { ArgumentsHost, Catch, HttpException, Logger, UnsupportedMediaTypeException, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppError, type ErrorKind } from '@sagsspor/kernel';
import { sendErrorPage, wantsHtmlError } from '../pages/html-error';

const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'too-large': 413,
  rule: 422,
  unavailable: 503,
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  [extension: string]: unknown;
}

/** The one place where failures become RFC 9457 problem+json (or, for pages, the HTML page of that problem). Never leaks a stack. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(error: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request>();
    const problem = { ...toProblem(error), instance: req.originalUrl };
    if (problem.status >= 500) this.logger.error(error instanceof Error ? error.stack : String(error));
    if (res.headersSent) return;
    if (wantsHtmlError(req, problem)) return sendErrorPage(req, res, problem);
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }
}

export function toProblem(error: unknown): Problem {
  if (error instanceof AppError) {
    return {
      ...error.extensions,
      type: typeUri(error.code),
      title: error.title,
      status: STATUS[error.kind],
      detail: error.detail,
      code: error.code,
    };
  }
  if (error instanceof HttpException) return fromHttpException(error);
  const bodyParser = fromBodyParserError(error);
  if (bodyParser) return bodyParser;
  return {
    type: typeUri('internal'),
    title: 'Internal error',
    status: 500,
    detail: 'The server failed to handle the request.',
    code: 'internal',
  };
}

/** Framework-raised statuses get our own wording: theirs can echo parser internals. */
const HTTP_PROBLEMS: Record<number, { code: string; title: string; detail: string }> = {
  400: {
    code: 'request.malformed',
    title: 'Malformed request',
    detail: 'The request could not be read: a body must be valid JSON (UTF-8) of the declared content type.',
  },
  404: { code: 'route.not-found', title: 'Not found', detail: 'No such resource or route.' },
  413: { code: 'request.too-large', title: 'Request body too large', detail: 'The request body is larger than this route accepts.' },
  415: { code: 'request.unsupported-media-type', title: 'Unsupported media type', detail: 'This route does not accept that content type.' },
  429: { code: 'request.rate-limited', title: 'Too many requests', detail: 'Slow down and retry later.' },
};

function fromHttpException(error: HttpException): Problem {
  const status = error.getStatus();
  const known = HTTP_PROBLEMS[status];
  if (known) return { type: typeUri(known.code), title: known.title, status, detail: known.detail, code: known.code };
  const body = error.getResponse();
  const detail = typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? error.message);
  return { type: typeUri(`http.${status}`), title: error.name.replace(/Exception$/, ''), status, detail, code: `http.${status}` };
}

/** Errors thrown by express' body parsers before any Nest code runs. */
function fromBodyParserError(error: unknown): Problem | null {
  const e = error as { type?: unknown; status?: unknown; message?: unknown };
  if (typeof e?.type !== 'string' || typeof e.status !== 'number') return null;
  if (e.type === 'entity.too.large') {
    return {
      type: typeUri('request.too-large'),
      title: 'Request body too large',
      status: 413,
      detail: 'The request body is larger than this route accepts.',
      code: 'request.too-large',
    };
  }
  if (e.status === 415) return fromHttpException(new UnsupportedMediaTypeException());
  if (e.status >= 400 && e.status < 500) {
    return {
      type: typeUri('request.malformed'),
      title: 'Malformed request body',
      status: 400,
      detail: 'The request body could not be read: it must be valid JSON (UTF-8) of the declared content type.',
      code: 'request.malformed',
    };
  }
  return null;
}

export function typeUri(code: string): string {
  return `https://sagsspor.dk/problems/${code}`;
}
