// js-cookie ships no types; tests compare our encoding with its output (it is Amplify's dependency).
declare module 'js-cookie' {
  interface JsCookieApi {
    set(name: string, value: string, attributes?: Record<string, unknown>): string | undefined;
    get(name: string): string | undefined;
  }
  const JsCookie: JsCookieApi;
  export default JsCookie;
}
