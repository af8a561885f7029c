import type { Queryable } from '../platform/db/database.ts';
import { queryOne } from '../platform/db/database.ts';
import type { SipTransportKind } from '../telephony/sip/sip-transport-types.ts';

export interface SipAccountRow {
  userId: string;
  extension: string;
  username: string;
  ha1Md5: string;
  ha1Sha256: string;
}

/** One registered contact of an extension (RFC 3261 10.3). */
export interface SipBindingRow {
  extension: string;
  contact: string;
  expiresAt: Date;
  callId: string;
  cseq: number;
  userAgent: string;
  transport: SipTransportKind;
  sourceAddress: string;
  sourcePort: number;
}

const accountColumns = `user_id as "userId", extension, username, ha1_md5 as "ha1Md5", ha1_sha256 as "ha1Sha256"`;
const bindingColumns = `extension, contact, expires_at as "expiresAt", call_id as "callId", cseq, user_agent as "userAgent",
  transport, source_address as "sourceAddress", source_port as "sourcePort"`;

/** The only SQL of the registrar: operators' SIP accounts and their phones' bindings. */
export function createSipAccountRepository(db: Queryable) {
  return {
    findByUsername: (username: string) =>
      queryOne<SipAccountRow>(db, `select ${accountColumns} from sip_accounts where username = $1`, [username]),
    findByExtension: (extension: string) =>
      queryOne<SipAccountRow>(db, `select ${accountColumns} from sip_accounts where extension = $1`, [extension]),
    findByUser: (userId: string) => queryOne<SipAccountRow>(db, `select ${accountColumns} from sip_accounts where user_id = $1`, [userId]),

    /** Creates or replaces a user's account; a changed extension carries its bindings along. */
    async saveAccount(tx: Queryable, account: SipAccountRow, at: Date): Promise<void> {
      await tx.query(
        `insert into sip_accounts (user_id, extension, username, ha1_md5, ha1_sha256, updated_at) values ($1, $2, $3, $4, $5, $6)
         on conflict (user_id) do update set extension = excluded.extension, username = excluded.username,
           ha1_md5 = excluded.ha1_md5, ha1_sha256 = excluded.ha1_sha256, updated_at = excluded.updated_at`,
        [account.userId, account.extension, account.username, account.ha1Md5, account.ha1Sha256, at],
      );
    },

    listLiveBindings: (now: Date) =>
      db.query<SipBindingRow>(`select ${bindingColumns} from sip_bindings where expires_at > $1 order by extension, contact`, [now]),

    /** Applies one REGISTER's changes in one transaction: removed contacts, then added or refreshed ones. */
    async applyRegister(tx: Queryable, extension: string, change: { removeAll: boolean; remove: string[]; upsert: SipBindingRow[] }, at: Date) {
      if (change.removeAll) await tx.query(`delete from sip_bindings where extension = $1`, [extension]);
      if (change.remove.length > 0) await tx.query(`delete from sip_bindings where extension = $1 and contact = any($2)`, [extension, change.remove]);
      for (const b of change.upsert) {
        await tx.query(
          `insert into sip_bindings (extension, contact, expires_at, call_id, cseq, user_agent, transport, source_address, source_port, updated_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
           on conflict (extension, contact) do update set expires_at = excluded.expires_at, call_id = excluded.call_id, cseq = excluded.cseq,
             user_agent = excluded.user_agent, transport = excluded.transport, source_address = excluded.source_address,
             source_port = excluded.source_port, updated_at = excluded.updated_at`,
          [b.extension, b.contact, b.expiresAt, b.callId, b.cseq, b.userAgent, b.transport, b.sourceAddress, b.sourcePort, at],
        );
      }
    },

    deleteExpiredBindings: (now: Date) => db.query(`delete from sip_bindings where expires_at <= $1`, [now]),
  };
}

export type SipAccountRepository = ReturnType<typeof createSipAccountRepository>;
