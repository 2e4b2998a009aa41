import { sql, type Kysely } from 'kysely';

// Frozen: a released migration is never edited; later changes get a new file.
//
// A call's credit reservation as one function call (billing/credits.ts `reserve` says what it
// guarantees): one round trip instead of the five to seven statements of a client-side
// transaction, with the same locks in the same order (the account row, then the key's spend rows
// by period). It refuses by returning what ran out and what was left, never by raising, so a
// refusal costs no error round trip; the rows it created for a first call stay (zero counters).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function reserve_credits(request_id uuid, user_id text, api_key_id uuid, day text, amount bigint,
      instance_id text, key_limit_total bigint, key_limit_daily bigint)
    returns table (refused text, available bigint)
    language plpgsql
    as $function$
    declare
      account record;
      spend record;
      key_limit bigint;
    begin
      insert into credit_accounts as a (user_id) values (reserve_credits.user_id) on conflict on constraint credit_accounts_pkey do nothing;
      select a.balance_nano_usd - a.reserved_nano_usd as available, a.unlimited into account
        from credit_accounts a where a.user_id = reserve_credits.user_id for update;
      if not account.unlimited and account.available < amount then
        return query select 'balance'::text, account.available;
        return;
      end if;
      -- A key holds the reservation in both spend counters when it has a limit, in none otherwise.
      if api_key_id is not null then
        insert into key_spend as k (api_key_id, period) values (reserve_credits.api_key_id, 'total'), (reserve_credits.api_key_id, day)
          on conflict on constraint key_spend_pk do nothing;
        for spend in
          select k.period, k.spent_nano_usd + k.reserved_nano_usd as used from key_spend k
          where k.api_key_id = reserve_credits.api_key_id and k.period in ('total', day) order by k.period for update
        loop
          key_limit := case when spend.period = 'total' then key_limit_total else key_limit_daily end;
          if key_limit is not null and key_limit - spend.used < amount then
            return query select case when spend.period = 'total' then 'key_total' else 'key_daily' end, key_limit - spend.used;
            return;
          end if;
        end loop;
        update key_spend k set reserved_nano_usd = k.reserved_nano_usd + amount
          where k.api_key_id = reserve_credits.api_key_id and k.period in ('total', day);
      end if;
      update credit_accounts a set reserved_nano_usd = a.reserved_nano_usd + amount where a.user_id = reserve_credits.user_id;
      insert into credit_reservations (request_id, user_id, api_key_id, day, amount_nano_usd, instance_id)
        values (reserve_credits.request_id, reserve_credits.user_id, reserve_credits.api_key_id, day, amount, reserve_credits.instance_id);
      return query select null::text, null::bigint;
    end
    $function$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop function reserve_credits(uuid, text, uuid, text, bigint, text, bigint, bigint)`.execute(db);
}
