/**
 * Client-side routes with global IDs in the path (`/deployments/<id>`): the server answers each
 * with index.html (src/http/web-app.ts), and this picks the page. A few lines of History API
 * rather than a router library: the app has eight flat routes and no nested layouts.
 */
import { useEffect, useState, type AnchorHTMLAttributes, type MouseEvent } from 'react';

const navigationEvent = 'stancegraph:navigate';

export function navigate(to: string): void {
  window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(navigationEvent));
  window.scrollTo(0, 0);
}

/** The current path and query string, re-rendering on navigation (links, back and forward). */
export function useLocation(): { path: string; search: URLSearchParams } {
  const read = () => ({ path: window.location.pathname, search: new URLSearchParams(window.location.search) });
  const [location, setLocation] = useState(read);
  useEffect(() => {
    const update = () => setLocation(read());
    window.addEventListener('popstate', update);
    window.addEventListener(navigationEvent, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(navigationEvent, update);
    };
  }, []);
  return location;
}

/** An ordinary link (it opens in a new tab, it is focusable) that navigates without a reload. */
export function Link({ to, ...props }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={onClick} {...props} />;
}

export const paths = {
  deployment: (id: string) => `/deployments/${encodeURIComponent(id)}`,
  position: (id: string) => `/positions/${encodeURIComponent(id)}`,
  article: (id: string) => `/articles/${encodeURIComponent(id)}`,
  actor: (id: string) => `/actors/${encodeURIComponent(id)}`,
  official: (id: string) => `/officials/${encodeURIComponent(id)}`,
  search: (query: string) => `/search?q=${encodeURIComponent(query)}`,
  review: () => '/review',
};

/** The ID in a route's path (`/deployments/<id>`), or null when the path is another route's. */
export function routeId(path: string, prefix: string): string | null {
  const match = new RegExp(`^/${prefix}/([^/]+)$`).exec(path);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}
