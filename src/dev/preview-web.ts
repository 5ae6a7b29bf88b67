// `npm run preview:web -- --host … --token …`: the real renderer in a browser, backed by the real core.
import { parsePreviewArgs, USAGE, UsageError } from './preview-cli';
import { startWebPreview } from './preview-app';

async function main(): Promise<void> {
  let options;
  try {
    options = parsePreviewArgs(process.argv.slice(2));
  } catch (error) {
    const message = error instanceof UsageError || error instanceof TypeError ? error.message : String(error);
    console.error(`${message}\n${USAGE}`);
    process.exit(2);
  }
  const preview = await startWebPreview({
    hosts: [options.host],
    ...(options.port !== undefined ? { port: options.port } : {}),
  });
  console.log(`Hubwatch preview: ${preview.server.pageUrl('popover')}`);
  console.error(`Settings page: ${preview.server.pageUrl('settings')}`);
  const stop = (): void => {
    void preview.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
