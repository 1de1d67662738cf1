// Calls to the service's JSON API, with problem+json (RFC 9457) errors turned into ApiError.

export class ApiError extends Error {
  constructor(status, problem, retryAfterSeconds) {
    super(problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? {};
    /** Seconds from a Retry-After header (429, 503), else undefined. */
    this.retryAfterSeconds = retryAfterSeconds;
  }
  /** The problem's issues ({ pointer, code, severity, message: { zh, en } }), possibly empty. */
  get issues() {
    return Array.isArray(this.problem.issues) ? this.problem.issues : [];
  }
}

async function problemOf(response) {
  const type = response.headers.get('content-type') || '';
  if (type.includes('json')) {
    try {
      return await response.json();
    } catch {
      return undefined;
    }
  }
  return { title: `HTTP ${response.status}` };
}

/** fetch() that throws ApiError for every non-2xx answer. */
export async function request(path, options = {}) {
  const response = await fetch(path, options);
  if (!response.ok) {
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new ApiError(response.status, await problemOf(response), Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
  }
  return response;
}

export async function getJson(path, options = {}) {
  return (await request(path, { ...options, headers: { accept: 'application/json', ...(options.headers || {}) } })).json();
}

export async function postJson(path, body, options = {}) {
  const response = await request(path, {
    ...options,
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(options.headers || {}) },
    body: JSON.stringify(body),
  });
  return response;
}

/** The issue's text in `lang`, whichever shape it comes in ({message:{zh,en}} or {zh,en}). */
export function issueMessage(issue, lang) {
  const m = issue?.message;
  if (m && typeof m === 'object') return m[lang] || m.zh || m.en || issue.code;
  if (typeof m === 'string') return m;
  return issue?.[lang] || issue?.zh || issue?.en || issue?.code || '';
}

/** The file name from a Content-Disposition header, else `fallback`. */
export function fileNameOf(response, fallback) {
  const cd = response.headers.get('content-disposition') || '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (star) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      /* fall through */
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(cd);
  return plain ? plain[1] : fallback;
}

/** One line for an error: the problem's first issue, else its detail or title. */
export function problemText(error, lang) {
  if (error instanceof ApiError) {
    const first = error.issues[0];
    if (first) return issueMessage(first, lang);
    const p = error.problem;
    return [p.code, p.detail || p.title || error.message].filter(Boolean).join(' ');
  }
  return error?.message || String(error);
}
