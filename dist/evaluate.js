import { createRequire as __cdCreateRequire } from 'node:module'; const require = __cdCreateRequire(import.meta.url);
import {
  evaluate
} from "./chunks/chunk-OGIHIWFR.js";
import "./chunks/chunk-R2CE6JUH.js";
export {
  evaluate
};
