/**
 * The service's configuration: defaults, every variable checked with a bilingual message that
 * names it, API keys parsed into scopes and institutions, trustProxy only as an explicit list.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig, parseApiKeys, sha256 } from '../../src/api/config.js';
import { findKey } from '../../src/api/auth.js';
import { toIssue } from '../../src/errors/catalog.js';
import { UserError } from '../../src/errors/user-error.js';
import { secret } from './helpers.js';

const refusal = (env: Record<string, string>): { variable: string; zh: string; en: string } => {
  try {
    loadConfig({ HOME: '/nonexistent', ...env });
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    const i = toIssue((e as UserError).issues[0]!);
    expect(i.code).toBe('CONFIG_INVALID');
    return { variable: i.pointer.slice(1), zh: i.zh, en: i.en };
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
};

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({ HOME: '/home/clerk' });
    expect(c).toMatchObject({ host: '127.0.0.1', port: 8080, publicUrl: 'http://127.0.0.1:8080', poolSize: 2, trustProxy: [], apiKeys: [] });
    expect(c.dataDir).toBe('/home/clerk/.local/share/skill-eval-forms/service');
    expect(c.databaseUrl).toBe('/home/clerk/.local/share/skill-eval-forms/service/registry.sqlite');
    expect(c.bodyLimits.global).toBe(1024 * 1024);
    expect(c.bodyLimits.document).toBe(2 * 1024 * 1024);
    expect(c.timeouts).toMatchObject({ connectionMs: 10_000, requestMs: 60_000 });
  });

  it('reads every variable', () => {
    const s = secret();
    const c = loadConfig({
      SEF_HOST: '0.0.0.0', SEF_PORT: '9000', SEF_PUBLIC_URL: 'https://forms.example.cn/', SEF_DATA_DIR: '/srv/sef', SEF_DB: 'postgres://u@db/sef',
      SEF_POOL_SIZE: '4', SEF_TRUST_PROXY: '10.0.0.1, 192.168.0.0/16,::1', SEF_API_KEYS: `hr:${s}:render+issue:henan-demo+yuhua-machinery`, SEF_RATE_LIMIT_RENDER_IP: '5',
    });
    expect(c).toMatchObject({ host: '0.0.0.0', port: 9000, publicUrl: 'https://forms.example.cn', dataDir: '/srv/sef', databaseUrl: 'postgres://u@db/sef', poolSize: 4 });
    expect(c.trustProxy).toEqual(['10.0.0.1', '192.168.0.0/16', '::1']);
    expect(c.rateLimits.renderPerIp).toBe(5);
    expect(c.apiKeys).toHaveLength(1);
    expect(c.apiKeys[0]).toMatchObject({ id: 'hr', institutions: ['henan-demo', 'yuhua-machinery'] });
    expect([...c.apiKeys[0]!.scopes]).toEqual(['render', 'issue']);
    expect(JSON.stringify(c)).not.toContain(s);
  });

  it.each([
    [{ SEF_PORT: 'eighty' }, 'SEF_PORT', '应为整数'],
    [{ SEF_PORT: '70000' }, 'SEF_PORT', '65535'],
    [{ SEF_POOL_SIZE: '0' }, 'SEF_POOL_SIZE', '1 到 16'],
    [{ SEF_PUBLIC_URL: 'ftp://x' }, 'SEF_PUBLIC_URL', 'http://'],
    [{ SEF_PUBLIC_URL: 'not a url' }, 'SEF_PUBLIC_URL', '网址'],
    [{ SEF_TRUST_PROXY: 'true' }, 'SEF_TRUST_PROXY', 'CIDR'],
    [{ SEF_TRUST_PROXY: '2' }, 'SEF_TRUST_PROXY', 'CIDR'],
    [{ SEF_TRUST_PROXY: '10.0.0.0/40' }, 'SEF_TRUST_PROXY', 'CIDR'],
    [{ SEF_LOG_LEVEL: 'loud' }, 'SEF_LOG_LEVEL', 'info'],
    [{ SEF_API_KEYS: 'a:short:render:*' }, 'SEF_API_KEYS', '至少 32'],
    [{ SEF_API_KEYS: `a:${'x'.repeat(32)}:render` }, 'SEF_API_KEYS', '四段'],
    [{ SEF_API_KEYS: `a:${'x'.repeat(32)}:print:*` }, 'SEF_API_KEYS', 'print'],
    [{ SEF_API_KEYS: `a:${'x'.repeat(32)}:render:*,a:${'y'.repeat(32)}:render:*` }, 'SEF_API_KEYS', '重复'],
    [{ SEF_API_KEYS: `a:${'x'.repeat(32)}:render:*,b:${'x'.repeat(32)}:render:*` }, 'SEF_API_KEYS', '相同的密钥'],
    [{ SEF_API_KEYS: `a:${'x'.repeat(32)}:render:../etc` }, 'SEF_API_KEYS', '机构编号'],
  ])('refuses %j naming %s', (env, variable, zhPart) => {
    const r = refusal(env as Record<string, string>);
    expect(r.variable).toBe(variable);
    expect(r.zh).toContain(variable);
    expect(r.zh).toContain(zhPart);
    expect(r.en).toContain(variable);
  });
});

describe('API keys', () => {
  it('finds a key by its secret and nothing by a prefix, an extension or another secret', () => {
    const [a, b] = [secret(), secret()];
    const keys = parseApiKeys(`a:${a}:render:*,b:${b}:issue+admin:x`);
    expect(findKey(keys, a)?.id).toBe('a');
    expect(findKey(keys, b)?.id).toBe('b');
    expect(findKey(keys, a.slice(0, -1))).toBeUndefined();
    expect(findKey(keys, `${a}x`)).toBeUndefined();
    expect(findKey(keys, '')).toBeUndefined();
    expect(keys[0]!.secretSha256.equals(sha256(a))).toBe(true);
  });
});
