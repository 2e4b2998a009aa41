import type { Migration } from 'kysely';
import * as createCoreTables from './2026_11_26_2200_create_core_tables.js';
import * as addRateLimits from './2026_12_01_2200_add_rate_limits.js';
import * as createCredits from './2026_12_01_2230_create_credits.js';
import * as commitUsageFunction from './2026_12_02_0100_commit_usage_function.js';
import * as reserveCreditsFunction from './2026_12_02_0200_reserve_credits_function.js';

/** Every migration, by name; names sort in the order they run. */
export const migrations: Record<string, Migration> = {
  '2026_11_26_2200_create_core_tables': createCoreTables,
  '2026_12_01_2200_add_rate_limits': addRateLimits,
  '2026_12_01_2230_create_credits': createCredits,
  '2026_12_02_0100_commit_usage_function': commitUsageFunction,
  '2026_12_02_0200_reserve_credits_function': reserveCreditsFunction,
};
