/**
 * The plant as an administrator sets it up: the ISA-95 tree (enterprise → site → area → line →
 * station, each with its Unified Namespace path) and the forms that add a node at each level.
 * A refused form shows its errors beside its own fields only.
 */
import type { FieldErrors } from '../../server/web/forms.ts';
import type { Translate } from '../../server/web/i18n.ts';
import { CsrfField } from '../components/field.tsx';
import { EmptyState } from '../components/emptyState.tsx';
import { TableTools } from '../components/tableTools.tsx';
import { FormProblems, NumberInput, Select, TextInput, type Option, type OptionGroup, type Values } from './fields.tsx';
import { setupText } from './text.ts';

interface Node {
  id: string;
  code: string;
  name: string;
  path: string;
}

export interface PlantTree extends Node {
  sites: (Node & {
    timezone: string;
    areas: (Node & { lines: (Node & { stations: (Node & { position: number })[] })[] })[];
  })[];
}

export type PlantLevel = 'enterprise' | 'site' | 'area' | 'line' | 'station';

export interface PlantProblem {
  form: PlantLevel;
  values: Values;
  errors: FieldErrors;
}

function Label({ node }: { node: Node }) {
  return (
    <>
      <strong>{node.name}</strong> <code class="small">{node.path}</code>
    </>
  );
}

function Tree({ t, tree }: { t: Translate; tree: PlantTree }) {
  const s = setupText(t);
  return (
    <section class="card" aria-labelledby={`tree-${tree.id}`}>
      <h2 id={`tree-${tree.id}`}>
        {tree.name} <span class="muted small">({tree.code})</span>
      </h2>
      {tree.sites.length === 0 ? (
        <EmptyState message={s('setup.plant.noSites')} />
      ) : (
        <ul class="setup-tree">
          {tree.sites.map((site) => (
            <li id={`node-${site.id}`}>
              <Label node={site} /> <span class="muted small">{s('setup.plant.zone', { zone: site.timezone })}</span>
              {site.areas.length === 0 ? (
                <p class="muted small">{s('setup.plant.noAreas')}</p>
              ) : (
                <ul>
                  {site.areas.map((area) => (
                    <li id={`node-${area.id}`}>
                      <Label node={area} />
                      {area.lines.length === 0 ? (
                        <p class="muted small">{s('setup.plant.noLines')}</p>
                      ) : (
                        <ul>
                          {area.lines.map((line) => (
                            <li id={`node-${line.id}`}>
                              <Label node={line} />{' '}
                              <span class="actions small">
                                <a href={`/lines/${line.id}`}>{s('setup.plant.linePage')}</a>
                                <a href={`/lines/${line.id}/balance`}>{s('setup.plant.lineTasks')}</a>
                                <a href={`/lines/${line.id}/model`}>{s('setup.plant.lineModel')}</a>
                              </span>
                              {line.stations.length === 0 ? (
                                <p class="muted small">{s('setup.plant.noStations')}</p>
                              ) : (
                                <ol class="setup-stations">
                                  {line.stations.map((st) => (
                                    <li id={`node-${st.id}`} value={st.position}>
                                      {st.name} <code class="small">{st.code}</code>
                                    </li>
                                  ))}
                                </ol>
                              )}
                            </li>
                          ))}
                        </ul>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

interface AddProps {
  t: Translate;
  csrfToken?: string;
  level: PlantLevel;
  problem?: PlantProblem;
  parents?: { name: string; label: string; options?: Option[]; groups?: OptionGroup[] };
  extra?: 'timezone' | 'position';
}

const paths: Record<PlantLevel, string> = {
  enterprise: 'enterprises',
  site: 'sites',
  area: 'areas',
  line: 'lines',
  station: 'stations',
};

/** A form that adds one node under a parent chosen from the tree. */
function AddForm({ t, csrfToken, level, problem, parents, extra }: AddProps) {
  const s = setupText(t);
  const own = problem?.form === level ? problem : undefined;
  const c = { form: `add-${level}`, values: own?.values ?? {}, errors: own?.errors };
  const headingId = `add-${level}-heading`;
  const empty = parents && !(parents.options?.length || parents.groups?.some((g) => g.options.length));
  return (
    <section class="card setup-add" aria-labelledby={headingId} id={`add-${level}`}>
      <h2 id={headingId}>{s(`setup.plant.add.${level}`)}</h2>
      {empty ? (
        <EmptyState message={s(`setup.plant.needs.${level}`)} />
      ) : (
        <form method="post" action={`/admin/plant/${paths[level]}`} class="stack" novalidate>
          <CsrfField token={csrfToken} />
          <FormProblems errors={own?.errors} />
          {parents && (
            <Select
              {...c}
              name={parents.name}
              label={parents.label}
              options={parents.options}
              groups={parents.groups}
              blank={s('setup.choose')}
              required
            />
          )}
          <TextInput {...c} name="code" label={s('setup.plant.code')} hint={s('setup.plant.codeHint')} required />
          <TextInput {...c} name="name" label={s('setup.name')} required />
          {extra === 'timezone' && (
            <TextInput {...c} name="timezone" label={s('setup.plant.timezone')} hint={s('setup.plant.timezoneHint')} />
          )}
          {extra === 'position' && (
            <NumberInput {...c} whole name="position" label={s('setup.plant.position')} hint={s('setup.plant.positionHint')} required />
          )}
          <div class="actions">
            <button type="submit">{s(`setup.plant.add.${level}`)}</button>
          </div>
        </form>
      )}
    </section>
  );
}

export interface PlantPageProps {
  t: Translate;
  csrfToken?: string;
  trees: PlantTree[];
  csvHref: string;
  problem?: PlantProblem;
}

/** Choices of a parent at each level, named by their path so that equal names stay apart. */
function parentOptions(trees: PlantTree[]) {
  const sites = trees.flatMap((e) => e.sites);
  const areas = sites.flatMap((st) => st.areas);
  const lines = areas.flatMap((a) => a.lines);
  const option = (n: Node) => ({ value: n.id, label: `${n.name} (${n.path})` });
  return {
    enterprises: trees.map(option),
    sites: sites.map(option),
    areas: areas.map(option),
    lines: lines.map(option),
  };
}

export function PlantPage(p: PlantPageProps) {
  const s = setupText(p.t);
  const parents = parentOptions(p.trees);
  const common = { t: p.t, csrfToken: p.csrfToken, problem: p.problem };
  return (
    <>
      <p class="lead">{s('setup.plant.lead')}</p>
      {p.trees.length === 0 ? <EmptyState message={s('setup.plant.none')} /> : <TableTools t={p.t} csvHref={p.csvHref} />}
      {p.trees.map((tree) => (
        <Tree t={p.t} tree={tree} />
      ))}
      <div class="grid">
        <AddForm {...common} level="enterprise" />
        <AddForm
          {...common}
          level="site"
          extra="timezone"
          parents={{ name: 'enterpriseId', label: s('setup.plant.enterprise'), options: parents.enterprises }}
        />
        <AddForm {...common} level="area" parents={{ name: 'siteId', label: s('setup.plant.site'), options: parents.sites }} />
        <AddForm {...common} level="line" parents={{ name: 'areaId', label: s('setup.plant.area'), options: parents.areas }} />
        <AddForm
          {...common}
          level="station"
          extra="position"
          parents={{ name: 'lineId', label: s('setup.plant.line'), options: parents.lines }}
        />
      </div>
    </>
  );
}
