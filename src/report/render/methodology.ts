/** `<details>` on how the figures were obtained: meters, provider, rounds, grid intensity. */
import type { Report } from '../types.js';
import { escapeText } from './escape.js';
import { durationMs, powerW, sig } from './format.js';

/** Lines of the methodology section. */
export function renderMethodology(report: Report): string[] {
  const env = report.environment;
  const bench = report.benchmark;
  const ci = env.carbonIntensity;
  const lines = ['<details>', '<summary>Methodology</summary>', ''];
  const used =
    env.meters.used.length > 0 ? env.meters.used.map((m) => `\`${escapeText(m, 40)}\``).join(', ') : 'none';
  lines.push(`- **Energy meters used:** ${used}`);
  for (const s of env.meters.skipped)
    lines.push(`  - skipped \`${escapeText(s.id, 40)}\`: ${escapeText(s.reason, 200)}`);
  const idle = Object.entries(env.meters.idlePowerW ?? {});
  if (idle.length > 0)
    lines.push(`- **Idle power:** ${idle.map(([d, w]) => `${escapeText(d, 40)} ${powerW(w)}`).join(', ')}`);
  const methods = [...new Set([report.models.base.energyJ.method, report.models.pruned.energyJ.method])].join(
    ' / ',
  );
  lines.push(`- **Energy figures:** ${methods}`);
  const domains = Object.entries(report.models.base.energyJ.methodByDomain ?? {});
  if (domains.length > 0) {
    const meter = report.models.base.energyJ.meterByDomain ?? {};
    const list = domains.map(
      ([d, m]) => `${escapeText(d, 40)} (${meter[d] ? `${escapeText(meter[d], 30)}, ` : ''}${m})`,
    );
    lines.push(`- **Energy by domain:** ${list.join(', ')}`);
  }
  const notes = [
    ...new Set([...(report.models.base.energyJ.notes ?? []), ...(report.models.pruned.energyJ.notes ?? [])]),
  ];
  for (const n of notes.slice(0, 10)) lines.push(`  - ${escapeText(n, 300)}`);
  lines.push(`- **Execution provider:** \`${escapeText(env.executionProvider, 40)}\``);
  const hw = env.hardware;
  const gpus =
    hw.gpus.length > 0
      ? `; GPU: ${hw.gpus.map((g) => escapeText(typeof g === 'string' ? g : g.name, 60)).join(', ')}`
      : '';
  lines.push(
    `- **Hardware:** ${escapeText(hw.cpuModel, 80)} (${hw.logicalCores} logical cores)${gpus}; ${escapeText(hw.arch ? `${hw.platform}-${hw.arch}` : hw.platform, 40)}`,
  );
  lines.push(
    `- **Runtime:** Node ${escapeText(env.runtime.node, 20)}, onnxruntime ${escapeText(env.runtime.onnxruntime ?? 'n/a', 20)}`,
  );
  lines.push(
    `- **Benchmark:** ${escapeText(bench.mode, 10)} mode, batch size ${bench.batchSize}, ${bench.warmupIterations} warm-up iterations, ` +
      `${bench.rounds} interleaved rounds (${bench.iterationsPerModel.base} BASE / ${bench.iterationsPerModel.pruned} PRUNED iterations), ` +
      `${durationMs(bench.durationS * 1000)}, ${sig(bench.confidence * 100)}% confidence intervals; stopped: ${escapeText(bench.stopReason, 120)}`,
  );
  const memoryMethod = report.models.base.memory?.method;
  if (memoryMethod) lines.push(`- **Peak memory:** ${escapeText(memoryMethod, 400)}`);
  const zone = ci.zone ? `, zone ${escapeText(ci.zone, 30)}` : '';
  // Say the data year once: in the source when it names it, else after it; say when it is unknown.
  const year =
    ci.year == null
      ? ', year not recorded by the data source'
      : ci.source.includes(String(ci.year))
        ? ''
        : `, ${ci.year}`;
  lines.push(
    `- **Grid intensity:** ${sig(ci.intensityGPerKWh)} gCO2e/kWh (${escapeText(ci.kind, 10)}${zone}; source: ${escapeText(ci.source, 120)}${year}), PUE ${sig(ci.pue)}`,
  );
  if (ci.attribution) lines.push(`- **Attribution:** ${escapeText(ci.attribution, 300)}`);
  if (report.pruning)
    lines.push(
      `- **Pruning seen:** ${escapeText(report.pruning.kind, 20)} — ${escapeText(report.pruning.description, 200)}`,
    );
  lines.push('', '</details>');
  return lines;
}
