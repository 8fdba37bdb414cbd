import type { CloudEventV1 } from 'cloudevents';
import type { Access, CorrectionSource, Evidence, Outcome, Step, Votes } from '@sagsspor/sag';

/**
 * The public integration-event contract: CloudEvents 1.0 (structured JSON).
 * Versioned on its own, apart from the internal domain events: a change of
 * meaning gets a new type name (".v2") and schema, never a silent edit. The
 * JSON Schemas in ../schemas are the contract receivers code against.
 */
export const INTEGRATION_EVENT_TYPES = {
  proposed: 'dk.sagsspor.sag.proposed.v1',
  recommended: 'dk.sagsspor.sag.recommended.v1',
  decided: 'dk.sagsspor.sag.decided.v1',
  genoptaget: 'dk.sagsspor.sag.genoptaget.v1',
  /** A record replaced because it was wrong: `data.supersedes` is the id of the event it corrects. */
  corrected: 'dk.sagsspor.sag.corrected.v1',
  /** A record withdrawn from source (a newer version of its minutes no longer has it): `data.supersedes` names it. */
  withdrawn: 'dk.sagsspor.sag.withdrawn.v1',
  /** A new version of the sag's planned route: the committees it goes through and the body that decides. */
  routed: 'dk.sagsspor.sag.routed.v1',
} as const;

export type IntegrationEventType = (typeof INTEGRATION_EVENT_TYPES)[keyof typeof INTEGRATION_EVENT_TYPES];

export const ALL_INTEGRATION_EVENT_TYPES: readonly IntegrationEventType[] = Object.values(INTEGRATION_EVENT_TYPES);

export function isIntegrationEventType(value: string): value is IntegrationEventType {
  return (ALL_INTEGRATION_EVENT_TYPES as readonly string[]).includes(value);
}

/** What subscribers without closed access see instead of a closed item's content. */
export const CLOSED_NOTICE = 'Lukket punkt: indholdet er fortroligt.';

export interface SagEventDataBase {
  readonly kommune: string;
  readonly sagsnummer: string;
  /** The title of the treatment's proposal, when one is recorded. */
  readonly title: string | null;
  readonly committee: string;
  readonly committeeKey: string;
  /** The business date: the meeting, YYYY-MM-DD. */
  readonly meetingDate: string;
  readonly item: number | null;
  /** The original wording, as printed or typed. */
  readonly text: string;
  readonly evidence: Evidence;
  /** Id of the earlier event this one re-records more richly (same treatment step), else null. */
  readonly supersedes: string | null;
  /** Open or closed item; a closed item's content is confidential. */
  readonly access: Access;
  /** True when title and text were replaced by CLOSED_NOTICE for this receiver. */
  readonly redacted: boolean;
  /** Path of the sag in the API. */
  readonly link: string;
}

export interface SagProposedEventData extends SagEventDataBase {
  readonly proposedBy: string | null;
  readonly proposal: string;
}

/** Present only when the minutes state them (added to v1 as optional properties). */
export interface OutcomeEventData {
  readonly votes?: Votes;
  readonly absent?: readonly string[];
}

export interface SagRecommendedEventData extends SagEventDataBase, OutcomeEventData {
  readonly recommendedTo: string;
}

export interface SagDecidedEventData extends SagEventDataBase, OutcomeEventData {
  readonly outcome: Outcome;
  /** Whether this decision settles the sag for good: a final outcome by its deciding body (libs/sag's followRoute rule). */
  readonly final: boolean;
}

export interface SagGenoptagetEventData extends SagEventDataBase {
  readonly reason: string;
  readonly resumes: { readonly committeeKey: string; readonly meetingDate: string; readonly item: number | null };
}

/** Why a record was corrected or withdrawn, and on whose word (a clerk, or a document version). */
export interface CorrectionEventData {
  readonly step: Step;
  readonly correction: { readonly reason: string; readonly source: CorrectionSource };
}

/** The corrected record, as its step's event would carry it, with why and on whose word. */
export type SagCorrectedEventData = CorrectionEventData &
  SagEventDataBase &
  Partial<Omit<SagProposedEventData & SagRecommendedEventData & SagDecidedEventData & SagGenoptagetEventData, keyof SagEventDataBase>>;

/** Where the withdrawn treatment was; `supersedes` is its latest step's record, `withdraws` all its records; `text` is empty. */
export type SagWithdrawnEventData = CorrectionEventData & SagEventDataBase & { readonly withdraws: readonly string[] };

/** A committee on the route: as printed (or typed) and by its key. */
export interface RouteStopData {
  readonly committee: string;
  readonly committeeKey: string;
}

/** A version of the sag's route, as recorded; not tied to one meeting, so it carries the sag's title and access. */
export interface SagRoutedEventData {
  readonly kommune: string;
  readonly sagsnummer: string;
  /** The sag's title when the route was recorded; the closed notice when redacted. */
  readonly title: string | null;
  /** The planned committees in printed order (not necessarily the order they meet). */
  readonly via: readonly RouteStopData[];
  /** The body (or two bodies) with the competence to decide; empty when not known. */
  readonly decidingBodies: readonly RouteStopData[];
  /** Where the route was read (the text quoted) or that a clerk set it. */
  readonly sources: readonly {
    readonly kind: string;
    readonly text: string;
    readonly document: string | null;
    readonly line: number | null;
  }[];
  /** The business date the route holds from. */
  readonly effectiveDate: string;
  readonly access: Access;
  readonly redacted: boolean;
  readonly link: string;
}

export type SagEventData =
  | SagRoutedEventData
  | SagProposedEventData
  | SagRecommendedEventData
  | SagDecidedEventData
  | SagGenoptagetEventData
  | SagCorrectedEventData
  | SagWithdrawnEventData;

/** What every event but a route version carries: one treatment at one meeting. */
export type SagTreatmentEventData = Exclude<SagEventData, SagRoutedEventData>;

/** The treatment an event is about; null for a route version. */
export function treatmentDataOf(event: { readonly data: SagEventData }): SagTreatmentEventData | null {
  return 'committeeKey' in event.data ? event.data : null;
}

/**
 * Extension attributes (CloudEvents requires lowercase a-z0-9 names):
 * the global store position, as a decimal string (positions may exceed 2^53),
 * and the business date, so receivers can route without opening `data`.
 */
export interface SagssporExtensions {
  readonly sagssporposition: string;
  readonly sagssporbusinessdate: string;
  /**
   * The newest audit checkpoint when the event was delivered:
   * `position:count:root`, then `:keyId:signature` when signed (see GET /audit/keys).
   * Absent before the first checkpoint.
   */
  readonly sagssporcheckpoint?: string;
}

export type SagIntegrationEvent<D extends SagEventData = SagEventData> = CloudEventV1<D> &
  SagssporExtensions & {
    readonly type: IntegrationEventType;
    readonly subject: string;
    readonly time: string;
    readonly datacontenttype: 'application/json';
    readonly data: D;
  };
