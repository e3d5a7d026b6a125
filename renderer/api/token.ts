// The access token of a headless `ringfence serve`: it arrives once in the page URL (#token=XYZ), is kept
// for the tab's life in sessionStorage, and is removed from the address bar so it is not bookmarked.
const KEY = 'ringfence.token';

// The parts of Location, Storage and History used here, so this runs (and is tested) outside a browser.
type Address = { hash: string; pathname: string; search: string };
type TabStorage = { getItem(key: string): string | null; setItem(key: string, value: string): void };
type AddressBar = { state: unknown; replaceState(state: unknown, unused: string, url: string): void };

export function takeToken(location: Address, storage: TabStorage, history: AddressBar): string | null {
  const match = location.hash.match(/(?:^#|&)token=([^&]+)/);
  if (match?.[1]) {
    const token = decodeURIComponent(match[1]);
    storage.setItem(KEY, token);
    history.replaceState(history.state, '', `${location.pathname}${location.search}#/`);
    return token;
  }
  return storage.getItem(KEY);
}

/** Adds `?token=` to a same-origin URL (WebSocket and downloads cannot send an Authorization header). */
export function withToken(url: string, token: string | null): string {
  if (!token) return url;
  return `${url}${url.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`;
}
