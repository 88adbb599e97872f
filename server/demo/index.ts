/** The demo plant, built with the domain functions as a user would build it through the API. */
export { DEMO_GATEWAY_TOKEN, DEMO_PASSWORD, demoPeople, seedDemoPlant, type DemoResult } from './demo.ts';
export { DEMO_ENTERPRISE_CODE } from './plant.ts';
