/** Types for the data entry point of @tgwf/co2, which ships JavaScript only. */
declare module '@tgwf/co2/data' {
  export interface ElectricityMapsZoneYear {
    zone: { zoneName: string; displayName?: string; countryName?: string };
    carbonIntensity: { value: number; unit: string };
    renewableEnergy?: { value: number; unit: string };
    carbonFreeEnergy?: { value: number; unit: string };
  }
  export interface ElectricityMapsYearly {
    data: Record<string, ElectricityMapsZoneYear>;
    methodology: string;
  }
  /** Ember yearly averages by ISO alpha-3 code (plus WORLD, EU, ...), gCO2e/kWh; latest year per country. */
  export const averageIntensity: { data: Record<string, number>; type: string };
  export const marginalIntensity: { data: Record<string, number>; type: string };
  /** `yearly2021` ... `yearly2025`: Electricity Maps yearly zone averages. */
  export const electricityMaps: Record<string, ElectricityMapsYearly>;
}
