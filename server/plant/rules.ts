/**
 * The limits of the plant's figures, one definition for the API's bodies and the set-up forms.
 */
import { z } from 'zod';
import { numberError } from '../programs/setupSupport.ts';

/** Stops shorter than this count as speed loss, not availability loss: whole seconds, 0 to an hour. */
export const microstopSeconds = z.number(numberError).int('a whole number').min(0, 'at least 0').max(3_600, 'at most 3600 s');

/** A site's contracted peak demand (15-minute mean) in kW; null: none known. */
export const peakLimitKw = z.number(numberError).positive('more than 0').max(1_000_000, 'at most 1 000 000 kW');

/** A cycle time in seconds: more than 0, at most a day. */
export const cycleSeconds = z.number(numberError).positive('more than 0').max(86_400, 'at most 86400 s');
