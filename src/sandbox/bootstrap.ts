/**
 * The `sys` objects DSQL has and PostgreSQL lacks (`sys.jobs`, `sys.wait_for_job`), created in every sandbox
 * database. The build runs it into the database template (template.ts) and every start runs it again: it only
 * creates what is missing, so a data directory made by an older dbskills gains what a newer one added.
 */
export const BOOTSTRAP = `
CREATE SCHEMA IF NOT EXISTS sys;
CREATE TABLE IF NOT EXISTS sys.jobs (
  job_id      text PRIMARY KEY,
  status      text NOT NULL,
  details     text,
  job_type    text NOT NULL,
  object_name text,
  start_time  timestamptz NOT NULL DEFAULT now(),
  update_time timestamptz NOT NULL DEFAULT now()
);
CREATE OR REPLACE FUNCTION sys.wait_for_job(text) RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT CASE status WHEN 'completed' THEN true WHEN 'failed' THEN false END FROM sys.jobs WHERE job_id = $1 $$;
`
