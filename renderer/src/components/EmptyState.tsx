import type { ReactNode } from 'react';
import { Icon } from './Icon';

/** What a screen shows before there is anything on it: what it is for and the first step. */
export function EmptyState({ icon, title, children, action }: { icon: string; title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <section className="empty-state" aria-label={title}>
      <div className="empty-icon"><Icon name={icon} size={28} /></div>
      <h2>{title}</h2>
      <div className="empty-body">{children}</div>
      {action ? <div className="empty-action">{action}</div> : null}
    </section>
  );
}
