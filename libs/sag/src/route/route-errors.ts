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

/** A route names a body the kommune's committee registry does not know, or could mean two. */
export class UnknownCommitteeError extends AppError {
  constructor(name: string, candidates: readonly string[] = []) {
    super(
      'committee.unknown',
      'invalid',
      candidates.length > 1 ? 'Ambiguous committee' : 'Unknown committee',
      candidates.length > 1
        ? `"${name}" could mean ${candidates.join(' or ')}; name the committee in full.`
        : `No committee of this kommune is known as "${name}" (by name, key or abbreviation).`,
      { committee: name, ...(candidates.length > 1 ? { candidates } : {}) },
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
