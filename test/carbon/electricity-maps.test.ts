import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electricityMaps } from '@tgwf/co2/data';
import { readCarbonOptions } from '../../src/carbon/inputs.js';
import { resolveIntensity } from '../../src/carbon/intensity.js';
import { memoryLogger } from '../../src/log.js';

/** A local stand-in for the Electricity Maps API; the token picks the behaviour. */
let server: Server;
let baseUrl: string;
const requests: { url: string; token: string | undefined }[] = [];

function handle(req: IncomingMessage, res: ServerResponse): void {
  const token = req.headers['auth-token'] as string | undefined;
  requests.push({ url: req.url ?? '', token });
  const zone = new URL(req.url ?? '/', 'http://x').searchParams.get('zone');
  switch (token) {
    case 'good':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          zone,
          carbonIntensity: 287,
          datetime: '2026-12-04T19:00:00.000Z',
          updatedAt: '2026-12-04T19:41:12.377Z',
          emissionFactorType: 'lifecycle',
          isEstimated: true,
          estimationMethod: 'TIME_SLICER_AVERAGE',
        }),
      );
      return;
    case 'bad':
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'Invalid authentication credentials' }));
      return;
    case 'slow':
      return; // never answers
    case 'garbage':
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>maintenance</html>');
      return;
    case 'no-value':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ zone, carbonIntensity: null }));
      return;
    default:
      res.writeHead(500);
      res.end();
  }
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const yearlyDE = electricityMaps.yearly2025.data.DE.carbonIntensity.value;

describe('resolveIntensity: live Electricity Maps API', () => {
  it('uses the live value, sends the token and the zone', async () => {
    requests.length = 0;
    const options = readCarbonOptions({
      'electricity-maps-token': 'good',
      'electricity-maps-url': baseUrl,
      'grid-zone': 'DE',
      pue: 1.1,
    });
    const { intensity, warnings } = await resolveIntensity(options, { timeoutMs: 2000 });
    expect(warnings).toEqual([]);
    expect(intensity).toMatchObject({
      intensityGPerKWh: 287,
      resolvedBy: 'electricity-maps-api',
      zone: 'DE',
      year: 2026,
      datetime: '2026-12-04T19:00:00.000Z',
      kind: 'average',
      pue: 1.1,
    });
    expect(intensity.source).toMatch(/Electricity Maps API.*live.*lifecycle.*estimated/);
    expect(requests).toEqual([{ url: '/v3/carbon-intensity/latest?zone=DE', token: 'good' }]);
  });

  it('asks about the zone of an alpha-2 country or a cloud region', async () => {
    requests.length = 0;
    await resolveIntensity(
      readCarbonOptions({ 'electricity-maps-token': 'good', 'electricity-maps-url': baseUrl, country: 'fr' }),
    );
    await resolveIntensity(
      readCarbonOptions({
        'electricity-maps-token': 'good',
        'electricity-maps-url': baseUrl,
        'cloud-provider': 'aws',
        'cloud-region': 'us-east-1',
      }),
    );
    expect(requests.map((r) => r.url)).toEqual([
      '/v3/carbon-intensity/latest?zone=FR',
      '/v3/carbon-intensity/latest?zone=US-MIDA-PJM',
    ]);
  });

  const failures = [
    {
      what: '401',
      token: 'bad',
      reason: /HTTP 401 \(check electricity-maps-token\).*Invalid authentication/,
    },
    { what: 'timeout', token: 'slow', reason: /no answer within 300 ms/ },
    { what: 'garbage body', token: 'garbage', reason: /not JSON/ },
    { what: 'no value in the JSON', token: 'no-value', reason: /no usable carbonIntensity/ },
    { what: '500', token: 'other', reason: /HTTP 500/ },
  ];
  it.each(failures)('falls back to yearly data with a warning on $what', async ({ token, reason }) => {
    const options = readCarbonOptions({
      'electricity-maps-token': token,
      'electricity-maps-url': baseUrl,
      'grid-zone': 'DE',
    });
    const started = Date.now();
    const { intensity, warnings } = await resolveIntensity(options, {
      timeoutMs: 300,
      logger: memoryLogger(),
    });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(intensity).toMatchObject({ intensityGPerKWh: yearlyDE, resolvedBy: 'grid-zone', year: 2025 });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^electricity-maps-token: the live Electricity Maps API gave no intensity for DE/,
    );
    expect(warnings[0]).toMatch(reason);
    expect(warnings[0]).toMatch(/using yearly data instead/);
  });

  it('falls back when nothing listens (connection refused)', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const options = readCarbonOptions({
      'electricity-maps-token': 'good',
      'electricity-maps-url': `http://127.0.0.1:${port}/v3`,
      'grid-zone': 'DE',
    });
    const { intensity, warnings } = await resolveIntensity(options, { timeoutMs: 1000 });
    expect(intensity.resolvedBy).toBe('grid-zone');
    expect(warnings[0]).toMatch(/gave no intensity for DE/);
  });

  it('a zone typo still ends in a UserError after the API fails', async () => {
    const options = readCarbonOptions({
      'electricity-maps-token': 'bad',
      'electricity-maps-url': baseUrl,
      'grid-zone': 'DEE',
    });
    await expect(resolveIntensity(options, { timeoutMs: 500 })).rejects.toThrow(
      /grid-zone: unknown Electricity Maps zone "DEE".*Close matches: DE/,
    );
  });

  it('uses the injected fetch', async () => {
    const calls: string[] = [];
    const fakeFetch: typeof fetch = async (url) => {
      calls.push(String(url));
      return new Response(
        JSON.stringify({ zone: 'SE', carbonIntensity: 17, datetime: '2025-01-01T00:00:00Z' }),
      );
    };
    const options = readCarbonOptions({ 'electricity-maps-token': 'x', 'grid-zone': 'SE' });
    const { intensity } = await resolveIntensity(options, { fetch: fakeFetch });
    expect(intensity).toMatchObject({ intensityGPerKWh: 17, year: 2025 });
    expect(calls).toEqual(['https://api.electricitymap.org/v3/carbon-intensity/latest?zone=SE']);
  });
});
