// One line of tests/fixtures/matching/segments.jsonl: written by the dataset generator, read by
// `npm run bench:matching`. A null label is personal or unassignable activity.
export interface MatchingSegmentRow {
  /** ISO-8601 UTC. */
  start: string;
  end: string;
  app: string;
  title: string;
  url: string | null;
  label: string | null;
  split: 'train' | 'test';
}
