import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../db/client.ts';
import { canonical, chainHash, GENESIS, LEGACY_MAC, macProblem } from './audit.ts';
import { chainHead, readAuditCheckpoints, type StoredCheckpoint } from './checkpoints.ts';
import { auditKeys } from './keys.ts';

/** What the verifier found wrong (ADR 0010); each names where to look. */
export type AuditProblem =
  /** The chain breaks at `seq`: a row changed, went missing, or was relinked. */
  | { kind: 'chain_broken'; seq: number }
  /** A sealed row whose MAC does not hold (or a legacy row after the cut-over). */
  | { kind: 'row_mac_invalid'; seq: number }
  /** Rows the application did not write (MAC missing or wrong): refused by the sealer or pending. */
  | { kind: 'forged_rows'; count: number; ids: number[] }
  /** The newest rows are gone: a checkpoint recorded `toSeq`, the chain now ends before `fromSeq`. */
  | { kind: 'tail_cut'; fromSeq: number; toSeq: number; checkpointAt: string; file: string }
  /** The row at a checkpoint's seq is not the one it recorded: rows after `sinceSeq` were replaced. */
  | {
      kind: 'checkpoint_mismatch';
      seq: number;
      sinceSeq: number;
      checkpointAt: string;
      file: string;
    }
  /** A line of a checkpoint file that is not a checkpoint signed with this key. */
  | { kind: 'checkpoint_invalid'; file: string; line: number };

export type AuditVerification = {
  ok: boolean;
  checked: number;
  unsealed: number;
  brokenAt: number | null;
  problems: AuditProblem[];
  /** The newest checkpoint whose signature holds, if any. */
  checkpoint: StoredCheckpoint | null;
};

const MAX_IDS = 20;

/**
 * Walks the chain and recomputes every hash and every row's MAC; compares the chain with every
 * signed checkpoint in `checkpointDir` (read first: the chain only grows after that), so that a cut
 * tail or a rewritten one shows; and reports the rows the application did not write.
 */
export async function verifyAuditLog(
  db: Db,
  chainKey: Buffer,
  opts: { checkpointDir?: string } = {},
): Promise<AuditVerification> {
  const keys = auditKeys(chainKey);
  const reading = opts.checkpointDir
    ? await readAuditCheckpoints(chainKey, opts.checkpointDir)
    : { valid: [], invalid: [] };
  const problems: AuditProblem[] = reading.invalid.map((l) => ({
    kind: 'checkpoint_invalid',
    ...l,
  }));
  const bySeq = new Map<number, StoredCheckpoint[]>();
  for (const c of reading.valid) bySeq.set(c.seq, [...(bySeq.get(c.seq) ?? []), c]);

  let prev = GENESIS;
  let expectedSeq = 1;
  let checked = 0;
  let legacyOpen = true;
  let brokenAt: number | null = null;
  let lastMatched = 0;
  let mismatched = false;
  const atCheckpoints = (seq: number, hash: string) => {
    for (const c of bySeq.get(seq) ?? []) {
      if (c.hash === hash) {
        if (!mismatched) lastMatched = seq;
      } else if (!mismatched) {
        mismatched = true;
        problems.push({
          kind: 'checkpoint_mismatch',
          seq,
          sinceSeq: lastMatched,
          checkpointAt: c.at,
          file: c.file,
        });
      }
    }
  };
  atCheckpoints(0, GENESIS);
  walk: for (;;) {
    const page = await rows<{
      seq: string | number;
      prev_hash: string;
      hash: string;
      mac: string | null;
      text: string;
    }>(
      db,
      sql`select seq, prev_hash, hash, mac, ${canonical} as text from audit_log
          where seq >= ${expectedSeq} order by seq limit 5000`,
    );
    if (page.length === 0) break;
    for (const row of page) {
      const seq = Number(row.seq);
      const mac = row.mac ?? '';
      if (
        seq !== expectedSeq ||
        row.prev_hash !== prev ||
        chainHash(keys.chain, prev, seq, row.text, mac) !== row.hash
      ) {
        brokenAt = expectedSeq;
        problems.push({ kind: 'chain_broken', seq: expectedSeq });
        break walk;
      }
      if (macProblem(keys.row, row, legacyOpen)) {
        brokenAt = seq;
        problems.push({ kind: 'row_mac_invalid', seq });
        break walk;
      }
      if (mac !== LEGACY_MAC) legacyOpen = false;
      atCheckpoints(seq, row.hash);
      prev = row.hash;
      expectedSeq += 1;
      checked += 1;
    }
  }

  const checkpoint = newest(reading.valid);
  const head = await chainHead(db);
  if (checkpoint && head.seq < checkpoint.seq) {
    problems.push({
      kind: 'tail_cut',
      fromSeq: head.seq + 1,
      toSeq: checkpoint.seq,
      checkpointAt: checkpoint.at,
      file: checkpoint.file,
    });
  }
  const { unsealed, forged } = await unchainedRows(db, keys.row);
  if (forged.count > 0) problems.push({ kind: 'forged_rows', ...forged });
  return { ok: problems.length === 0, checked, unsealed, brokenAt, problems, checkpoint };
}

function newest(checkpoints: StoredCheckpoint[]): StoredCheckpoint | null {
  let best: StoredCheckpoint | null = null;
  for (const c of checkpoints)
    if (!best || c.seq > best.seq || (c.seq === best.seq && c.at > best.at)) best = c;
  return best;
}

/**
 * The rows outside the chain: those the sealer refused, and those waiting whose MAC already does not
 * hold (forged), beside the genuine ones still waiting for the sealer (unsealed).
 */
async function unchainedRows(db: Db, rowKey: Buffer) {
  const [refused] = await rows<{ n: number; ids: (string | number)[] | null }>(
    db,
    sql`select count(*)::int as n,
          (array_agg(id order by id))[1:${MAX_IDS}] as ids
        from audit_log where seal_refused is not null`,
  );
  const waiting = await rows<{ id: string | number; mac: string | null; text: string }>(
    db,
    sql`select id, mac, ${canonical} as text from audit_log
        where seq is null and seal_refused is null order by id`,
  );
  // a legacy row still waiting is the sealer's to judge (it may still open the chain)
  const pendingForged = waiting.filter((r) => macProblem(rowKey, r, true) !== null);
  const ids = [...(refused?.ids ?? []).map(Number), ...pendingForged.map((r) => Number(r.id))];
  return {
    unsealed: waiting.length - pendingForged.length,
    forged: { count: (refused?.n ?? 0) + pendingForged.length, ids: ids.slice(0, MAX_IDS) },
  };
}
