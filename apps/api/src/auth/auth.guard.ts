import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { AppError } from '@sagsspor/kernel';
import { AuthRequiredError, Authenticator, ForbiddenError, mayAct, PUBLIC_PRINCIPAL } from '@sagsspor/access';
import { ACCESS_RULE, DEFAULT_RULE, type AccessRule } from './allow.decorator';
import { credentialHeaders, type AuthenticatedRequest } from './request-principal';

/** Every route passes here: authenticate, then compare the principal's roles with the route's rule. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const rule =
      this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [context.getHandler(), context.getClass()]) ?? DEFAULT_RULE;
    if (rule.kind === 'public') return true;
    const http = context.switchToHttp();
    const req = http.getRequest<AuthenticatedRequest>();
    const res = http.getResponse<Response>();
    if (!this.authenticator.off) res.vary('Authorization').vary('X-Api-Key');
    try {
      const principal =
        (await this.authenticator.authenticate(credentialHeaders(req))) ??
        (rule.role === 'reader' && this.authenticator.config.publicRead ? PUBLIC_PRINCIPAL : null);
      if (principal === null) throw new AuthRequiredError();
      if (!mayAct(principal, rule.role)) throw principal.via === 'public' ? new AuthRequiredError() : new ForbiddenError(rule.role);
      req.principal = principal;
      return true;
    } catch (error: unknown) {
      if (error instanceof AppError && error.kind === 'unauthenticated') res.setHeader('WWW-Authenticate', challenge(error));
      throw error;
    }
  }
}

/** RFC 6750: the scheme, and why a presented credential failed. */
function challenge(error: AppError): string {
  return error instanceof AuthRequiredError ? 'Bearer realm="sagsspor"' : 'Bearer realm="sagsspor", error="invalid_token"';
}
