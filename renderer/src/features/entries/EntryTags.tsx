// Labels an imported row carried (Toggl and Clockify tags), kept on the entry and shown as muted chips.
export function EntryTags({ tags }: { tags: readonly string[] }) {
  return (
    <div className="tag-list entry-tags" title="Tags">
      <span className="tags-label">Tags:</span>
      {tags.map((t) => <span key={t} className="tag">{t}</span>)}
    </div>
  );
}
