/** Provider name in the pact files and on a Pact Broker. */
export const PACTICIPANT_PROVIDER = 'moltin-auth';

/**
 * Key of a PactV4 interaction comment that keeps the interaction out of verification against
 * a live API. Its value gives the reason, and `verify` prints it when it leaves the interaction
 * out.
 */
export const SANDBOX_ONLY_COMMENT = 'sandboxOnly';

/** Provider states, shared by the consumer tests and the state handlers. */
export const STATES = Object.freeze({
  /** Params `{clientId, clientSecret}`: the client exists with that secret. */
  clientRegistered: 'a client is registered',
  /** Params `{accessToken, grantType}`: the client was issued this access token. */
  accessTokenIssued: 'the client holds an access token',
  /** Params `{name, email, password}`: a customer with these details exists. */
  customerExists: 'a customer exists',
  /** Params `{clientId}`: every further token request of the client is rate limited. */
  rateLimited: 'the client has exceeded its rate limit',
});
