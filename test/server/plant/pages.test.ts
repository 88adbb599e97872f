import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../helpers/db.ts';
import { createDemoPages, type DemoPages } from '../../helpers/pages.ts';

describe.each(databaseKinds)('the list of lines (%s)', (kind) => {
  let pages: DemoPages;
  beforeAll(async () => {
    pages = await createDemoPages(kind);
  });
  afterAll(() => pages?.close());

  it('shows the lines in scope with the person, role and scope in the header, and exports them as CSV', async () => {
    const client = await pages.as('tomas.dvorak@northwind.example', 'planner');
    const page = await client.get('/lines');
    expect(page.status).toBe(200);
    expect(page.html).toContain('Tomáš Dvořák');
    expect(page.html).toContain('Role: planner');
    expect(page.html).toMatch(/<a href="\/lines\/[0-9a-f-]+\/balance">Balance<\/a>/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const csv = await client.get('/lines?format=csv');
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.html.charCodeAt(0)).toBe(0xfeff);
    expect(csv.html.split('\r\n')[0]).toBe('\uFEFFid,code,name,site,area,stations');
  });
});
