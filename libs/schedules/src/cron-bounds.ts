interface FieldRule {
  name: string;
  min: number;
  max: number;
}

const SECOND: FieldRule = { name: 'second', min: 0, max: 59 };
const FIVE_FIELDS: FieldRule[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  // 0 and 7 are both Sunday.
  { name: 'day of week', min: 0, max: 7 },
];

/** `a`, `a-b`, `*`, each optionally `/step`; names (`mon`, `jan`) and `L` are left to node-cron. */
const ITEM = /^(?:(\d{1,9})(?:-(\d{1,9}))?|\*)(?:\/(\d{1,9}))?$/;

function problemIn(item: string, rule: FieldRule): string | null {
  const match = ITEM.exec(item);
  if (!match) {
    return null;
  }
  const [, from, to, step] = match;
  for (const value of [from, to]) {
    if (value !== undefined && (Number(value) < rule.min || Number(value) > rule.max)) {
      return `${rule.name} ${value} is outside ${rule.min}-${rule.max}`;
    }
  }
  if (step !== undefined && (Number(step) < 1 || Number(step) > rule.max + 1)) {
    return `${rule.name} step ${step} is outside 1-${rule.max + 1}`;
  }
  return null;
}

/**
 * Checks the field count and every number's range before node-cron sees the expression:
 * node-cron expands ranges into arrays, so `0-30000000 * * * *` would cost it tens of
 * seconds and gigabytes to reject.
 * @returns what is wrong, or null when node-cron may validate the rest
 */
export function cronBoundsProblem(expression: string): string | null {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5 && fields.length !== 6) {
    return `has ${fields.length} fields; give 5 (minute hour day month weekday) or 6 (seconds first)`;
  }
  const rules = fields.length === 6 ? [SECOND, ...FIVE_FIELDS] : FIVE_FIELDS;
  for (const [i, field] of fields.entries()) {
    for (const item of field.split(',')) {
      const problem = problemIn(item, rules[i]);
      if (problem) {
        return problem;
      }
    }
  }
  return null;
}
