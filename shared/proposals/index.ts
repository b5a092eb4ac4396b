// Public surface of the proposals module.
export { proposeEntries, type SuggestedSegment, type ProposalOptions, type ProposedEntry, type ProposalReason, type Interval } from './entries';
