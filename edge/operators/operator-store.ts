import "./operator-codes.js";
import type { Database } from "better-sqlite3";
import { hashSecret, verifySecret } from "../../broker/credentials.js";
import { StationError } from "../core/station-error.js";
import { isOperatorRole, type Operator, type OperatorRole } from "./operator.js";

interface OperatorRow {
  id: string;
  number: string;
  name: string;
  role: string;
  pin_hash: string;
  enabled: number;
  created_at: number;
  updated_at: number;
}

const PIN = /^\d{4,12}$/;
/** Checked against when the operator is unknown, so a wrong number costs what a wrong PIN costs. */
const NOBODY_HASH = "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

function toOperator(row: OperatorRow): Operator {
  if (!isOperatorRole(row.role)) throw new Error(`operators row ${row.id} has role ${row.role}`);
  return {
    id: row.id,
    number: row.number,
    name: row.name,
    role: row.role,
    enabled: row.enabled === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function checkPin(pin: string): void {
  if (!PIN.test(pin)) {
    throw new StationError("OPERATOR_INVALID", "PIN 须为 4–12 位数字 / the PIN must be 4–12 digits");
  }
}

/**
 * The operators table. Disabling someone or changing their PIN deletes their sessions in the
 * same transaction: a sign-in never outlives the credential it was made with.
 */
export class OperatorStore {
  constructor(
    private readonly db: Database,
    private readonly now: () => number = Date.now,
  ) {}

  async add(input: { name: string; role: OperatorRole; pin: string; number?: string }): Promise<Operator> {
    const name = input.name.trim();
    if (name.length < 1 || name.length > 64) {
      throw new StationError("OPERATOR_INVALID", "姓名须为 1–64 字 / the name must be 1–64 characters");
    }
    if (!isOperatorRole(input.role)) {
      throw new StationError("OPERATOR_INVALID", `未知角色 ${String(input.role)} / unknown role`);
    }
    checkPin(input.pin);
    if (input.number !== undefined && !/^\d{1,8}$/.test(input.number)) {
      throw new StationError("OPERATOR_INVALID", "操作员编号须为 1–8 位数字 / the number must be 1–8 digits");
    }
    const pinHash = await hashSecret(input.pin);
    const at = this.now();
    return this.db
      .transaction(() => {
        const number = input.number ?? this.nextNumber();
        if (this.find(number)) {
          throw new StationError(
            "OPERATOR_EXISTS",
            `操作员编号 ${number} 已存在 / number ${number} is taken`,
            {
              number,
            },
          );
        }
        const id = `op-${number}`;
        this.db
          .prepare(
            "INSERT INTO operators (id, number, name, role, pin_hash, enabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?)",
          )
          .run(id, number, name, input.role, pinHash, at, at);
        return this.require(id);
      })
      .immediate();
  }

  list(): Operator[] {
    return this.db.prepare<[], OperatorRow>("SELECT * FROM operators ORDER BY number").all().map(toOperator);
  }

  /** By id (`op-007`) or by the number typed at the keypad (`007`). */
  find(idOrNumber: string): Operator | undefined {
    const row = this.row(idOrNumber);
    return row ? toOperator(row) : undefined;
  }

  require(idOrNumber: string): Operator {
    const found = this.find(idOrNumber);
    if (!found) {
      throw new StationError("OPERATOR_NOT_FOUND", `没有操作员 ${idOrNumber} / no operator ${idOrNumber}`, {
        operator: idOrNumber,
      });
    }
    return found;
  }

  /** Whether personal sign-in is on: once anyone is enabled, the shared kiosk PIN stops working. */
  anyEnabled(): boolean {
    return this.db.prepare("SELECT 1 FROM operators WHERE enabled = 1 LIMIT 1").get() !== undefined;
  }

  disable(idOrNumber: string): Operator {
    const { id } = this.require(idOrNumber);
    this.db
      .transaction(() => {
        this.db.prepare("UPDATE operators SET enabled = 0, updated_at = ? WHERE id = ?").run(this.now(), id);
        this.db.prepare("DELETE FROM operator_sessions WHERE operator_id = ?").run(id);
      })
      .immediate();
    return this.require(id);
  }

  /** A new PIN (also re-enables a disabled operator); every open session of theirs ends. */
  async setPin(idOrNumber: string, pin: string): Promise<Operator> {
    const { id } = this.require(idOrNumber);
    checkPin(pin);
    const pinHash = await hashSecret(pin);
    this.db
      .transaction(() => {
        this.db
          .prepare("UPDATE operators SET pin_hash = ?, enabled = 1, updated_at = ? WHERE id = ?")
          .run(pinHash, this.now(), id);
        this.db.prepare("DELETE FROM operator_sessions WHERE operator_id = ?").run(id);
      })
      .immediate();
    return this.require(id);
  }

  /** The enabled operator whose PIN this is, or undefined; costs one scrypt whoever is asked for. */
  async verifyPin(idOrNumber: string, pin: string): Promise<Operator | undefined> {
    const row = this.row(idOrNumber);
    const ok = await verifySecret(pin, row?.pin_hash ?? NOBODY_HASH);
    if (!ok || !row) return undefined;
    if (row.enabled !== 1) {
      throw new StationError("OPERATOR_DISABLED", `操作员 ${row.name} 已停用 / ${row.name} is disabled`);
    }
    return toOperator(row);
  }

  private row(idOrNumber: string): OperatorRow | undefined {
    return this.db
      .prepare<[string, string], OperatorRow>("SELECT * FROM operators WHERE id = ? OR number = ?")
      .get(idOrNumber, idOrNumber);
  }

  private nextNumber(): string {
    const max = this.db
      .prepare<[], { n: number | null }>("SELECT MAX(CAST(number AS INTEGER)) AS n FROM operators")
      .get();
    return String((max?.n ?? 0) + 1).padStart(3, "0");
  }
}
