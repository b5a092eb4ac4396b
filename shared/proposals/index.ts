// Public surface of the proposals module.
export { proposeEntries, type SuggestedSegment, type ProposalOptions, type ProposedEntry, type Interval } from './entries';
