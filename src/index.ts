/** The action's entry (action.yml → dist/index.js). */
import { run } from './action.js';

await run();
