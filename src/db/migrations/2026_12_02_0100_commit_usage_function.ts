import { sql, type Kysely } from 'kysely';

// Frozen: a released migration is never edited; later changes get a new file.
//
// The ledger's commit as one function call: usage rows (a JSON array) and the money they move.
// As one plain statement it spent 0.25 ms of its 0.37 ms planning six CTEs, on every flush; a
// PL/pgSQL function plans its statement once per connection and reuses the plan, and it is still
// one round trip and one implicit transaction (billing/credits.ts `commitUsage` says what it does).
//
// For the rows this call inserted only (ON CONFLICT DO NOTHING makes a retried flush harmless):
// each account's balance falls by its settled cost, each key's total and daily spend rise by it,
// and each call's reservation is released from the counters that hold it, exactly once (only
// reservations this call deletes are subtracted: one released by recovery is not). Counter rows
// are written in key order, so concurrent flushes of several instances lock them in one order.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function commit_usage(batch jsonb, today text) returns integer
    language plpgsql
    set plan_cache_mode = force_generic_plan
    as $function$
    declare
      inserted_rows integer;
    begin
      with inserted as (
        insert into usage (request_id, api_key_id, user_id, task, model, provider, provider_model, input_tokens, output_tokens,
          cache_read_tokens, cache_write_tokens, images, cost_nano_usd, price_id, status, http_status, latency_ms, raw_usage,
          provider_cost_nano_usd)
        select request_id, api_key_id, user_id, task, model, provider, provider_model, input_tokens, output_tokens,
          cache_read_tokens, cache_write_tokens, images, cost_nano_usd, price_id, status, http_status, latency_ms, raw_usage::jsonb,
          provider_cost_nano_usd
        from jsonb_to_recordset(batch) as row (request_id uuid, api_key_id uuid, user_id text, task text, model text,
          provider text, provider_model text, input_tokens integer, output_tokens integer, cache_read_tokens integer,
          cache_write_tokens integer, images integer, cost_nano_usd bigint, price_id bigint, status text, http_status integer,
          latency_ms integer, raw_usage text, provider_cost_nano_usd bigint)
        on conflict (request_id) do nothing
        returning request_id, user_id, api_key_id, cost_nano_usd
      ),
      released as (
        delete from credit_reservations where request_id in (select request_id from inserted)
        returning request_id, user_id, api_key_id, day, amount_nano_usd
      ),
      account_moves (user_id, spent, reserved) as (
        select user_id, -cost_nano_usd, 0::bigint from inserted where cost_nano_usd <> 0
        union all
        select user_id, 0::bigint, -amount_nano_usd from released
      ),
      accounts as (
        insert into credit_accounts (user_id, balance_nano_usd, reserved_nano_usd)
        select user_id, sum(spent)::bigint, sum(reserved)::bigint from account_moves group by user_id order by user_id
        on conflict (user_id) do update set
          balance_nano_usd = credit_accounts.balance_nano_usd + excluded.balance_nano_usd,
          reserved_nano_usd = credit_accounts.reserved_nano_usd + excluded.reserved_nano_usd,
          updated_at = now()
      ),
      key_moves (api_key_id, period, spent, reserved) as (
        select inserted.api_key_id, periods.period, inserted.cost_nano_usd, 0::bigint
        from inserted left join released using (request_id)
        cross join lateral (values ('total'), (coalesce(released.day, today))) as periods (period)
        where inserted.api_key_id is not null and inserted.cost_nano_usd <> 0
        union all
        select released.api_key_id, periods.period, 0::bigint, -released.amount_nano_usd
        from released cross join lateral (values ('total'), (released.day)) as periods (period)
        where released.api_key_id is not null
      ),
      key_counters as (
        insert into key_spend (api_key_id, period, spent_nano_usd, reserved_nano_usd)
        select api_key_id, period, sum(spent)::bigint, sum(reserved)::bigint from key_moves
        group by api_key_id, period order by api_key_id, period
        on conflict (api_key_id, period) do update set
          spent_nano_usd = key_spend.spent_nano_usd + excluded.spent_nano_usd,
          reserved_nano_usd = key_spend.reserved_nano_usd + excluded.reserved_nano_usd
      )
      select count(*) into inserted_rows from inserted;
      return inserted_rows;
    end
    $function$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop function commit_usage(jsonb, text)`.execute(db);
}
