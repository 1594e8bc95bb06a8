import * as fs from 'node:fs';
import * as path from 'node:path';
import { firstAuthorShort } from '../core/paperText';
import { serializeCorpus } from '../core/prebuilt';
import { column, loadCorpus, reportWarnings, UsageError, type CliCommand } from './command';

export const papersCommand: CliCommand = {
  summary: 'list every unique paper of the corpus',
  usage: 'paper-atlas papers [--json] [--seeds DIR]',
  options: { json: { type: 'boolean' } },
  run({ values }, io) {
    const corpus = loadCorpus(values);
    reportWarnings(corpus, io);
    if (values.json) {
      io.out(JSON.stringify(corpus.papers, null, 2));
      return 0;
    }
    for (const p of corpus.papers) {
      io.out(`${column(p.key, 34)} ${String(p.year ?? '    ')}  ${column(firstAuthorShort(p), 24)} ${p.title}`);
    }
    io.out(`${corpus.papers.length} papers`);
    return 0;
  },
};

export const prebuildCommand: CliCommand = {
  summary: 'parse the seeds into the compact corpus file the extension loads',
  usage: 'paper-atlas prebuild --out FILE [--seeds DIR]',
  options: { out: { type: 'string' } },
  run({ values }, io) {
    if (typeof values.out !== 'string') throw new UsageError('--out FILE is required');
    const corpus = loadCorpus(values);
    reportWarnings(corpus, io);
    fs.mkdirSync(path.dirname(path.resolve(values.out)), { recursive: true });
    fs.writeFileSync(values.out, serializeCorpus(corpus));
    io.err(`wrote ${values.out}: ${corpus.papers.length} papers, ${corpus.warnings.length} warnings`);
    return 0;
  },
};
