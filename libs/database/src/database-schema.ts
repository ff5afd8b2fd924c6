import type { DataSourceOptions } from 'typeorm';

/** The entities and migrations an app's schema is made of. */
export type DatabaseSchema = Pick<DataSourceOptions, 'entities' | 'migrations'>;
