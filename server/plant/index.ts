/** The plant concept: the ISA-95 hierarchy (enterprise, site, area, line, station) with UNS paths. */
export { checkSeesEnterprise, createArea, createEnterprise, createLine, createSite, createStation, getLine } from './plant.ts';
export { plantRoutes } from './routes.ts';
