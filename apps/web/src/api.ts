// The management API from the browser: a bearer token kept in localStorage, JSON in and out, and
// errors as { code, message } so that every form can show them in place.
export interface ApiErrorBody {
  code: string;
  message: string;
  statusCode: number;
}

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly statusCode: number,
  ) {
    super(message);
  }
}

const KEY = 'adsplice.token';

export const token = {
  get: (): string | null => (typeof localStorage === 'undefined' ? null : localStorage.getItem(KEY)),
  set: (value: string) => localStorage.setItem(KEY, value),
  clear: () => localStorage.removeItem(KEY),
};

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: { authorization: `Bearer ${token.get() ?? ''}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (err) {
    throw new ApiError('NETWORK', `The server did not answer (${(err as Error).message}).`, 0);
  }
  const text = await res.text();
  const json = text === '' ? undefined : (() => { try { return JSON.parse(text) as unknown; } catch { return undefined; } })();
  if (!res.ok) {
    const e = (json ?? {}) as Partial<ApiErrorBody>;
    throw new ApiError(e.code ?? `HTTP_${res.status}`, e.message ?? (text.slice(0, 200) || res.statusText), res.status);
  }
  return json as T;
}

/** Uploads a file with progress (fetch has no upload progress). */
export function upload<T>(path: string, file: Blob, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('authorization', `Bearer ${token.get() ?? ''}`);
    xhr.setRequestHeader('content-type', 'video/mp4');
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(new ApiError('NETWORK', 'The upload did not reach the server.', 0));
    xhr.onload = () => {
      let json: Partial<ApiErrorBody> & Record<string, unknown> = {};
      try {
        json = JSON.parse(xhr.responseText) as typeof json;
      } catch {
        // not JSON
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(json as T);
      else reject(new ApiError(json.code ?? `HTTP_${xhr.status}`, json.message ?? xhr.statusText, xhr.status));
    };
    xhr.send(file);
  });
}

export function describeError(err: unknown): string {
  if (err instanceof ApiError) return `${err.message} (${err.code})`;
  return err instanceof Error ? err.message : String(err);
}
