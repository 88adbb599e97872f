import { OpenAPIHono, z } from '@hono/zod-openapi';
import { actorOf } from '../http/authorize.ts';
import type { AppEnv } from '../deps.ts';
import { jsonify } from '../core/json.ts';
import { inTransaction } from '../core/write.ts';
import { body, idParam, json, route } from '../http/route.ts';
import { isoDateTime, name } from '../http/schemas.ts';
import { validationHook } from '../http/validation.ts';
import { lineModelSchema, queuedRun, runSummarySchema } from '../simulation/index.ts';
import { applyCalibration, MAX_CALIBRATION_DAYS, submitCalibration } from './calibrations.ts';

const tags = ['Throughput simulation'];

export const calibrationRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

calibrationRoutes.openapi(
  route('compute:run', {
    method: 'post',
    path: '/lines/{id}/calibrations',
    tags,
    summary: 'Calibrate the line’s simulation model on a window of its live data',
    description:
      `Queues a calibration run: per station a fitted processing-time distribution (chosen by AIC, with each candidate's ` +
      `Kolmogorov–Smirnov distance), failures from unplanned stops (MTBF on operating time, the repair distribution), ` +
      `changeovers and the product mix; then the model is simulated over the window's conditions and compared with it ` +
      `(throughput and state shares with 95 % intervals). Poll \`GET /simulations/{id}\` (the \`Location\`); ` +
      `\`POST /calibrations/{id}/apply\` makes its model the line's. The window is at most ${MAX_CALIBRATION_DAYS} days and must hold cycles.`,
    request: { params: idParam, body: body(z.object({ from: isoDateTime, to: isoDateTime, title: name.optional() })) },
    responses: { 202: json(runSummarySchema, 'The queued calibration') },
  }),
  async (c) => {
    const row = await inTransaction(c.var.deps, actorOf(c), (w) => submitCalibration(w, c.req.valid('param').id, c.req.valid('json')));
    return queuedRun(c, row);
  },
);

calibrationRoutes.openapi(
  route('line-model:write', {
    method: 'post',
    path: '/calibrations/{id}/apply',
    tags,
    summary: 'Make a succeeded calibration’s model the line’s simulation model',
    request: { params: idParam },
    responses: { 200: json(lineModelSchema, 'The line’s model, now the calibrated one') },
  }),
  async (c) => c.json(jsonify(await inTransaction(c.var.deps, actorOf(c), (w) => applyCalibration(w, c.req.valid('param').id))), 200),
);
