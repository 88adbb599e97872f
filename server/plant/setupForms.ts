/**
 * The plant set-up forms as the browser posts them, checked with the rules of the API's bodies
 * (server/plant/routes.ts): every node has a code (a Unified Namespace segment, never changed
 * later) and a name; a site may name its time zone, a station its position along the line.
 * An edit is the API's patch with every field given (the form shows the stored values), made from
 * the version the form was read at, as the API's If-Match.
 */
import { z } from 'zod';
import { timeZone, unsCode } from '../http/schemas.ts';
import { cycleSeconds, microstopSeconds, peakLimitKw } from './rules.ts';
import { blankIsUndefined, chosen, requiredText, typed, versionField, wholeNumber } from '../programs/setupSupport.ts';

const node = {
  code: z.preprocess(blankIsUndefined, z.string({ error: 'required' }).trim().pipe(unsCode)),
  name: requiredText(200),
};

/** A site's time zone as typed: an IANA zone, or blank for the default (UTC). */
const zone = z.preprocess(blankIsUndefined, timeZone.optional());

export const enterpriseForm = z.object(node);

export const siteForm = z.object({
  enterpriseId: chosen('the enterprise'),
  ...node,
  timezone: zone,
});

export const areaForm = z.object({ siteId: chosen('the site'), ...node });

export const lineForm = z.object({ areaId: chosen('the area'), ...node });

export const stationForm = z.object({ lineId: chosen('the line'), ...node, position: typed(wholeNumber(1, 10_000)) });

// The edits. The code is not among them: it keys live data topics (see the API's patches).
const edited = { version: versionField, name: node.name };

export const enterpriseEditForm = z.object(edited);

/** Blank is UTC, as for a new site, so the form always says which zone the site keeps. */
export const siteEditForm = z.object({
  ...edited,
  timezone: zone.transform((given) => given ?? 'UTC'),
  peakLimitKw: typed(peakLimitKw.nullable().default(null)),
});

export const areaEditForm = z.object(edited);

export const lineEditForm = z.object({ ...edited, microstopSeconds: typed(microstopSeconds) });

/** Blank is none: the line model's mean processing time stands for it. */
export const stationEditForm = z.object({ ...edited, idealCycleSeconds: typed(cycleSeconds.nullable().default(null)) });
