/**
 * The form of a decision use case: the business question it answers, how often the decision is
 * taken, where in the plant (an area or a line of the program's sites), its accountable owner
 * and the user groups it serves.
 */
import type { FieldErrors } from '../../server/web/forms.ts';
import type { Translate } from '../../server/web/i18n.ts';
import type { AccessRole } from '../../server/deps.ts';
import type { PersonOption } from '../../server/programs/setupSupport.ts';
import { CsrfField } from '../components/field.tsx';
import {
  Checkboxes,
  FormButtons,
  FormProblems,
  Select,
  TextArea,
  TextInput,
  type Option,
  type OptionGroup,
  type Values,
} from './fields.tsx';
import { enumOptions, frequencies, personLabel, SetupLinks, LifecycleActions } from './common.tsx';
import { setupText } from './text.ts';

export interface UseCaseFormProps {
  t: Translate;
  /** The caller's role: the set-up links show only the pages it may use. */
  role?: AccessRole;
  csrfToken?: string;
  programId: string;
  values: Values;
  errors?: FieldErrors;
  scopes: OptionGroup[];
  people: PersonOption[];
  /** Whether "no owner yet" may be chosen (an owner proposing a use case names themselves). */
  ownerOptional: boolean;
  groups: Option[];
  checkedGroups: string[];
  useCase?: { id: string; version: number; status: string; title: string };
}

export function UseCaseForm(p: UseCaseFormProps) {
  const s = setupText(p.t);
  const c = { form: 'use-case', values: p.values, errors: p.errors };
  const action = p.useCase ? `/use-cases/${p.useCase.id}/edit` : `/programs/${p.programId}/use-cases`;
  return (
    <form method="post" action={action} class="stack setup-form" id="use-case-form" novalidate>
      <CsrfField token={p.csrfToken} />
      <FormProblems errors={p.errors} staleHint={s('setup.stale')} />
      {p.useCase && <input type="hidden" name="version" value={p.values.version ?? String(p.useCase.version)} />}
      <TextInput {...c} name="title" label={s('setup.useCase.title')} required />
      <TextArea {...c} name="question" label={s('setup.useCase.question')} hint={s('setup.useCase.questionHint')} required />
      <Select
        {...c}
        name="decisionFrequency"
        label={s('setup.useCase.frequency')}
        options={enumOptions(p.t, 'frequency', frequencies)}
        blank={s('setup.choose')}
        required
      />
      <Select
        {...c}
        name="scope"
        label={s('setup.useCase.scope')}
        hint={s('setup.useCase.scopeHint')}
        groups={p.scopes}
        blank={s('setup.choose')}
        required
      />
      <Select
        {...c}
        name="ownerId"
        label={s('setup.useCase.owner')}
        hint={s(p.useCase?.status === 'operational' ? 'setup.useCase.ownerOperational' : 'setup.useCase.ownerHint')}
        options={p.people.map((o) => ({ value: o.id, label: personLabel(p.t, o) }))}
        blank={p.ownerOptional ? s('setup.useCase.noOwner') : undefined}
      />
      <Checkboxes
        {...c}
        name="groupIds"
        label={s('setup.useCase.groups')}
        hint={p.groups.length ? s('setup.useCase.groupsHint') : s('setup.useCase.noGroups')}
        options={p.groups}
        checked={p.checkedGroups}
      />
      <FormButtons
        save={p.useCase ? s('setup.save') : s('setup.useCase.create')}
        cancel={s('setup.cancel')}
        cancelHref={p.useCase ? `/use-cases/${p.useCase.id}` : `/programs/${p.programId}`}
      />
    </form>
  );
}

export function UseCasePage(p: UseCaseFormProps) {
  return (
    <>
      <SetupLinks t={p.t} role={p.role} programId={p.programId} current={p.useCase ? undefined : 'use-case'} />
      <section class="card">
        <UseCaseForm {...p} />
      </section>
      {p.useCase && (
        <LifecycleActions
          t={p.t}
          csrfToken={p.csrfToken}
          action={`/use-cases/${p.useCase.id}`}
          name={p.useCase.title}
          texts={{ deleteHint: setupText(p.t)('setup.useCase.deleteHint') }}
        />
      )}
    </>
  );
}
