/** Set by wxt.config.ts: true in `npm run build:demo` (and dev mode started by `npm start`). */
declare const __COGNITO_PASS_DEMO__: boolean;
