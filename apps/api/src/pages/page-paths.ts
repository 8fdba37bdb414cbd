/**
 * Which paths are pages (HTML, feeds, exports) rather than the JSON API:
 * their errors are HTML pages, and a session cookie counts for their GETs.
 */
export function isPagePath(path: string): boolean {
  return (
    path === '/' ||
    path === '/feed.atom' ||
    path === '/log-ind' ||
    path === '/log-ud' ||
    path.endsWith('.csv') ||
    path.startsWith('/sag/') ||
    path.startsWith('/udvalg/')
  );
}
