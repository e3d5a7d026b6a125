// Token check for the headless API: constant time, from the Authorization header or a ?token= query
// parameter (WebSockets and download links cannot set headers).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

export function tokenChecker(token: string | undefined): (req: IncomingMessage, url: URL) => boolean {
  if (!token) return () => true;
  // Comparing fixed-length digests keeps the comparison constant-time whatever the presented length.
  const expected = digest(token);
  return (req, url) => {
    const header = req.headers.authorization;
    const presented = header?.startsWith('Bearer ') ? header.slice(7) : url.searchParams.get('token');
    if (presented === null || presented === undefined) return false;
    return timingSafeEqual(digest(presented), expected);
  };
}
