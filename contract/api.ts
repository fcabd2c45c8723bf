/**
 * Reading the generated OpenAPI types (openapi-typescript's `paths`): the JSON body of an operation's request and of
 * its success answer. An operation or body that is not there becomes `Missing`, which no seed type accepts, so a
 * check can never pass by comparing against nothing.
 */
export interface Missing {
  'the OpenAPI document has no JSON body here': never;
}

type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : Missing;

type Present<T> = [T] extends [never] ? Missing : unknown extends T ? Missing : T;

/**
 * An answer as it arrives: SmallRye marks few properties required, but the services answer every property of their
 * views, so an answer's properties (at every depth) are taken as present. Requests keep the document's optionality:
 * a property the service requires must be in the seed's body.
 */
type Answered<T> = T extends Array<infer Item>
  ? Array<Answered<Item>>
  : T extends object
    ? { [K in keyof T]-?: Answered<Exclude<T[K], undefined>> }
    : T;

/** The JSON body of the first 2xx answer (200, 201 or 202) of an operation. */
export type Answer<Operation> = Operation extends { responses: infer Responses }
  ? Responses extends { 200: infer Ok }
    ? Answered<Present<Json<Ok>>>
    : Responses extends { 201: infer Created }
      ? Answered<Present<Json<Created>>>
      : Responses extends { 202: infer Accepted }
        ? Answered<Present<Json<Accepted>>>
        : Missing
  : Missing;

/** The JSON body an operation accepts. */
export type Request<Operation> = Operation extends { requestBody?: infer Body }
  ? Present<Json<NonNullable<Body>>>
  : Missing;
