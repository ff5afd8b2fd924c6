import { withGenericPlans } from './generic-plans';

const optionsOf = (url: string) => new URL(url).searchParams.get('options');

describe('withGenericPlans', () => {
  it('asks for generic plans on a plain URL, leaving the rest of it as it was', () => {
    const url = new URL(
      withGenericPlans('postgres://jobs:secret@db.internal:5433/jobs?sslmode=require', {}),
    );
    expect(url.searchParams.get('options')).toBe('-c plan_cache_mode=force_generic_plan');
    expect(url.searchParams.get('sslmode')).toBe('require');
    expect([url.username, url.password, url.host, url.pathname]).toEqual([
      'jobs',
      'secret',
      'db.internal:5433',
      '/jobs',
    ]);
  });

  it("keeps the URL's own options first, ahead of PGOPTIONS, which the URL's replace", () => {
    const url = withGenericPlans('postgres://h/db?options=-c%20search_path%3Dops', {
      PGOPTIONS: '-c work_mem=64MB',
    });
    expect(optionsOf(url)).toBe('-c search_path=ops -c plan_cache_mode=force_generic_plan');
  });

  it('keeps PGOPTIONS, which node-postgres no longer reads once the URL has options', () => {
    const url = withGenericPlans('postgresql://h/db', { PGOPTIONS: '-c statement_timeout=5s' });
    expect(optionsOf(url)).toBe('-c statement_timeout=5s -c plan_cache_mode=force_generic_plan');
  });

  it('leaves a socket directory in the host as it was', () => {
    const url = withGenericPlans('postgres://jobs@%2Fvar%2Frun%2Fpostgresql/jobs', {});
    expect(url).toBe(
      'postgres://jobs@%2Fvar%2Frun%2Fpostgresql/jobs?options=-c+plan_cache_mode%3Dforce_generic_plan',
    );
  });
});
