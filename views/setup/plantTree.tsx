/**
 * The plant as an administrator sets it up: the ISA-95 tree (enterprise → site → area → line →
 * station, each with its Unified Namespace path), at each node a disclosure that edits or deletes
 * it, and the forms that add a node at each level. A refused form shows its errors beside its own
 * fields only; a refused delete is said at its node.
 */
import type { FieldErrors } from '../../server/web/forms.ts';
import type { Translate } from '../../server/web/i18n.ts';
import { Alert } from '../components/alert.tsx';
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
  /** The stored version, which an edit is made from (a tree without it gets edits refused as stale). */
  version?: number;
}

interface Station extends Node {
  position: number;
  idealCycleSeconds?: number | null;
}

interface Line extends Node {
  microstopSeconds?: number;
  stations: Station[];
}

export interface PlantTree extends Node {
  sites: (Node & {
    timezone: string;
    peakLimitKw?: number | null;
    areas: (Node & { lines: Line[] })[];
  })[];
}

export type PlantLevel = 'enterprise' | 'site' | 'area' | 'line' | 'station';

/** A refused form: the add form of a level, or (with `nodeId`) the edit form or the delete of that node. */
export interface PlantProblem {
  form: PlantLevel;
  nodeId?: string;
  /** Which of the node's forms was refused (with `nodeId`): its edit (the default) or its delete. */
  action?: 'edit' | 'delete';
  values: Values;
  errors: FieldErrors;
  /** 422 for input the rules refuse, 409 for a stale version or a node that something depends on. */
  status?: 409 | 422;
}

function Label({ node }: { node: Node }) {
  return (
    <>
      <strong>{node.name}</strong> <code class="small">{node.path}</code>
    </>
  );
}

/** The path segment of each level: `/admin/plant/sites`, `/admin/plant/sites/<id>/edit`. */
const paths: Record<PlantLevel, string> = {
  enterprise: 'enterprises',
  site: 'sites',
  area: 'areas',
  line: 'lines',
  station: 'stations',
};

type Editable = 'timezone' | 'peakLimit' | 'microstop' | 'idealCycle';

/** The values an edit form starts from: what is stored. */
function storedValues(node: Node, fields: Partial<Record<Editable, string>> = {}): Values {
  const values: Values = { version: node.version === undefined ? '' : String(node.version), name: node.name };
  if (fields.timezone !== undefined) values.timezone = fields.timezone;
  if (fields.peakLimit !== undefined) values.peakLimitKw = fields.peakLimit;
  if (fields.microstop !== undefined) values.microstopSeconds = fields.microstop;
  if (fields.idealCycle !== undefined) values.idealCycleSeconds = fields.idealCycle;
  return values;
}

interface NodeProps {
  t: Translate;
  csrfToken?: string;
  problem?: PlantProblem;
}

/**
 * At a node: the refusal of its delete (the region htmx puts it in), and the disclosure with its
 * edit form (the name and the level's own fields) and its delete, which asks first.
 */
