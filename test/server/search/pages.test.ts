import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areas, kpis, lines, people, programSites, programs, sites, useCases } from '../../../db/schema/index.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { createDemoPages, type DemoPages } from '../../helpers/pages.ts';

describe.each(databaseKinds)('search (%s)', (kind) => {
  let pages: DemoPages;
  beforeAll(async () => {
    pages = await createDemoPages(kind);
  });
  afterAll(() => pages?.close());

  it('finds use cases, lines and KPIs in scope, escapes the term, and treats LIKE wildcards literally', async () => {
    const client = await pages.as('lukas.gruber@northwind.example', 'planner');
    const pump = await client.get('/search?q=pump');
    expect(pump.status).toBe(200);
    expect(pump.html).toContain('Pump line 2');
    // Lukas sees only Linz: the Brno lines are not found.
    const crank = await client.get('/search?q=crankshaft');
    expect(crank.html).not.toContain('Crankshaft line 1');
    const sponsor = await pages.as('eva.horakova@northwind.example', 'sponsor');
    expect((await sponsor.get('/search?q=crankshaft')).html).toContain('Crankshaft line 1');
    const hostile = await client.get(`/search?q=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(hostile.html).not.toContain('<script>alert(1)</script>');
    expect(hostile.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect((await client.get('/search?q=%25')).html).toContain('Nothing in your scope contains');
    expect((await client.get(`/search?q=${'x'.repeat(201)}`)).status).toBe(422);
  });

  it('finds what a site-scoped person sees however many hidden matches come first', async () => {
    const { db } = pages.database;
    const siteOf = async (code: string) => (await db.select().from(sites).where(eq(sites.code, code)))[0].id;
    const [brno, linz] = [await siteOf('brno'), await siteOf('linz')];
    const areaOf = async (siteId: string) => (await db.select().from(areas).where(eq(areas.siteId, siteId)))[0].id;
    const [brnoArea, linzArea] = [await areaOf(brno), await areaOf(linz)];
    const [both] = await db.select().from(programs);
    const owner = (await db.select().from(people).where(eq(people.email, 'lukas.gruber@northwind.example')))[0].id;
    const { id: _id, createdAt: _c, updatedAt: _u, version: _v, ...programFields } = both;
    const [brnoOnly] = await db
      .insert(programs)
      .values({ ...programFields, name: 'Brno only' })
      .returning();
    await db.insert(programSites).values({ programId: brnoOnly.id, siteId: brno });
    const n = (i: number) => String(i).padStart(3, '0');
    // 150 lines in Brno, named before Linz's one.
    const hiddenLines = await db
      .insert(lines)
      .values(Array.from({ length: 150 }, (_, i) => ({ areaId: brnoArea, code: `needle-a${n(i)}`, name: `Needle line a${n(i)}` })))
      .returning();
    const [linzLine] = await db.insert(lines).values({ areaId: linzArea, code: 'needle-zz', name: 'Needle line zz' }).returning();
    // Use cases hidden by their scope (a Brno area or line of a program Linz shares) or by their program (Brno's only).
    const useCase = (programId: string, title: string, scope: { scopeAreaId: string } | { scopeLineId: string }) => ({
      programId,
      title,
      question: `Where is the needle (${title})?`,
      decisionFrequency: 'weekly' as const,
      ...scope,
    });
    const hiddenCases = await db
      .insert(useCases)
      .values([
        ...Array.from({ length: 60 }, (_, i) => useCase(both.id, `Needle case a${n(i)}`, { scopeAreaId: brnoArea })),
        ...Array.from({ length: 60 }, (_, i) => useCase(both.id, `Needle case b${n(i)}`, { scopeLineId: hiddenLines[i].id })),
        ...Array.from({ length: 60 }, (_, i) => useCase(brnoOnly.id, `Needle case c${n(i)}`, { scopeAreaId: linzArea })),
      ])
      .returning();
    const [byArea, byLine] = await db
      .insert(useCases)
      .values([
        useCase(both.id, 'Needle case zy', { scopeAreaId: linzArea }),
        useCase(both.id, 'Needle case zz', { scopeLineId: linzLine.id }),
      ])
      .returning();
    const kpi = (useCaseId: string, name: string) => ({
      useCaseId,
      name,
      unit: 'parts',
      direction: 'higher_is_better' as const,
      targetValue: 1,
      targetDate: '2027-06-30',
      reviewCadence: 'monthly' as const,
      ownerId: owner,
    });
    await db.insert(kpis).values([...hiddenCases.map((u, i) => kpi(u.id, `Needle kpi a${n(i)}`)), kpi(byLine.id, 'Needle kpi zz')]);

    const lukas = await pages.as('lukas.gruber@northwind.example', 'planner');
    const found = await lukas.get('/search?q=needle');
    expect(found.status).toBe(200);
    expect(found.html).toContain('>Needle line zz</a>');
    expect(found.html).toContain(`<a href="/use-cases/${byArea.id}">Needle case zy</a>`);
    expect(found.html).toContain(`<a href="/use-cases/${byLine.id}">Needle case zz</a>`);
    expect(found.html).toContain('>Needle kpi zz</a>');
    expect(found.html).not.toMatch(/Needle (line|case|kpi) [abc]\d/);
    // Someone who sees both sites gets the first 20 of each kind, hidden from Lukas or not.
    const eva = await pages.as('eva.horakova@northwind.example', 'sponsor');
    const all = (await eva.get('/search?q=needle')).html;
    expect(all).toContain('>Needle line a000</a>');
    expect(all).not.toContain('>Needle line zz</a>');
    expect(all.match(/>Needle case [a-z]\d{3}<\/a>/g)).toHaveLength(20);
  });
});
