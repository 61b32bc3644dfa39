/**
 * An empty DuckDB database file for the lake's query connections to open READ_ONLY (DuckDB
 * cannot open an in-memory database read-only). One per process, in its own private temporary
 * directory (mode 0700, so nobody else can swap the file), created on first use and removed when
 * the process exits. It never holds anything: the `silver_job_postings` view is a TEMP view,
 * which a read-only database still allows. Not under the lake, which the dashboard may only read.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

let creating: Promise<string> | undefined;

async function create(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-query-'));
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'empty.duckdb');
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  await connection.run('CHECKPOINT');
  connection.closeSync();
  instance.closeSync();
  return file;
}

export async function emptyDatabaseFile(): Promise<string> {
  if (creating !== undefined) {
    const file = await creating.catch(() => undefined);
    // Temporary directories can be cleaned behind a long-running dashboard's back.
    if (file !== undefined && fs.existsSync(file)) return file;
  }
  creating = create();
  return creating;
}
