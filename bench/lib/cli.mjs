// The flags every bench script takes (--seed, --json, --markdown, --render) on top of its own, and --render
// itself: print the markdown of a saved --json run again and exit, measuring nothing.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

export async function benchFlags(own, toMarkdown) {
  const { values } = parseArgs({
    options: {
      ...own,
      seed: { type: 'string', default: '1' },
      json: { type: 'string' },
      markdown: { type: 'string' },
      render: { type: 'string' },
    },
  });
  if (values.render) {
    console.log(toMarkdown(JSON.parse(await readFile(values.render, 'utf8'))));
    process.exit(0);
  }
  return values;
}
