/** Each suite prints the figures it proved in one line, for the README's reliability section. */
export function reportFigures(suite: string, figures: Record<string, number | string>): void {
  const text = Object.entries(figures)
    .map(([name, value]) => `${name} ${value}`)
    .join(', ');
  process.stdout.write(`[reliability] ${suite}: ${text}\n`);
}
