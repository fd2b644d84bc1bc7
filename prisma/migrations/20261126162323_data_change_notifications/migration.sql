-- Every committed write to a table the API serves notifies listeners (paygraph servers), so that
-- their response caches never keep a figure that has changed, whichever process wrote it.
-- Statement-level triggers: one notice per statement; PostgreSQL delivers them at commit and
-- folds identical notices of one transaction into one.
CREATE FUNCTION paygraph_notify_data_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('paygraph_data_changed', TG_TABLE_NAME);
  RETURN NULL;
END;
$$;

DO $$
DECLARE
  served_table text;
BEGIN
  FOREACH served_table IN ARRAY ARRAY[
    'country', 'role', 'role_alias', 'market_snapshot', 'skill', 'snapshot_skill', 'certification',
    'snapshot_certification', 'premium_tier', 'advice', 'exchange_rate', 'report_template'
  ] LOOP
    EXECUTE format(
      'CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION paygraph_notify_data_changed()',
      served_table || '_changed', served_table
    );
  END LOOP;
END;
$$;
