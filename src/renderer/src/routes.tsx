import type { ComponentType } from 'react';
import {
  IconFileImport,
  IconHierarchy2,
  IconHome,
  IconAward,
  IconClipboardCheck,
  IconClipboardList,
  IconChartBar,
  IconCoin,
  IconListDetails,
  IconPrinter,
  IconSettings,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';
import { AuditPage } from './pages/audit/AuditPage';
import { EvaluationsPage } from './pages/evaluations/EvaluationsPage';
import { GridsPage } from './pages/grids/GridsPage';
import { HouseholdsPage } from './pages/households/HouseholdsPage';
import { ImportPage } from './pages/import/ImportPage';
import { PrintPage } from './pages/print/PrintPage';
import { RecommendationsPage } from './pages/recommendations/RecommendationsPage';
import { RecordsPage } from './pages/records/RecordsPage';
import { ReportsPage } from './pages/reports/ReportsPage';
import { SettingsPage } from './pages/settings/SettingsPage';
import { SubsidiesPage } from './pages/subsidies/SubsidiesPage';
import { WorkersPage } from './pages/workers/WorkersPage';

export interface Route {
  key: string;
  /** The navbar's label. */
  label: string;
  icon: Icon;
  component: ComponentType;
}

/** Every page, in navbar order; the first opens at start. A new page is one line here. */
export const ROUTES = [
  { key: 'grids', label: '网格管理', icon: IconHierarchy2, component: GridsPage },
  { key: 'workers', label: '网格员', icon: IconUsers, component: WorkersPage },
  { key: 'households', label: '住户', icon: IconHome, component: HouseholdsPage },
  { key: 'records', label: '工作记录', icon: IconClipboardList, component: RecordsPage },
  { key: 'evaluations', label: '考核', icon: IconClipboardCheck, component: EvaluationsPage },
  { key: 'recommendations', label: '推优', icon: IconAward, component: RecommendationsPage },
  { key: 'subsidies', label: '补贴', icon: IconCoin, component: SubsidiesPage },
  { key: 'reports', label: '统计报表', icon: IconChartBar, component: ReportsPage },
  { key: 'import', label: '导入花名册', icon: IconFileImport, component: ImportPage },
  { key: 'print', label: '打印', icon: IconPrinter, component: PrintPage },
  { key: 'audit', label: '操作日志', icon: IconListDetails, component: AuditPage },
  { key: 'settings', label: '系统设置', icon: IconSettings, component: SettingsPage },
] as const satisfies readonly Route[];
