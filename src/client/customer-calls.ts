import { bearerRequest, type Call, jsonRequest, toApiResponse } from './call.js';
import { decodeBody, expectEmptyBody } from './decode.js';
import { customerResponseSchema, customerTokenResponseSchema } from './schemas.js';
import type { TokenClient } from './types.js';

const CUSTOMER_TOKENS_PATH = '/v2/customers/tokens';
const CUSTOMERS_PATH = '/v2/customers';

type CustomerCalls = Pick<
  TokenClient,
  'customerToken' | 'createCustomer' | 'getCustomer' | 'deleteCustomer'
>;

export function createCustomerCalls(call: Call): CustomerCalls {
  return {
    async customerToken({ accessToken, email, password }) {
      const secrets = [accessToken, password];
      const data = { type: 'token', email, password, authentication_mechanism: 'password' };
      const response = await call(jsonRequest(CUSTOMER_TOKENS_PATH, accessToken, data), secrets);
      const body = decodeBody(response, customerTokenResponseSchema, secrets);

      return toApiResponse(response, body.data);
    },

    async createCustomer({ accessToken, name, email, password }) {
      const secrets = [accessToken, password];
      const data = { type: 'customer', name, email, password };
      const response = await call(jsonRequest(CUSTOMERS_PATH, accessToken, data), secrets);
      const body = decodeBody(response, customerResponseSchema, secrets);

      return toApiResponse(response, body.data);
    },

    async getCustomer({ accessToken, id, customerToken }) {
      const secrets = customerToken === undefined ? [accessToken] : [accessToken, customerToken];
      const input = bearerRequest('GET', customerPath(id), accessToken);

      if (customerToken !== undefined) {
        input.headers['x-moltin-customer-token'] = customerToken;
      }

      const response = await call(input, secrets);
      const body = decodeBody(response, customerResponseSchema, secrets);

      return toApiResponse(response, body.data);
    },

    async deleteCustomer({ accessToken, id }) {
      const secrets = [accessToken];
      const response = await call(bearerRequest('DELETE', customerPath(id), accessToken), secrets);
      expectEmptyBody(response, secrets);

      return toApiResponse(response, undefined);
    },
  };
}

function customerPath(id: string): string {
  return `${CUSTOMERS_PATH}/${encodeURIComponent(id)}`;
}
