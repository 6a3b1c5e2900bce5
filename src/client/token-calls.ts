import { type Call, toApiResponse } from './call.js';
import { decodeBody } from './decode.js';
import { accessTokenSchema } from './schemas.js';
import type { AccessToken, ApiResponse, TokenClient } from './types.js';

// The token endpoint has no /v2 prefix and takes a form body for every grant.
const TOKEN_PATH = '/oauth/access_token';

type TokenCalls = Pick<TokenClient, 'clientCredentials' | 'implicit' | 'refresh'>;

export function createTokenCalls(call: Call): TokenCalls {
  const requestToken = async (
    form: Record<string, string>,
    secrets: readonly string[],
  ): Promise<ApiResponse<AccessToken>> => {
    const input = {
      method: 'POST' as const,
      path: TOKEN_PATH,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    };
    const response = await call(input, secrets);

    return toApiResponse(response, decodeBody(response, accessTokenSchema, secrets));
  };

  return {
    clientCredentials: ({ clientId, clientSecret }) =>
      requestToken(
        { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret },
        [clientSecret],
      ),

    implicit: ({ clientId }) => requestToken({ grant_type: 'implicit', client_id: clientId }, []),

    // The API takes the earlier access token as the refresh token.
    refresh: ({ clientId, clientSecret, refreshToken }) =>
      requestToken(
        {
          grant_type: 'refresh_token',
          client_id: clientId,
          client_secret: clientSecret,
          refresh_token: refreshToken,
        },
        [clientSecret, refreshToken],
      ),
  };
}
