import { parseArgs } from 'node:util';
import { creditAccount, grantCredits } from '../src/billing/credits.js';
import { usdToNano } from '../src/billing/money.js';
import { connectToGateway } from './gateway-connection.js';

/**
 * npm run credits -- grant --user alice --usd 5 [--reason "welcome"]
 * npm run credits -- show --user alice
 *
 * Through the running gateway's admin API on PGlite, or the database directly (gateway-connection.ts).
 */
const usage = 'usage: npm run credits -- grant --user <id> --usd <amount> [--reason <text>] | show --user <id>';

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { user: { type: 'string' }, usd: { type: 'string' }, reason: { type: 'string' } },
  });
  const [command] = positionals;
  if ((command !== 'grant' && command !== 'show') || !values.user) throw new Error(usage);
  const negative = values.usd?.trim().startsWith('-') ?? false;
  const amount = command === 'grant' ? (values.usd ? usdToNano(values.usd.trim().replace(/^-/, '')) * (negative ? -1n : 1n) : undefined) : undefined;
  if (command === 'grant' && !amount) throw new Error(`grant needs a non-zero --usd amount\n${usage}`);
  const connection = await connectToGateway();
  try {
    let account: Record<string, unknown>;
    if (connection.kind === 'http') {
      account =
        command === 'grant'
          ? await connection.call('POST', '/admin/credits/grant', { user_id: values.user, amount_nano_usd: Number(amount), reason: values.reason ?? 'grant' })
          : await connection.call('GET', `/admin/credits/${encodeURIComponent(values.user)}`);
    } else {
      const raw =
        command === 'grant'
          ? await grantCredits(connection.db, { userId: values.user, amountNanoUsd: amount!, reason: values.reason ?? 'grant', grantedBy: 'cli' })
          : await creditAccount(connection.db, values.user);
      account = { user_id: raw.userId, balance_nano_usd: raw.balanceNanoUsd, reserved_nano_usd: raw.reservedNanoUsd, unlimited: raw.unlimited };
    }
    const usd = (nano: unknown) => (Number(nano) / 1e9).toFixed(9);
    console.log(
      `${String(account.user_id)}: balance ${usd(account.balance_nano_usd)} USD, reserved ${usd(account.reserved_nano_usd)} USD${account.unlimited ? ' (unlimited: credits off)' : ''}`,
    );
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error(`credits: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
