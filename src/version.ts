/** The tool's version, shown in reports (a test checks it matches package.json). */
export const TOOL_VERSION = '0.1.0';
