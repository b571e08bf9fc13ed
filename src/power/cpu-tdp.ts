/**
 * Thermal design power of common CPUs, by model name, for the CPU-time estimate. TDP is the
 * vendor's sustained-power rating of the whole package, not a measurement: the estimate is
 * labelled `estimated` wherever it appears.
 */

/** One row: a substring of `/proc/cpuinfo`'s model name, and the TDP in watts. */
interface TdpRow {
  match: string;
  tdpW: number;
}

/** Each row's figure is the vendor's own spec sheet (AMD product pages, Intel ARK). */
const TDP_TABLE: readonly TdpRow[] = [
  { match: 'EPYC 7763', tdpW: 280 }, // AMD EPYC 7763 product page: default TDP 280 W (GitHub-hosted runners use it)
  { match: 'EPYC 7742', tdpW: 225 }, // AMD EPYC 7742 product page: default TDP 225 W
  { match: 'EPYC 7543', tdpW: 225 }, // AMD EPYC 7543 product page: default TDP 225 W
  { match: 'EPYC 9654', tdpW: 360 }, // AMD EPYC 9654 product page: default TDP 360 W
  { match: 'Platinum 8380', tdpW: 270 }, // Intel ARK, Xeon Platinum 8380: TDP 270 W
  { match: 'Platinum 8480+', tdpW: 350 }, // Intel ARK, Xeon Platinum 8480+: TDP 350 W
  { match: 'Platinum 8168', tdpW: 205 }, // Intel ARK, Xeon Platinum 8168: TDP 205 W
  { match: 'Gold 6248', tdpW: 150 }, // Intel ARK, Xeon Gold 6248: TDP 150 W
  { match: 'i9-13900K', tdpW: 125 }, // Intel ARK, Core i9-13900K: processor base power 125 W
  { match: 'i7-12700K', tdpW: 125 }, // Intel ARK, Core i7-12700K: processor base power 125 W
  { match: 'Ryzen 9 7950X', tdpW: 170 }, // AMD Ryzen 9 7950X product page: default TDP 170 W
  { match: 'Ryzen 9 5950X', tdpW: 105 }, // AMD Ryzen 9 5950X product page: default TDP 105 W
];

/**
 * TDP used when the model is unknown and `cpu-tdp-w` is not set: 85 W, CodeCarbon's fallback for
 * unknown CPUs (its constant mode then reports 50 % of it, 42.5 W).
 */
export const DEFAULT_CPU_TDP_W = 85;

/** Where a TDP figure came from, for the report's notes. */
export interface TdpChoice {
  tdpW: number;
  source: string;
}

/** TDP for a CPU: the configured value, else the table by model name, else the default. */
export function cpuTdp(modelName: string, configuredW: number | null): TdpChoice {
  if (configuredW !== null) return { tdpW: configuredW, source: 'cpu-tdp-w' };
  const row = TDP_TABLE.find((r) => modelName.toLowerCase().includes(r.match.toLowerCase()));
  if (row) return { tdpW: row.tdpW, source: `vendor TDP of ${row.match}` };
  return {
    tdpW: DEFAULT_CPU_TDP_W,
    source: `default ${DEFAULT_CPU_TDP_W} W (CPU model ${JSON.stringify(modelName)} not in the table; set cpu-tdp-w)`,
  };
}
