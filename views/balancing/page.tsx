/**
 * The balance page of a line: what the line is (its tasks and work content), the forms that
 * start a balance, the result (current beside proposed), the tasks and zoning, and the recent
 * runs. Each part is a component that is also an htmx answer on its own.
 */
import type { FieldErrors } from '../../server/web/forms.ts';
import type { Translate } from '../../server/web/i18n.ts';
import { BalanceForm, UploadForm } from './forms.tsx';
import { BalanceResult, type BalanceResultProps } from './result.tsx';
import { RunsList, type RunsListProps } from './runs.tsx';
import { TasksEditor, type TasksEditorProps } from './tasks.tsx';
import { secs } from './format.ts';

export interface BalancePageProps {
  t: Translate;
  line: { id: string; name: string };
  csrf?: string;
  /** The person may run a balance (policy compute:run) and change the tasks (line-model:write). */
  mayRun: boolean;
  taskCount: number;
  workContent: number;
  models: string[];
  balance: { values: Record<string, string>; errors?: FieldErrors };
  upload: { values: Record<string, string>; errors?: FieldErrors };
  tasks: Omit<TasksEditorProps, 't' | 'lineId' | 'csrf'>;
  result: Omit<BalanceResultProps, 't'>;
  runs: Omit<RunsListProps, 't' | 'lineId'>;
}

export function BalancePage(p: BalancePageProps) {
  const { t, line } = p;
  return (
    <>
      <p class="lead">
        <a href={`/lines/${line.id}`}>{t('balance.page.backToLine', { name: line.name })}</a> ·{' '}
        {t('balance.page.lead', { count: p.taskCount, work: secs(p.workContent) })}
      </p>
      {p.mayRun ? (
        <div class="balance-start">
          <BalanceForm t={t} lineId={line.id} csrf={p.csrf} values={p.balance.values} errors={p.balance.errors} models={p.models} />
          <UploadForm t={t} lineId={line.id} csrf={p.csrf} values={p.upload.values} errors={p.upload.errors} />
        </div>
      ) : (
        <p class="small muted">{t('balance.page.readOnly')}</p>
      )}
      <BalanceResult t={t} {...p.result} />
      <TasksEditor t={t} lineId={line.id} csrf={p.csrf} {...p.tasks} />
      <RunsList t={t} lineId={line.id} {...p.runs} />
    </>
  );
}
