/** The demo pool the demo site is configured with (DESIGN.md, "Demo seed"). */
export const DEMO_POOL_ID = 'us-east-1_DemoPool0';
export const DEMO_CLIENT_ID = '3demo0public0client0000000';
export const DEMO_ENDPOINT = 'http://127.0.0.1:9230';
