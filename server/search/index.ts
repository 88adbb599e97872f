/** Finding use cases, lines and KPIs by name, within the caller's scope (the header's search box). */
export { containsPattern, search, SEARCH_LIMIT, type SearchHits } from './search.ts';
export { searchPages } from './pages.tsx';
