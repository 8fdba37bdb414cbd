import type { Request, Response } from 'express';
import type { Problem } from '../problem/problem.filter';
import { isPagePath } from './page-paths';
import { sendPage } from './views';
import { viewerOf } from './viewer';

/** What a reader is told, by HTTP status (the status itself comes from the one problem+json mapping). */
const HEADLINES: Record<number, { title: string; lead: string }> = {
  400: {
    title: 'Ugyldig forespørgsel',
    lead: 'Siden kunne ikke vises, fordi adressen eller søgningen indeholder noget, der ikke kan bruges.',
  },
  401: { title: 'Log ind for at se siden', lead: 'Siden kræver, at du er logget ind med en API-nøgle.' },
  403: { title: 'Ingen adgang', lead: 'Din rolle giver ikke adgang til det, du bad om.' },
  404: { title: 'Siden findes ikke', lead: 'Vi kunne ikke finde det, du ledte efter.' },
  409: { title: 'Konflikt', lead: 'Forespørgslen strider mod det, der allerede er registreret.' },
  413: { title: 'For stor forespørgsel', lead: 'Forespørgslen er større, end siden tager imod.' },
  415: { title: 'Forkert indholdstype', lead: 'Siden tager ikke imod den slags indhold.' },
  422: { title: 'Kan ikke lade sig gøre', lead: 'Forespørgslen er forstået, men reglerne tillader den ikke.' },
  429: { title: 'For mange forespørgsler', lead: 'Vent et øjeblik, og prøv så igen.' },
  503: { title: 'Ikke klar endnu', lead: 'Systemet er ved at starte eller genopbygge; prøv igen om lidt.' },
};
const FALLBACK = { title: 'Der skete en fejl', lead: 'Siden kunne ikke vises. Prøv igen senere.' };

/** Page paths, and any unknown path a browser asked for: those get an HTML error page. */
export function wantsHtmlError(req: Request, problem: Problem): boolean {
  // The path as sent: an API route answered by another handler (Accept: text/csv) keeps problem+json.
  if (isPagePath(pathOf(req.originalUrl))) return true;
  return problem.code === 'route.not-found' && req.accepts(['application/json', 'text/html']) === 'text/html';
}

export function sendErrorPage(req: Request, res: Response, problem: Problem): void {
  const headline = HEADLINES[problem.status] ?? FALLBACK;
  const fields = Array.isArray(problem['errors']) ? (problem['errors'] as { field: string; messages: string[] }[]) : [];
  sendPage(
    res,
    'error',
    {
      title: headline.title,
      lead: headline.lead,
      problem,
      fields,
      viewer: viewerOf(req),
      signIn: problem.status === 401 ? `/log-ind?next=${encodeURIComponent(safeNext(req.originalUrl))}` : null,
    },
    problem.status,
  );
}

function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

/** Only a path on this site, never another origin ("//evil", "https://..."). */
export function safeNext(raw: unknown): string {
  return typeof raw === 'string' && /^\/(?![/\\])/.test(raw) && raw.length <= 2000 ? raw : '/';
}
