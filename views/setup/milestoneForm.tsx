/**
 * The form of an adoption milestone: what must be true (its criterion), when (a quarter or a
 * date), who answers for it, optionally the use case it is about, and its status with the
 * evidence that shows it met.
 */
import type { FieldErrors } from '../../server/web/forms.ts';
import type { Translate } from '../../server/web/i18n.ts';
import type { AccessRole } from '../../server/deps.ts';
import type { PersonOption } from '../../server/programs/setupSupport.ts';
import { CsrfField } from '../components/field.tsx';
import { FieldGroup, FormButtons, FormProblems, Select, TextArea, TextInput, type Option, type Values } from './fields.tsx';
import { enumOptions, milestoneStatuses, personLabel, SetupLinks, LifecycleActions } from './common.tsx';
import { setupText } from './text.ts';

export interface MilestoneFormProps {
  t: Translate;
  /** The caller's role: the set-up links show only the pages it may use. */
  role?: AccessRole;
  csrfToken?: string;
  programId: string;
  values: Values;
  errors?: FieldErrors;
  useCases: Option[];
  people: PersonOption[];
  /** Present when it exists. */
  milestone?: { id: string; version: number; title: string };
}

export function MilestoneForm(p: MilestoneFormProps) {
  const s = setupText(p.t);
  const c = { form: 'milestone', values: p.values, errors: p.errors };
  const action = p.milestone ? `/milestones/${p.milestone.id}/edit` : `/programs/${p.programId}/milestones`;
  return (
    <form method="post" action={action} class="stack setup-form" id="milestone-form" novalidate>
      <CsrfField token={p.csrfToken} />
      <FormProblems errors={p.errors} staleHint={s('setup.stale')} />
      {p.milestone && <input type="hidden" name="version" value={p.values.version ?? String(p.milestone.version)} />}
      <TextInput {...c} name="title" label={s('setup.milestone.title')} required />
      <TextArea {...c} name="criterion" label={s('setup.milestone.criterion')} hint={s('setup.milestone.criterionHint')} required />
      <Select {...c} name="useCaseId" label={s('setup.milestone.useCase')} options={p.useCases} blank={s('setup.milestone.wholeProgram')} />
      <FieldGroup legend={s('setup.milestone.due')}>
        <TextInput
          {...c}
          name="dueQuarter"
          label={s('setup.milestone.dueQuarter')}
          placeholder="2027-Q1"
          hint={s('setup.milestone.dueHint')}
        />
        <TextInput {...c} type="date" name="dueDate" label={s('setup.milestone.dueDate')} />
      </FieldGroup>
      <Select
        {...c}
        name="ownerId"
        label={s('setup.owner')}
        options={p.people.map((o) => ({ value: o.id, label: personLabel(p.t, o) }))}
        blank={s('setup.choose')}
        required
      />
      <Select
        {...c}
        name="status"
        label={s('setup.milestone.status')}
        options={enumOptions(p.t, 'milestoneStatus', milestoneStatuses)}
        required
      />
      <TextArea {...c} name="evidence" label={s('setup.milestone.evidence')} hint={s('setup.milestone.evidenceHint')} />
      <FormButtons
        save={p.milestone ? s('setup.save') : s('setup.milestone.create')}
        cancel={s('setup.cancel')}
        cancelHref={`/programs/${p.programId}`}
      />
    </form>
  );
}

export function MilestonePage(p: MilestoneFormProps) {
  return (
    <>
      <SetupLinks t={p.t} role={p.role} programId={p.programId} current={p.milestone ? undefined : 'milestone'} />
      <section class="card">
        <MilestoneForm {...p} />
      </section>
      {p.milestone && (
        <LifecycleActions
          t={p.t}
          csrfToken={p.csrfToken}
          action={`/milestones/${p.milestone.id}`}
          name={p.milestone.title}
          texts={{ deleteHint: setupText(p.t)('setup.milestone.deleteHint') }}
        />
      )}
    </>
  );
}
