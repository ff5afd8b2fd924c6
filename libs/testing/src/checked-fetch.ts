import { ApiContract } from './api-contract';
import type { ContractAnswer } from './api-contract';

const contracts = new Map<string, Promise<ApiContract>>();

/** The contract of the API at `origin`, loaded from its /docs-json once. */
export function contractOf(origin: string): Promise<ApiContract> {
  let contract = contracts.get(origin);
  if (contract === undefined) {
    contract = ApiContract.load(origin);
    contracts.set(origin, contract);
    // A failed load (the API was not up) is tried again next time.
    contract.catch(() => contracts.delete(origin));
  }
  return contract;
}

export interface CheckedResponse extends ContractAnswer {
  text: string;
}

/**
 * fetch() for tests that talk to an API without TestPlatform's helpers: reads the whole
 * answer, and fails unless it keeps the API's OpenAPI document (see ApiContract).
 */
export async function checkedFetch(url: string, init: RequestInit = {}): Promise<CheckedResponse> {
  const { origin, pathname, search } = new URL(url);
  const contract = await contractOf(origin);
  const response = await fetch(url, init);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: keep the text.
  }
  const answer = { status: response.status, headers: response.headers, body, text };
  contract.check(init.method ?? 'GET', `${pathname}${search}`, answer);
  return answer;
}
