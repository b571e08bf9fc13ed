/** The live Electricity Maps API: `GET {base}/carbon-intensity/latest?zone=...` with an `auth-token` header. */
import { errorMessage } from '../errors.js';

/** Default time to wait for the API before falling back, ms. */
export const ELECTRICITY_MAPS_TIMEOUT_MS = 5_000;

export interface LiveIntensity {
  intensityGPerKWh: number;
  zone: string;
  /** The hour the figure is for (ISO 8601), as the API gives it. */
  datetime?: string;
  /** `lifecycle` or `direct`, as the API gives it. */
  emissionFactorType?: string;
  isEstimated?: boolean;
}

/** Result of one API call: a value, or why there is none (for the fallback warning). */
export type LiveResult = { ok: true; value: LiveIntensity } | { ok: false; reason: string };

/** Asks the API for the latest intensity of `zone`. Never throws: failures come back as `{ ok: false }`. */
export async function fetchLiveIntensity(
  zone: string,
  options: { token: string; baseUrl: string; fetch?: typeof fetch; timeoutMs?: number },
): Promise<LiveResult> {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? ELECTRICITY_MAPS_TIMEOUT_MS;
  const url = `${options.baseUrl}/carbon-intensity/latest?zone=${encodeURIComponent(zone)}`;
  let body: unknown;
  try {
    const response = await doFetch(url, {
      headers: { 'auth-token': options.token, accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    if (!response.ok) {
      const detail = text.trim().slice(0, 200);
      const hint =
        response.status === 401 || response.status === 403 ? ' (check electricity-maps-token)' : '';
      return { ok: false, reason: `HTTP ${response.status}${hint}${detail ? `: ${detail}` : ''}` };
    }
    body = JSON.parse(text);
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'TimeoutError' || name === 'AbortError') {
      return { ok: false, reason: `no answer within ${timeoutMs} ms` };
    }
    if (error instanceof SyntaxError) return { ok: false, reason: 'the answer was not JSON' };
    return { ok: false, reason: errorMessage(error) };
  }
  return parseLatest(body, zone);
}

/** Checks the shape of a `carbon-intensity/latest` answer. */
function parseLatest(body: unknown, zone: string): LiveResult {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const value = record.carbonIntensity;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    return {
      ok: false,
      reason: `the answer has no usable carbonIntensity (got ${JSON.stringify(value) ?? 'nothing'})`,
    };
  }
  return {
    ok: true,
    value: {
      intensityGPerKWh: value,
      zone: typeof record.zone === 'string' ? record.zone : zone,
      datetime: typeof record.datetime === 'string' ? record.datetime : undefined,
      emissionFactorType:
        typeof record.emissionFactorType === 'string' ? record.emissionFactorType : undefined,
      isEstimated: typeof record.isEstimated === 'boolean' ? record.isEstimated : undefined,
    },
  };
}
