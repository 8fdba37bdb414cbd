import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { Request, Response } from 'express';
import { Authenticator } from '@sagsspor/access';
import { AppError } from '@sagsspor/kernel';
import { Public } from '../../auth/allow.decorator';
import { safeNext } from '../html-error';
import { sendPage } from '../views';
import { viewerOf } from '../viewer';
import { clearedSessionCookie, sessionCookie, sessionIdOf } from './session-middleware';
import { DEFAULT_SESSION_LIMITS, SessionStore } from './session-store';

export class SignInQueryDto {
  @IsOptional() @IsString() @MaxLength(2000) next?: string;
}

export class SignInDto {
  @IsString() @MaxLength(512) key!: string;
  @IsOptional() @IsString() @MaxLength(2000) next?: string;
}

/**
 * The sign-in page takes an API key once and answers a session cookie
 * (HttpOnly, SameSite=Strict, Secure behind TLS). The key never appears in
 * a URL, a page or a log; a wrong key is told apart from nothing else.
 */
@ApiExcludeController()
@Public()
@Controller()
export class SignInController {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly sessions: SessionStore,
  ) {}

  @Get('log-ind')
  form(@Query() query: SignInQueryDto, @Req() req: Request, @Res() res: Response): void {
    this.render(req, res, safeNext(query.next), null, 200);
  }

  @Post('log-ind')
  async signIn(@Body() body: SignInDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    sameOrigin(req);
    const next = safeNext(body.next);
    if (this.authenticator.off) return void res.redirect(303, next);
    try {
      await this.authenticator.authenticate({ 'x-api-key': body.key });
    } catch (error: unknown) {
      if (!(error instanceof AppError) || error.kind !== 'unauthenticated') throw error;
      return this.render(req, res, next, 'Nøglen blev ikke genkendt, eller den er tilbagekaldt.', 401);
    }
    const id = this.sessions.create(body.key.trim());
    res.setHeader('Set-Cookie', sessionCookie(req, id, DEFAULT_SESSION_LIMITS.absoluteMs / 1000));
    res.redirect(303, next);
  }

  @Post('log-ud')
  @HttpCode(200)
  signOut(@Req() req: Request, @Res() res: Response): void {
    sameOrigin(req);
    const id = sessionIdOf(req);
    if (id !== null) this.sessions.destroy(id);
    res.setHeader('Set-Cookie', clearedSessionCookie(req));
    sendPage(res, 'signed-out', { title: 'Logget ud', viewer: null });
  }

  private render(req: Request, res: Response, next: string, error: string | null, status: number): void {
    sendPage(
      res,
      'sign-in',
      { title: 'Log ind', viewer: viewerOf(req), next, error, publicRead: this.authenticator.config.publicRead },
      status,
    );
  }
}

/** Forms post from our own pages only: a browser says where a request comes from (Sec-Fetch-Site, Origin). */
function sameOrigin(req: Request): void {
  const site = req.header('sec-fetch-site');
  const origin = req.header('origin');
  // "null" is what a browser sends under Referrer-Policy: no-referrer (helmet's): Sec-Fetch-Site then decides.
  const foreignOrigin = origin !== undefined && origin !== 'null' && hostOf(origin) !== req.header('host');
  if ((site !== undefined && site !== 'same-origin' && site !== 'none') || foreignOrigin) {
    throw new AppError('request.cross-site', 'forbidden', 'Cross-site form', "Forms are accepted from this site's own pages only.");
  }
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
