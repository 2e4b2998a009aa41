import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { HubMappingClient } from './hub-mapping-api.js';
import { applySync, fetchGatewayMappings, formatHubList, formatSteps, planSync, type TagFilterMapping } from './hub-sync.js';
import { runWhenScript } from './hub-cli.js';

const usage = `Usage:
  npm run hub -- list [--status live|staging|error]
  npm run hub -- sync [--dry-run] [--status live|staging] [--tag-filters FILE.json] [--gateway URL] [--key ADMIN_KEY]

Environment: HF_HUB_URL (default https://huggingface.co), HF_PROVIDER_NAME (default gatewayz),
HF_TOKEN (a write token of the provider's Hub org; needed by sync), GATEWAY_URL and GATEWAY_ADMIN_KEY
(the gateway whose registry is the source of truth; flags override).`;

/** `npm run hub -- list|sync`: the provider's Hub mappings, and making them match the gateway's registry. */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env, out: (line: string) => void = console.log): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      status: { type: 'string' },
      'tag-filters': { type: 'string' },
      gateway: { type: 'string' },
      key: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  const command = positionals[0];
  if (values.help || (command !== 'list' && command !== 'sync')) {
    out(usage);
    return values.help ? 0 : 2;
  }
  const hub = new HubMappingClient({
    hubUrl: env.HF_HUB_URL || 'https://huggingface.co',
    provider: env.HF_PROVIDER_NAME || 'gatewayz',
    token: env.HF_TOKEN || undefined,
  });
  const status = values.status;
  if (command === 'list') {
    if (status && !['live', 'staging', 'error'].includes(status)) throw new Error('--status must be live, staging or error');
    out(formatHubList(await hub.list(status as 'live' | undefined)));
    return 0;
  }
  if (status && !['live', 'staging'].includes(status)) throw new Error('--status must be live or staging');
  const gatewayUrl = values.gateway ?? env.GATEWAY_URL ?? 'http://127.0.0.1:8080';
  const key = values.key ?? env.GATEWAY_ADMIN_KEY;
  if (!key) throw new Error('sync needs the gateway admin key: --key or GATEWAY_ADMIN_KEY');
  if (!values['dry-run'] && !env.HF_TOKEN) throw new Error('sync needs HF_TOKEN (a write token of the provider org); use --dry-run to only see the diff');
  const tagFilters = values['tag-filters'] ? (JSON.parse(readFileSync(values['tag-filters'], 'utf8')) as TagFilterMapping[]) : undefined;
  const steps = await planSync(hub, await fetchGatewayMappings(gatewayUrl, key), {
    ...(status ? { status: status as 'live' } : {}),
    ...(tagFilters ? { tagFilters } : {}),
  });
  out(formatSteps(steps));
  if (values['dry-run']) {
    out('dry run: nothing changed on the Hub');
    return 0;
  }
  await applySync(hub, steps);
  out(`synced ${hub.provider} on ${env.HF_HUB_URL || 'https://huggingface.co'}`);
  return 0;
}

runWhenScript(import.meta, 'hub', (argv) => main(argv));
