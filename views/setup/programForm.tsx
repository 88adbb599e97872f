/**
 * The form that starts a program or changes it: enterprise (only when it starts), name and
 * description, sponsor, covered sites, go-live and value window, the calendar and the SLAs of
 * its escalations. A change carries the version it was read at; archiving has its own form.
 */
import type { FieldErrors } from '../../server/web/forms.ts';
import type { Translate } from '../../server/web/i18n.ts';
import type { AccessRole } from '../../server/deps.ts';
import type { PersonOption } from '../../server/programs/setupSupport.ts';
import { CsrfField } from '../components/field.tsx';
import {
  Checkboxes,
  FieldGroup,
  FormButtons,
  FormProblems,
  NumberInput,
  Select,
  TextArea,
  TextInput,
  type Option,
  type Values,
} from './fields.tsx';
import { LifecycleActions, personLabel, SetupLinks } from './common.tsx';
import { setupText } from './text.ts';

export interface ProgramFormProps {
  t: Translate;
  /** The caller's role: the set-up links show only the pages it may use. */
  role?: AccessRole;
  csrfToken?: string;
  values: Values;
  errors?: FieldErrors;
  enterprises: Option[];
  sponsors: PersonOption[];
  sites: Option[];
  checkedSites: string[];
  /** Present when the program exists: its id, version and whether it is archived. */
  program?: { id: string; name: string; version: number; archivedAt: string | null };
}

export function ProgramForm(p: ProgramFormProps) {
  const s = setupText(p.t);
  const c = { form: 'program', values: p.values, errors: p.errors };
  const existing = p.program;
  const action = existing ? `/programs/${existing.id}/edit` : '/programs';
  return (
    <form method="post" action={action} class="stack setup-form" id="program-form" novalidate>
      <CsrfField token={p.csrfToken} />
      <FormProblems errors={p.errors} staleHint={s('setup.stale')} />
      {existing && <input type="hidden" name="version" value={p.values.version ?? String(existing.version)} />}
      {!existing && (
        <Select
          {...c}
          name="enterpriseId"
          label={s('setup.program.enterprise')}
          options={p.enterprises}
          blank={p.enterprises.length === 1 ? undefined : s('setup.choose')}
          required
        />
      )}
      <TextInput {...c} name="name" label={s('setup.name')} required />
      <TextArea {...c} name="description" label={s('setup.program.description')} hint={s('setup.optional')} />
      <Select
        {...c}
        name="sponsorId"
        label={s('setup.program.sponsor')}
        hint={s('setup.program.sponsorHint')}
        options={p.sponsors.map((o) => ({ value: o.id, label: personLabel(p.t, o) }))}
        blank={s('setup.choose')}
        required
      />
      <Checkboxes
        {...c}
        name="siteIds"
        label={s('setup.program.sites')}
        hint={s('setup.program.sitesHint')}
        options={p.sites}
        checked={p.checkedSites}
      />
      <TextInput {...c} type="date" name="goLiveDate" label={s('setup.program.goLive')} required />
      <NumberInput
        {...c}
        whole
        name="valueWindowMonths"
        label={s('setup.program.valueWindow')}
        hint={s('setup.program.valueWindowHint')}
        required
      />
      <FieldGroup legend={s('setup.program.calendar')}>
        <NumberInput {...c} whole name="shiftsPerDay" label={s('setup.program.shifts')} hint={s('setup.program.defaultIs', { value: 3 })} />
        <NumberInput
          {...c}
          whole
          name="workingDaysPerWeek"
          label={s('setup.program.days')}
          hint={s('setup.program.defaultIs', { value: 5 })}
        />
        <TextInput {...c} name="timezone" label={s('setup.program.timezone')} hint={s('setup.program.timezoneHint')} />
      </FieldGroup>
      <FieldGroup legend={s('setup.program.sla')}>
        <NumberInput
          {...c}
          whole
          name="slaCriticalHours"
          label={s('setup.program.slaCritical')}
          hint={s('setup.program.defaultIs', { value: 24 })}
        />
        <NumberInput
          {...c}
          whole
          name="slaHighHours"
          label={s('setup.program.slaHigh')}
          hint={s('setup.program.defaultIs', { value: 48 })}
        />
        <NumberInput
          {...c}
          whole
          name="slaNormalHours"
          label={s('setup.program.slaNormal')}
          hint={s('setup.program.defaultIs', { value: 72 })}
        />
        <NumberInput
          {...c}
          whole
          name="slaLowHours"
          label={s('setup.program.slaLow')}
          hint={s('setup.program.defaultIs', { value: 120 })}
        />
      </FieldGroup>
      <FormButtons
        save={existing ? s('setup.save') : s('setup.program.create')}
        cancel={s('setup.cancel')}
        cancelHref={existing ? `/programs/${existing.id}` : '/'}
      />
    </form>
  );
}

/** The edit page: the links to the program's other set-up pages, the form, and archiving. */
export function ProgramEditPage(p: ProgramFormProps & { program: NonNullable<ProgramFormProps['program']> }) {
  return (
    <>
      <SetupLinks t={p.t} role={p.role} programId={p.program.id} current="edit" />
      <section class="card" aria-labelledby="program-form-heading">
        <h2 id="program-form-heading">{setupText(p.t)('setup.program.details')}</h2>
        <ProgramForm {...p} />
      </section>
      <LifecycleActions
        t={p.t}
        csrfToken={p.csrfToken}
        action={`/programs/${p.program.id}`}
        name={p.program.name}
        archivedAt={p.program.archivedAt}
        texts={{
          archiveHint: setupText(p.t)('setup.program.archiveHint'),
          restoreHint: setupText(p.t)('setup.program.restoreHint'),
          deleteHint: setupText(p.t)('setup.program.deleteHint'),
        }}
      />
    </>
  );
}
