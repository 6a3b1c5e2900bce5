import type { Verifier } from '@pact-foundation/pact';
import { STATES } from './marks.js';
import type {
  AccessTokenParams,
  ClientParams,
  CustomerParams,
  ProviderDriver,
} from './provider-driver.js';

export type StateHandlers = NonNullable<ConstructorParameters<typeof Verifier>[0]['stateHandlers']>;

/**
 * Maps each provider state of the contract to the driver, so one set of handlers serves the
 * sandbox and a live API. Parameters come from the pact file, so they are checked here.
 */
export function createStateHandlers(driver: ProviderDriver): StateHandlers {
  return {
    [STATES.clientRegistered]: async (params) => {
      await driver.registerClient(readParams<ClientParams>(params, ['clientId', 'clientSecret']));
    },

    [STATES.accessTokenIssued]: async (params) => {
      const read = readParams<AccessTokenParams>(params, ['accessToken', 'grantType']);
      await driver.issueAccessToken(read);
    },

    [STATES.customerExists]: {
      setup: async (params) => {
        await driver.createCustomer(readCustomer(params));
      },
      teardown: async (params) => {
        await driver.deleteCustomer(readCustomer(params));
      },
    },

    [STATES.rateLimited]: {
      setup: async (params) => {
        const { clientId } = readParams<{ clientId: string }>(params, ['clientId']);
        await driver.startRateLimit(clientId);
      },
      teardown: async () => {
        await driver.stopRateLimit();
      },
    },
  };
}

function readCustomer(params: unknown): CustomerParams {
  return readParams<CustomerParams>(params, ['name', 'email', 'password']);
}

function readParams<T>(params: unknown, names: readonly (keyof T & string)[]): T {
  const record = (typeof params === 'object' && params !== null ? params : {}) as Record<
    string,
    unknown
  >;
  const missing = names.filter((name) => typeof record[name] !== 'string');

  if (missing.length > 0) {
    throw new Error(`provider state parameters missing or not strings: ${missing.join(', ')}`);
  }

  return record as T;
}
