// Public surface of the QuickBooks mapping suggestions.
export { normaliseName } from './normalise';
export { nameSimilarity } from './similarity';
export { suggestMappings, type QboRef, type LocalItem, type MappingSuggestion } from './suggest';
