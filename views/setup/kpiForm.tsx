/**
 * The form of a KPI: what is measured (name, unit, which direction is better), its baseline
 * (value, the period it was measured over and where it comes from), its target and date, how
 * often it is reviewed, its owner, and the money one unit of improvement is worth a year. Beside
 * it, how many KPIs the use case tracks: pilots narrow to three to five economic targets.
 */
import type { FieldErrors } from '../../server/web/forms.ts';
import type { Translate } from '../../server/web/i18n.ts';
import type { PersonOption } from '../../server/programs/setupSupport.ts';
import { CsrfField } from '../components/field.tsx';
import { Alert } from '../components/alert.tsx';
import { FieldGroup, FormButtons, FormProblems, NumberInput, Select, TextInput, type Values } from './fields.tsx';
import { cadences, directions, enumOptions, personLabel, LifecycleActions } from './common.tsx';
import { setupText } from './text.ts';

export interface KpiFormProps {
  t: Translate;
  csrfToken?: string;
  useCase: { id: string; title: string; status: string; kpiCount: number };
  /** Most KPIs a pilot tracks before the early warning calls it scope creep. */
  maxKpisPerPilot: number;
  values: Values;
  errors?: FieldErrors;
  people: PersonOption[];
  kpi?: { id: string; version: number; name: string; archivedAt: string | null };
}

/** How many KPIs the use case has, against the three-to-five rule of a focused pilot. */
export function KpiCount({
  t,
  useCase,
  maxKpisPerPilot,
  adding,
}: Pick<KpiFormProps, 't' | 'useCase' | 'maxKpisPerPilot'> & { adding: boolean }) {
  const s = setupText(t);
  const after = useCase.kpiCount + (adding ? 1 : 0);
  const over = after > maxKpisPerPilot;
  return (
    <div class="setup-kpi-count">
      <p>{s(adding ? 'setup.kpi.countAdding' : 'setup.kpi.count', { count: useCase.kpiCount, after })}</p>
      {over ? (
        <Alert
          kind="notice"
          title={s('setup.kpi.tooMany', { max: maxKpisPerPilot })}
          message={s(useCase.status === 'piloting' ? 'setup.kpi.tooManyPilot' : 'setup.kpi.tooManyHint', { max: maxKpisPerPilot })}
        />
      ) : (
        <p class="muted small">{s('setup.kpi.rule', { max: maxKpisPerPilot })}</p>
      )}
    </div>
  );
}

export function KpiForm(p: KpiFormProps) {
  const s = setupText(p.t);
  const c = { form: 'kpi', values: p.values, errors: p.errors };
  const action = p.kpi ? `/kpis/${p.kpi.id}/edit` : `/use-cases/${p.useCase.id}/kpis`;
  return (
    <form method="post" action={action} class="stack setup-form" id="kpi-form" novalidate>
      <CsrfField token={p.csrfToken} />
      <FormProblems errors={p.errors} staleHint={s('setup.stale')} />
      {p.kpi && <input type="hidden" name="version" value={p.values.version ?? String(p.kpi.version)} />}
      <TextInput {...c} name="name" label={s('setup.kpi.name')} required />
      <TextInput {...c} name="unit" label={s('setup.kpi.unit')} hint={s('setup.kpi.unitHint')} required />
      <Select
        {...c}
        name="direction"
        label={s('setup.kpi.direction')}
        options={enumOptions(p.t, 'direction', directions)}
        blank={s('setup.choose')}
        required
      />
      <FieldGroup legend={s('setup.kpi.baseline')}>
        <p class="muted small">{s('setup.kpi.baselineHint')}</p>
        <NumberInput {...c} name="baseline.value" label={s('setup.kpi.baselineValue')} />
        <TextInput {...c} type="date" name="baseline.periodStart" label={s('setup.kpi.periodStart')} />
        <TextInput {...c} type="date" name="baseline.periodEnd" label={s('setup.kpi.periodEnd')} />
        <TextInput {...c} name="baseline.source" label={s('setup.kpi.baselineSource')} hint={s('setup.kpi.baselineSourceHint')} />
      </FieldGroup>
      <FieldGroup legend={s('setup.kpi.target')}>
        <NumberInput {...c} name="target.value" label={s('setup.kpi.targetValue')} hint={s('setup.kpi.targetHint')} required />
        <TextInput {...c} type="date" name="target.date" label={s('setup.kpi.targetDate')} required />
      </FieldGroup>
      <Select
        {...c}
        name="reviewCadence"
        label={s('setup.kpi.cadence')}
        options={enumOptions(p.t, 'cadence', cadences)}
        blank={s('setup.choose')}
        required
      />
      <Select
        {...c}
        name="ownerId"
        label={s('setup.kpi.owner')}
        options={p.people.map((o) => ({ value: o.id, label: personLabel(p.t, o) }))}
        blank={s('setup.choose')}
        required
      />
      <FieldGroup legend={s('setup.kpi.value')}>
        <NumberInput {...c} name="annualValuePerUnit" label={s('setup.kpi.annualValue')} hint={s('setup.kpi.annualValueHint')} />
        <TextInput {...c} name="currency" label={s('setup.kpi.currency')} hint={s('setup.kpi.currencyHint')} />
      </FieldGroup>
      <FormButtons
        save={p.kpi ? s('setup.save') : s('setup.kpi.create')}
        cancel={s('setup.cancel')}
        cancelHref={`/use-cases/${p.useCase.id}`}
      />
    </form>
  );
}

export function KpiPage(p: KpiFormProps) {
  const s = setupText(p.t);
  return (
    <>
      <p>
        <a href={`/use-cases/${p.useCase.id}`}>{s('setup.kpi.back', { title: p.useCase.title })}</a>
      </p>
      <section class="card">
        <KpiCount t={p.t} useCase={p.useCase} maxKpisPerPilot={p.maxKpisPerPilot} adding={!p.kpi} />
        <KpiForm {...p} />
      </section>
      {p.kpi && (
        <LifecycleActions
          t={p.t}
          csrfToken={p.csrfToken}
          action={`/kpis/${p.kpi.id}`}
          name={p.kpi.name}
          archivedAt={p.kpi.archivedAt}
          texts={{
            archiveHint: s('setup.kpi.archiveHint'),
            restoreHint: s('setup.kpi.restoreHint'),
            deleteHint: s('setup.kpi.deleteHint'),
          }}
        />
      )}
    </>
  );
}
