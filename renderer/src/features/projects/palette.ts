// Project colours: mid-tones that stay visible (about 3:1 or better) on both the light and the dark
// surface, each with a name for people who cannot tell the colours apart.
export const PALETTE = [
  { value: '#2563eb', name: 'Blue' },
  { value: '#0d9488', name: 'Teal' },
  { value: '#16a34a', name: 'Green' },
  { value: '#b45309', name: 'Amber' },
  { value: '#ea580c', name: 'Orange' },
  { value: '#dc2626', name: 'Red' },
  { value: '#db2777', name: 'Pink' },
  { value: '#9333ea', name: 'Purple' },
  { value: '#64748b', name: 'Slate' },
] as const;

export function colourName(value: string): string {
  return PALETTE.find((c) => c.value.toLowerCase() === value.toLowerCase())?.name ?? value;
}
