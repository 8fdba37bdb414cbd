import { AppError } from '@sagsspor/kernel';

export class UnknownSagError extends AppError {
  constructor(kommune: string, sagsnummer: string) {
    super(
      'sag.unknown',
      'not-found',
      'Unknown sag',
      `No treatment of sag ${sagsnummer} in ${kommune} is recorded; a route needs a known sag.`,
    );
  }
}

export class EmptyRouteError extends AppError {
  constructor() {
    super('sag.route-empty', 'invalid', 'Empty route', 'A route needs at least one planned stop (via) or a deciding body.', {
      field: 'via',
    });
  }
}

export class RepeatedStopError extends AppError {
  constructor(committee: string) {
    super('sag.route-repeated-stop', 'invalid', 'Committee named twice', `The route names ${committee} more than once.`, { field: 'via' });
  }
}
