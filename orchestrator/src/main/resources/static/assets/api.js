// The orchestrator's REST API as the dashboard uses it: HTTP Basic credentials kept in
// sessionStorage (gone when the tab closes), problem+json errors turned into exceptions.

const KEY = 'kvmorch.credentials';

/** Signed-in user: {user, token} or null. */
export function credentials() {
  try {
    const stored = JSON.parse(sessionStorage.getItem(KEY) || 'null');
    return stored && stored.user && stored.token ? stored : null;
  } catch {
    return null;
  }
}

export function storeCredentials(user, password) {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  let binary = '';
  bytes.forEach((b) => { binary += String.fromCharCode(b); });
  sessionStorage.setItem(KEY, JSON.stringify({ user, token: btoa(binary) }));
}

export function clearCredentials() {
  sessionStorage.removeItem(KEY);
}

/** Base of every error the API helpers throw; `status` is 0 when the server could not be reached. */
export class ApiError extends Error {
  constructor(status, message, problem) {
    super(message);
    this.status = status;
    this.problem = problem || null;
  }
}

/** 401: no or wrong credentials. The app goes back to the sign-in form. */
export class AuthError extends ApiError {}

/** 403: signed in, but the role does not allow the action. */
export class ForbiddenError extends ApiError {}

/** 404: unknown VM, host, migration or plan — or an endpoint this server does not have yet. */
export class NotFoundError extends ApiError {}

let onUnauthorized = () => {};

/** Called once by the app: what to do when the API answers 401. */
export function setUnauthorizedHandler(handler) {
  onUnauthorized = handler;
}

/** A random UUID; crypto.randomUUID exists only on https or localhost, getRandomValues everywhere. */
export function newIdempotencyKey() {
  if (typeof crypto.randomUUID === 'function') {
    return crypto.randomUUID();
  }
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40; // version 4
  b[8] = (b[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const RETRY_AFTER_MS = 1000;

/**
 * Calls the API. `action` names what the call does, for messages ("start migrations").
 * Resolves to {status, body, headers}; throws an ApiError subclass for anything but 2xx.
 * Every POST carries an Idempotency-Key: when the network fails, nobody knows whether the server
 * got it, so the POST is sent once more with the same key and the server runs it at most once.
 */
export async function api(path, { method = 'GET', body, action, token } = {}) {
  const auth = token || credentials()?.token;
  const headers = { Accept: 'application/json, application/problem+json' };
  if (auth) {
    headers.Authorization = `Basic ${auth}`;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (method === 'POST') {
    headers['Idempotency-Key'] = newIdempotencyKey();
  }
  const send = () => fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    // 'omit': credentials travel only in our own header, and a 401 never makes the browser
    // pop up its native Basic-auth dialog.
    credentials: 'omit',
    cache: 'no-store',
  });
  let response;
  try {
    response = await send();
  } catch (e) {
    if (method !== 'POST') {
      throw new ApiError(0, 'Cannot reach the orchestrator.');
    }
    await new Promise((resolve) => { setTimeout(resolve, RETRY_AFTER_MS); });
    try {
      response = await send();
    } catch (again) {
      throw new ApiError(0, 'Cannot reach the orchestrator (tried twice; it ran the request at most once).');
    }
  }
  const text = await response.text();
  let parsed = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (response.ok) {
    return { status: response.status, body: parsed, headers: response.headers };
  }
  const detail = parsed && (parsed.detail || parsed.title);
  if (response.status === 401) {
    if (!token) {
      onUnauthorized();
    }
    throw new AuthError(401, 'Wrong user name or password, or the session has ended.', parsed);
  }
  if (response.status === 403) {
    throw new ForbiddenError(403, `Your role cannot ${action || 'do this'}.`, parsed);
  }
  if (response.status === 404) {
    throw new NotFoundError(404, detail || 'Not found.', parsed);
  }
  throw new ApiError(response.status, detail || `The orchestrator answered ${response.status}.`, parsed);
}

/** GET that resolves to the body. */
export async function get(path) {
  return (await api(path)).body;
}

/** POST that resolves to the body. */
export async function post(path, body, action) {
  return (await api(path, { method: 'POST', body, action })).body;
}
