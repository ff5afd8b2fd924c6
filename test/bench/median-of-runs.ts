import { median } from './statistics';

/** Figures of one run of a measure, by name; null when a run could not measure one. */
export type Figures<Name extends string> = Record<Name, number | null>;

/**
 * Runs `once` `times` times, one after the other, and answers each figure's median
 * over the runs that measured it (null when none did).
 */
export async function medianOfRuns<Name extends string>(
  times: number,
  once: (run: number) => Promise<Figures<Name>>,
): Promise<Figures<Name>> {
  const runs: Figures<Name>[] = [];
  for (let run = 1; run <= times; run++) {
    runs.push(await once(run));
  }
  const names = Object.keys(runs[0]) as Name[];
  const medians = names.map((name) => {
    const values = runs.map((figures) => figures[name]).filter((value) => value !== null);
    return [name, median(values)];
  });
  return Object.fromEntries(medians) as Figures<Name>;
}
