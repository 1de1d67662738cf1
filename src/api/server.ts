/**
 * `npm start`: the service on one machine. Reads and checks the configuration (a bad variable:
 * a bilingual message naming it, exit 2, no stack), builds the app, listens, prints where the
 * pages and the API documentation are. On SIGINT/SIGTERM (close-with-grace) it stops accepting
 * requests, lets running renders finish for up to the shutdown delay (then exits, abandoning
 * them; puppeteer takes its Chromium children down with the process), closes the browser pool
 * and the registry.
 */
import closeWithGrace from 'close-with-grace';
import { messageFor, toIssue } from '../errors/catalog.js';
import { UserError } from '../errors/user-error.js';
import { buildApp } from './app.js';
import { loadConfig, type AppConfig } from './config.js';

const printUserError = (e: UserError): void => {
  for (const ref of e.issues) {
    const i = toIssue(ref);
    process.stderr.write(`${i.zh}\n${i.en}\n`);
  }
};

async function main(): Promise<number> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof UserError) {
      process.stderr.write('配置错误 / Configuration error:\n');
      printUserError(e);
      return 2;
    }
    throw e;
  }

  const app = await buildApp({ config });
  closeWithGrace({ delay: config.timeouts.shutdownMs, logger: { error: (m: string) => app.log.error(m) } }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'closing after an uncaught error');
    else app.log.info({ signal }, 'closing: finishing running requests, then the browser pool and the registry');
    await app.close();
  });

  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (e) {
    const reason = e instanceof Error ? ((e as NodeJS.ErrnoException).code ?? e.message) : String(e);
    const m = messageFor('SERVER_LISTEN_FAILED', { address: `${config.host}:${config.port}`, reasonZh: reason, reason });
    process.stderr.write(`${m.zh}\n${m.en}\n`);
    await app.close();
    return 1;
  }
  const base = config.publicUrl;
  process.stdout.write(
    [
      `技能人才评价文书服务已启动 / skill-eval-forms service is running`,
      `  网页 pages        ${base}/ui/`,
      `  接口文档 API docs ${base}/docs   (OpenAPI: ${base}/openapi.json)`,
      `  健康 health       ${base}/health   ${base}/ready`,
      `  API keys          ${config.apiKeys.length ? config.apiKeys.map((k) => `${k.id} (${[...k.scopes].join('+')})`).join(', ') : '— (SEF_API_KEYS unset: only checking and rendering are open)'}`,
      '',
    ].join('\n'),
  );
  return 0;
}

main().then(
  (code) => {
    if (code !== 0) process.exit(code);
  },
  (e: unknown) => {
    if (e instanceof UserError) {
      printUserError(e);
      process.exit(2);
    }
    process.stderr.write(`启动失败 / Start-up failed: ${e instanceof Error ? e.message : String(e)}\n`);
    if (process.env.SEF_DEBUG === '1' && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    process.exit(1);
  },
);
