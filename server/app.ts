import { OpenAPIHono } from '@hono/zod-openapi';
import { authenticate } from './http/authenticate.ts';
import type { AppDeps, AppEnv } from './deps.ts';
import { toProblem } from './http/errors.ts';
import { answerUnrouted } from './http/notFound.ts';
import { rejectNul } from './http/nulGuard.ts';
import { limitBodies } from './http/limits.ts';
import { noStore, securityHeaders } from './http/secureHeaders.ts';
import { roundJsonNumbers } from './http/precision.ts';
import { validationHook } from './http/validation.ts';
import { auditRoutes } from './audit/index.ts';
import { dataSourceRoutes } from './dataSources/index.ts';
import { escalationRoutes } from './escalations/index.ts';
import { warningRoutes } from './warnings/index.ts';
import { simulationRoutes } from './simulation/index.ts';
import { calibrationRoutes } from './calibration/index.ts';
import { questionRoutes } from './questions/index.ts';
import { balancingRoutes } from './balancing/index.ts';
import { kpiRoutes } from './kpis/index.ts';
import { decisionRoutes } from './decisions/index.ts';
import { milestoneRoutes } from './milestones/index.ts';
import { peopleRoutes } from './people/index.ts';
import { sessionRoutes, singleSignOnRoutes } from './sessions/index.ts';
import { plantRoutes } from './plant/index.ts';
import { useCaseRoutes } from './useCases/index.ts';
import { programRoutes, userGroupRoutes } from './programs/index.ts';
import { systemRoutes } from './system/index.ts';
import { eventRoutes } from './events/index.ts';
import { scheduleRoutes } from './schedules/index.ts';
import { metricsRoutes } from './metrics/index.ts';
import { orderRoutes } from './orders/index.ts';
import { sparkplugRoutes } from './mqtt/routes.ts';
import { asksForPage, pageError, webApplication } from './web/index.ts';
import { NotFoundError } from './core/errors.ts';
import { sessionPages } from './sessions/pages.tsx';
import { plantPages } from './plant/pages.tsx';
import { programPages } from './programs/pages.tsx';
import { escalationPages } from './escalations/pages.tsx';
import { useCasePages } from './useCases/pages.tsx';
import { linePages } from './metrics/pages.tsx';
import { simulationPages } from './simulation/pages.tsx';
import { questionPages } from './questions/pages.tsx';
import { balancingPages } from './balancing/pages.tsx';
import { searchPages } from './search/index.ts';
import { peoplePages } from './people/pages.tsx';
import { auditPages } from './audit/pages.tsx';
import { notificationPages } from './notifications/pages.tsx';
import { notificationRoutes } from './notifications/routes.ts';
import { programSetupPages } from './programs/setupPages.tsx';
import { useCaseSetupPages } from './useCases/setupPages.tsx';
import { plantSetupPages } from './plant/setupPages.tsx';

/** Builds the application around its dependencies; no server is started here. */
export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.use('*', async function injectDeps(c, next) {
    c.set('deps', deps);
    await next();
  });
  app.use('*', securityHeaders());
  app.use('/api/v1/*', limitBodies(), noStore(), roundJsonNumbers(), authenticate(), rejectNul());

  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  for (const routes of [
    plantRoutes,
    peopleRoutes,
    sessionRoutes,
    singleSignOnRoutes,
    programRoutes,
    userGroupRoutes,
    useCaseRoutes,
    kpiRoutes,
    decisionRoutes,
    milestoneRoutes,
    escalationRoutes,
    dataSourceRoutes,
    eventRoutes,
    scheduleRoutes,
    metricsRoutes,
    orderRoutes,
    sparkplugRoutes,
    warningRoutes,
    balancingRoutes,
    simulationRoutes,
    calibrationRoutes,
    questionRoutes,
    auditRoutes,
    notificationRoutes,
  ]) {
    api.route('/', routes);
  }
  app.route('/api/v1', api);
  app.route('/', systemRoutes);
  // The web application: pages and their fragments, each beside the concept it shows.
  app.route(
    '/',
    webApplication([
      sessionPages,
      plantPages,
      // Before the program page, whose `/programs/:id` would take `/programs/new`.
      programSetupPages,
      programPages,
      escalationPages,
      useCasePages,
      linePages,
      balancingPages,
      simulationPages,
      questionPages,
      searchPages,
      peoplePages,
      auditPages,
      notificationPages,
      useCaseSetupPages,
      plantSetupPages,
    ]),
  );

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer' });
  app.openAPIRegistry.registerComponent('securitySchemes', 'sessionCookie', { type: 'apiKey', in: 'cookie', name: 'tw_session' });
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'twinward API',
      version: '1',
      description: 'Governance of a manufacturing digital-twin program: plant, use cases, KPIs, milestones, adoption, audit.',
    },
  });

  const unrouted = answerUnrouted(app);
  // A browser that follows a wrong link gets a page that says so, the API a problem+json.
  app.notFound((c) =>
    asksForPage(c) ? pageError(new NotFoundError(`there is no page at ${new URL(c.req.url).pathname}`), c) : unrouted(c),
  );
  app.onError((err, c) => toProblem(err, c));
  return app;
}

export type App = ReturnType<typeof createApp>;
