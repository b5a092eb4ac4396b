// STUB: replaced by the real implementation.
import type { ReportLink, ReportTable } from '../../../../shared/reports/types';

export interface ReportTableViewProps {
  table: ReportTable;
  currency: string;
  onOpen: (link: ReportLink) => void;
}

export function ReportTableView({ table }: ReportTableViewProps) {
  return <table><caption>{table.title}</caption></table>;
}
