// The only module that talks to the backend. JSON in, JSON out.
// Errors are thrown as ApiError with the server's {code, message, fields}.

export class ApiError extends Error {
  constructor(status, error = {}, retryAfter = null) {
    super(error.message || `HTTP ${status}`);
    this.status = status;
    this.code = error.code || (status ? 'http_error' : 'network');
    this.fields = error.fields || {};
    this.details = error; // e.g. next_free, opens/closes
    this.retryAfter = retryAfter; // seconds, from Retry-After (429, 409 request_in_progress)
  }
}

let refreshing = null;

// Calls that must not trigger the silent refresh themselves.
const NO_REFRESH = /^\/api\/auth\/(?:login|refresh|logout)$/;

// Marks every call as the app's own: a page on another origin cannot add a custom header
// without a CORS preflight, so the server refuses state changes that lack it (or JSON).
const OWN_REQUEST = { 'X-Requested-With': 'fetch' };

// Staff sessions live in HttpOnly cookies; a 401 gets one silent refresh.
function refresh() {
  refreshing ??= fetch('/api/auth/refresh', { method: 'POST', headers: { Accept: 'application/json', ...OWN_REQUEST } })
    .then((res) => res.ok, () => false)
    .finally(() => { refreshing = null; });
  return refreshing;
}

async function request(method, path, body, options = {}) {
  if (!path.startsWith('/api/')) throw new Error(`not an API path: ${path}`);
  const headers = { Accept: 'application/json', 'Accept-Language': document.documentElement.lang || 'de', ...OWN_REQUEST };
  const init = { method, headers, credentials: 'same-origin' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;

  let res;
  try {
    res = await fetch(path, init);
  } catch {
    throw new ApiError(0, { code: 'network' });
  }
  if (res.status === 401 && !NO_REFRESH.test(path) && !options.retried) {
    if (await refresh()) return request(method, path, body, { ...options, retried: true });
    document.dispatchEvent(new CustomEvent('api:unauthorized'));
  }
  if (res.status === 204) return null;
  let data = null;
  try {
    data = await res.json();
  } catch {
    // empty or non-JSON body
  }
  if (!res.ok) {
    const retry = Number.parseInt(res.headers.get('Retry-After') || '', 10);
    // A repeat of a request the server is still working on: wait as told, then ask again
    // with the same key, which gets the first request's answer.
    const waited = options.waited || 0;
    if (res.status === 409 && data?.error?.code === 'request_in_progress' && waited < MAX_WAITS) {
      await sleep(Math.min(Number.isFinite(retry) ? retry : 1, 5) * 1000);
      return request(method, path, body, { ...options, waited: waited + 1 });
    }
    throw new ApiError(res.status, data?.error, Number.isFinite(retry) ? retry : null);
  }
  return data;
}

const MAX_WAITS = 10;
const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

export const api = {
  get: (path, options) => request('GET', path, undefined, options),
  post: (path, body, options) => request('POST', path, body ?? {}, options),
  patch: (path, body, options) => request('PATCH', path, body, options),
  put: (path, body, options) => request('PUT', path, body, options),
  delete: (path, options) => request('DELETE', path, undefined, options),
};
