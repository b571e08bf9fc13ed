import { createRequire as __cdCreateRequire } from 'node:module'; const require = __cdCreateRequire(import.meta.url);
import {
  TOOL_VERSION
} from "./chunk-R2CE6JUH.js";
export {
  TOOL_VERSION
};
