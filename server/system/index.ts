/** Health, the OpenAPI reference page and the vendored assets. */
export { systemRoutes } from './routes.ts';
