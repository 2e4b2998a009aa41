import { auditLedger, type AuditReport } from '../src/billing/audit.js';
import { connectToGateway } from './gateway-connection.js';

/**
 * npm run audit: recomputes every bill (row costs from their price versions and token counts,
 * balances from grants minus settled usage, reservations), prints a summary, and exits 1 on any
 * discrepancy. Read-only: it runs against a live gateway's database without disturbing it.
 */
async function main(): Promise<void> {
  const connection = await connectToGateway();
  let report: AuditReport;
  try {
    report = connection.kind === 'http' ? ((await connection.call('GET', '/admin/audit')) as unknown as AuditReport) : await auditLedger(connection.db);
  } finally {
    await connection.close();
  }
  console.log(`audit: ${report.rowsChecked} usage rows recomputed`);
  console.log(`  cost mismatches:        ${report.costMismatches.length}`);
  console.log(`  balance mismatches:     ${report.balanceMismatches.length}`);
  console.log(`  reservation mismatches: ${report.reservationMismatches.length}`);
  console.log(`  key spend mismatches:   ${report.keySpendMismatches.length}`);
  const mismatches = [...report.costMismatches, ...report.balanceMismatches, ...report.reservationMismatches, ...report.keySpendMismatches];
  for (const mismatch of mismatches.slice(0, 20)) console.log(`    ${JSON.stringify(mismatch)}`);
  for (const provider of report.providerCosts) {
    console.log(
      `  ${provider.provider}: ${provider.rows} rows, ours ${provider.ourCostNanoUsd} nano-USD, theirs ${provider.providerCostNanoUsd}, difference ${provider.differenceNanoUsd}`,
    );
  }
  console.log(report.ok ? 'audit: every bill adds up' : 'audit: DISCREPANCIES FOUND');
  if (!report.ok) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(`audit: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
