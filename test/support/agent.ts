/**
 * A small HTTP client for tests that behaves like a browser towards Birga: it keeps cookies and
 * sends the Origin header that the same-origin check expects.
 */
export const DEMO_PASSWORD = 'navbahor2027';

export interface AgentResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export class TestAgent {
  readonly cookies = new Map<string, string>();

  constructor(
    readonly baseUrl: string,
    readonly origin: string = baseUrl.replace('127.0.0.1', 'localhost'),
  ) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async request<T = any>(
    method: string,
    pathname: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<AgentResponse<T>> {
    const response = await fetch(new URL(pathname, this.baseUrl), {
      method,
      redirect: 'manual',
      headers: {
        origin: this.origin,
        ...(this.cookies.size > 0 ? { cookie: this.cookieHeader } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const separator = pair!.indexOf('=');
      const name = pair!.slice(0, separator);
      const value = pair!.slice(separator + 1);
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON (a CSV export or a page): the text is the body.
    }
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  get<T = any>(pathname: string) {
    return this.request<T>('GET', pathname);
  }
  post<T = any>(pathname: string, body?: unknown) {
    return this.request<T>('POST', pathname, body ?? {});
  }
  put<T = any>(pathname: string, body?: unknown) {
    return this.request<T>('PUT', pathname, body ?? {});
  }
  patch<T = any>(pathname: string, body?: unknown) {
    return this.request<T>('PATCH', pathname, body ?? {});
  }
  delete<T = any>(pathname: string) {
    return this.request<T>('DELETE', pathname);
  }

  async signIn(email: string, password = DEMO_PASSWORD): Promise<this> {
    const response = await this.post('/api/session', { email, password });
    if (response.status !== 200) {
      throw new Error(`Sign-in as ${email} failed with ${response.status}: ${response.text}`);
    }
    return this;
  }
}
