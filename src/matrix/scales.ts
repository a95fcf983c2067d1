/** The seed's probability and impact scales: the numbers are the data, the labels are how people read them. */
export const PROBABILITY_LABELS = new Map<number, string>([
  [0.5, 'V.Low'],
  [1, 'Low'],
  [2, 'Med'],
  [3, 'High'],
]);

export const IMPACT_LABELS = new Map<number, string>([
  [1, 'Low'],
  [2, 'Med'],
  [3, 'High'],
  [4, 'Catastrophic'],
]);

export const PROBABILITY_VALUES = [...PROBABILITY_LABELS.keys()];
export const IMPACT_VALUES = [...IMPACT_LABELS.keys()];

export function probabilityLabel(value: number): string {
  return PROBABILITY_LABELS.get(value) ?? String(value);
}

export function impactLabel(value: number): string {
  return IMPACT_LABELS.get(value) ?? String(value);
}
