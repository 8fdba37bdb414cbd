export { classifyDecision } from './classify';
export { decodeMinutes, isProbablyBinary } from './decode';
export { MinutesParseError, type MinutesParseErrorCode } from './errors';
export { parseMinutes } from './parse';
export { splitBodies } from './proposal';
export type {
  Access,
  Classification,
  Outcome,
  ParseOptions,
  ParseWarning,
  ParsedCommittee,
  ParsedDecision,
  ParsedHistoryEntry,
  ParsedItem,
  ParsedMeeting,
  ParsedMinutes,
  ParsedProposal,
  RouteLine,
} from './types';
