// amazon-cognito-identity-js ships no types for its lib/ files; the benchmark casts them.
declare module 'amazon-cognito-identity-js/lib/AuthenticationHelper.js' {
  const AuthenticationHelper: unknown;
  export default AuthenticationHelper;
}
declare module 'amazon-cognito-identity-js/lib/BigInteger.js' {
  const BigInteger: unknown;
  export default BigInteger;
}
