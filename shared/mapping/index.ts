// Public surface of the QuickBooks mapping suggestions.
export { normaliseName, nameTokens } from './normalise';
export { nameSimilarity, type NameMatch } from './similarity';
export { suggestMappings, type QboRef, type QboKind, type LocalItem, type LocalKind, type MappingCandidate, type MappingSuggestion, type MappingOptions } from './suggest';
