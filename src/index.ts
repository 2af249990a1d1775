import { createTrackguard } from './app.js';

/** The Probot entry: `probot run ./dist/src/index.js`, or `npm start` (src/server.ts). */
export default createTrackguard();