function NodeTools({
  t,
  csrfToken,
  problem,
  level,
  node,
  stored,
  position,
}: NodeProps & { level: PlantLevel; node: Node; stored: Values; position?: number }) {
  const s = setupText(t);
  const own = problem?.nodeId === node.id && problem.form === level ? problem : undefined;
  const edit = own && own.action !== 'delete' ? own : undefined;
  const refusal = own?.action === 'delete' ? own.errors._form : undefined;
  // After a conflict the form is from the stored version on, so saving again is a choice made knowingly.
  const values = edit ? (edit.errors._stale ? { ...edit.values, version: stored.version } : edit.values) : stored;
  const c = { form: `edit-${node.id}`, values, errors: edit?.errors };
  const action = `/admin/plant/${paths[level]}/${node.id}`;
  // Which node a summary or button is about, for a screen reader that lists them out of the tree.
  const of = t('setup.plant.edit.of', { name: node.name, path: node.path });
  return (
    <>
      <div id={`node-${node.id}-problem`}>{refusal && <DeleteRefusal t={t} message={refusal} />}</div>
      <details class="setup-node" open={edit !== undefined}>
        <summary>
          {t('setup.plant.edit.summary')}
          <span class="visually-hidden"> {of}</span>
        </summary>
        <form method="post" action={`${action}/edit`} class="stack" novalidate>
          <CsrfField token={csrfToken} />
          <FormProblems errors={edit?.errors} staleHint={s('setup.stale')} />
          <input type="hidden" name="version" value={values.version ?? ''} />
          <TextInput {...c} name="name" label={s('setup.name')} required />
          {'timezone' in stored && (
            <TextInput {...c} name="timezone" label={s('setup.plant.timezone')} hint={t('setup.plant.edit.timezoneHint')} />
          )}
          {'peakLimitKw' in stored && (
            <NumberInput {...c} name="peakLimitKw" label={t('setup.plant.edit.peakLimit')} hint={t('setup.plant.edit.peakLimitHint')} />
          )}
          {'microstopSeconds' in stored && (
            <NumberInput
              {...c}
              whole
              name="microstopSeconds"
              label={t('setup.plant.edit.microstop')}
              hint={t('setup.plant.edit.microstopHint')}
              required
            />
          )}
          {'idealCycleSeconds' in stored && (
            <NumberInput
              {...c}
              name="idealCycleSeconds"
              label={t('setup.plant.edit.idealCycle')}
              hint={t('setup.plant.edit.idealCycleHint')}
            />
          )}
          <p class="muted small">
            {t('setup.plant.edit.codeFixed', { code: node.code })}
            {position !== undefined && <> {t('setup.plant.edit.position', { position })}</>}
          </p>
          <div class="actions">
            <button type="submit">{s('setup.save')}</button>
          </div>
        </form>
        <form
          method="post"
          action={`${action}/delete`}
          hx-post={`${action}/delete`}
          hx-target={`#node-${node.id}-problem`}
          hx-confirm={s('setup.lifecycle.confirmDelete', { name: node.name })}
        >
          <CsrfField token={csrfToken} />
          <p class="muted small">{t(`setup.plant.deleteHint.${level}`)}</p>
          <button type="submit" class="danger">
            {s('setup.lifecycle.delete')}
            <span class="visually-hidden"> {of}</span>
          </button>
        </form>
      </details>
    </>
  );
}

/** Why a node was not deleted: the domain's refusal, naming what depends on it. */
export function DeleteRefusal({ t, message }: { t: Translate; message: string }) {
  return <Alert kind="error" title={t('setup.plant.delete.refused')} message={message} />;
}

function Tree({ t, csrfToken, problem, tree }: NodeProps & { tree: PlantTree }) {
  const s = setupText(t);
  const tools = { t, csrfToken, problem };
  return (
    <section class="card" aria-labelledby={`tree-${tree.id}`} id={`node-${tree.id}`}>
      <h2 id={`tree-${tree.id}`}>
        {tree.name} <span class="muted small">({tree.code})</span>
      </h2>
      <NodeTools {...tools} level="enterprise" node={tree} stored={storedValues(tree)} />
      {tree.sites.length === 0 ? (
        <EmptyState message={s('setup.plant.noSites')} />
      ) : (
        <ul class="setup-tree">
          {tree.sites.map((site) => (
            <li id={`node-${site.id}`}>
              <Label node={site} /> <span class="muted small">{s('setup.plant.zone', { zone: site.timezone })}</span>
              <NodeTools
                {...tools}
                level="site"
                node={site}
                stored={storedValues(site, {
                  timezone: site.timezone,
                  peakLimit: site.peakLimitKw == null ? '' : String(site.peakLimitKw),
                })}
              />
              {site.areas.length === 0 ? (
                <p class="muted small">{s('setup.plant.noAreas')}</p>
              ) : (
                <ul>
                  {site.areas.map((area) => (
                    <li id={`node-${area.id}`}>
                      <Label node={area} />
                      <NodeTools {...tools} level="area" node={area} stored={storedValues(area)} />
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
                              <NodeTools
                                {...tools}
                                level="line"
                                node={line}
                                stored={storedValues(line, { microstop: String(line.microstopSeconds ?? '') })}
                              />
                              {line.stations.length === 0 ? (
                                <p class="muted small">{s('setup.plant.noStations')}</p>
                              ) : (
                                <ol class="setup-stations">
                                  {line.stations.map((st) => (
                                    <li id={`node-${st.id}`} value={st.position}>
                                      {st.name} <code class="small">{st.code}</code>
                                      <NodeTools
                                        {...tools}
                                        level="station"
                                        node={st}
                                        position={st.position}
                                        stored={storedValues(st, {
                                          idealCycle: st.idealCycleSeconds == null ? '' : String(st.idealCycleSeconds),
                                        })}
                                      />
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

/** A form that adds one node under a parent chosen from the tree. */
function AddForm({ t, csrfToken, level, problem, parents, extra }: AddProps) {
  const s = setupText(t);
  const own = problem?.form === level && problem.nodeId === undefined ? problem : undefined;
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
        <Tree {...common} tree={tree} />
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
