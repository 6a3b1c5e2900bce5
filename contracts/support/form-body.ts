import type { MatchersV3, PactV4 } from '@pact-foundation/pact';

/** The request builder PactV4 passes to `withRequest`; the package does not export its type. */
export type V4RequestBuilder = Parameters<
  NonNullable<Parameters<ReturnType<PactV4['addInteraction']>['withRequest']>[2]>
>[0];

const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/** Form fields, each an exact value or a matcher such as `MatchersV3.regex(...)`. */
export type FormFields = Record<string, string | MatchersV3.Matcher<string>>;

/** The part of pact-core's interaction handle that sets a request body of any content type. */
interface BodyInteraction {
  withRequestBody(body: string, contentType: string): unknown;
}

/**
 * Sets a form (`application/x-www-form-urlencoded`) request body with matchers, which PactV4
 * offers no public method for: `body()` rejects the content type and `jsonBody()` forces JSON.
 * The builder's pact-core handle accepts the fields as JSON and encodes them as a form, so the
 * pact file stores a form body, keeps the matching rules, and ignores field order.
 */
export function formBody(builder: V4RequestBuilder, fields: FormFields): V4RequestBuilder {
  const interaction = interactionOf(builder);

  builder.headers({ 'Content-Type': FORM_CONTENT_TYPE });
  interaction.withRequestBody(JSON.stringify(fields), FORM_CONTENT_TYPE);

  return builder;
}

function interactionOf(builder: V4RequestBuilder): BodyInteraction {
  const interaction: unknown = Reflect.get(builder, 'interaction');

  if (
    typeof interaction !== 'object' ||
    interaction === null ||
    typeof Reflect.get(interaction, 'withRequestBody') !== 'function'
  ) {
    throw new Error(
      'formBody: the Pact request builder no longer has an `interaction` with `withRequestBody`; ' +
        'the installed @pact-foundation/pact changed its internals, ' +
        'so update contracts/support/form-body.ts',
    );
  }

  return interaction as BodyInteraction;
}
