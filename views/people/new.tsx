import { PersonForm, type PersonFormProps } from './personForm.tsx';

/** The page that adds a person: the form, and what happens next (a link to set their password). */
export function NewPersonPage(props: Omit<PersonFormProps, 'action' | 'submitLabel'>) {
  const { t } = props.ctx;
  return (
    <>
      <p>
        <a href="/admin/people">{t('admin.people.back')}</a>
      </p>
      <section class="card" aria-labelledby="new-person-heading">
        <h2 id="new-person-heading">{t('admin.person.newTitle')}</h2>
        <p class="muted">{t('admin.person.newHint')}</p>
        <PersonForm {...props} action="/admin/people" submitLabel={t('admin.person.create')} />
      </section>
    </>
  );
}
