/**
 * The plant set-up forms as the browser posts them, checked with the rules of the API's bodies
 * (server/plant/routes.ts): every node has a code (a Unified Namespace segment, never changed
 * later) and a name; a site may name its time zone, a station its position along the line.
 */
import { z } from 'zod';
import { timeZone, unsCode } from '../http/schemas.ts';
import { blankIsUndefined, chosen, requiredText, typed, wholeNumber } from '../programs/setupSupport.ts';

const node = {
  code: z.preprocess(blankIsUndefined, z.string({ error: 'required' }).trim().pipe(unsCode)),
  name: requiredText(200),
};

export const enterpriseForm = z.object(node);

export const siteForm = z.object({
  enterpriseId: chosen('the enterprise'),
  ...node,
  timezone: z.preprocess(blankIsUndefined, timeZone.optional()),
});

export const areaForm = z.object({ siteId: chosen('the site'), ...node });

export const lineForm = z.object({ areaId: chosen('the area'), ...node });

export const stationForm = z.object({ lineId: chosen('the line'), ...node, position: typed(wholeNumber(1, 10_000)) });
