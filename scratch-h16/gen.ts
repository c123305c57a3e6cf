import { writeFileSync } from 'node:fs';
import { PRESETS } from '../src/engine/model/presets';
import { pytorchScript } from '../src/engine/export/pytorch/script';
for (const p of PRESETS) writeFileSync(`/tmp/h16/${p.id}.py`, pytorchScript(p.spec, { fileName: `${p.id}.py`, title: p.title }));
