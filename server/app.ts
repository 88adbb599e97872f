import { OpenAPIHono } from '@hono/zod-openapi';
import { authenticate } from './auth/authenticate.ts';
import type { AppDeps, AppEnv } from './deps.ts';
import { toProblem } from './http/errors.ts';
import { ProblemError } from './http/problem.ts';
import { rejectNul } from './http/nulGuard.ts';
import { validationHook } from './http/validation.ts';
import { auditRoutes } from './routes/audit.ts';
import { dataSourceRoutes } from './routes/dataSources.ts';
import { escalationRoutes } from './routes/escalations.ts';
import { warningRoutes } from './routes/warnings.ts';
import { simulationRoutes } from './routes/simulations.ts';
import { balancingRoutes } from './routes/balancing.ts';
import { kpiRoutes } from './routes/kpis.ts';
import { milestoneRoutes } from './routes/milestones.ts';
import { peopleRoutes } from './routes/people.ts';
import { plantRoutes } from './routes/plant.ts';
import { programRoutes } from './routes/programs.ts';
import { useCaseRoutes } from './routes/useCases.ts';
import { userGroupRoutes } from './routes/userGroups.ts';
import { systemRoutes } from './routes/system.ts';

/** Builds the application around its dependencies; no server is started here. */
export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.use('*', async function injectDeps(c, next) {
    c.set('deps', deps);
    await next();
  });
  app.use('/api/v1/*', authenticate(), rejectNul());

  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  for (const routes of [plantRoutes, peopleRoutes, programRoutes, userGroupRoutes, useCaseRoutes, kpiRoutes, milestoneRoutes, escalationRoutes, dataSourceRoutes, warningRoutes, balancingRoutes, simulationRoutes, auditRoutes]) {
    api.route('/', routes);
  }
  app.route('/api/v1', api);
  app.route('/', systemRoutes);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer' });
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'twinward API',
      version: '1',
      description: 'Governance of a manufacturing digital-twin program: plant, use cases, KPIs, milestones, adoption, audit.',
    },
  });

  app.notFound((c) => toProblem(new ProblemError(404, 'not-found', `no route for ${c.req.method} ${new URL(c.req.url).pathname}`), c));
  app.onError((err, c) => toProblem(err, c));
  return app;
}

export type App = ReturnType<typeof createApp>;
