/** What the station knows of a person who works at it. The PIN hash never leaves the store. */
export const OPERATOR_ROLES = ["worker", "supervisor", "technician"] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

export interface Operator {
  id: string;
  /** What the worker types at the keypad instead of picking their name. */
  number: string;
  name: string;
  role: OperatorRole;
  enabled: boolean;
  createdAt: number;
  updatedAt: number;
}

export const isOperatorRole = (value: string): value is OperatorRole =>
  (OPERATOR_ROLES as readonly string[]).includes(value);

/** Supervisors and technicians may void, override and manage operators; workers may not. */
export const canSupervise = (role: OperatorRole): boolean => role !== "worker";
