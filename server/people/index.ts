/** People, their access roles and their bearer tokens, and the first administrator of an empty database. */
export { createPersonWithToken, createToken, isEmpty } from './bootstrap.ts';
export { createPerson, updatePerson } from './people.ts';
export { peopleRoutes } from './routes.ts';
