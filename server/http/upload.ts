import type { HonoRequest } from 'hono';
import { ProblemError } from './problem.ts';

/** How a route that takes a file names it in its refusals. */
export interface UploadNames {
  /** An example file name, for the curl hint: `-F file=@line.alb`. */
  file: string;
  /** Content types the route takes besides a file (its JSON form), named in the 415. */
  others?: string[];
}

/** The content type of a request without its parameters, in lower case ('' when absent). */
export function mediaType(req: HonoRequest): string {
  return (req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * The text of an uploaded file: the raw body, or the `file` field of a multipart form (what
 * `curl -F file=@line.alb` sends). Another content type is refused with 415.
 */
export async function uploadedText(req: HonoRequest, names: UploadNames = { file: 'line.alb' }): Promise<string> {
  const type = mediaType(req);
  // `curl --data-binary @line.alb` labels the raw file application/x-www-form-urlencoded.
  const raw = ['', 'text/plain', 'text/csv', 'application/octet-stream', 'application/x-www-form-urlencoded'];
  if (raw.includes(type)) return req.text();
  if (type === 'multipart/form-data') {
    const form = await req.parseBody();
    const file = form.file;
    if (file instanceof File) return file.text();
    if (typeof file === 'string') return file;
    throw new ProblemError(400, 'validation', `the form has no field \`file\`: send the file as \`-F file=@${names.file}\``, [
      { path: 'body.file', message: 'required' },
    ]);
  }
  const others = names.others?.length ? `, or as ${names.others.join(' or ')}` : '';
  throw new ProblemError(
    415,
    'unsupported-media-type',
    `a file is uploaded as the raw body (text/plain, application/octet-stream) or as the field \`file\` of multipart/form-data${others}, not ${type}`,
  );
}
