/**
 * Reading API errors: the message to show (the API's own words) and whether the server does
 * not offer an operation at all, so a page can say so plainly instead of failing.
 */

type ErrorLike = { name?: unknown; message?: unknown; messages?: unknown; $metadata?: { httpStatusCode?: number }; $fault?: unknown };

/** Returns true when the error says this server has no such operation (not that the call was wrong). */
export function isNotOffered(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as ErrorLike;
  const name = String(e.name ?? '');
  const status = e.$metadata?.httpStatusCode;
  if (name === 'UnknownOperationException' || name === 'NotImplemented' || name === 'UnsupportedOperation' || name === 'InvalidAction') return true;
  if (status === 501) return true;
  // Before the EC2 API lands, Signpost verifies every signature as a Route 53 one and refuses
  // the ec2 scope: that also means "no such API here".
  return name === 'SignatureDoesNotMatch' && /not 'ec2'/.test(String(e.message ?? ''));
}

/** Returns the error's messages as the API gave them (InvalidChangeBatch carries several). */
export function errorMessages(err: unknown): string[] {
  if (!err || typeof err !== 'object') return [String(err)];
  const e = err as ErrorLike;
  if (Array.isArray(e.messages) && e.messages.length > 0) return e.messages.map(String);
  const msg = typeof e.message === 'string' && e.message ? e.message : String(e.name ?? 'Unknown error');
  // Route 53 words several InvalidChangeBatch problems as one message, "[first., second.]".
  const list = /^\[(.*)\]$/s.exec(msg);
  if (list && e.name === 'InvalidChangeBatch') return list[1]!.split(/(?<=\.), (?=[A-Z])/);
  return [msg];
}

/** Returns the error's code (the SDK's exception name), e.g. "InvalidChangeBatch". */
export function errorCode(err: unknown): string {
  return err && typeof err === 'object' && typeof (err as ErrorLike).name === 'string' ? String((err as ErrorLike).name) : 'Error';
}
