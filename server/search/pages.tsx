import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../deps.ts';
import { pageContext, renderPage, signedInFor } from '../web/index.ts';
import { SearchResults } from '../../views/search/results.tsx';
import { search } from './search.ts';

export const searchPages = new Hono<AppEnv>();

const searchQuery = z.string().max(200);

searchPages.get('/search', async (c) => {
  const actor = signedInFor(c, 'read');
  const ctx = pageContext(c, actor);
  const parsed = searchQuery.safeParse(c.req.query('q') ?? '');
  const term = parsed.success ? parsed.data.trim() : '';
  const hits = await search(c.var.deps.db, actor, term);
  return renderPage(
    c,
    ctx,
    { title: ctx.t('search.title'), query: term, status: parsed.success ? 200 : 422 },
    <SearchResults t={ctx.t} term={term} hits={hits} tooLong={!parsed.success} />,
  );
});
