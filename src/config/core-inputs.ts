/** Inputs of the pipeline itself (models, shapes, where to write). Domains declare their own. */
import { defineInputs } from './define.js';

export const coreInputs = defineInputs([
  {
    name: 'base-model',
    type: 'path',
    description:
      'Path to the BASE model (.onnx), relative to the working directory. Required unless base-command is set.',
  },
  {
    name: 'pruned-model',
    type: 'path',
    description: 'Path to the PRUNED model (.onnx). Required unless pruned-command is set.',
  },
  {
    name: 'input',
    type: 'list',
    description:
      'Concrete input shapes as NAME=D1xD2x... (one per line or comma-separated), e.g. input=1x3x224x224. Symbolic batch dims default to 1.',
    default: [],
  },
  {
    name: 'output-dir',
    type: 'path',
    description: 'Folder for report.json, report.md, emissions.csv and raw samples.',
    default: 'carbon-delta-report',
  },
  {
    name: 'config',
    type: 'path',
    description:
      'YAML config file whose keys are these input names. Default: .github/carbon-delta.yml when it exists. Explicit inputs win over the file.',
  },
  {
    name: 'onnxruntime-path',
    type: 'path',
    description:
      'Folder of a pre-installed onnxruntime-node package (air-gapped runners). Default: the action’s own, then the tool cache, then a pinned npm install.',
    scope: 'action',
  },
]);
